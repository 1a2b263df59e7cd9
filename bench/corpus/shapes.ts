/**
 * The abstract shapes of the corpus's resources, before they are written as OpenAPI schemas. Enums come from one
 * shared pool, so the same enum appears in many documents under different hoisted names with identical content,
 * as the docs site's pages do (the connection `protocol` enum in the seed pages).
 */
import { createRandom, deriveSeed, randomInt, sample } from "./random.ts";

export type ScalarType = "string" | "integer" | "number" | "boolean";

export type Shape =
  | { kind: "scalar"; type: ScalarType; format?: string; nullable?: boolean }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "object"; properties: readonly Property[] }
  | { kind: "array"; items: Shape }
  | { kind: "oneOf"; variants: readonly Variant[] }
  | { kind: "map" };

export interface Property {
  name: string;
  shape: Shape;
  required: boolean;
}

/** One member of a discriminated union: `type` is the constant that tells the variants apart. */
export interface Variant {
  type: string;
  properties: readonly Property[];
}

export const ENUMS = {
  protocol: ["cdp", "cua", "rdp", "vnc", "mcp", "http"],
  runtimeStatus: ["active", "stopped", "failed"],
  leaseStatus: ["active", "expired", "revoked", "closed"],
  runStatus: ["queued", "running", "succeeded", "failed", "cancelled"],
  kind: ["browser", "desktop", "spreadsheet"],
  launchMode: ["profile", "ephemeral"],
  region: ["us-east", "us-west", "eu-central", "ap-southeast"],
  visibility: ["private", "workspace", "public"],
  role: ["owner", "admin", "member", "viewer"],
  level: ["debug", "info", "warn", "error"],
} as const satisfies Record<string, readonly string[]>;

const string = (format?: string): Shape => ({
  kind: "scalar",
  type: "string",
  ...(format ? { format } : {}),
});
const nullable = (format?: string): Shape => ({
  kind: "scalar",
  type: "string",
  nullable: true,
  ...(format ? { format } : {}),
});
const integer: Shape = { kind: "scalar", type: "integer" };
const boolean: Shape = { kind: "scalar", type: "boolean" };
const enumOf = (values: readonly string[]): Shape => ({ kind: "enum", values });
const prop = (name: string, shape: Shape, required = true): Property => ({ name, shape, required });

const ENDPOINT_VARIANTS: Variant[] = [
  { type: "websocket", properties: [prop("url", string("uri"))] },
  { type: "http", properties: [prop("baseUrl", string("uri"))] },
  {
    type: "rdp",
    properties: [
      prop("host", string()),
      prop("password", string()),
      prop("port", integer),
      prop("username", string()),
    ],
  },
];

/** Optional resource fields, by property name; each resource picks a few. */
const FIELD_CATALOG: readonly Property[] = [
  prop("alias", string()),
  prop("name", string()),
  prop("description", nullable(), false),
  prop("status", enumOf(ENUMS.runtimeStatus)),
  prop("kind", enumOf(ENUMS.kind)),
  prop("protocol", enumOf(ENUMS.protocol)),
  prop("region", enumOf(ENUMS.region)),
  prop("visibility", enumOf(ENUMS.visibility), false),
  prop("labels", { kind: "array", items: string() }, false),
  prop("metadata", { kind: "map" }, false),
  prop("expiresAt", nullable("date-time")),
  prop("ttlSeconds", integer, false),
  prop("sizeBytes", integer),
  prop("url", string("uri")),
  prop("archived", boolean),
  prop("summary", {
    kind: "object",
    properties: [
      prop("browserRunning", boolean, false),
      prop("currentDriver", nullable(), false),
      prop("launchMode", enumOf(ENUMS.launchMode), false),
      prop("profileId", nullable("uuid"), false),
    ],
  }),
  prop("limits", {
    kind: "object",
    properties: [prop("cpu", integer), prop("memoryMb", integer), prop("timeoutSeconds", integer, false)],
  }),
  prop("owner", {
    kind: "object",
    properties: [
      prop("email", string("email")),
      prop("id", string("uuid")),
      prop("role", enumOf(ENUMS.role)),
    ],
  }),
  prop("steps", {
    kind: "array",
    items: {
      kind: "object",
      properties: [
        prop("level", enumOf(ENUMS.level), false),
        prop("name", string()),
        prop("startedAt", nullable("date-time")),
        prop("status", enumOf(ENUMS.runStatus)),
      ],
    },
  }),
  prop("endpoint", { kind: "oneOf", variants: ENDPOINT_VARIANTS }),
  prop("result", {
    kind: "oneOf",
    variants: [
      { type: "success", properties: [prop("output", { kind: "map" })] },
      { type: "error", properties: [prop("code", integer), prop("message", string())] },
    ],
  }),
];

const BASE_FIELDS: readonly Property[] = [
  prop("id", string("uuid")),
  prop("createdAt", string("date-time")),
  prop("updatedAt", nullable("date-time")),
];

/** The fields of one resource noun; depends only on `seed` and `noun`. Properties are sorted, as on the site. */
export function resourceShape(seed: number, noun: string): Property[] {
  const random = createRandom(deriveSeed(seed, `resource:${noun}`));
  const extra = sample(random, FIELD_CATALOG, randomInt(random, 4, 9));
  return sortProperties([...BASE_FIELDS, ...extra]);
}

/** The writable part of a resource: what create/update/execute accept in their request bodies. */
export function requestShape(resource: readonly Property[], partial: boolean): Property[] {
  const writable = resource.filter((p) => !["id", "createdAt", "updatedAt", "sizeBytes"].includes(p.name));
  const chosen = writable.filter((p) => p.shape.kind !== "array" || p.name === "labels");
  return chosen.map((p) => (partial ? { ...p, required: false } : p));
}

export function sortProperties(properties: readonly Property[]): Property[] {
  return [...properties].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
