import createClient, { type Client } from "openapi-fetch";
import { operations, servers } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";
import { BctrlApiError, notJson } from "./errors.js";
import { buildMethods, type CallOperation, type Methods } from "./methods.js";
import { type RetryOptions, resolveRetry } from "./retry.js";
import {
  type CallSettings,
  callThrough,
  type FetchLike,
  planRequest,
  type TransportConfig,
} from "./transport.js";
import type { Verbs } from "./verbs.js";

/** Options of {@link createBctrlClient}. */
export interface BctrlClientOptions {
  /**
   * The bctrl API key, sent as `Authorization: Bearer <apiKey>` to the base URL's origin only. Defaults to the
   * `BCTRL_API_KEY` environment variable where the runtime has a process environment (Node, Bun, Deno with access).
   */
  apiKey?: string;
  /** The API's base URL. Defaults to the spec's first server (`https://api.bctrl.ai`). */
  baseUrl?: string;
  /** The `fetch` to use (for proxies, tests or other runtimes). Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** How long each attempt may take, until its response body has been read, in ms. Default `60000`. */
  timeoutMs?: number;
  /** The retry policy (see {@link RetryOptions}); `false` turns retries off. */
  retry?: RetryOptions | false;
}

/**
 * A typed bctrl API client: one method per operation, grouped by resource (e.g.
 * `bctrl.spaces.runtimes.connections.create(...)`), which resolves to the response body or throws a
 * {@link BctrlApiError}; plus openapi-fetch's `GET`/`POST`/`PUT`/`PATCH`/`DELETE(path, init)` calls, which resolve to
 * `{ data, error, response }`.
 */
export interface BctrlClient extends Omit<Client<paths>, keyof Verbs>, Verbs, Methods {}

/** The default per-attempt timeout, in ms. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** openapi-fetch's verbs; a call through one gets its own transport, like an operation method's. */
const VERBS = "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" ");

function positive(timeoutMs: number): number {
  if (timeoutMs > 0 && timeoutMs < 2 ** 31) return timeoutMs;
  throw new RangeError("timeoutMs must be a positive number of ms");
}

/** openapi-fetch's `request`, callable with the runtime strings of the generated table. */
type UntypedRequest = (
  method: string,
  path: string,
  init?: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Creates a typed client for the bctrl API.
 *
 * @example
 * const bctrl = createBctrlClient({ apiKey: process.env.BCTRL_API_KEY });
 * const connection = await bctrl.spaces.runtimes.connections.create({
 *   path: { id: "space-id", runtimeId: "runtime-id" },
 *   body: { protocol: "cdp" },
 * });
 */
export function createBctrlClient(options: BctrlClientOptions = {}): BctrlClient {
  const baseUrl = options.baseUrl ?? (servers as readonly string[])[0];
  if (baseUrl === undefined) throw new TypeError("createBctrlClient: baseUrl is required");
  // Read without importing Node modules, so the client still loads in browsers.
  const environment = (globalThis as { process?: { env?: Record<string, string> } }).process?.env;
  const apiKey = options.apiKey || environment?.BCTRL_API_KEY;
  const custom = options.fetch;
  const config: TransportConfig = {
    send: custom ? (url, init) => custom(new Request(url, init)) : (url, init) => fetch(url, init),
    origin: new URL(baseUrl).origin,
    apiKey,
  };
  const defaults: CallSettings = {
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retry: resolveRetry(options.retry),
  };
  const client = createClient<paths>({ baseUrl, headers: options.headers });
  const { request, use } = client as unknown as {
    request: UntypedRequest;
    use: (...middleware: never[]) => void;
  };
  // Middlewares may expect real `Request`s (and return them): once one is added with `use()`, or a call brings its
  // own, openapi-fetch builds those.
  let requestClass: unknown = planRequest;

  /** One call through openapi-fetch (the verbs, `request` and the operation methods all come here). */
  const invoke = (method: string, path: string, init?: object, settings = defaults, operationId?: string) => {
    const perCall = (init as { middleware?: unknown[] } | undefined)?.middleware?.length;
    const builds = perCall ? Request : requestClass;
    return callThrough(config, settings, operationId ?? `${method.toUpperCase()} ${path}`, (fetch) =>
      request(method, path, { fetch, Request: builds, ...init }),
    );
  };

  const call: CallOperation = async ([method, path, operationId], { body, ...params }, options) => {
    const { timeoutMs = defaults.timeoutMs, retry, idempotencyKey, signal } = options;
    const headers = idempotencyKey
      ? { ...options.headers, "Idempotency-Key": idempotencyKey }
      : options.headers;
    const settings = { timeoutMs: positive(timeoutMs), retry: resolveRetry(retry, defaults.retry) };
    const result = await invoke(method, path, { params, body, headers, signal }, settings, operationId);
    const { response, data } = result;
    if (!response.ok) {
      const requestId = ["x-request-id", "request-id", "x-correlation-id"]
        .map((name) => response.headers.get(name))
        .find(Boolean);
      const where = { operationId, method: method.toUpperCase(), path, requestId: requestId ?? undefined };
      throw new BctrlApiError({ status: response.status, body: result.error, ...where }, apiKey);
    }
    // A success response that says it carries JSON must carry some: an empty one is malformed, not "no data".
    const json = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
    if (data === undefined && json && response.status !== 204 && method !== "head")
      throw notJson(operationId);
    return data;
  };

  const verbs = VERBS.map((verb) => [verb, (path: string, init?: object) => invoke(verb, path, init)]);
  return Object.assign(client, Object.fromEntries(verbs), buildMethods(operations, call), {
    request: invoke,
    use: (...middleware: never[]) => {
      requestClass = Request;
      use(...middleware);
    },
  }) as unknown as BctrlClient;
}
