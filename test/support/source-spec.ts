/**
 * A large, single OpenAPI 3.1 document built deterministically, as the API's own source spec might be: named
 * shared schemas (status and protocol enums, an error, a recursive tree, a oneOf endpoint with a discriminator),
 * shared parameters and responses by `$ref`, path-level parameters, request bodies, bearer auth at the top level,
 * and a few operations with other auth (public, API key). `split-spec.ts` cuts it into docs-site pages.
 */
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";

const RESOURCES = [
  "runtimes",
  "profiles",
  "files",
  "sessions",
  "agents",
  "tools",
  "datasets",
  "webhooks",
  "secrets",
  "schedules",
  "connections",
  "logs",
  "snapshots",
  "runs",
  "versions",
  "members",
  "events",
  "volumes",
  "images",
  "networks",
  "domains",
  "certificates",
  "tokens",
  "keys",
  "quotas",
  "regions",
  "plans",
  "invoices",
  "alerts",
  "reports",
];
const SCOPES = ["spaces", "workspaces"];
const KINDS = [
  ["browser", "desktop", "spreadsheet"],
  ["small", "large"],
  ["daily", "weekly", "monthly"],
];

type Json = Record<string, unknown>;
const ref = (kind: string, name: string): Json => ({ $ref: `#/components/${kind}/${name}` });
const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, "null"], ...extra });

function singular(resource: string): string {
  return resource.replace(/ies$/, "y").replace(/s$/, "");
}

function pascal(text: string): string {
  return text.replace(/(^|[-_ ])([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/** The resource's schema: shared enums by `$ref`, inline enums and nested objects, sometimes a tree or a oneOf. */
function resourceSchema(resource: string, index: number): Json {
  const properties: Json = {
    id: { type: "string", format: "uuid" },
    status: ref("schemas", "Status"),
    kind: { type: "string", enum: KINDS[index % KINDS.length] },
    createdAt: { type: "string", format: "date-time" },
    closedAt: nullable("string", { format: "date-time" }),
    summary: {
      type: "object",
      description: `Summary of the ${singular(resource)}.`,
      properties: {
        launchMode: { type: "string", enum: ["profile", "ephemeral"] },
        count: { type: "integer", minimum: 0 },
        labels: { type: "array", items: { type: "string" } },
      },
      required: ["count"],
    },
    metadata: { type: "object", additionalProperties: { description: "Any type" } },
  };
  if (index % 3 === 0) properties.tree = ref("schemas", "Node");
  if (index % 4 === 1) properties.endpoint = ref("schemas", "Endpoint");
  if (index % 5 === 2) properties.protocol = ref("schemas", "Protocol");
  return {
    type: "object",
    properties,
    required: ["id", "status", "kind", "createdAt"],
    example: { id: "00000000-0000-0000-0000-000000000000", title: `an example ${singular(resource)}` },
  };
}

function sharedSchemas(): Json {
  const variant = (type: string, properties: Json) => ({
    type: "object",
    properties: { type: { type: "string", enum: [type] }, ...properties },
    required: ["type", ...Object.keys(properties)],
  });
  return {
    Status: { type: "string", enum: ["active", "stopped", "failed"], description: "Lifecycle state." },
    Protocol: { type: "string", enum: ["cdp", "cua", "rdp", "vnc", "mcp", "http"] },
    Error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" }, title: { type: "string" } },
      required: ["code", "message"],
    },
    Page: { type: "object", properties: { nextCursor: nullable("string") }, required: ["nextCursor"] },
    Node: {
      type: "object",
      properties: { name: { type: "string" }, children: { type: "array", items: ref("schemas", "Node") } },
      required: ["name"],
    },
    WebsocketEndpoint: variant("websocket", { url: { type: "string", format: "uri" } }),
    HttpEndpoint: variant("http", { baseUrl: { type: "string", format: "uri" } }),
    Endpoint: {
      oneOf: [ref("schemas", "WebsocketEndpoint"), ref("schemas", "HttpEndpoint")],
      discriminator: {
        propertyName: "type",
        mapping: { websocket: "#/components/schemas/WebsocketEndpoint", http: "HttpEndpoint" },
      },
    },
  };
}

const json = (schema: Json): Json => ({ "application/json": { schema } });

/** `resources` resources under each scope: list, create, get, update, delete, and a stop action on every other. */
export function buildSourceSpec({ resources = RESOURCES.length }: { resources?: number } = {}): OpenAPI3 {
  const schemas: Json = sharedSchemas();
  const paths: Json = {};
  RESOURCES.slice(0, resources).forEach((resource, index) => {
    const name = pascal(singular(resource));
    schemas[name] = resourceSchema(resource, index);
    schemas[`${name}Input`] = {
      type: "object",
      properties: { name: { type: "string", minLength: 1 }, protocol: ref("schemas", "Protocol") },
      required: ["name"],
    };
    for (const scope of SCOPES) {
      const base = `/v1/${scope}/{id}/${resource}`;
      const item = `${base}/{${singular(resource)}Id}`;
      const op = (verb: string, extra: Json): Json => ({
        operationId: `${scope}-${resource}-${verb}`,
        summary: `${pascal(verb)} ${resource} in a ${singular(scope)}`,
        tags: [`subpackage_${scope}`],
        ...extra,
      });
      const ok = (schema: Json) => ({ "200": { description: "Default Response", content: json(schema) } });
      paths[base] = {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: op("list", {
          parameters: [
            ref("parameters", "Limit"),
            { name: "cursor", in: "query", schema: { type: "string" } },
          ],
          responses: ok({
            type: "object",
            properties: {
              items: { type: "array", items: ref("schemas", name) },
              page: ref("schemas", "Page"),
            },
          }),
        }),
        post: op("create", {
          requestBody: { required: true, content: json(ref("schemas", `${name}Input`)) },
          responses: { ...ok(ref("schemas", name)), "400": ref("responses", "BadRequest") },
        }),
      };
      const itemParameters = [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: `${singular(resource)}Id`, in: "path", required: true, schema: { type: "string" } },
      ];
      paths[item] = {
        get: op("get", {
          parameters: itemParameters,
          responses: { ...ok(ref("schemas", name)), "404": ref("responses", "NotFound") },
        }),
        patch: op("update", {
          parameters: itemParameters,
          requestBody: {
            content: json({
              type: "object",
              properties: { name: { type: "string" }, status: ref("schemas", "Status") },
            }),
          },
          responses: ok(ref("schemas", name)),
        }),
        delete: op("delete", {
          parameters: itemParameters,
          responses: { "204": { description: "Deleted" } },
        }),
      };
      if (index % 2 === 0)
        paths[`${item}/stop`] = {
          post: op("stop", {
            parameters: [
              ...itemParameters,
              { name: "X-Request-Id", in: "header", schema: { type: "string" } },
            ],
            responses: ok(ref("schemas", name)),
          }),
        };
    }
  });
  paths["/v1/health"] = {
    get: {
      operationId: "health",
      security: [],
      responses: {
        "200": {
          description: "Healthy",
          content: json({ type: "object", properties: { ok: { type: "boolean" } } }),
        },
      },
    },
  };
  paths["/v1/usage"] = {
    get: {
      operationId: "usage",
      security: [{ apiKeyAuth: [] }],
      responses: {
        "200": {
          description: "Usage",
          content: json({ type: "object", properties: { calls: { type: "integer" } } }),
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: { title: "bctrl API", version: "1.0.0" },
    servers: [{ url: "https://api.bctrl.ai" }, { url: "http://localhost:8787" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      parameters: {
        Limit: { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
      },
      responses: {
        NotFound: { description: "Not found", content: json(ref("schemas", "Error")) },
        BadRequest: { description: "Bad request", content: json(ref("schemas", "Error")) },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Use Bearer <api-key>." },
        apiKeyAuth: { type: "apiKey", in: "header", name: "X-Api-Key" },
      },
    },
  } as unknown as OpenAPI3;
}
