/**
 * What the aliases stage needs to know about the merged document: its operations with their body and parameter
 * slots, `$ref` resolution, and how often each schema is referenced.
 */
import { HTTP_METHODS, type HttpMethod, isRecord, type OpenAPI3 } from "../shared/openapi.ts";

export type SlotKind = "params" | "request" | "response";

/** A request or success-response body: where it sits and the schema it holds. */
export interface BodyInfo {
  status?: string;
  media: string;
  schema: unknown;
  /** How many of the body's media types refer to the same schema (`text/plain` and `text/html` both → X). */
  sameRefs: number;
}

/** A parameter of an operation (path-level ones included), with its schema. */
export interface ParameterInfo {
  name: string;
  in: string;
  schema: unknown;
}

export interface OperationInfo {
  route: string;
  method: HttpMethod;
  /** The lock key: `POST /v1/…`, stable even when the merge renames a clashing operationId. */
  key: string;
  operationId?: string;
  summary?: string;
  request?: BodyInfo;
  response?: BodyInfo;
  /** Parameters with a schema, path-level first; absent when there are none. */
  parameters?: ParameterInfo[];
}

const SCHEMA_REF_PREFIX = "#/components/schemas/";

/** The component schema a `{ $ref }` points at, or undefined for anything else. */
export function schemaRefName(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.$ref !== "string" || !value.$ref.startsWith(SCHEMA_REF_PREFIX))
    return undefined;
  return value.$ref.slice(SCHEMA_REF_PREFIX.length).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Follows `$ref`s to a schema object (bounded, so a reference cycle cannot hang the run). */
export function resolveSchema(document: OpenAPI3, value: unknown): Record<string, unknown> | undefined {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const name = schemaRefName(current);
    if (name === undefined) break;
    current = document.components?.schemas?.[name];
  }
  return isRecord(current) ? current : undefined;
}

export function operationKey(route: string, method: HttpMethod): string {
  return `${method.toUpperCase()} ${route}`;
}

/** Every operation in document order (paths as merged, methods in HTTP_METHODS order). */
export function listOperations(document: OpenAPI3): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const request = isRecord(operation.requestBody) ? bodyOf(operation.requestBody) : undefined;
      const response = successBody(operation.responses);
      const parameters = parametersOf(document, [item.parameters, operation.parameters]);
      operations.push({
        route,
        method,
        key: operationKey(route, method),
        ...(typeof operation.operationId === "string" ? { operationId: operation.operationId } : {}),
        ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
      });
    }
  }
  return operations;
}

const PARAMETER_REF_PREFIX = "#/components/parameters/";

/** The parameters of the lists given (`$ref`s to components.parameters followed) that have a schema. */
function parametersOf(document: OpenAPI3, lists: readonly unknown[]): ParameterInfo[] {
  const found: ParameterInfo[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const ref = isRecord(entry) && typeof entry.$ref === "string" ? entry.$ref : undefined;
      const parameter = ref?.startsWith(PARAMETER_REF_PREFIX)
        ? document.components?.parameters?.[ref.slice(PARAMETER_REF_PREFIX.length)]
        : entry;
      if (!isRecord(parameter) || typeof parameter.name !== "string" || parameter.schema === undefined)
        continue;
      found.push({ name: parameter.name, in: String(parameter.in), schema: parameter.schema });
    }
  }
  return found;
}

/** JSON first, then any `+json`/`json` type, then whatever comes first. */
function pickMedia(content: Record<string, unknown>): string | undefined {
  const types = Object.keys(content);
  return types.includes("application/json")
    ? "application/json"
    : (types.find((t) => t.includes("json")) ?? types[0]);
}

function bodyOf(holder: Record<string, unknown>, status?: string): BodyInfo | undefined {
  if (!isRecord(holder.content)) return undefined;
  const media = pickMedia(holder.content);
  const entry = media === undefined ? undefined : holder.content[media];
  if (media === undefined || !isRecord(entry) || entry.schema === undefined) return undefined;
  const ref = schemaRefName(entry.schema);
  const sameRefs =
    ref === undefined
      ? 0
      : Object.values(holder.content).filter(
          (other) => isRecord(other) && schemaRefName(other.schema) === ref,
        ).length;
  return { media, schema: entry.schema, sameRefs, ...(status === undefined ? {} : { status }) };
}

/** The lowest 2xx response that has a body. */
function successBody(responses: unknown): BodyInfo | undefined {
  if (!isRecord(responses)) return undefined;
  const codes = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const response = responses[code];
    const body = isRecord(response) ? bodyOf(response, code) : undefined;
    if (body) return body;
  }
  return undefined;
}

/** How many `$ref`s anywhere in the document point at each component schema. */
export function countSchemaRefs(document: OpenAPI3): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isRecord(value)) return;
    const name = schemaRefName(value);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const child of Object.values(value)) visit(child);
  };
  visit(document.paths);
  visit(document.components);
  return counts;
}

/** An operation whose request or response body is a `$ref` to a schema. */
export interface BodyUse {
  operation: OperationInfo;
  location: "request" | "response";
}

/** Which operations use each component schema directly as a body, in operation order. */
export function bodyUses(operations: readonly OperationInfo[]): Map<string, BodyUse[]> {
  const uses = new Map<string, BodyUse[]>();
  for (const operation of operations) {
    for (const location of ["response", "request"] as const) {
      const name = schemaRefName(operation[location]?.schema);
      if (name === undefined) continue;
      const list = uses.get(name);
      if (list) list.push({ operation, location });
      else uses.set(name, [{ operation, location }]);
    }
  }
  return uses;
}

/** Names the merge folded into this schema (`x-bctrl-also-named`), as extra naming evidence. */
export function alsoNamed(schema: unknown): string[] {
  if (!isRecord(schema) || !Array.isArray(schema["x-bctrl-also-named"])) return [];
  return schema["x-bctrl-also-named"].filter((name): name is string => typeof name === "string");
}
