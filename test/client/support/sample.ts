/**
 * Builds a valid example value for a JSON schema of the merged spec (first enum value, first oneOf branch, every
 * declared property, formats honoured), so a contract test can call every operation with a request the spec accepts.
 */
import type { OpenAPI3, OperationObject, ParameterObject } from "../../../scripts/shared/openapi.ts";

type Schema = Record<string, unknown>;

function resolve(node: unknown, document: OpenAPI3): Schema {
  let current = node as Schema;
  for (let hops = 0; typeof current?.$ref === "string" && hops < 50; hops++) {
    const segments = (current.$ref as string).replace(/^#\//, "").split("/");
    current = segments.reduce<unknown>(
      (value, key) => (value as Record<string, unknown>)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      document,
    ) as Schema;
  }
  return current ?? {};
}

const STRING_FORMATS: Record<string, string> = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  uri: "https://example.com/",
  email: "someone@example.com",
};

/** An example value for `node`; `depth` stops runaway recursion on self-referencing schemas. */
export function sampleOf(node: unknown, document: OpenAPI3, depth = 0): unknown {
  const schema = resolve(node, document);
  if (depth > 8) return undefined;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ("example" in schema) return schema.example;
  for (const key of ["oneOf", "anyOf"]) {
    if (Array.isArray(schema[key])) return sampleOf((schema[key] as unknown[])[0], document, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => sampleOf(part, document, depth + 1)));
  }
  const types = Array.isArray(schema.type)
    ? schema.type
    : [schema.type ?? (schema.properties ? "object" : "string")];
  const type = types.find((t) => t !== "null") ?? "null";
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, unknown>).map(([key, value]) => [
          key,
          sampleOf(value, document, depth + 1),
        ]),
      );
    case "array":
      return [sampleOf(schema.items, document, depth + 1)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return STRING_FORMATS[String(schema.format)] ?? "sample";
  }
}

/** A valid operation-method input for `operation`: required parameters by kind, and a body when it has one. */
export function sampleInput(operation: OperationObject, document: OpenAPI3): Record<string, unknown> {
  const input: Record<string, Record<string, unknown>> = {};
  for (const reference of operation.parameters ?? []) {
    const parameter = resolve(reference, document) as unknown as ParameterObject;
    if (!parameter.required) continue;
    input[parameter.in] ??= {};
    (input[parameter.in] as Record<string, unknown>)[parameter.name] = sampleOf(parameter.schema, document);
  }
  const body = resolve(operation.requestBody, document) as { content?: Record<string, { schema?: unknown }> };
  const json = body.content?.["application/json"];
  return json ? { ...input, body: sampleOf(json.schema, document) } : input;
}
