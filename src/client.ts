import createClient, { type Client } from "openapi-fetch";
import { operations, servers } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";
import { encodeBody } from "./body.js";
import {
  BctrlApiError,
  BctrlError,
  BctrlNetworkError,
  MIN_KEY_LENGTH,
  notJson,
  redactCause,
} from "./errors.js";
import { readEvents } from "./events.js";
import { buildMethods, type CallOperation, type Methods, type OperationTable } from "./methods.js";
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
   * The bctrl API key, sent as `Authorization: Bearer <apiKey>` to the configured origins only: the base URL's, those
   * of `baseUrls`, and for an operation with its own servers in the spec, theirs. Defaults to the `BCTRL_API_KEY`
   * environment variable where the runtime has a process environment (Node, Bun, Deno with access). Surrounding
   * whitespace (a trailing newline from a file) is trimmed; a key shorter than 8 characters, or with spaces or
   * control characters inside, is refused.
   */
  apiKey?: string;
  /** The API's base URL. Defaults to the spec's first server (`https://api.bctrl.ai`). */
  baseUrl?: string;
  /**
   * Replacements for the spec's other servers, by their URL as the spec gives it: an operation whose spec names its
   * own server (e.g. `https://upload.bctrl.ai`) is sent to `baseUrls[thatServer]` when set (a proxy, a mock), else to
   * that server itself. These URLs' origins receive the API key too.
   */
  baseUrls?: Readonly<Record<string, string>>;
  /**
   * The largest response body read, in bytes: a success body beyond it (or, for an event stream, a single event)
   * fails with `BctrlResponseTooLargeError` as soon as it is exceeded, while it streams. Error bodies are kept up to
   * 64 KiB. Default `DEFAULT_MAX_RESPONSE_BYTES` (64 MiB); `Infinity` turns the limit off.
   */
  maxResponseBytes?: number;
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

/** The default `maxResponseBytes`: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** openapi-fetch's verbs; a call through one gets its own transport, like an operation method's. */
const VERBS = "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" ");

function positive(timeoutMs: number): number {
  if (timeoutMs > 0 && timeoutMs < 2 ** 31) return timeoutMs;
  throw new RangeError("timeoutMs must be a positive number of ms");
}

function byteLimit(bytes: number): number {
  if (bytes > 0) return bytes;
  throw new RangeError("maxResponseBytes must be a positive number of bytes");
}

/**
 * The key as sent: trimmed once, here, so the header carries exactly the bytes redaction looks for. A key that
 * could match ordinary text, or that fetch would refuse (in an error quoting it), is refused without quoting it.
 */
function checkedKey(apiKey: string | undefined): string | undefined {
  const key = apiKey?.trim();
  if (!key) return undefined;
  if (key.length >= MIN_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key)) return key;
  throw new TypeError(
    `createBctrlClient: apiKey must be at least ${MIN_KEY_LENGTH} printable ASCII characters, without spaces`,
  );
}

const originOf = (url: string) => new URL(url).origin;

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
  return createTableClient<BctrlClient>(operations, servers, options);
}

/** Where one operation's calls go (its own server, when it has one) and the origins that may receive the key. */
interface Route {
  baseUrl?: string;
  config: TransportConfig;
}

/**
 * The client for any generated table (createBctrlClient is this on bctrl's own): methods under the table's names
 * plus the openapi-fetch verbs, sharing one transport. `TableClient` is its type, from the generated types that go
 * with the table (`Client<paths> & OperationMethods<CallOptions>`, or {@link BctrlClient}).
 */
export function createTableClient<TableClient>(
  table: OperationTable,
  documentServers: readonly string[],
  options: BctrlClientOptions = {},
): TableClient {
  const baseUrl = options.baseUrl ?? documentServers[0];
  if (baseUrl === undefined) throw new TypeError("createBctrlClient: baseUrl is required");
  // Read without importing Node modules, so the client still loads in browsers.
  const environment = (globalThis as { process?: { env?: Record<string, string> } }).process?.env;
  const apiKey = checkedKey(options.apiKey || environment?.BCTRL_API_KEY);
  const custom = options.fetch;
  const overrides = options.baseUrls ?? {};
  const config: TransportConfig = {
    send: custom ? (url, init) => custom(new Request(url, init)) : (url, init) => fetch(url, init),
    origins: [baseUrl, ...Object.values(overrides)].map(originOf),
    apiKey,
  };
  const defaults: CallSettings = {
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retry: resolveRetry(options.retry),
    maxResponseBytes: byteLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
  };
  const client = createClient({ baseUrl, headers: options.headers });
  const { request, use } = client as unknown as {
    request: UntypedRequest;
    use: (...middleware: never[]) => void;
  };
  // Middlewares may expect real `Request`s (and return them): once one is added with `use()`, or a call brings its
  // own, openapi-fetch builds those.
  let requestClass: unknown = planRequest;
  const routes = new Map<readonly string[], Route>();
  /** Where an operation with its own servers goes: the first, or its override; the key may follow to all of them. */
  const routeFor = (own: readonly string[] | undefined): Route => {
    if (!own?.length) return { config };
    let route = routes.get(own);
    if (!route) {
      const urls = own.map((server) => new URL(overrides[server] ?? server, baseUrl).href.replace(/\/$/, ""));
      route = {
        baseUrl: urls[0],
        config: { ...config, origins: [...config.origins, ...urls.map(originOf)] },
      };
      routes.set(own, route);
    }
    return route;
  };

  /** One call through openapi-fetch (the verbs, `request` and the operation methods all come here). */
  const invoke = (
    method: string,
    path: string,
    init?: object,
    settings = defaults,
    operationId?: string,
    route = config,
  ) => {
    const perCall = (init as { middleware?: unknown[] } | undefined)?.middleware?.length;
    const builds = perCall ? Request : requestClass;
    return callThrough(route, settings, operationId ?? `${method.toUpperCase()} ${path}`, (fetch) =>
      request(method, path, { fetch, Request: builds, ...init }),
    );
  };

  const call: CallOperation = async ([method, path, operationId, runtime], { body, ...params }, options) => {
    const { timeoutMs = defaults.timeoutMs, retry, idempotencyKey, signal, stream } = options;
    const { response: kind, servers: own, body: mediaType, encoding } = runtime ?? {};
    const route = routeFor(own);
    const encoded = mediaType && body !== undefined ? await encodeBody(body, mediaType, encoding) : undefined;
    const headers = {
      ...(encoded?.contentType ? { "Content-Type": encoded.contentType } : {}),
      ...options.headers,
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    };
    const settings: CallSettings = {
      timeoutMs: positive(timeoutMs),
      retry: resolveRetry(retry, defaults.retry),
      // An event stream may run for hours: the limit applies to each event instead (see readEvents).
      maxResponseBytes: kind === "events" ? Number.POSITIVE_INFINITY : defaults.maxResponseBytes,
    };
    const init = {
      params,
      body: encoded ? encoded.body : body,
      headers,
      signal,
      ...(route.baseUrl ? { baseUrl: route.baseUrl } : {}),
      ...(encoded ? { bodySerializer: (value: unknown) => value } : {}),
      ...(encoded?.once ? { duplex: "half" } : {}),
      parseAs: PARSE_AS[kind === "binary" && stream ? "stream" : (kind ?? "json")],
    };
    const result = await invoke(method, path, init, settings, operationId, route.config);
    const { response, data } = result;
    if (!response.ok) {
      const requestId = ["x-request-id", "request-id", "x-correlation-id"]
        .map((name) => response.headers.get(name))
        .find(Boolean);
      const where = { operationId, method: method.toUpperCase(), path, requestId: requestId ?? undefined };
      throw new BctrlApiError({ status: response.status, body: result.error, ...where }, apiKey);
    }
    if (kind === "events" && data) {
      const fail = (error: unknown) =>
        error instanceof BctrlError
          ? error
          : new BctrlNetworkError(`bctrl event stream from ${operationId} failed`, {
              cause: redactCause(error, apiKey),
            });
      const reading = { signal, where: operationId, text: runtime?.eventText === true, fail };
      return readEvents(data as ReadableStream<Uint8Array>, {
        ...reading,
        timeoutMs: settings.timeoutMs,
        maxEventBytes: defaults.maxResponseBytes,
      });
    }
    // openapi-fetch has no body for an empty response: for text and binary that is an empty value, not none.
    if (data === undefined && kind === "text") return "";
    if (data === undefined && kind === "binary") return stream ? new Blob().stream() : new Blob();
    // A success response that says it carries JSON must carry some: an empty one is malformed, not "no data".
    const json = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
    if (data === undefined && json && response.status !== 204 && method !== "head")
      throw notJson(operationId);
    return data;
  };

  const verbs = VERBS.map((verb) => [verb, (path: string, init?: object) => invoke(verb, path, init)]);
  return Object.assign(client, Object.fromEntries(verbs), buildMethods(table, call), {
    request: invoke,
    use: (...middleware: never[]) => {
      requestClass = Request;
      use(...middleware);
    },
  }) as unknown as TableClient;
}

/** openapi-fetch's `parseAs` for each kind of response (a binary one read as a stream when the call asks). */
const PARSE_AS = { json: "json", text: "text", binary: "blob", stream: "stream", events: "stream" } as const;
