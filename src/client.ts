import createClient, { type Client } from "openapi-fetch";
import { operations, servers } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";
import { BctrlApiError, BctrlError, redactCause } from "./errors.js";
import { buildMethods, type CallOperation, type OperationMethods } from "./methods.js";
import { type RetryOptions, resolveRetry } from "./retry.js";
import { createTransport, type FetchLike, type TransportConfig } from "./transport.js";

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

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];

/** Reads `BCTRL_API_KEY` without importing Node modules, so the client still loads in browsers. */
function apiKeyFromEnvironment(): string | undefined {
  const runtime = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return runtime.process?.env?.BCTRL_API_KEY || undefined;
}

function positive(name: string, value: number): number {
  if (!(value > 0 && value <= 2_147_483_647)) throw new RangeError(`${name} must be a positive number of ms`);
  return value;
}

/** openapi-fetch's `request`, callable with the runtime strings of the generated table. */
type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A success response that says it carries JSON must carry some: an empty one is malformed, not "no data". */
function declaresJsonBody(response: Response, method: string): boolean {
  if (response.status === 204 || method.toUpperCase() === "HEAD") return false;
  return /\bjson\b/i.test(response.headers.get("content-type") ?? "");
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
  if (baseUrl === undefined)
    throw new TypeError("createBctrlClient: baseUrl is required (the spec lists no servers)");
  const apiKey = options.apiKey || apiKeyFromEnvironment();
  const config: TransportConfig = {
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    origin: new URL(baseUrl).origin,
    apiKey,
    timeoutMs: positive("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retry: resolveRetry(options.retry),
  };
  const client = createClient<paths>({
    baseUrl,
    fetch: createTransport(config),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const request = client.request as unknown as UntypedRequest;

  const call: CallOperation = async ([method, path, operationId], input, callOptions) => {
    const { body, ...params } = input;
    const transport = createTransport({
      ...config,
      timeoutMs: positive("timeoutMs", callOptions.timeoutMs ?? config.timeoutMs),
      retry: resolveRetry(callOptions.retry, config.retry),
    });
    const headers = {
      ...callOptions.headers,
      ...(callOptions.idempotencyKey ? { "Idempotency-Key": callOptions.idempotencyKey } : {}),
    };
    const init = { params, body, headers, signal: callOptions.signal, fetch: transport };
    const result = await request(method, path, init).catch((error: unknown) => {
      // JSON.parse's SyntaxError quotes the start of the body, which may echo (part of) the key: never pass it on.
      if (error instanceof SyntaxError)
        throw new BctrlError(`bctrl API response from ${operationId} is not JSON`);
      throw redactCause(error, apiKey);
    });
    if (result.response.ok) {
      if (result.data === undefined && declaresJsonBody(result.response, method))
        throw new BctrlError(`bctrl API response from ${operationId} has an empty body`);
      return result.data;
    }
    const requestId = REQUEST_ID_HEADERS.map((name) => result.response.headers.get(name)).find(
      (id) => id !== null,
    );
    const status = result.response.status;
    const where = { operationId, method: method.toUpperCase(), path, ...(requestId ? { requestId } : {}) };
    throw new BctrlApiError({ status, body: result.error, ...where }, apiKey);
  };

  return Object.assign(client, buildMethods(operations, call)) as unknown as BctrlClient;
}
