/**
 * bctrl-api: a typed client for the bctrl API and readable names for every type it sends and returns.
 * @packageDocumentation
 */

export type * from "../generated/schema.js";
export { type BctrlClient, type BctrlClientOptions, createBctrlClient } from "./client.js";
