/**
 * Decodes the docs site's hoisted schema names back into where the schema sits:
 *   V1SpacesIdRuntimesRuntimeIdConnections | Post | ResponsesContentApplicationJsonSchema | EndpointOneOf3Endpoints
 *   (path segments)                        (method) (location)                             (property path)
 *   FoldersFolderId | Get | Parameters | Direction        (a parameter's schema: the parameter's name, then its path)
 * and `spaces_runtimesConnectionsCreate_Response_200` back into its operation. Names are decoded whatever their
 * length: a short hoisted name is still a path, not a name someone chose.
 */
import { type HttpMethod, isRecord, type OpenAPI3 } from "../shared/openapi.ts";
import { type OperationInfo, resolveSchema } from "./spec-index.ts";
import { normalizeKey, splitWords } from "./words.ts";

export type BodyLocation = "request" | "response";
/** Where a hoisted schema sits: in a body, or in a parameter. */
export type HoistLocation = BodyLocation | "parameter";

export interface HoistedName {
  /** The operation the name was hoisted from, when the document has it. */
  operation?: OperationInfo;
  /** The route words when no operation matched (`V1SpacesIdRuntimes…` split into words). */
  routeWords: string[];
  location: HoistLocation;
  /** The property path after `…ContentApplicationJsonSchema` or `…Parameters`, e.g. `SummaryLaunchMode`. */
  remainder: string;
}

const LOCATION =
  /^(?:(RequestBody|Responses)(?:\d{3}|[1-5]XX)?Content[A-Z][A-Za-z0-9]*?Schema(.*)|(Parameters)([A-Z].*))$/;
const METHOD_THEN_LOCATION =
  /^([A-Za-z0-9]+?)(Get|Put|Post|Delete|Patch|Options|Head|Trace)((?:RequestBody|Responses|Parameters)[A-Za-z0-9]*)$/;

/** The route and method prefix the site puts in front of hoisted names, compared case-insensitively. */
function hoistPrefix(route: string, method: HttpMethod): string {
  return normalizeKey(route) + method;
}

/**
 * A decoder for one document's operations: their prefixes are indexed once, and each name is looked up only at the
 * places where a location word (`RequestBody`, `Responses`, `Parameters`) starts, longest prefix first; each name is
 * decoded once (a group of folded schemas asks for the same names again).
 */
export function hoistedNameDecoder(
  operations: readonly OperationInfo[],
): (name: string) => HoistedName | undefined {
  const byPrefix = new Map<string, OperationInfo>();
  for (const operation of operations) {
    const prefix = hoistPrefix(operation.route, operation.method);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, operation);
  }
  const decoded = new Map<string, HoistedName | undefined>();
  return (name) => {
    if (!decoded.has(name)) decoded.set(name, decode(name, byPrefix));
    return decoded.get(name);
  };
}

const LOCATION_START = /(?=RequestBody|Responses|Parameters)/g;

function decode(name: string, byPrefix: ReadonlyMap<string, OperationInfo>): HoistedName | undefined {
  if (!/^[A-Za-z0-9]+$/.test(name)) return undefined;
  const lower = name.toLowerCase();
  const cuts = [...name.matchAll(LOCATION_START)].map((match) => match.index).reverse();
  for (const cut of cuts) {
    const operation = byPrefix.get(lower.slice(0, cut));
    const match = operation === undefined ? null : LOCATION.exec(name.slice(cut));
    if (operation && match)
      return { operation, routeWords: [], location: locationOf(match), remainder: remainderOf(match) };
  }
  const generic = METHOD_THEN_LOCATION.exec(name);
  const location = generic?.[3] === undefined ? undefined : LOCATION.exec(generic[3]);
  if (!generic?.[1] || !location) return undefined;
  return {
    routeWords: splitWords(generic[1]),
    location: locationOf(location),
    remainder: remainderOf(location),
  };
}

export function decodeHoistedName(
  name: string,
  operations: readonly OperationInfo[],
): HoistedName | undefined {
  return hoistedNameDecoder(operations)(name);
}

function locationOf(match: RegExpExecArray): HoistLocation {
  return match[3] === "Parameters" ? "parameter" : match[1] === "RequestBody" ? "request" : "response";
}

function remainderOf(match: RegExpExecArray): string {
  return match[2] ?? match[4] ?? "";
}

const FERN_NAME = /^([A-Za-z0-9]+)_([A-Za-z0-9]+?)(?:V\d+)?_(Response|Request)(?:_([0-9A-Za-z]+))?$/;

export interface FernName {
  operation?: OperationInfo;
  /** `runtimesConnectionsCreate`: the operation part of the name. */
  operationWords: string;
  location: BodyLocation;
  /** The status code the name ends with (`200`, `408`), when it has one. */
  status?: string;
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
    const location: BodyLocation = match[3] === "Request" ? "request" : "response";
    const operation = candidates.length === 1 ? candidates[0] : undefined;
    return {
      operationWords: match[2],
      location,
      ...(operation ? { operation } : {}),
      ...(match[4] === undefined ? {} : { status: match[4] }),
    };
  };
}

/** One step from a body schema down to a hoisted schema. */
export type SchemaStep =
  | { kind: "property"; name: string }
  | {
      kind: "variant";
      index: number;
      label?: string /** The one variant beside `null`: the value itself. */;
      sole?: true;
    }
  | { kind: "part"; index: number; label?: string }
  | { kind: "items" }
  | { kind: "value" };

/**
 * Splits a hoisted name's property path (`EndpointOneOf3Endpoints`) into steps by walking the body schema it was
 * hoisted from: property names are matched case-insensitively, `OneOf3`/`3` select a variant (or an `allOf` part),
 * `Items` an array's items, `AdditionalProperties`/`Value` a map's values.
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
  const variant = Array.isArray(variants)
    ? indexedStep(document, resolved, variants, "variant", rest)
    : undefined;
  if (variant) return variant;
  const part = Array.isArray(resolved.allOf)
    ? indexedStep(document, resolved, resolved.allOf, "part", rest)
    : undefined;
  if (part) return part;
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
  const valueWord = /^(AdditionalProperties|Value)/.exec(rest)?.[1];
  if (isRecord(resolved.additionalProperties) && valueWord !== undefined) {
    const tail = walkPropertyPath(document, resolved.additionalProperties, rest.slice(valueWord.length));
    if (tail) return [{ kind: "value" }, ...tail];
  }
  return undefined;
}

/**
 * A variant or `allOf` part selected by the digits `rest` starts with. Indexes run together in hoisted names
 * (`…Schema01` is part 1 of variant 0), so the shortest index that leads somewhere is taken first.
 */
function indexedStep(
  document: OpenAPI3,
  parent: Record<string, unknown>,
  members: readonly unknown[],
  kind: "variant" | "part",
  rest: string,
): SchemaStep[] | undefined {
  const match = /^(?:OneOf|AnyOf|AllOf)?(\d+)/.exec(rest);
  const digits = match?.[1];
  if (match === null || digits === undefined) return undefined;
  const start = match[0].length - digits.length;
  for (let length = 1; length <= digits.length; length++) {
    const index = Number(digits.slice(0, length));
    if (index >= members.length) break;
    const tail = walkPropertyPath(document, members[index], rest.slice(start + length));
    if (!tail) continue;
    const others = members.filter((_, at) => at !== index);
    if (kind === "variant" && others.every((other) => resolveSchema(document, other)?.type === "null"))
      return [{ kind, index, sole: true }, ...tail];
    const label = variantLabel(document, parent, members, index);
    return [{ kind, index, ...(label === undefined ? {} : { label }) }, ...tail];
  }
  return undefined;
}

/**
 * What tells variant `index` apart from its siblings, in order of how much the author said: the discriminator's
 * mapping key, a property every variant pins to a distinct constant (`type: websocket | http`), the variant's own
 * title, a property only this variant has (required ones first), its JSON type when the variants' types differ, or
 * `known` for the one enum beside free-form variants.
 */
export function variantLabel(
  document: OpenAPI3,
  parent: Record<string, unknown>,
  variants: readonly unknown[],
  index: number,
): string | undefined {
  const resolved = variants.map((variant) => resolveSchema(document, variant));
  return (
    mappingKey(parent, variants[index]) ??
    distinctConstant(document, resolved, index) ??
    authorTitle(variants[index], resolved[index]) ??
    onlyProperty(resolved, index) ??
    distinctType(resolved, index) ??
    knownValues(resolved, index)
  );
}

function mappingKey(parent: Record<string, unknown>, variant: unknown): string | undefined {
  const mapping = isRecord(parent.discriminator) ? parent.discriminator.mapping : undefined;
  const ref = isRecord(variant) && typeof variant.$ref === "string" ? variant.$ref : undefined;
  if (!isRecord(mapping) || ref === undefined) return undefined;
  return Object.keys(mapping)
    .sort()
    .find((key) => mapping[key] === ref);
}

function distinctConstant(
  document: OpenAPI3,
  resolved: readonly (Record<string, unknown> | undefined)[],
  index: number,
): string | undefined {
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

/** A title the author wrote: not the hoisted name the docs site copies into `title`, and short. */
function authorTitle(variant: unknown, resolved: Record<string, unknown> | undefined): string | undefined {
  const title = resolved?.title;
  if (typeof title !== "string" || title.length > 40 || splitWords(title).length > 4) return undefined;
  const ref = isRecord(variant) && typeof variant.$ref === "string" ? variant.$ref : "";
  return ref.endsWith(`/${title}`) ? undefined : title;
}

function requiredOf(schema: Record<string, unknown> | undefined): string[] {
  return Array.isArray(schema?.required) ? schema.required.filter((name) => typeof name === "string") : [];
}

/** A property only this variant has: a required one first, else any. */
function onlyProperty(
  resolved: readonly (Record<string, unknown> | undefined)[],
  index: number,
): string | undefined {
  const propertiesOf = (schema: Record<string, unknown> | undefined) =>
    isRecord(schema?.properties) ? Object.keys(schema.properties) : [];
  const others = new Set(
    resolved.flatMap((variant, at) =>
      at === index ? [] : [...requiredOf(variant), ...propertiesOf(variant)],
    ),
  );
  const own = resolved[index];
  const unique = (names: string[]) => names.sort().find((name) => !others.has(name));
  return unique(requiredOf(own)) ?? unique(propertiesOf(own));
}

/** `anyOf: [enum, string]` ("one of these, or any string"): the enum is the known values. */
function knownValues(
  resolved: readonly (Record<string, unknown> | undefined)[],
  index: number,
): string | undefined {
  const enums = resolved.filter((variant) => Array.isArray(variant?.enum));
  return enums.length === 1 && Array.isArray(resolved[index]?.enum) ? "known" : undefined;
}

function distinctType(
  resolved: readonly (Record<string, unknown> | undefined)[],
  index: number,
): string | undefined {
  const types = resolved.map((variant) => (typeof variant?.type === "string" ? variant.type : undefined));
  const own = types[index];
  return own !== undefined && types.filter((type) => type === own).length === 1 ? own : undefined;
}

function constantOf(document: OpenAPI3, schema: unknown): string | undefined {
  const resolved = resolveSchema(document, schema);
  if (typeof resolved?.const === "string") return resolved.const;
  const values = resolved?.enum;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === "string"
    ? values[0]
    : undefined;
}
