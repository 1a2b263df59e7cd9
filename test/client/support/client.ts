/** Helpers shared by the client tests: a client pointed at a scripted server, and the seed calls' inputs. */
import { type BctrlClientOptions, createBctrlClient } from "../../../src/index.ts";
import type { ScriptedServer } from "./scripted-server.ts";

/** A key no server or error should ever show. */
export const API_KEY = "sk_test_Secret-Key_0123456789";

/** A client for `server` with fast backoff, unless the test says otherwise. */
export function clientFor(server: ScriptedServer, options: BctrlClientOptions = {}) {
  return createBctrlClient({
    apiKey: API_KEY,
    baseUrl: server.origin,
    ...options,
    retry: options.retry === false ? false : { initialDelayMs: 5, maxDelayMs: 20, ...options.retry },
  });
}

/** openapi-fetch's `request`, callable with any method and path (for methods the seed specs do not use). */
export type AnyRequest = (
  method: string,
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function anyRequest(client: ReturnType<typeof createBctrlClient>): AnyRequest {
  return client.request as unknown as AnyRequest;
}

/** The path parameters of the seed calls. */
export const CONNECTION_PATH = { id: "space-1", runtimeId: "runtime-1" };
export const REVOKE_PATH = { ...CONNECTION_PATH, connectionId: "connection-1" };
export const STOP_PATH = { id: "workspace-1", alias: "main" };
