/**
 * What the method signatures need from one operation of the merged document: its parameter kinds, request body and
 * responses, with local `$ref`s (to components) followed. Pure reads; nothing here renders TypeScript.
 */
import type {
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from "../shared/openapi.ts";

/** The parameter locations openapi-typescript gives an operation's `parameters`, in its order. */
export const PARAMETER_KINDS = ["query", "header", "path", "cookie"] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

/** Follows a local `$ref` chain (at most 20 links, so a cycle ends); anything unresolvable is `undefined`. */
export function resolveLocal<T>(document: OpenAPI3, value: unknown): T | undefined {
  let current = value;
  for (let hops = 0; hops < 20; hops++) {
    const ref = isRecord(current) ? current.$ref : undefined;
    if (typeof ref !== "string") return current as T | undefined;
    if (!ref.startsWith("#/")) return undefined;
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>(
        (node, key) => (isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined),
        document,
      );
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The operation's parameters (path item's first, overridden by the operation's own), resolved. */
export function parametersOf(
  document: OpenAPI3,
  item: PathItemObject,
  operation: OperationObject,
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolveLocal<ParameterObject>(document, raw);
    if (parameter && typeof parameter.name === "string")
      byKey.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** Each parameter kind the operation has, and whether the key is required (as openapi-typescript decides it). */
export function parameterKinds(
  parameters: readonly ParameterObject[],
): { kind: ParameterKind; required: boolean }[] {
  return PARAMETER_KINDS.flatMap((kind) => {
    const ofKind = parameters.filter((parameter) => parameter.in === kind);
    if (ofKind.length === 0) return [];
    return [{ kind, required: kind === "path" || ofKind.some((parameter) => parameter.required === true) }];
  });
}

export function requestBodyOf(document: OpenAPI3, operation: OperationObject): RequestBodyObject | undefined {
  return resolveLocal<RequestBodyObject>(document, operation.requestBody);
}

/** A response of the operation: its status key as written (`200`, `4XX`, `default`) and the resolved object. */
export interface ResponseEntry {
  status: string;
  response: ResponseObject;
}

export function responsesOf(document: OpenAPI3, operation: OperationObject): ResponseEntry[] {
  return Object.entries(operation.responses ?? {}).flatMap(([status, raw]) => {
    const response = resolveLocal<ResponseObject>(document, raw);
    return response ? [{ status, response }] : [];
  });
}

/** The statuses openapi-fetch treats as success (`OkStatus`): 200–206 and `2XX`. */
export function isSuccessStatus(status: string): boolean {
  return /^20[0-6]$/.test(status) || status.toUpperCase() === "2XX";
}

/** The media types of a body or response, in document order. */
export function mediaTypesOf(holder: { content?: Record<string, unknown> } | undefined): string[] {
  return Object.keys(holder?.content ?? {});
}

export function mediaSchema(
  document: OpenAPI3,
  holder: { content?: Record<string, unknown> } | undefined,
  media: string,
): SchemaObject | undefined {
  const entry = holder?.content?.[media];
  return isRecord(entry) ? resolveLocal<SchemaObject>(document, entry.schema) : undefined;
}
