import createClient, { type Client, type Middleware } from "openapi-fetch";
import { servers } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";

/** Options of {@link createBctrlClient}. */
export interface BctrlClientOptions {
  /** The bctrl API key, sent as `Authorization: Bearer <apiKey>`. Defaults to `BCTRL_API_KEY` where a process env exists. */
  apiKey?: string;
  /** The API's base URL. Defaults to the spec's first server (`https://api.bctrl.ai`). */
  baseUrl?: string;
  /** The `fetch` to use (for tests, proxies or other runtimes). Defaults to `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** A typed bctrl API client: openapi-fetch's `GET`/`POST`/`PUT`/`PATCH`/`DELETE(path, init)` calls. */
export type BctrlClient = Client<paths>;

/** Reads `BCTRL_API_KEY` without importing Node modules, so the client still loads in browsers. */
function apiKeyFromEnvironment(): string | undefined {
  const runtime = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return runtime.process?.env?.BCTRL_API_KEY;
}

/**
 * Adds `Authorization: Bearer <apiKey>` to requests bound for the base URL's origin, and only those, so the key never
 * leaves for another host.
 */
function bearerAuth(apiKey: string, origin: string): Middleware {
  return {
    onRequest({ request }) {
      if (new URL(request.url).origin === origin) request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
  };
}

/**
 * Creates a typed client for the bctrl API.
 *
 * @example
 * const bctrl = createBctrlClient({ apiKey: process.env.BCTRL_API_KEY });
 * const { data, error } = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
 *   params: { path: { id: "space-id", runtimeId: "runtime-id" } },
 *   body: { protocol: "cdp" },
 * });
 */
export function createBctrlClient(options: BctrlClientOptions = {}): BctrlClient {
  const baseUrl = options.baseUrl ?? servers[0];
  const client = createClient<paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const apiKey = options.apiKey ?? apiKeyFromEnvironment();
  if (apiKey) client.use(bearerAuth(apiKey, new URL(baseUrl).origin));
  return client;
}
