/**
 * One pure transform per OpenAPI 3.0 schema idiom, each rewriting a Schema Object into its OpenAPI 3.1 (JSON
 * Schema 2020-12) spelling with the same meaning. A transform returns `undefined` when the schema does not use
 * its idiom, so an untouched schema is never copied.
 */
import { mappingRef } from "../merge/refs.ts";
import { isRecord } from "../shared/openapi.ts";

export type Schema = Record<string, unknown>;

/** The kinds of rewrite a schema can get; each becomes one warning line per file. */
export type SchemaIdiom = "nullable" | "exclusive-bound" | "schema-example";

/** Keywords that describe a schema rather than constrain it: they stay outside an `anyOf` made for `nullable`. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "readOnly",
  "writeOnly",
  "deprecated",
  "externalDocs",
  "xml",
]);

/**
 * `nullable: true` → the type admits `null`: `type: T` becomes `[T, "null"]` (and an `enum` gets `null`), a schema
 * without `type` (a `$ref`, `allOf`, …) becomes `anyOf: [itself, { type: "null" }]`. `nullable: false` is dropped.
 */
export function rewriteNullable(schema: Schema): Schema | undefined {
  if (!("nullable" in schema)) return undefined;
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (typeof rest.type === "string" || Array.isArray(rest.type)) {
    const types: unknown[] = Array.isArray(rest.type) ? rest.type : [rest.type];
    const result: Schema = { ...rest, type: types.includes("null") ? types : [...types, "null"] };
    if (Array.isArray(rest.enum) && !rest.enum.includes(null)) result.enum = [...rest.enum, null];
    return result;
  }
  const outer: Schema = {};
  const inner: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) outer[key] = value;
    else inner[key] = value;
  }
  // `nullable` alone said nothing but "may be null": without constraints the schema already admits null.
  if (Object.keys(inner).length === 0) return outer;
  return { ...outer, anyOf: [inner, { type: "null" }] };
}

/** Boolean `exclusiveMinimum`/`exclusiveMaximum` (3.0) → the number form (3.1) that replaces `minimum`/`maximum`. */
export function rewriteExclusiveBounds(schema: Schema): Schema | undefined {
  const min = typeof schema.exclusiveMinimum === "boolean";
  const max = typeof schema.exclusiveMaximum === "boolean";
  if (!min && !max) return undefined;
  let result = schema;
  if (min) result = exclusive(result, "exclusiveMinimum", "minimum");
  if (max) result = exclusive(result, "exclusiveMaximum", "maximum");
  return result;
}

function exclusive(schema: Schema, flag: string, bound: string): Schema {
  const { [flag]: on, [bound]: limit, ...rest } = schema;
  if (limit === undefined) return rest;
  return on === true ? { ...rest, [flag]: limit } : { ...rest, [bound]: limit };
}

/** A schema's `example` (deprecated in 3.1) → an entry of `examples`, JSON Schema's list of sample values. */
export function rewriteSchemaExample(schema: Schema): Schema | undefined {
  if (!("example" in schema)) return undefined;
  const { example, ...rest } = schema;
  const examples = Array.isArray(rest.examples) ? rest.examples : [];
  // `examples` that is not a list is not a 3.1 schema keyword value; leave the schema for validation to report.
  if (rest.examples !== undefined && !Array.isArray(rest.examples)) return undefined;
  return {
    ...rest,
    examples: examples.some((e) => sameValue(e, example)) ? examples : [...examples, example],
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (isRecord(a) && isRecord(b) && JSON.stringify(a) === JSON.stringify(b));
}

/** Every idiom rewrite, in the order they apply to one schema. */
export const SCHEMA_IDIOMS: readonly [SchemaIdiom, (schema: Schema) => Schema | undefined][] = [
  ["nullable", rewriteNullable],
  ["exclusive-bound", rewriteExclusiveBounds],
  ["schema-example", rewriteSchemaExample],
];

/**
 * A discriminator mapping's bare schema names (`Dog`) → the references they stand for (`#/components/schemas/Dog`).
 * Both spellings are legal and mean the same, so this is no normalisation to warn about; but the validator reads
 * every mapping value as a reference and would report a bare name as unresolvable.
 */
export function withMappingRefs(schema: Schema): Schema | undefined {
  const { discriminator } = schema;
  if (!isRecord(discriminator) || !isRecord(discriminator.mapping)) return undefined;
  const entries = Object.entries(discriminator.mapping);
  const expanded = entries.map(([name, target]): [string, unknown] => [
    name,
    typeof target === "string" ? mappingRef(target) : target,
  ]);
  if (expanded.every(([, target], index) => target === entries[index]?.[1])) return undefined;
  return { ...schema, discriminator: { ...discriminator, mapping: Object.fromEntries(expanded) } };
}
