/**
 * Decodes the docs site's hoisted schema names back into where the schema sits:
 *   V1SpacesIdRuntimesRuntimeIdConnections | Post | ResponsesContentApplicationJsonSchema | EndpointOneOf3Endpoints
 *   (path segments)                        (method) (location)                             (property path)
 * and `spaces_runtimesConnectionsCreate_Response_200` back into its operation.
 */
import { type HttpMethod, isRecord, type OpenAPI3 } from "../shared/openapi.ts";
import { type OperationInfo, resolveSchema } from "./spec-index.ts";
import { normalizeKey, splitWords } from "./words.ts";

export type BodyLocation = "request" | "response";

export interface HoistedName {
  /** The operation the name was hoisted from, when the document has it. */
  operation?: OperationInfo;
  /** The route words when no operation matched (`V1SpacesIdRuntimes…` split into words). */
  routeWords: string[];
  location: BodyLocation;
  /** The property path after `…ContentApplicationJsonSchema`, e.g. `SummaryLaunchMode`. */
  remainder: string;
}

const LOCATION = /^(RequestBody|Responses)(?:\d{3}|[1-5]XX)?Content[A-Z][A-Za-z0-9]*?Schema(.*)$/;
const METHOD_THEN_LOCATION =
  /^([A-Za-z0-9]+?)(Get|Put|Post|Delete|Patch|Options|Head|Trace)((?:RequestBody|Responses)[A-Za-z0-9]*)$/;

/** The route and method prefix the site puts in front of hoisted names, compared case-insensitively. */
function hoistPrefix(route: string, method: HttpMethod): string {
  return normalizeKey(route) + method;
}

/** A decoder for one document's operations: their prefixes are computed once, longest first. */
export function hoistedNameDecoder(
  operations: readonly OperationInfo[],
): (name: string) => HoistedName | undefined {
  const prefixes = operations
    .map((operation) => ({ operation, prefix: hoistPrefix(operation.route, operation.method) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (name) => {
    if (!/^[A-Za-z0-9]+$/.test(name)) return undefined;
    const lower = name.toLowerCase();
    for (const { operation, prefix } of prefixes) {
      if (!lower.startsWith(prefix)) continue;
      const match = LOCATION.exec(name.slice(prefix.length));
      if (match)
        return { operation, routeWords: [], location: locationOf(match[1]), remainder: match[2] ?? "" };
    }
    const generic = METHOD_THEN_LOCATION.exec(name);
    const location = generic?.[3] === undefined ? undefined : LOCATION.exec(generic[3]);
    if (!generic?.[1] || !location) return undefined;
    return {
      routeWords: splitWords(generic[1]),
      location: locationOf(location[1]),
      remainder: location[2] ?? "",
    };
  };
}

export function decodeHoistedName(
  name: string,
  operations: readonly OperationInfo[],
): HoistedName | undefined {
  return hoistedNameDecoder(operations)(name);
}

function locationOf(marker: string | undefined): BodyLocation {
  return marker === "RequestBody" ? "request" : "response";
}

const FERN_NAME = /^([A-Za-z0-9]+)_([A-Za-z0-9]+?)(?:V\d+)?_(Response|Request)(?:_[0-9A-Za-z]+)?$/;

export interface FernName {
  operation?: OperationInfo;
  /** `runtimesConnectionsCreate`: the operation part of the name. */
  operationWords: string;
  location: BodyLocation;
}

/**
 * A decoder for one document's operations (indexed once by their normalized operationId):
 * `spaces_runtimesConnectionsCreate_Response_200` → the operation whose operationId reads the same.
 */
export function fernNameDecoder(
  operations: readonly OperationInfo[],
): (name: string) => FernName | undefined {
  const byId = new Map<string, OperationInfo[]>();
  for (const operation of operations) {
    const id = normalizeKey(operation.operationId ?? "");
    const same = byId.get(id);
    if (same) same.push(operation);
    else byId.set(id, [operation]);
  }
  return (name) => {
    const match = FERN_NAME.exec(name);
    if (!match?.[2]) return undefined;
    const candidates = [
      ...(byId.get(normalizeKey(match[2])) ?? []),
      ...(byId.get(normalizeKey(`${match[1]}${match[2]}`)) ?? []),
    ];
    const location = locationOf(match[3] === "Request" ? "RequestBody" : "Responses");
    const operation = candidates.length === 1 ? candidates[0] : undefined;
    return { operationWords: match[2], location, ...(operation ? { operation } : {}) };
  };
}

/** One step from a body schema down to a hoisted schema. */
export type SchemaStep =
  | { kind: "property"; name: string }
  | { kind: "variant"; index: number; constant?: string }
  | { kind: "items" };

/**
 * Splits a hoisted name's property path (`EndpointOneOf3Endpoints`) into steps by walking the body schema it was
 * hoisted from: property names are matched case-insensitively, `OneOf3`/`3` select a variant, `Items` an array's items.
 */
export function walkPropertyPath(
  document: OpenAPI3,
  schema: unknown,
  rest: string,
): SchemaStep[] | undefined {
  if (rest === "") return [];
  const resolved = resolveSchema(document, schema);
  if (!resolved) return undefined;
  const variants = Array.isArray(resolved.oneOf) ? resolved.oneOf : resolved.anyOf;
  const variantMatch = /^(?:OneOf|AnyOf)?(\d+)/.exec(rest);
  if (Array.isArray(variants) && variantMatch?.[1] !== undefined) {
    const index = Number(variantMatch[1]);
    const tail = walkPropertyPath(document, variants[index], rest.slice(variantMatch[0].length));
    if (index < variants.length && tail) {
      const constant = discriminatingConstant(document, variants, index);
      return [{ kind: "variant", index, ...(constant === undefined ? {} : { constant }) }, ...tail];
    }
  }
  if (isRecord(resolved.properties)) {
    const lower = rest.toLowerCase();
    const names = Object.keys(resolved.properties)
      .filter((property) => normalizeKey(property).length > 0 && lower.startsWith(normalizeKey(property)))
      .sort((a, b) => normalizeKey(b).length - normalizeKey(a).length);
    for (const property of names) {
      const tail = walkPropertyPath(
        document,
        resolved.properties[property],
        rest.slice(normalizeKey(property).length),
      );
      if (tail) return [{ kind: "property", name: property }, ...tail];
    }
  }
  if (resolved.items !== undefined && rest.startsWith("Items")) {
    const tail = walkPropertyPath(document, resolved.items, rest.slice("Items".length));
    if (tail) return [{ kind: "items" }, ...tail];
  }
  return undefined;
}

/**
 * The constant that tells variant `index` apart from its siblings: a property every variant pins to one distinct
 * string (`type: websocket | http | rdp | composite`).
 */
export function discriminatingConstant(
  document: OpenAPI3,
  variants: readonly unknown[],
  index: number,
): string | undefined {
  const resolved = variants.map((variant) => resolveSchema(document, variant));
  const own = resolved[index]?.properties;
  if (!isRecord(own)) return undefined;
  for (const property of Object.keys(own).sort()) {
    const values = resolved.map((variant) =>
      isRecord(variant?.properties) ? constantOf(document, variant.properties[property]) : undefined,
    );
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length)
      return values[index];
  }
  return undefined;
}

function constantOf(document: OpenAPI3, schema: unknown): string | undefined {
  const resolved = resolveSchema(document, schema);
  if (typeof resolved?.const === "string") return resolved.const;
  const values = resolved?.enum;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === "string"
    ? values[0]
    : undefined;
}
