/**
 * The JSDoc of each generated operation method: summary, description, route, what it throws, and an `@example` call
 * built from the spec, so an editor's hover teaches the call. Every piece of spec text passes through `commentLines`,
 * which keeps it inside the comment whatever it holds.
 */
import type {
  MediaTypeObject,
  OpenAPI3,
  OperationObject,
  ParameterObject,
  SchemaObject,
} from "../shared/openapi.ts";
import { isRecord, mediaTypesOf, requestBodyOf, resolveLocal } from "./spec-reading.ts";

/** What one method's comment is made of. */
export interface MethodDocInput {
  document: OpenAPI3;
  operation: OperationObject;
  method: string;
  path: string;
  operationId: string;
  /** The method's property path on the client, e.g. `["spaces", "runtimes", "connections", "create"]`. */
  name: readonly string[];
  parameters: readonly ParameterObject[];
  /** True when the spec documents an error body, so `isFrom` narrows to something. */
  documentedErrors: boolean;
}

/** Deepest nesting an example value is built to; deeper objects are `{}`. */
const EXAMPLE_DEPTH = 4;

/** Spec text made safe for a block comment: no terminator, no line that starts a JSDoc tag, one line per line. */
export function commentLines(text: string): string[] {
  return text
    .replace(/\*\//g, "*\\/")
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) =>
      line
        .trimEnd()
        .replace(/^(\s*)@/, "$1\\@")
        .replace(/\{@/g, "{\\@"),
    );
}

/** A string literal that stays one line and inert wherever it is printed (JSON escapes plus the line separators). */
function literal(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key);
}

/** A value as TypeScript source on one line: `{ protocol: "cdp", ttlSeconds: 0 }`. */
export function renderValue(value: unknown): string {
  if (typeof value === "string") return literal(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key)}: ${renderValue(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  uuid: "00000000-0000-0000-0000-000000000000",
  uri: "https://example.com",
  url: "https://example.com",
  email: "user@example.com",
};

/** A plausible value for `schema`: its own example, const or first enum value, else one built from its type. */
export function exampleOf(document: OpenAPI3, raw: unknown, depth = 0): unknown {
  const schema = resolveLocal<SchemaObject & Record<string, unknown>>(document, raw);
  if (!isRecord(schema)) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const variant = [schema.oneOf, schema.anyOf, schema.allOf].find(Array.isArray)?.[0];
  if (variant !== undefined) return exampleOf(document, variant, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "array") return depth >= EXAMPLE_DEPTH ? [] : [exampleOf(document, schema.items, depth + 1)];
  if (type === "object" || isRecord(schema.properties)) {
    if (depth >= EXAMPLE_DEPTH || !isRecord(schema.properties)) return {};
    const properties = schema.properties;
    const required = (Array.isArray(schema.required) ? schema.required : []).filter(
      (key): key is string => typeof key === "string" && Object.hasOwn(properties, key),
    );
    return Object.fromEntries(required.map((key) => [key, exampleOf(document, properties[key], depth + 1)]));
  }
  if (type === "integer" || type === "number") return 0;
  if (type === "boolean") return true;
  if (type === "string") return FORMAT_EXAMPLES[String(schema.format)] ?? "string";
  return null;
}

/** The example's input argument: required parameters by kind, and the body when the operation takes one. */
function exampleInput(input: MethodDocInput): Record<string, unknown> {
  const { document, operation, parameters } = input;
  const argument: Record<string, Record<string, unknown> | unknown> = {};
  for (const parameter of parameters) {
    if (parameter.in !== "path" && parameter.required !== true) continue;
    const value =
      parameter.example ?? (parameter.schema ? exampleOf(document, parameter.schema, 1) : undefined);
    const placeholder = typeof value === "string" && value !== "string" ? value : parameter.name;
    const group = (argument[parameter.in] ?? {}) as Record<string, unknown>;
    group[parameter.name] = parameter.in === "path" ? String(placeholder) : (value ?? placeholder);
    argument[parameter.in] = group;
  }
  const body = requestBodyOf(document, operation);
  const media = mediaTypesOf(body).sort((a, b) => Number(b.includes("json")) - Number(a.includes("json")))[0];
  const content =
    media === undefined ? undefined : resolveLocal<MediaTypeObject>(document, body?.content?.[media]);
  if (content) argument.body = content.example ?? exampleOf(document, content.schema);
  return argument;
}

function exampleCall(input: MethodDocInput): string[] {
  const argument = exampleInput(input);
  const call = `bctrl.${input.name.join(".")}`;
  const keys = Object.keys(argument);
  if (keys.length === 0) return [`const result = await ${call}();`];
  const oneLine = `const result = await ${call}(${renderValue(argument)});`;
  if (oneLine.length <= 100) return [oneLine];
  return [
    `const result = await ${call}({`,
    ...keys.map((key) => `  ${propertyKey(key)}: ${renderValue(argument[key])},`),
    "});",
  ];
}

/** The method's JSDoc, as lines without indentation. */
export function renderMethodDoc(input: MethodDocInput): string[] {
  const { operation } = input;
  const text = [operation.summary, operation.description].filter(
    (part): part is string => typeof part === "string" && part.trim().length > 0,
  );
  const throws = input.documentedErrors
    ? `@throws {BctrlApiError} on a non-2xx response; \`error.isFrom(${literal(input.operationId)})\` narrows its \`body\` to the documented error body.`
    : "@throws {BctrlApiError} on a non-2xx response.";
  const body = [
    ...text.flatMap((part, index) => (index === 0 ? commentLines(part) : ["", ...commentLines(part)])),
    ...(text.length > 0 ? [""] : []),
    ...commentLines(`\`${input.method.toUpperCase()} ${input.path}\` (operationId \`${input.operationId}\`)`),
    ...(operation.deprecated === true ? ["@deprecated The API marks this operation deprecated."] : []),
    throws.replace(/\*\//g, "*\\/"),
    "@throws {BctrlNetworkError} when no response arrives (a {@link BctrlTimeoutError} after `timeoutMs`).",
    "@example",
    ...commentLines(exampleCall(input).join("\n")),
  ];
  return ["/**", ...body.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"];
}
