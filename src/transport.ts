/**
 * The `fetch` the client hands to openapi-fetch: it adds the API key for the base URL's origin only, follows
 * redirects itself (so the key never follows one to another origin), bounds each attempt by a timeout, retries by
 * the policy, and turns failures into {@link BctrlNetworkError} / {@link BctrlTimeoutError}.
 */
import { BctrlNetworkError, BctrlTimeoutError, redactCause } from "./errors.js";
import { isRetryable, type RetryPolicy, retryDelay } from "./retry.js";

/** A `fetch` as openapi-fetch calls it. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Everything a transport needs; the API key lives only here, in a closure. */
export interface TransportConfig {
  fetch: FetchLike;
  /** The base URL's origin: the only one that receives `Authorization`. */
  origin: string;
  apiKey: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
}

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The request's headers for `url`: `Authorization` only when `url` is on the base origin. */
function headersFor(url: string, request: Request, config: TransportConfig): Headers {
  const headers = new Headers(request.headers);
  if (new URL(url).origin !== config.origin) headers.delete("authorization");
  else if (config.apiKey) headers.set("authorization", `Bearer ${config.apiKey}`);
  return headers;
}

/** Sends one attempt, following redirects by hand so each hop gets the headers its own origin may see. */
async function sendFollowingRedirects(
  request: Request,
  body: ArrayBuffer | undefined,
  signal: AbortSignal,
  config: TransportConfig,
): Promise<Response> {
  let url = request.url;
  let method = request.method;
  let payload = body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers = headersFor(url, request, config);
    if (payload === undefined) headers.delete("content-type");
    const init: RequestInit = {
      method,
      headers,
      signal,
      redirect: "manual",
      credentials: request.credentials,
    };
    const response = await config.fetch(
      new Request(url, payload === undefined ? init : { ...init, body: payload }),
    );
    if (response.type === "opaqueredirect") {
      throw new BctrlNetworkError(
        "the server redirected and this runtime hides where to, so the client cannot follow",
      );
    }
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel();
    url = new URL(location, url).href;
    const becomesGet =
      response.status === 303 ? method !== "HEAD" : response.status <= 302 && method === "POST";
    if (becomesGet) [method, payload] = ["GET", undefined];
  }
  throw new BctrlNetworkError(`more than ${MAX_REDIRECTS} redirects`);
}

/** One attempt under the per-attempt timeout; the caller's abort passes through as its own reason. */
async function attempt(
  request: Request,
  body: ArrayBuffer | undefined,
  config: TransportConfig,
): Promise<Response> {
  const controller = new AbortController();
  const timeout = new BctrlTimeoutError(config.timeoutMs);
  const onAbort = () => controller.abort(request.signal.reason);
  request.signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeout), config.timeoutMs);
  try {
    const response = await sendFollowingRedirects(request, body, controller.signal, config);
    return await buffered(response);
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason;
    if (controller.signal.aborted) throw timeout;
    if (error instanceof BctrlNetworkError) throw error;
    const cause = redactCause(error, config.apiKey);
    throw new BctrlNetworkError(`bctrl request failed: ${request.method} ${new URL(request.url).pathname}`, {
      cause,
    });
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onAbort);
  }
}

/** Statuses whose responses may not carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Reads the whole body while the attempt's timeout and the caller's signal still apply, so a body that stalls or is
 * cut off fails this attempt (as a timeout, an abort or a network error) instead of hanging or escaping raw later.
 */
async function buffered(response: Response): Promise<Response> {
  const content = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  const { status, statusText, headers } = response;
  return new Response(content, { status, statusText, headers });
}

/** Builds the transport: a `fetch` that applies auth, redirects, timeouts and retries. */
export function createTransport(config: TransportConfig): FetchLike {
  return async (request) => {
    if (request.signal.aborted) throw request.signal.reason;
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const retryable = isRetryable(request, config.retry);
    for (let retry = 0; ; retry++) {
      const canRetry = retryable && retry < config.retry.maxRetries;
      let response: Response | undefined;
      try {
        response = await attempt(request, body, config);
      } catch (error) {
        if (!canRetry || !(error instanceof BctrlNetworkError)) throw error;
      }
      if (response && (!canRetry || !config.retry.statuses.includes(response.status))) return response;
      await response?.body?.cancel();
      await sleep(retryDelay(retry, response, config.retry, Math.random(), Date.now()), request.signal);
    }
  };
}
