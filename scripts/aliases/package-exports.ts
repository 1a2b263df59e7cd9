/**
 * The names the package root (src/index.ts) exports itself. src/index.ts re-exports every alias with
 * `export type * from "../generated/schema.js"`, and an explicit export of the same name wins silently, so an alias
 * called `RetryOptions` would be unreachable from "bctrl-api". The aliases stage treats these names as taken.
 * Kept as a list (not read from src/index.ts at generation time) so the generator's inputs hash covers it;
 * test/aliases/package-exports.test.ts checks it against the real exports of src/index.ts.
 */
export const PACKAGE_EXPORTS: ReadonlySet<string> = new Set([
  "BctrlApiError",
  "BctrlApiErrorInit",
  "BctrlClient",
  "BctrlClientOptions",
  "BctrlError",
  "BctrlNetworkError",
  "BctrlResponseTooLargeError",
  "BctrlTimeoutError",
  "CallOptions",
  "DEFAULT_MAX_RESPONSE_BYTES",
  "DEFAULT_RETRY",
  "DEFAULT_TIMEOUT_MS",
  "OperationErrors",
  "OperationRuntime",
  "ResponseKind",
  "RetryOptions",
  "ServerSentEvent",
  "createBctrlClient",
]);
