/**
 * Operation methods: the generated table (`[method, path, operationId]` leaves under human names) becomes a tree of
 * async functions. Their types come from openapi-typescript's `paths` through openapi-fetch's own helpers, so the
 * table carries no types and a method's argument is exactly what openapi-fetch would accept.
 */
import type { FetchResponse, RequestBodyOption } from "openapi-fetch";
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
}

/** The HTTP methods an operation may use, lower case as in `paths`. */
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** One generated leaf: `[method, path, operationId]`. */
export type OperationLeaf = readonly [method: string, path: string, operationId: string];

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

/** One operation method; the input is optional when nothing in it is required. */
export type OperationMethod<Op> =
  object extends OperationInput<Op>
    ? (input?: Expand<OperationInput<Op>>, options?: CallOptions) => Promise<OperationOutput<Op>>
    : (input: Expand<OperationInput<Op>>, options?: CallOptions) => Promise<OperationOutput<Op>>;

/** The same type, shown in editors as its fields rather than as the helper types that built it. */
type Expand<T> = T extends infer U ? { [K in keyof U]: U[K] } : never;

/** The methods of a generated table, typed from `Paths` (openapi-typescript's `paths`). */
export type OperationMethods<Paths, Table> = {
  readonly [K in keyof Table]: Table[K] extends readonly [
    infer M extends Method,
    infer P extends keyof Paths,
    string,
  ]
    ? M extends keyof Paths[P]
      ? OperationMethod<Paths[P][M]>
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
