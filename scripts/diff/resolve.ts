/**
 * Reference resolution for comparing documents: the report compares what a client sees, so every local `$ref` is
 * followed and a component's name never matters to an operation's comparison.
 */
import { isRecord } from "../shared/openapi.ts";

/** A parsed merged document, as plain data (the report reads documents it did not validate). */
export type Json = unknown;
export type JsonObject = Record<string, unknown>;

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** Follows a JSON pointer inside `document`; undefined when it leads nowhere. */
export function atPointer(document: Json, ref: string): Json {
  if (!ref.startsWith("#")) return undefined;
  let node: Json = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if ((!isRecord(node) && !Array.isArray(node)) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The component schema name a `$ref` points at, when it points at one. */
export function schemaRefName(ref: unknown): string | undefined {
  if (typeof ref !== "string") return undefined;
  const match = SCHEMA_REF.exec(ref);
  return match?.[1] === undefined ? undefined : match[1].replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A node with its `$ref` chain followed; `refs` lists the references passed through (for cycle detection). */
export interface Resolved {
  node: JsonObject | boolean | undefined;
  refs: string[];
}

/** Follows `$ref` chains (at most 32 hops, so a ref cycle cannot hang the report). */
export function resolve(document: Json, node: Json): Resolved {
  const refs: string[] = [];
  let current = node;
  while (isRecord(current) && typeof current.$ref === "string" && refs.length < 32) {
    refs.push(current.$ref);
    current = atPointer(document, current.$ref);
  }
  if (typeof current === "boolean") return { node: current, refs };
  return { node: isRecord(current) ? current : undefined, refs };
}

/** Keywords that document a schema without changing what a client may send or receive. */
const DOCUMENTATION_KEYWORDS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "$comment",
  "externalDocs",
]);

/**
 * A canonical text of a schema with every `$ref` inlined (recursion marked by `$recursive`), keys sorted and
 * documentation and extensions dropped: two schemas with the same fingerprint describe the same values, whatever their names.
 */
export function fingerprint(document: Json, node: Json): string {
  return JSON.stringify(inline(document, node, []));
}

/** Schema keywords whose value is a map of names to subschemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Schema keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = new Set(["oneOf", "anyOf", "allOf", "prefixItems"]);
/** Schema keywords whose value is one subschema. */
const SCHEMA_VALUES = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
]);

function inline(document: Json, node: Json, stack: string[]): Json {
  if (!isRecord(node)) return node;
  if (typeof node.$ref === "string") {
    if (stack.includes(node.$ref)) return { $recursive: stack.length - stack.indexOf(node.$ref) };
    return inline(document, atPointer(document, node.$ref), [...stack, node.$ref]);
  }
  const entries: [string, Json][] = [];
  for (const key of Object.keys(node).sort()) {
    const value = node[key];
    // Documentation and `x-` extensions change nothing a client sends or receives.
    if (DOCUMENTATION_KEYWORDS.has(key) || key.startsWith("x-")) continue;
    if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      const members = Object.keys(value)
        .sort()
        .map((name) => [name, inline(document, value[name], stack)]);
      entries.push([key, Object.fromEntries(members)]);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      entries.push([key, value.map((item) => inline(document, item, stack))]);
    } else if (SCHEMA_VALUES.has(key)) {
      entries.push([key, inline(document, value, stack)]);
    } else {
      entries.push([key, canonical(value)]);
    }
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays data.
  return Object.fromEntries(entries);
}

/** Plain data with object keys sorted, so equal values print equally. */
export function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}
