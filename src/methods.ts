/**
 * Operation methods: the generated table (`[method, path, operationId]` leaves under human names) becomes a tree of
 * async functions. Their types are generated beside the table (generated/methods.ts, `OperationMethods`), written out
 * per operation so editors and errors name the schema's aliases.
 */
import type { OperationMethods } from "../generated/methods.js";
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

/** The client's operation methods, typed by the generated signatures with {@link CallOptions} per call. */
export type Methods = OperationMethods<CallOptions>;

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
