/**
 * End to end on the seed endpoints: each operation method and each openapi-fetch verb call against a real local
 * server, checking what went over the wire (method, path, headers, body) and what came back (the parsed body).
 */
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/schema.ts";
import type { BctrlClient } from "../../src/index.ts";
import { API_KEY, CONNECTION_PATH, clientFor, REVOKE_PATH } from "./support/client.ts";
import { type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

type Schemas = components["schemas"];

const CONNECTION: Schemas["spaces_runtimesConnectionsCreate_Response_200"] = {
  id: "6f1c1b1e-4a43-4a43-8a43-0c1b1e4a4343",
  runId: "7a2d2c2f-5b54-4b54-9b54-1d2c2f5b5454",
  runtimeId: "8b3e3d30-6c65-4c65-8c65-2e3d306c6565",
  protocol: "cdp",
  status: "active",
  endpoint: { type: "websocket", url: "wss://runtime.example/devtools" },
  createdAt: "2026-01-01T00:00:00Z",
  expiresAt: "2026-01-01T00:05:00Z",
  revokedAt: null,
  closedAt: null,
};
const REVOKED: Schemas["spaces_runtimesConnectionsDelete_Response_200"] = {
  ...CONNECTION,
  status: "revoked",
  revokedAt: "2026-01-01T00:01:00Z",
};
const { endpoint: _endpoint, ...revokedFields } = REVOKED as typeof REVOKED & { endpoint?: unknown };
const STOPPED: Schemas["workspaces_runtimesStop_Response_200"] = {
  id: "9c4f4e41-7d76-4d76-9d76-3f4e417d7676",
  workspaceId: "ad505f52-8e87-4e87-8e87-405f528e8787",
  alias: "main",
  kind: "browser",
  driver: "playwright",
  status: "stopped",
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:10:00Z",
  summary: { browserRunning: false, launchMode: "ephemeral", profileId: null },
};

interface SeedCase {
  name: string;
  response: unknown;
  /** The call through the operation method. */
  viaMethod: (bctrl: BctrlClient) => Promise<unknown>;
  /** The same call through the openapi-fetch verb. */
  viaVerb: (bctrl: BctrlClient) => Promise<{ data?: unknown }>;
  want: { method: string; url: string; body: unknown };
}

const SEEDS: SeedCase[] = [
  {
    name: "create a connection lease",
    response: CONNECTION,
    viaMethod: (bctrl) =>
      bctrl.spaces.runtimes.connections.create({
        path: CONNECTION_PATH,
        body: { protocol: "cdp", ttlSeconds: 300 },
      }),
    viaVerb: (bctrl) =>
      bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
        params: { path: CONNECTION_PATH },
        body: { protocol: "cdp", ttlSeconds: 300 },
      }),
    want: {
      method: "POST",
      url: "/v1/spaces/space-1/runtimes/runtime-1/connections",
      body: { protocol: "cdp", ttlSeconds: 300 },
    },
  },
  {
    name: "revoke a connection lease",
    response: revokedFields,
    viaMethod: (bctrl) => bctrl.spaces.runtimes.connections.delete({ path: REVOKE_PATH }),
    viaVerb: (bctrl) =>
      bctrl.DELETE("/v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}", {
        params: { path: REVOKE_PATH },
      }),
    want: {
      method: "DELETE",
      url: "/v1/spaces/space-1/runtimes/runtime-1/connections/connection-1",
      body: undefined,
    },
  },
  {
    name: "stop a workspace runtime",
    response: STOPPED,
    viaMethod: (bctrl) => bctrl.workspaces.runtimes.stop({ path: { id: "workspace 1/ü", alias: "main" } }),
    viaVerb: (bctrl) =>
      bctrl.POST("/v1/workspaces/{id}/runtimes/{alias}/stop", {
        params: { path: { id: "workspace 1/ü", alias: "main" } },
      }),
    want: {
      method: "POST",
      url: "/v1/workspaces/workspace%201%2F%C3%BC/runtimes/main/stop",
      body: undefined,
    },
  },
];

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(SEEDS)("$name", ({ response, viaMethod, viaVerb, want }) => {
  for (const [how, call] of [
    ["operation method", async (bctrl: BctrlClient) => viaMethod(bctrl)],
    ["openapi-fetch verb", async (bctrl: BctrlClient) => (await viaVerb(bctrl)).data],
  ] as const) {
    it(`sends the request and parses the response (${how})`, async () => {
      server = await startScriptedServer([{ json: response, headers: { "x-request-id": "r-1" } }]);
      const result = await call(clientFor(server));
      expect(result).toEqual(response);
      expect(server.requests).toHaveLength(1);
      const [sent] = server.requests;
      expect(sent?.method).toBe(want.method);
      expect(sent?.url).toBe(want.url);
      expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      if (want.body === undefined) {
        expect(sent?.body).toBe("");
        expect(sent?.headers["content-type"]).toBeUndefined();
      } else {
        expect(sent?.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(sent?.body ?? "")).toEqual(want.body);
      }
    });
  }
});

describe("types", () => {
  /** Mutual assignability: the two types accept exactly the same values. */
  type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

  it("derive each method's argument and result from the spec", () => {
    const bctrl = null as unknown as BctrlClient;
    type Create = typeof bctrl.spaces.runtimes.connections.create;
    type CreateInput = {
      path: { id: string; runtimeId: string };
      body?: { options?: { [key: string]: unknown }; protocol: "cdp"; ttlSeconds?: number };
    };
    expectTypeOf<Same<Parameters<Create>[0], CreateInput>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Awaited<ReturnType<Create>>, Schemas["spaces_runtimesConnectionsCreate_Response_200"]>
    >().toEqualTypeOf<true>();
    type Stop = typeof bctrl.workspaces.runtimes.stop;
    expectTypeOf<Same<Parameters<Stop>[0], { path: { id: string; alias: string } }>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Awaited<ReturnType<Stop>>, Schemas["workspaces_runtimesStop_Response_200"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Awaited<ReturnType<Stop>>>().not.toExtend<
      Schemas["spaces_runtimesConnectionsCreate_Response_200"]
    >();
  });

  it("reject calls the spec does not allow (checked by tsc; never run)", () => {
    const wrongCalls = (bctrl: BctrlClient) => [
      // @ts-expect-error the path parameters are required
      bctrl.workspaces.runtimes.stop({}),
      // @ts-expect-error protocol is an enum
      bctrl.spaces.runtimes.connections.create({ path: CONNECTION_PATH, body: { protocol: "ssh" } }),
      // @ts-expect-error a revoke takes no body
      bctrl.spaces.runtimes.connections.delete({ path: REVOKE_PATH, body: {} }),
      // @ts-expect-error no such operation
      bctrl.spaces.runtimes.connections.list(),
    ];
    expectTypeOf(wrongCalls).toBeFunction();
  });
});
