/**
 * The `fetch` the client hands to openapi-fetch for each call: it adds the API key for the configured origins only,
 * follows redirects itself (so the key never follows one to another origin), bounds each attempt by a timeout that
 * lasts until the response body has been read, bounds the body's size while it streams, retries by the policy, and
 * turns failures into
 * {@link BctrlNetworkError} / {@link BctrlTimeoutError}.
 */
import {
  BctrlError,
  BctrlNetworkError,
  BctrlResponseTooLargeError,
  BctrlTimeoutError,
  notJson,
  redactCause,
} from "./errors.js";
import { isRetryable, type RetryPolicy, retryDelay } from "./retry.js";

/** A `fetch` as the client's `fetch` option takes it. */
export type FetchLike = (input: Request) => Promise<Response>;

/** What the client's calls share; the API key lives only here, in a closure. */
export interface TransportConfig {
  /** Sends one HTTP request. */
  send: (url: string, init: RequestInit) => Promise<Response>;
  /** The origins the client was configured for (and, per call, the operation's own servers'): only they get the key. */
  origins: readonly string[];
  apiKey: string | undefined;
}

/** What may differ per call. */
export interface CallSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  /** The largest success body read, in bytes; larger ones fail with {@link BctrlResponseTooLargeError}. */
  maxResponseBytes: number;
}

/** How much of an error response's body is kept (the rest is not read). */
export const ERROR_BODY_BYTES = 64 * 1024;

/** A request as openapi-fetch plans it: the init it would give `new Request`, and the URL. */
export type PlannedRequest = RequestInit & { url: string; method: string; headers: Headers };

/**
 * openapi-fetch's `Request` option (it calls it with `new`): keeps the URL and init rather than building a `Request`,
 * which `fetch` would copy into another one, so each hop is exactly one `fetch(url, init)`.
 */
export function planRequest(url: string, init: RequestInit): PlannedRequest {
  const planned = init as PlannedRequest;
  planned.url = url;
  return planned;
}

/** openapi-fetch's `fetch`, as the client gives it for one call. */
export type CallFetch = (input: PlannedRequest | Request) => Promise<Response>;

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** A `Request` an openapi-fetch middleware built, as a planned one. */
async function fromRequest(request: Request): Promise<PlannedRequest> {
  const { url, method, headers, signal } = request;
  return {
    url,
    method,
    signal,
    headers: new Headers(headers),
    body: request.body && (await request.arrayBuffer()),
  };
}

/** Whether `url` is on one of `origins` (the prefix test spares parsing the usual URL). */
function onOrigin(url: string, origins: readonly string[]): boolean {
  return origins.some((origin) => url.startsWith(`${origin}/`)) || origins.includes(new URL(url).origin);
}

/**
 * `response` with its body cut at `limit` bytes as it streams: past it the body fails with the limit named, or, for
 * an error response (`truncate`), simply ends. A body whose unencoded length is declared within the limit is passed
 * through untouched; one declared past it is not read at all.
 */
export function limitBody(response: Response, limit: number, truncate: boolean): Response {
  const { body, headers } = response;
  const declared = headers.get("content-encoding") ? null : headers.get("content-length");
  if (!body || limit === Number.POSITIVE_INFINITY || (declared !== null && Number(declared) <= limit))
    return response;
  if (declared !== null && !truncate) {
    body.cancel().catch(() => {});
    throw new BctrlResponseTooLargeError(limit);
  }
  let seen = 0;
  const cut = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const room = limit - seen;
      seen += chunk.byteLength;
      if (seen <= limit) return controller.enqueue(chunk);
      if (!truncate) return controller.error(new BctrlResponseTooLargeError(limit));
      controller.enqueue(chunk.subarray(0, room));
      controller.terminate();
    },
  });
  const limited = new Response(body.pipeThrough(cut), response);
  Object.defineProperty(limited, "url", { value: response.url });
  return limited;
}

/**
 * Sends one attempt, following redirects by hand: a hop carries `authorization` only to the configured origins; a 303, or a 301/302 after POST, turns the request into a GET without body.
 */
async function follow(
  request: PlannedRequest,
  authorization: string | null,
  signal: AbortSignal,
  { send, origins }: TransportConfig,
): Promise<Response> {
  let { url } = request;
  // Own headers per attempt: the planned request's Headers is the object openapi-fetch hands per-call middleware.
  let init: PlannedRequest = {
    ...request,
    redirect: "manual",
    signal,
    headers: new Headers(request.headers),
  };
  for (let hop = 0; ; hop++) {
    const { headers, method } = init;
    if (authorization && onOrigin(url, origins)) headers.set("authorization", authorization);
    else headers.delete("authorization");
    const response = await send(url, init);
    if (response.type === "opaqueredirect") throw new BctrlNetworkError("cannot follow an opaque redirect");
    const { status } = response;
    const location = REDIRECT_STATUSES.includes(status) && response.headers.get("location");
    if (!location) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new BctrlNetworkError("too many redirects");
    url = new URL(location, url).href;
    if (status === 303 ? method !== "HEAD" : status < 303 && method === "POST") {
      init = { ...init, method: "GET", body: null, headers: new Headers(headers) };
      init.headers.delete("content-type");
    }
  }
}

/**
 * Makes one call: `run` starts it through openapi-fetch with the `fetch` made here, which sends each attempt under a
 * fresh timeout (the caller's signal aborts it with the caller's reason), retries by the policy and waits between
 * attempts. The last attempt's timeout and the caller's signal stay in force until `run` has read the response body,
 * so a body that stalls or is cut off fails the call as a timeout, an abort or a BctrlNetworkError instead of hanging
 * or escaping raw; when the request may still be retried, such a failure runs the call again, under the same policy
 * and attempt count (a verb called with `parseAs: "stream"` hands the body over unread: reading it is then the
 * caller's, outside the timeout and the retries, though the caller's signal still ends it). `where` names the call
 * in the error for a body that is not JSON.
 */
export async function callThrough<T>(
  config: TransportConfig,
  { timeoutMs, retry: policy, maxResponseBytes }: CallSettings,
  where: string,
  run: (fetch: CallFetch) => Promise<T>,
): Promise<T> {
  let request: PlannedRequest | undefined;
  let controller: AbortController | undefined;
  // Ends the current attempt's timer and, unless `keepListener`, its link to the caller's signal.
  let release = (_keepListener?: boolean) => {};
  let response: Response | undefined;
  // Shared by every run of `run`, so a retry after a failed body read counts against the same policy.
  let retries = 0;
  let delay = 0;
  const mayRetry = () =>
    request !== undefined &&
    retries < policy.maxRetries &&
    !(request.body instanceof ReadableStream) &&
    isRetryable(request.method, request.headers, policy);

  const fetch: CallFetch = async (input) => {
    const planned = input instanceof Request ? await fromRequest(input) : input;
    request = planned;
    const { signal, headers } = planned;
    const authorization = config.apiKey ? `Bearer ${config.apiKey}` : headers.get("authorization");
    for (; ; retries++) {
      release();
      signal?.throwIfAborted();
      const attempt = new AbortController();
      controller = attempt;
      const onAbort = () => attempt.abort(signal?.reason);
      let timer: ReturnType<typeof setTimeout> | undefined;
      signal?.addEventListener("abort", onAbort);
      release = (keepListener) => {
        clearTimeout(timer);
        if (!keepListener) signal?.removeEventListener("abort", onAbort);
      };
      response = undefined;
      try {
        if (delay) await wait(delay, attempt.signal);
        timer = setTimeout(() => attempt.abort(new BctrlTimeoutError(timeoutMs)), timeoutMs);
        response = await follow(planned, authorization, attempt.signal, config);
      } catch (error) {
        const failure = fail(error);
        if (!(failure instanceof BctrlNetworkError && mayRetry())) throw failure;
      }
      if (response && !(policy.statuses.includes(response.status) && mayRetry())) {
        response = response.ok
          ? limitBody(response, maxResponseBytes, false)
          : limitBody(response, Math.min(ERROR_BODY_BYTES, maxResponseBytes), true);
        return response;
      }
      await response?.body?.cancel();
      delay = retryDelay(retries, response, policy, Math.random(), Date.now());
    }
  };

  const fail = (error: unknown): unknown => {
    // JSON.parse's SyntaxError quotes the start of the body, which may echo (part of) the key: never pass it on.
    if (error instanceof SyntaxError) return notJson(where);
    for (const signal of [request?.signal, controller?.signal]) if (signal?.aborted) return signal.reason;
    const cause = redactCause(error, config.apiKey);
    return !request || error instanceof BctrlError
      ? cause
      : new BctrlNetworkError(`bctrl request failed: ${request.method} ${new URL(request.url).pathname}`, {
          cause,
        });
  };

  for (;;) {
    try {
      return await run(fetch);
    } catch (error) {
      const failure = fail(error);
      // The same test as an attempt's: a failure the attempt loop gave up on (retries spent, method not retryable)
      // fails it here too; only one after the headers (the body read) gets another run.
      if (!(failure instanceof BctrlNetworkError && mayRetry() && !request?.signal?.aborted)) throw failure;
      delay = retryDelay(retries, undefined, policy, Math.random(), Date.now());
      retries++;
    } finally {
      // A body handed over unread (`parseAs: "stream"`) stays under the caller's signal; only the timer ends.
      release(response?.body != null && !response.bodyUsed);
    }
  }
}
