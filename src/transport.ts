/**
 * The `fetch` the client hands to openapi-fetch for each call: it adds the API key for the base URL's origin only,
 * follows redirects itself (so the key never follows one to another origin), bounds each attempt by a timeout that
 * lasts until the response body has been read, retries by the policy, and turns failures into
 * {@link BctrlNetworkError} / {@link BctrlTimeoutError}.
 */
import { BctrlError, BctrlNetworkError, BctrlTimeoutError, redactCause } from "./errors.js";
import { isRetryable, type RetryPolicy, retryDelay } from "./retry.js";

/** A `fetch` as the client's `fetch` option takes it. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Sends one HTTP request: one `fetch(url, init)`. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/** What the client's calls share; the API key lives only here, in a closure. */
export interface TransportConfig {
  send: Send;
  /** The base URL's origin: the only one that receives `Authorization`. */
  origin: string;
  apiKey: string | undefined;
}

/** What may differ per call. */
export interface CallSettings {
  timeoutMs: number;
  retry: RetryPolicy;
}

/**
 * What openapi-fetch builds in place of a `Request` (its `Request` option): the URL and init as given. A real
 * `Request` here would be copied into another one by `fetch`; this way each hop is exactly one `fetch(url, init)`.
 */
export class PlannedRequest {
  readonly method: string;
  readonly headers: Headers;
  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? "GET";
    this.headers = init.headers as Headers;
  }
}

/** One call's transport: openapi-fetch's `fetch` for that call, and what the call's wrapper needs afterwards. */
export interface CallTransport {
  fetch(input: PlannedRequest | Request): Promise<Response>;
  /** What the caller sees for `error`: its own abort reason, the timeout, a BctrlError or a BctrlNetworkError. */
  fail(error: unknown): unknown;
  /** Ends the last attempt (its timer and abort listener); call it once the response body has been read. */
  release(): void;
}

const MAX_REDIRECTS = 20;

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Whether `url` is on `origin`; the prefix test spares parsing the usual URL, which starts with the base URL. */
function isOn(origin: string, url: string): boolean {
  return url.startsWith(`${origin}/`) || new URL(url).origin === origin;
}

/** A `Request` someone else built (an openapi-fetch middleware's), as a planned one. */
async function plan(request: Request): Promise<PlannedRequest> {
  const { url, method, headers, body, signal } = request;
  const init = { method, headers: new Headers(headers), signal };
  return new PlannedRequest(url, body ? { ...init, body: await request.arrayBuffer() } : init);
}

/**
 * Sends one attempt, following redirects by hand: each hop carries `authorization` only when it goes to the base
 * origin; a 303 (or a 301/302 after POST) turns the request into a GET without body.
 */
async function follow(
  request: PlannedRequest,
  authorization: string | null,
  signal: AbortSignal,
  config: TransportConfig,
): Promise<Response> {
  let url = request.url;
  let init: RequestInit = { ...request.init, redirect: "manual", signal };
  for (let hop = 0; ; hop++) {
    const headers = init.headers as Headers;
    if (authorization && isOn(config.origin, url)) headers.set("authorization", authorization);
    else headers.delete("authorization");
    const response = await config.send(url, init);
    if (response.type === "opaqueredirect") throw new BctrlNetworkError("cannot follow an opaque redirect");
    const { status } = response;
    const location = [301, 302, 303, 307, 308].includes(status) && response.headers.get("location");
    if (!location) return response;
    if (hop === MAX_REDIRECTS) throw new BctrlNetworkError(`more than ${MAX_REDIRECTS} redirects`);
    await response.body?.cancel();
    url = new URL(location, url).href;
    if (status === 303 ? init.method !== "HEAD" : status < 303 && init.method === "POST") {
      const get = new Headers(headers);
      get.delete("content-type");
      init = { ...init, method: "GET", body: null, headers: get };
    }
  }
}

/** The transport of one call. */
export function callTransport(config: TransportConfig, settings: CallSettings): CallTransport {
  let request: PlannedRequest | undefined;
  let controller: AbortController | undefined;
  let release = () => {};

  const fail = (error: unknown): unknown => {
    const signal = request?.init.signal;
    if (signal?.aborted) return signal.reason;
    if (controller?.signal.aborted) return controller.signal.reason;
    const cause = redactCause(error, config.apiKey);
    if (!request || error instanceof BctrlError) return cause;
    const where = `${request.method} ${new URL(request.url).pathname}`;
    return new BctrlNetworkError(`bctrl request failed: ${where}`, { cause });
  };

  /** Starts an attempt under a fresh timeout; the caller's abort reaches it with the caller's reason. */
  const attempt = (planned: PlannedRequest, authorization: string | null): Promise<Response> => {
    const { signal } = planned.init;
    signal?.throwIfAborted();
    const current = new AbortController();
    controller = current;
    const { timeoutMs } = settings;
    const timer = setTimeout(() => current.abort(new BctrlTimeoutError(timeoutMs)), timeoutMs);
    const onAbort = () => current.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort);
    release = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    return follow(planned, authorization, current.signal, config);
  };

  const fetch = async (input: PlannedRequest | Request): Promise<Response> => {
    const planned = input instanceof PlannedRequest ? input : await plan(input);
    request = planned;
    const { retry: policy } = settings;
    const authorization = config.apiKey ? `Bearer ${config.apiKey}` : planned.headers.get("authorization");
    const mayRetry = (retry: number) =>
      retry < policy.maxRetries && isRetryable(planned.method, planned.headers, policy);
    for (let retry = 0; ; retry++) {
      let response: Response | undefined;
      try {
        response = await attempt(planned, authorization);
      } catch (error) {
        const failure = fail(error);
        if (!(failure instanceof BctrlNetworkError && mayRetry(retry))) throw failure;
      }
      if (response && !(policy.statuses.includes(response.status) && mayRetry(retry))) return response;
      await response?.body?.cancel();
      release();
      await sleep(retryDelay(retry, response, policy, Math.random(), Date.now()), planned.init.signal);
    }
  };

  return { fetch, fail, release: () => release() };
}
