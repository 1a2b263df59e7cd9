/**
 * Types of openapi-fetch's verbs on the client (`GET/POST/…(path, init)`). openapi-fetch's own result type passes
 * `data` through `Readable<…>`, a mapped type that spells every object out and loses the schema's alias names; here
 * `data` and `error` are read from the generated `VerbResults` by indexed access, so they stay named
 * (`CreateConnectionResponse`). The init argument is still openapi-fetch's.
 */
import type { MaybeOptionalInit, ParseAsResponse } from "openapi-fetch";
import type { VerbResults } from "../generated/methods.js";
import type { paths } from "../generated/schema.js";

/** The HTTP methods an operation may use, lower case as in `paths`. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** What a verb call resolves to: openapi-fetch's `{ data, error, response }` with named `data` and `error` types. */
export type VerbResult<Result extends { data: unknown; error: unknown }, Init> =
  | { data: ParseAsResponse<Result["data"], Init>; error?: never; response: Response }
  | { data?: never; error: Result["error"]; response: Response };

/** The keys of `T` a caller must give. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** openapi-fetch's rule: the init argument is optional when nothing in it is required; extra keys pass through. */
type InitArgument<Init> = [RequiredKeys<Init>] extends [never]
  ? [(Init & { [key: string]: unknown })?]
  : [Init & { [key: string]: unknown }];

/** The paths that have a `method` operation (openapi-typescript marks the others `method?: never`). */
type PathsWith<Paths, Method extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [M in Method]: unknown } ? P : never;
}[keyof Paths];

/**
 * One verb: `POST(path, init)` for the paths that have a `post` operation. Generic over `Paths` as openapi-fetch's
 * own verbs are: with `paths` written in, the checker builds the union of every path item to check the constraints,
 * which made a 1,000-endpoint consumer's type-check 1.6× slower.
 */
export type Verb<Paths, Results extends Record<HttpMethod, object>, Method extends HttpMethod> = <
  Path extends PathsWith<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitArgument<Init>
) => Promise<
  VerbResult<Results[Method][Path & keyof Results[Method]] & { data: unknown; error: unknown }, Init>
>;

/** The verbs, as the client has them. */
export interface Verbs {
  /** Calls a GET endpoint; resolves to `{ data, error, response }`. */
  GET: Verb<paths, VerbResults, "get">;
  /** Calls a PUT endpoint; resolves to `{ data, error, response }`. */
  PUT: Verb<paths, VerbResults, "put">;
  /** Calls a POST endpoint; resolves to `{ data, error, response }`. */
  POST: Verb<paths, VerbResults, "post">;
  /** Calls a DELETE endpoint; resolves to `{ data, error, response }`. */
  DELETE: Verb<paths, VerbResults, "delete">;
  /** Calls an OPTIONS endpoint; resolves to `{ data, error, response }`. */
  OPTIONS: Verb<paths, VerbResults, "options">;
  /** Calls a HEAD endpoint; resolves to `{ data, error, response }`. */
  HEAD: Verb<paths, VerbResults, "head">;
  /** Calls a PATCH endpoint; resolves to `{ data, error, response }`. */
  PATCH: Verb<paths, VerbResults, "patch">;
  /** Calls a TRACE endpoint; resolves to `{ data, error, response }`. */
  TRACE: Verb<paths, VerbResults, "trace">;
}
