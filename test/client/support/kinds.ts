/**
 * A typed client for the kinds fixture (test/client/fixtures/kinds: real and real-shaped pages, one per kind of
 * request body, response and server), built the way createBctrlClient builds bctrl's, from the fixture's generated
 * table and `paths`.
 */
import type { Client } from "openapi-fetch";
import { type BctrlClientOptions, createTableClient } from "../../../src/client.ts";
import type { CallOptions } from "../../../src/methods.ts";
import type { OperationMethods } from "../fixtures/kinds/generated/methods.ts";
import { operations, servers } from "../fixtures/kinds/generated/operations.ts";
import type { paths } from "../fixtures/kinds/generated/schema.ts";
import { API_KEY } from "./client.ts";

export type { components } from "../fixtures/kinds/generated/schema.ts";

/** The fixture's upload operation's own server, as its spec gives it (the variable filled in). */
export const UPLOAD_SERVER = "https://upload.files.example.com/v1";

/** A client of the fixture API with the test key and fast backoff, unless the test says otherwise. */
export function kindsClient(options: BctrlClientOptions = {}) {
  return createTableClient<Client<paths> & OperationMethods<CallOptions>>(operations, servers, {
    apiKey: API_KEY,
    ...options,
    retry: options.retry === false ? false : { initialDelayMs: 5, maxDelayMs: 20, ...options.retry },
  });
}

/** A `fetch` that records each request (URL, authorization, content type) and answers with `reply`. */
export function recordingFetch(reply: (request: Request) => Response = () => Response.json({})) {
  const seen: { url: string; authorization: string | null; contentType: string | null }[] = [];
  const fetch = async (request: Request) => {
    const { url, headers } = request;
    seen.push({ url, authorization: headers.get("authorization"), contentType: headers.get("content-type") });
    return reply(request);
  };
  return { fetch, seen };
}
