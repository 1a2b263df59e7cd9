/**
 * Writes shapes as OpenAPI schemas the way the docs site hoists them: every nested object, multi-valued enum and
 * oneOf becomes a named component (`<owner name><PropertyPath>`) whose `title` is its own name; scalars, arrays and
 * single-valued `type` constants stay inline.
 */
import type { Property, Shape, Variant } from "./shapes.ts";

export type Schema = Record<string, unknown>;

/** Named components in emission order: children before the schema that refers to them, as on the site. */
export type Components = [name: string, schema: Schema][];

export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The inline schema for `shape`, hoisting its named parts into `out` under names starting with `name`. */
export function schemaFor(shape: Shape, name: string, out: Components): Schema {
  switch (shape.kind) {
    case "scalar":
      return {
        type: shape.nullable ? [shape.type, "null"] : shape.type,
        ...(shape.format ? { format: shape.format } : {}),
      };
    case "map":
      return { type: "object", additionalProperties: { description: "Any type" } };
    case "array":
      return { type: "array", items: schemaFor(shape.items, `${name}Items`, out) };
    case "enum":
      if (shape.values.length === 1) return { type: "string", enum: [...shape.values] };
      return hoist(name, { type: "string", enum: [...shape.values] }, out);
    case "object":
      return hoist(name, objectSchema(shape.properties, name, out), out);
    case "oneOf":
      return hoist(name, { oneOf: shape.variants.map((v, i) => variantSchema(v, `${name}${i}`, out)) }, out);
  }
}

/** `{type: object, properties, required}` with each property's schema built (and hoisted) under `name`. */
export function objectSchema(properties: readonly Property[], name: string, out: Components): Schema {
  const required = properties.filter((p) => p.required).map((p) => p.name);
  return {
    type: "object",
    properties: Object.fromEntries(
      properties.map((p) => [p.name, schemaFor(p.shape, `${name}${pascalCase(p.name)}`, out)]),
    ),
    ...(required.length > 0 ? { required } : {}),
  };
}

function variantSchema(variant: Variant, name: string, out: Components): Schema {
  const discriminator: Property = {
    name: "type",
    shape: { kind: "enum", values: [variant.type] },
    required: true,
  };
  const properties = [...variant.properties, discriminator].sort((a, b) => (a.name < b.name ? -1 : 1));
  return hoist(name, objectSchema(properties, name, out), out);
}

/** Adds `schema` as component `name` (with its `title`) and returns a `$ref` to it. */
export function hoist(name: string, schema: Schema, out: Components): Schema {
  out.push([name, { ...schema, title: name }]);
  return ref(name);
}
