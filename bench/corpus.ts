/**
 * A deterministic corpus of per-endpoint OpenAPI documents in the docs site's style, for the benchmark and for
 * tests that need hundreds of endpoints: long hoisted schema names whose `title` is the name, shared enums under
 * different names, operationIds reused across paths (`runtimes-create` under spaces and workspaces, bare `get` and
 * `execute`), nested objects, oneOf variants told apart by a `type` constant, arrays and nullable types.
 * Components that share a name across files (only `bearerAuth`) are identical, so merging folds them.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import {
  type Endpoint,
  hasRequestBody,
  listEndpoints,
  methodOf,
  operationIdOf,
  operationKey,
  pathOf,
  pathParameters,
  resourceOf,
  summaryOf,
} from "./corpus/endpoints.ts";
import { createRandom, deriveSeed } from "./corpus/random.ts";
import { type Components, objectSchema, pascalCase, ref, type Schema } from "./corpus/schemas.ts";
import { type Property, requestShape, resourceShape } from "./corpus/shapes.ts";

export interface CorpusFile {
  /** Relative path with `/` separators, like `spaces/runtimes-create-0042.yaml`. */
  file: string;
  /** The document as YAML. */
  text: string;
}

export interface CorpusOptions {
  endpoints: number;
  seed?: number;
}

const DEFAULT_SEED = 1;
const AUTH_DESCRIPTION = "Use Bearer <api-key>.";

/** Deterministic: the same options give the same files, byte for byte. */
export function generateCorpus(options: CorpusOptions): CorpusFile[] {
  const seed = options.seed ?? DEFAULT_SEED;
  return listEndpoints(options.endpoints, seed).map((endpoint, index) => ({
    file: `${endpoint.scope}/${operationKey(endpoint)}-${String(index).padStart(4, "0")}.yaml`,
    text: stringify(buildDocument(endpoint, seed), { aliasDuplicateObjects: false, singleQuote: true }),
  }));
}

export async function writeCorpus(dir: string, files: readonly CorpusFile[]): Promise<void> {
  for (const { file, text } of files) {
    const target = path.join(dir, ...file.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** `V1SpacesIdRuntimesRuntimeIdConnectionsPost`: the site's prefix for names hoisted out of one operation. */
export function hoistPrefix(endpoint: Endpoint): string {
  const segments = pathOf(endpoint).split("/").filter(Boolean);
  return segments.map(pascalCase).join("") + pascalCase(methodOf(endpoint));
}

/** `spaces_runtimesConnectionsCreate_Response_200` (with `V2`… before `_Response` past the first generation). */
export function responseName(endpoint: Endpoint): string {
  const key = operationKey(endpoint);
  const camel = key.charAt(0) + pascalCase(key).slice(1);
  const generation = endpoint.generation > 0 ? `V${endpoint.generation + 1}` : "";
  return `${endpoint.scope}_${camel}${generation}_Response_200`;
}

/** One per-endpoint document, keys in the site's order. */
export function buildDocument(endpoint: Endpoint, seed: number): Schema {
  const components: Components = [];
  const resource = resourceShape(seed, resourceOf(endpoint));
  const responseSchema = responseBody(endpoint, resource, components);
  const requestBody = hasRequestBody(endpoint) ? requestBodyOf(endpoint, resource, components) : undefined;
  const described = createRandom(deriveSeed(seed, `described:${pathOf(endpoint)}`))() < 0.5;
  const operation = {
    operationId: operationIdOf(endpoint, seed),
    summary: summaryOf(endpoint),
    ...(described ? { description: `${summaryOf(endpoint)}. Requires an API key with access to it.` } : {}),
    tags: [`subpackage_${endpoint.scope}`],
    parameters: parametersOf(endpoint),
    responses: {
      "200": {
        description: "Default Response",
        content: { "application/json": { schema: responseSchema } },
      },
    },
    ...(requestBody ? { requestBody } : {}),
  };
  return {
    openapi: "3.1.0",
    info: { title: "bctrl API", version: "1.0.0" },
    paths: { [pathOf(endpoint)]: { [methodOf(endpoint)]: operation } },
    servers: [{ url: "https://api.bctrl.ai" }, { url: "http://localhost:8787" }],
    components: {
      schemas: Object.fromEntries(components),
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: AUTH_DESCRIPTION } },
    },
  };
}

function parametersOf(endpoint: Endpoint): Schema[] {
  const inPath = pathParameters(endpoint).map((name) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query =
    endpoint.verb === "list"
      ? [
          { name: "limit", in: "query", required: false, schema: { type: "integer" } },
          { name: "cursor", in: "query", required: false, schema: { type: "string" } },
        ]
      : [];
  const auth = {
    name: "Authorization",
    in: "header",
    description: AUTH_DESCRIPTION,
    required: true,
    schema: { type: "string" },
  };
  return [...inPath, ...query, auth];
}

/** A `$ref` to the hoisted `<tag>_<operation>_Response_200` schema; a list wraps the resource in `items`. */
function responseBody(endpoint: Endpoint, resource: readonly Property[], out: Components): Schema {
  const prefix = `${hoistPrefix(endpoint)}ResponsesContentApplicationJsonSchema`;
  const properties: readonly Property[] =
    endpoint.verb === "list"
      ? [
          {
            name: "items",
            shape: { kind: "array", items: { kind: "object", properties: resource } },
            required: true,
          },
          { name: "nextCursor", shape: { kind: "scalar", type: "string", nullable: true }, required: true },
        ]
      : resource;
  const name = responseName(endpoint);
  out.push([name, { ...objectSchema(properties, prefix, out), title: name }]);
  return ref(name);
}

/** Inline, as on the site; its enums and nested objects are hoisted under `…RequestBodyContentApplicationJsonSchema…`. */
function requestBodyOf(endpoint: Endpoint, resource: readonly Property[], out: Components): Schema {
  const prefix = `${hoistPrefix(endpoint)}RequestBodyContentApplicationJsonSchema`;
  const partial = endpoint.verb === "update" || endpoint.verb === "execute";
  const schema = objectSchema(requestShape(resource, partial), prefix, out);
  return { content: { "application/json": { schema } } };
}
