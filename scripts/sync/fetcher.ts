/**
 * Sync, step 2: a polite HTTP client for the docs site. At most `concurrency` requests in flight, a timeout per
 * request, bounded retries with exponential backoff on 429/5xx, timeouts and network errors (honouring
 * `Retry-After`), and redirects followed only within the same origin (or its upgrade from http to https on the same
 * host): the index must not be able to send us, or whatever we send, to a site it does not own.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createLimiter, type Limiter } from "../shared/limiter.ts";
import { decodeUtf8 } from "../shared/utf8.ts";
import { hasCredentials, isHttp } from "./page-index.ts";

export interface FetchPolicy {
  /** Requests in flight at once. */
  concurrency: number;
  /** Per request, headers and body together. */
  timeoutMs: number;
  /** Further attempts after the first, for 429, 5xx, timeouts and network errors. */
  retries: number;
  /** First backoff; it doubles on each retry when the server sends no `Retry-After`. */
  backoffMs: number;
  /** The longest `Retry-After` we wait; a server asking for more fails the page instead. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** Bodies larger than this fail the page: a docs page is a few kilobytes. */
  maxBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
};

/** The text at `url` (`finalUrl` after redirects), or why it could not be fetched, as one line. */
export type FetchOutcome = { ok: true; finalUrl: string; text: string } | { ok: false; message: string };

export type Fetcher = (url: string) => Promise<FetchOutcome>;

/** One attempt's result: done (success or a permanent failure), or worth retrying. */
type Attempt = { done: FetchOutcome } | { retry: string; retryAfter: string | null };

const HEADERS = {
  accept: "text/markdown, text/plain;q=0.9, */*;q=0.1",
  "user-agent": "bctrl-api-sync (+https://www.npmjs.com/package/bctrl-api)",
};

/** Creates a fetcher whose requests share one concurrency limit. */
export function createFetcher(policy: FetchPolicy = DEFAULT_FETCH_POLICY): Fetcher {
  const limit = createLimiter(policy.concurrency);
  return async (url) => {
    for (let attempt = 0; ; attempt += 1) {
      const result = await attemptWithRedirects(url, policy, limit);
      if ("done" in result) return result.done;
      const delay = retryDelay(attempt, result.retryAfter, policy, Date.now());
      if ("giveUp" in delay) return { ok: false, message: `${result.retry}; ${delay.giveUp}` };
      await sleep(delay.waitMs);
    }
  };
}

/**
 * How long to wait before retry number `attempt + 1`, or why not to retry: `Retry-After` (seconds or an HTTP date)
 * when the server sent one, else exponential backoff.
 */
export function retryDelay(
  attempt: number,
  retryAfter: string | null,
  policy: Pick<FetchPolicy, "retries" | "backoffMs" | "maxRetryAfterMs">,
  now: number,
): { waitMs: number } | { giveUp: string } {
  if (attempt >= policy.retries) return { giveUp: `gave up after ${attempt + 1} attempts` };
  const asked = parseRetryAfter(retryAfter, now);
  if (asked === undefined) return { waitMs: policy.backoffMs * 2 ** attempt };
  if (asked > policy.maxRetryAfterMs)
    return {
      giveUp: `the server asked to retry after ${Math.ceil(asked / 1000)}s, more than the ${Math.ceil(
        policy.maxRetryAfterMs / 1000,
      )}s limit`,
    };
  return { waitMs: asked };
}

/** `Retry-After` in milliseconds from `now`, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether a redirect from `from` to `to` stays with the same site. */
export function isAllowedRedirect(from: URL, to: URL): boolean {
  if (!isHttp(to) || hasCredentials(to)) return false;
  if (to.origin === from.origin) return true;
  return from.protocol === "http:" && to.protocol === "https:" && to.hostname === from.hostname;
}

async function attemptWithRedirects(url: string, policy: FetchPolicy, limit: Limiter): Promise<Attempt> {
  let current = new URL(url);
  if (!isHttp(current)) return { done: { ok: false, message: `not an http(s) URL: ${url}` } };
  for (let hop = 0; hop <= policy.maxRedirects; hop += 1) {
    const step = await limit(() => requestOnce(current, policy));
    if (!("redirect" in step)) return step;
    const target = new URL(step.redirect, current);
    if (!isAllowedRedirect(current, target))
      return { done: { ok: false, message: `redirected to another site (${target.href}); not followed` } };
    current = target;
  }
  return { done: { ok: false, message: `more than ${policy.maxRedirects} redirects` } };
}

/** One HTTP request, without following redirects. */
async function requestOnce(url: URL, policy: FetchPolicy): Promise<Attempt | { redirect: string }> {
  try {
    const response = await fetch(url, {
      headers: HEADERS,
      redirect: "manual",
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    return await readResponse(url, response, policy);
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError")
      return { retry: `timed out after ${policy.timeoutMs}ms`, retryAfter: null };
    return { retry: `request failed: ${describeNetworkError(error)}`, retryAfter: null };
  }
}

async function readResponse(
  url: URL,
  response: Response,
  policy: FetchPolicy,
): Promise<Attempt | { redirect: string }> {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location !== null) {
    await response.body?.cancel();
    return { redirect: location };
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    return { retry: status, retryAfter: response.headers.get("retry-after") };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { done: { ok: false, message: status } };
  }
  const tooLarge = { done: { ok: false, message: overLimit(policy.maxBytes) } } as const;
  // Content-Length counts the bytes on the wire; a compressed body can still decode to far more, hence the stream cap.
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > policy.maxBytes) {
    await response.body?.cancel();
    return tooLarge;
  }
  const bytes = await readCapped(response, policy.maxBytes);
  if (bytes === undefined) return tooLarge;
  const decoded = decodeUtf8(bytes);
  if (!("text" in decoded))
    return { done: { ok: false, message: `the page is not valid UTF-8 (byte ${decoded.invalidAt})` } };
  return { done: { ok: true, finalUrl: url.href, text: decoded.text } };
}

/** Why a body was refused for its size, naming the limit and the policy field that sets it. */
function overLimit(maxBytes: number): string {
  return `larger than the ${maxBytes}-byte limit for one page (maxBytes), decompressed; not read further`;
}

/**
 * The decompressed body, read chunk by chunk and abandoned as soon as it passes `maxBytes` (undefined then), so a
 * small compressed body that inflates to gigabytes never holds more than the limit in memory.
 */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks, total);
}

/** Undici wraps the useful part (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error)
    return "code" in cause ? `${String(cause.code)} (${cause.message})` : cause.message;
  return error.message;
}
