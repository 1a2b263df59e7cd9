/**
 * Operation methods: the generated table (`[method, path, operationId]` leaves under human names) becomes a tree of
 * async functions. Their types come from openapi-typescript's `paths` through openapi-fetch's own helpers, so the
 * table carries no types and a method's argument is exactly what openapi-fetch would accept.
 */
import type { FetchResponse, RequestBodyOption } from "openapi-fetch";
import type { ServerSentEvent } from "./events.js";
import type { RetryOptions } from "./retry.js";

/** An operation method's second, optional argument: per-call settings. */
export interface CallOptions {
  /** Aborts the call (including retries and backoff waits). */
  signal?: AbortSignal;
  /** Headers for this call only. */
  headers?: Record<string, string>;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Overrides the client's retry policy for this call (`false`: no retries). */
  retry?: RetryOptions | false;
  /**
   * Sent as the `Idempotency-Key` header; it makes a POST or PATCH safe to retry, so the retry policy applies to it.
   */
  idempotencyKey?: string;
  /** For an operation that returns binary data: resolve to the body as a stream instead of a `Blob`. */
  stream?: boolean;
}

/** The HTTP methods an operation may use, lower case as in `paths`. */
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** What kind of value an operation resolves to; see `OperationRuntime`. */
export type ResponseKind = "json" | "binary" | "text" | "events";

/** The runtime facts of one operation, as the generator writes them (fields equal to the defaults left out). */
export interface OperationRuntime {
  /** `json`: the parsed body; `binary`: a `Blob`; `text`: a `string`; `events`: an async iterable of events. */
  readonly response: ResponseKind;
  /** The operation's own servers, when the spec gives it others than the document's. */
  readonly servers?: readonly string[];
  /** The request body's media type, when it is not JSON. */
  readonly body?: string;
  /** Multipart parts' media types, by field name. */
  readonly encoding?: Readonly<Record<string, string>>;
  /** Event data is text, not JSON. */
  readonly eventText?: true;
}

/** One generated leaf: `[method, path, operationId, runtime]`. */
export type OperationLeaf = readonly [
  method: string,
  path: string,
  operationId: string,
  runtime?: OperationRuntime,
];

/** A generated table: namespaces of leaves. */
export interface OperationTable {
  readonly [name: string]: OperationLeaf | OperationTable;
}

type DefinedKeys<T> = { [K in keyof T]-?: [Exclude<T[K], undefined>] extends [never] ? never : K }[keyof T];

/** The operation's `parameters` (`path`, `query`, `header`, `cookie`) without the kinds it has none of. */
type ParametersOf<Op> = Op extends { parameters: infer P } ? Pick<P, DefinedKeys<P>> : unknown;

/** The one argument of an operation method: path, query, header and cookie parameters, and the request body. */
export type OperationInput<Op> = ParametersOf<Op> & Omit<RequestBodyOption<Op>, never>;

/** What an operation method resolves to: the typed body of its success response. */
export type OperationOutput<Op> = Extract<
  FetchResponse<Op & Record<string | number, unknown>, object, `${string}/${string}`>,
  { data: unknown }
>["data"];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | "2XX";

/** The schema of an operation's `text/event-stream` success response: what each event's `data` holds. */
export type EventData<Op> = Op extends { responses: infer R }
  ? {
      [C in keyof R]: C extends SuccessStatus
        ? R[C] extends { content: { "text/event-stream": infer D } }
          ? D
          : never
        : never;
    }[keyof R]
  : never;

/** What a method resolves to for its kind of response (a binary one as a stream when the call asks for one). */
export type OperationResult<Op, Kind extends ResponseKind, Options> = Kind extends "binary"
  ? Options extends { stream: true }
    ? ReadableStream<Uint8Array>
    : Blob
  : Kind extends "text"
    ? string
    : Kind extends "events"
      ? AsyncIterable<ServerSentEvent<EventData<Op>>>
      : OperationOutput<Op>;

/** One operation method; the input is optional when nothing in it is required. */
export type OperationMethod<Op, Kind extends ResponseKind = "json"> =
  object extends OperationInput<Op>
    ? <O extends CallOptions = CallOptions>(
        input?: Expand<OperationInput<Op>>,
        options?: O,
      ) => Promise<OperationResult<Op, Kind, O>>
    : <O extends CallOptions = CallOptions>(
        input: Expand<OperationInput<Op>>,
        options?: O,
      ) => Promise<OperationResult<Op, Kind, O>>;

/** The response kind a generated leaf declares (`json` for a leaf without runtime facts). */
type KindOf<Leaf> = Leaf extends readonly [string, string, string, { readonly response: infer K }]
  ? K & ResponseKind
  : "json";

/** The same type, shown in editors as its fields rather than as the helper types that built it. */
type Expand<T> = T extends infer U ? { [K in keyof U]: U[K] } : never;

/** The methods of a generated table, typed from `Paths` (openapi-typescript's `paths`). */
export type OperationMethods<Paths, Table> = {
  readonly [K in keyof Table]: Table[K] extends readonly [
    infer M extends Method,
    infer P extends keyof Paths,
    string,
    ...unknown[],
  ]
    ? M extends keyof Paths[P]
      ? OperationMethod<Paths[P][M], KindOf<Table[K]>>
      : never
    : OperationMethods<Paths, Table[K]>;
};

/** Calls one operation; the client supplies it. */
export type CallOperation = (
  leaf: OperationLeaf,
  input: Record<string, unknown>,
  options: CallOptions,
) => Promise<unknown>;

/** Builds the method tree for `table`, each method a thin call through `call`. */
export function buildMethods(table: OperationTable, call: CallOperation): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(table).map(([name, node]) => [
      name,
      isLeaf(node)
        ? (input: Record<string, unknown> = {}, options: CallOptions = {}) => call(node, input, options)
        : buildMethods(node, call),
    ]),
  );
}

function isLeaf(node: OperationLeaf | OperationTable): node is OperationLeaf {
  return Array.isArray(node);
}
