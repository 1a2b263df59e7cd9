/**
 * bctrl-api: a typed client for the bctrl API and readable names for every type it sends and returns.
 * @packageDocumentation
 */

export type { OperationErrors } from "../generated/methods.js";
export type * from "../generated/schema.js";
export {
  type BctrlClient,
  type BctrlClientOptions,
  createBctrlClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "./client.js";
export {
  BctrlApiError,
  type BctrlApiErrorInit,
  BctrlError,
  BctrlNetworkError,
  BctrlResponseTooLargeError,
  BctrlTimeoutError,
} from "./errors.js";
export type { ServerSentEvent } from "./events.js";
export type { CallOptions, OperationRuntime, ResponseKind } from "./methods.js";
export { DEFAULT_RETRY, type RetryOptions } from "./retry.js";
