/**
 * Normalise stage (between load and merge): every page is read as OpenAPI 3.1 with the meaning it states.
 * 3.0 documents become 3.1, 3.0 schema idioms take their 3.1 spelling (idioms.ts), and fields OpenAPI does not
 * define outside schemas are dropped; each rewrite is one typed Normalisation record (warnings.ts).
 * The walk follows redocly's OpenAPI 3.1 type tree, the same one the validate stage checks the merged document
 * against, so what is kept here is what validation knows. One pass, linear in the document; untouched objects
 * are shared, not copied. Unknown keywords inside a schema are kept: in 3.1 they are JSON Schema annotations.
 */
import { type NormalizedNodeType, normalizeTypes, Oas3_1Types } from "@redocly/openapi-core";
import { escapePointer, isRecord, type OpenAPI3, type SpecFile } from "../shared/openapi.ts";
import { SCHEMA_IDIOMS, withMappingRefs } from "./idioms.ts";
import type { Normalisation, NormalisationKind } from "./warnings.ts";

const TYPES = normalizeTypes(Oas3_1Types);
const ROOT_TYPE = TYPES.Root as NormalizedNodeType;
const SCHEMA_TYPE = TYPES.Schema as NormalizedNodeType;

export interface NormaliseResult {
  specs: SpecFile[];
  normalisations: Normalisation[];
}

/** Every spec read as OpenAPI 3.1, with one record per rewrite made. */
export function normaliseSpecs(specs: readonly SpecFile[]): NormaliseResult {
  const normalisations: Normalisation[] = [];
  const normalised = specs.map((spec) => {
    const result = normaliseDocument(spec);
    normalisations.push(...result.normalisations);
    return { file: spec.file, document: result.document };
  });
  return { specs: normalised, normalisations };
}

/** One document read as OpenAPI 3.1 (the input is not modified). */
export function normaliseDocument({ file, document }: SpecFile): {
  document: OpenAPI3;
  normalisations: Normalisation[];
} {
  const walk: Walk = { file, at: [], found: [] };
  let result = normaliseNode(document, ROOT_TYPE, walk) as OpenAPI3;
  if (typeof result.openapi === "string" && /^3\.0(\.|$)/.test(result.openapi)) {
    walk.found.unshift({ kind: "openapi-3.0", file, pointer: "/openapi" });
    result = { ...result, openapi: "3.1.0" };
  }
  return { document: result, normalisations: walk.found };
}

interface Walk {
  file: string;
  /** The segments from the document root to the node being walked (pushed and popped as the walk goes). */
  at: string[];
  found: Normalisation[];
}

function record(walk: Walk, kind: NormalisationKind, field?: string): void {
  const segments = field === undefined ? walk.at : [...walk.at, field];
  const pointer = segments.map((s) => `/${escapePointer(s)}`).join("");
  walk.found.push({ kind, file: walk.file, pointer, ...(field === undefined ? {} : { field }) });
}

/** The named type a child value has, or `undefined` for plain data (strings, examples, enums, extensions). */
function namedChild(type: unknown, value: unknown, key: string | number): NormalizedNodeType | undefined {
  const resolved = typeof type === "function" ? type(value, key) : type;
  // Object types carry a name; data (a string, an example, an enum) has only a JSON Schema-like description.
  return isRecord(resolved) && typeof resolved.name === "string"
    ? (resolved as NormalizedNodeType)
    : undefined;
}

function normaliseNode(node: unknown, type: NormalizedNodeType, walk: Walk): unknown {
  if (Array.isArray(node)) return type.items === undefined ? node : normaliseList(node, type, walk);
  if (!isRecord(node)) return node;
  // A Reference Object stands for its target, which is walked where it is defined.
  if (type !== SCHEMA_TYPE && typeof node.$ref === "string") return node;
  if (type === SCHEMA_TYPE) return normaliseSchema(node, walk);
  return normaliseObject(node, type, walk);
}

function normaliseList(list: unknown[], type: NormalizedNodeType, walk: Walk): unknown[] {
  let result: unknown[] | undefined;
  list.forEach((item, index) => {
    const itemType = namedChild(type.items, item, index);
    if (itemType === undefined) return;
    walk.at.push(String(index));
    const next = normaliseNode(item, itemType, walk);
    walk.at.pop();
    if (next !== item) {
      result ??= [...list];
      result[index] = next;
    }
  });
  return result ?? list;
}

function normaliseSchema(schema: Record<string, unknown>, walk: Walk): Record<string, unknown> {
  let current = schema;
  for (const [kind, rewrite] of SCHEMA_IDIOMS) {
    const next = rewrite(current);
    if (next === undefined) continue;
    record(walk, kind);
    current = next;
  }
  current = withMappingRefs(current) ?? current;
  // Unknown keywords stay: JSON Schema 2020-12 reads them as annotations, and the types ignore them.
  return normaliseChildren(current, SCHEMA_TYPE, walk, () => false) ?? current;
}

function normaliseObject(
  node: Record<string, unknown>,
  type: NormalizedNodeType,
  walk: Walk,
): Record<string, unknown> {
  const allowed = type.allowed?.(node);
  const isDropped = (key: string) => {
    if (type.extensionsPrefix !== undefined && key.startsWith(type.extensionsPrefix)) return false;
    const known = Object.hasOwn(type.properties, key);
    if (!known) return type.additionalProperties === undefined;
    return allowed !== undefined && !allowed.includes(key);
  };
  return normaliseChildren(node, type, walk, isDropped) ?? node;
}

/** The node with its children normalised and dropped keys left out, or `undefined` when nothing changed. */
function normaliseChildren(
  node: Record<string, unknown>,
  type: NormalizedNodeType,
  walk: Walk,
  isDropped: (key: string) => boolean,
): Record<string, unknown> | undefined {
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (isDropped(key)) {
      record(walk, "unknown-field", key);
      changed = true;
      continue;
    }
    const extension = type.extensionsPrefix !== undefined && key.startsWith(type.extensionsPrefix);
    const childType = extension
      ? undefined
      : namedChild(
          Object.hasOwn(type.properties, key) ? type.properties[key] : type.additionalProperties,
          value,
          key,
        );
    let next = value;
    if (childType !== undefined) {
      walk.at.push(key);
      next = normaliseNode(value, childType, walk);
      walk.at.pop();
    }
    if (next !== value) changed = true;
    entries.push([key, next]);
  }
  return changed ? Object.fromEntries(entries) : undefined;
}
