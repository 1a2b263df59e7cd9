/**
 * The aliases stage on the three seed pages: every long name gets a readable alias, the generated declarations use
 * the aliases, and what a user sees in the editor and in compiler errors is the alias name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { addAliases } from "../../scripts/aliases/aliases.ts";
import { buildOutputs } from "../../scripts/generate.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";
import { SPECS_DIR } from "../support/seeds.ts";

let schema: string;
let lock: Record<string, string>;
let schemaNames: string[];

beforeAll(async () => {
  const { files } = await buildOutputs(SPECS_DIR);
  schema = files.get("schema.ts") ?? "";
  lock = JSON.parse(files.get("aliases.lock.json") ?? "{}").aliases;
  schemaNames = Object.keys(parse(files.get("openapi.yaml") ?? "").components.schemas);
});

/** Seed schema (or operation slot) → the alias a person would write. */
const SEED_ALIASES: [string, string][] = [
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaProtocol",
    "ConnectionProtocol",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsConnectionIdDeleteResponsesContentApplicationJsonSchemaStatus",
    "ConnectionStatus",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostRequestBodyContentApplicationJsonSchemaProtocol",
    "CreateConnectionRequestProtocol",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint",
    "ConnectionEndpoint",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint0",
    "WebsocketEndpoint",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint1",
    "HttpEndpoint",
  ],
  ["V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint2", "RdpEndpoint"],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint3",
    "CompositeEndpoint",
  ],
  [
    "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpointOneOf3Endpoints",
    "CompositeEndpoints",
  ],
  ["V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaKind", "RuntimeKind"],
  ["V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaStatus", "RuntimeStatus"],
  ["V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaSummary", "RuntimeSummary"],
  ["V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaSummaryLaunchMode", "LaunchMode"],
  ["spaces_runtimesConnectionsCreate_Response_200", "CreateConnectionResponse"],
  ["spaces_runtimesConnectionsDelete_Response_200", "RevokeConnectionResponse"],
  ["workspaces_runtimesStop_Response_200", "StopRuntimeResponse"],
  ["POST /v1/spaces/{id}/runtimes/{runtimeId}/connections#params", "CreateConnectionParams"],
  ["POST /v1/spaces/{id}/runtimes/{runtimeId}/connections#request", "CreateConnectionRequest"],
  ["POST /v1/spaces/{id}/runtimes/{runtimeId}/connections#response", "CreateConnectionResponse"],
  ["DELETE /v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}#params", "RevokeConnectionParams"],
  [
    "DELETE /v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}#response",
    "RevokeConnectionResponse",
  ],
  ["POST /v1/workspaces/{id}/runtimes/{alias}/stop#params", "StopRuntimeParams"],
  ["POST /v1/workspaces/{id}/runtimes/{alias}/stop#response", "StopRuntimeResponse"],
];

describe("seed aliases", () => {
  it.each(SEED_ALIASES)("%s → %s", (key, alias) => {
    expect(lock[key]).toBe(alias);
    expect(schema).toContain(`\nexport type ${alias} = `);
  });

  it("give every schema of the seeds a readable alias: PascalCase, at most 40 characters", () => {
    expect(schemaNames.length).toBeGreaterThanOrEqual(15);
    for (const name of schemaNames) {
      const alias = lock[name];
      expect(alias, name).toMatch(/^[A-Z][A-Za-z0-9]{2,39}$/);
      expect(schema, name).toContain(`\n        ${name}: ${alias};\n`);
    }
  });

  it('leave no components["schemas"] reference in the generated declarations', () => {
    expect(schema).not.toContain('components["schemas"]');
  });

  it("document each alias with its source and the spec's description", () => {
    expect(schema).toMatch(
      /\/\*\* Schema `V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaSummaryLaunchMode`\. \*\/\nexport type LaunchMode = "profile" \| "ephemeral";/,
    );
    expect(schema).toMatch(
      /\/\*\*\n \* Create a protocol connection lease into a runtime\n \*\n \* Request body of `runtimes-connections-create` \(POST \/v1\/spaces\/\{id\}\/runtimes\/\{runtimeId\}\/connections\)\.\n \*\/\nexport type CreateConnectionRequest = \{/,
    );
  });
});

describe("what a user sees", () => {
  const CONSUMER = [
    'import type { paths } from "./schema";',
    'import type { CreateConnectionResponse, StopRuntimeResponse } from "./schema";',
    "declare const created: CreateConnectionResponse;",
    "const endpointHover = created.endpoint;",
    "const wrongEndpoint: CreateConnectionResponse = { ...created, endpoint: 'wss://example.test' };",
    "declare const stopped: StopRuntimeResponse;",
    "const wrongMode: number | undefined = stopped.summary?.launchMode;",
    'type ViaPaths = paths["/v1/spaces/{id}/runtimes/{runtimeId}/connections"]["post"]["responses"][200]["content"]["application/json"];',
    "declare const viaPaths: ViaPaths;",
    "const wrongBody: string = viaPaths;",
    "export { endpointHover, wrongEndpoint, wrongMode, wrongBody };",
  ].join("\n");

  it.each([
    ["a mistyped response field", "Type 'string' is not assignable to type 'ConnectionEndpoint'."],
    [
      "a nested enum read into the wrong type",
      "Type 'LaunchMode | undefined' is not assignable to type 'number | undefined'.",
    ],
    [
      "a response reached through `paths`",
      "Type 'CreateConnectionResponse' is not assignable to type 'string'.",
    ],
  ])("names the alias in the compiler error for %s", (_case, message) => {
    const program = inMemoryProgram({ "/app/schema.ts": schema, "/app/consumer.ts": CONSUMER });
    expect(program.diagnostics("/app/consumer.ts")).toContainEqual(expect.stringContaining(message));
  });

  it("shows the alias in the hover of a response field", () => {
    const program = inMemoryProgram({ "/app/schema.ts": schema, "/app/consumer.ts": CONSUMER });
    expect(program.hover("/app/consumer.ts", "created.endpoint")).toBe(
      "(property) endpoint: ConnectionEndpoint",
    );
  });

  it("compiles a consumer that knows only the aliases", () => {
    const consumer = [
      "import type { ConnectionEndpoint, CreateConnectionParams, CreateConnectionRequest,",
      "  CreateConnectionResponse, LaunchMode, RuntimeSummary, StopRuntimeResponse } from './schema';",
      "export function describe(endpoint: ConnectionEndpoint): string {",
      "  switch (endpoint.type) {",
      "    case 'websocket': return endpoint.url;",
      "    case 'http': return endpoint.baseUrl;",
      "    case 'rdp': return endpoint.username + '@' + endpoint.host + ':' + String(endpoint.port);",
      "    case 'composite': return Object.keys(endpoint.endpoints).join(',');",
      "  }",
      "}",
      "export const params: CreateConnectionParams = { path: { id: 'space', runtimeId: 'runtime' } };",
      "export const request: CreateConnectionRequest = { protocol: 'cdp', ttlSeconds: 60 };",
      "export function modeOf(runtime: StopRuntimeResponse): LaunchMode | undefined {",
      "  const summary: RuntimeSummary | undefined = runtime.summary;",
      "  return summary?.launchMode;",
      "}",
      "export const active = (c: CreateConnectionResponse): boolean => c.status === 'active';",
    ].join("\n");
    const program = inMemoryProgram({ "/app/schema.ts": schema, "/app/consumer.ts": consumer });
    expect(program.diagnostics("/app/consumer.ts")).toEqual([]);
    expect(program.diagnostics("/app/schema.ts")).toEqual([]);
  });
});

describe("hostile spec text", () => {
  it("cannot break out of the alias JSDoc or the generated code", async () => {
    const document: OpenAPI3 = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/v1/things": {
          get: {
            operationId: "evil */ export const pwned = 1; /*",
            summary: "List things */ export const owned = 2; /*\n@deprecated",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/thing.item-v1" } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          "thing.item-v1": {
            type: "object",
            description: "A thing. */ export const hacked = 3; /*\u2028line",
            properties: { kind: { type: "string", enum: ["a*/b"] } },
          },
        },
      },
    };
    const { source } = addAliases(await generateTypes(document), document);
    const program = inMemoryProgram({ "/app/schema.ts": source });
    expect(program.diagnostics("/app/schema.ts")).toEqual([]);
    expect(source).not.toMatch(/^export const/m);
    expect(source).toContain(" * A thing. *\\/ export const hacked = 3; /*");
    expect(source).toContain(" * \\@deprecated");
  });
});
