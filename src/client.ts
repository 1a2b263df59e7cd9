import createClient, { type Client } from "openapi-fetch";
import { operations, servers } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";
import { BctrlApiError, BctrlError } from "./errors.js";
import { buildMethods, type CallOperation, type OperationMethods } from "./methods.js";
import { type RetryOptions, resolveRetry } from "./retry.js";
import {
  type CallSettings,
  callTransport,
  type FetchLike,
  PlannedRequest,
  type TransportConfig,
} from "./transport.js";

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
  /** How long each attempt may wait for response headers, in ms. Default `60000`. */
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
export type BctrlClient = Client<paths> & OperationMethods<paths, typeof operations>;

/** The default per-attempt timeout, in ms. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** openapi-fetch's verbs; each call through them gets its own transport, like an operation method's. */
const VERBS = "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" ");

/** Reads `BCTRL_API_KEY` without importing Node modules, so the client still loads in browsers. */
function apiKeyFromEnvironment(): string | undefined {
  const runtime = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return runtime.process?.env?.BCTRL_API_KEY || undefined;
}

function positive(timeoutMs: number): number {
  if (!(timeoutMs > 0 && timeoutMs <= 2_147_483_647))
    throw new RangeError("timeoutMs must be a positive number of ms");
  return timeoutMs;
}

/** openapi-fetch's `request`, callable with the runtime strings of the generated table. */
type UntypedRequest = (
  method: string,
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A success response that says it carries JSON must carry some: an empty one is malformed, not "no data". */
function declaresJsonBody(response: Response, method: string): boolean {
  return (
    response.status !== 204 &&
    method !== "head" &&
    /\bjson\b/i.test(response.headers.get("content-type") ?? "")
  );
}

/** The server's request id, from the first of the usual headers it sent. */
function requestIdOf(response: Response): string | undefined {
  return ["x-request-id", "request-id", "x-correlation-id"]
    .map((name) => response.headers.get(name))
    .find((id) => id !== null);
}

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
  const apiKey = options.apiKey || apiKeyFromEnvironment();
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
  const { request, use } = client as unknown as { request: UntypedRequest; use: Client<paths>["use"] };
  // Middlewares may expect real `Request`s (and return them): once one is added, openapi-fetch builds those.
  let RequestClass: unknown = PlannedRequest;

  /**
   * One call through openapi-fetch. The last attempt's timeout and the caller's signal stay in force until
   * openapi-fetch has read the response body, so a body that stalls or is cut off fails the call as a timeout, an
   * abort or a BctrlNetworkError instead of hanging or escaping raw.
   */
  const invoke = async (
    method: string,
    path: string,
    init?: Record<string, unknown>,
    settings = defaults,
    operationId = `${method.toUpperCase()} ${path}`,
  ) => {
    const transport = callTransport(config, settings);
    try {
      return await request(method, path, { fetch: transport.fetch, Request: RequestClass, ...init });
    } catch (error) {
      // JSON.parse's SyntaxError quotes the start of the body, which may echo (part of) the key: never pass it on.
      if (error instanceof SyntaxError)
        throw new BctrlError(`bctrl API response from ${operationId} is not JSON`);
      throw transport.fail(error);
    } finally {
      transport.release();
    }
  };

  const call: CallOperation = async ([method, path, operationId], { body, ...params }, callOptions) => {
    const { timeoutMs, retry, idempotencyKey, signal } = callOptions;
    const settings =
      timeoutMs === undefined && retry === undefined
        ? defaults
        : {
            timeoutMs: positive(timeoutMs ?? defaults.timeoutMs),
            retry: resolveRetry(retry, defaults.retry),
          };
    const headers = idempotencyKey
      ? { ...callOptions.headers, "Idempotency-Key": idempotencyKey }
      : callOptions.headers;
    const result = await invoke(method, path, { params, body, headers, signal }, settings, operationId);
    const { response } = result;
    if (response.ok) {
      if (result.data === undefined && declaresJsonBody(response, method))
        throw new BctrlError(`bctrl API response from ${operationId} has an empty body`);
      return result.data;
    }
    const where = { operationId, method: method.toUpperCase(), path, requestId: requestIdOf(response) };
    throw new BctrlApiError({ status: response.status, body: result.error, ...where }, apiKey);
  };

  const verbs = Object.fromEntries(
    VERBS.map((verb) => [verb, (path: string, init?: Record<string, unknown>) => invoke(verb, path, init)]),
  );
  return Object.assign(client, verbs, buildMethods(operations, call), {
    request: (method: string, path: string, init?: Record<string, unknown>) => invoke(method, path, init),
    use: (...middleware: Parameters<typeof use>) => {
      RequestClass = Request;
      use(...middleware);
    },
  }) as unknown as BctrlClient;
}
