/**
 * Candidate names for one schema (or group of identical schemas), in preference order. The first candidate is the
 * name wanted; later ones add qualifiers for when it collides. Names come from meaning:
 *   - a readable schema name is kept (`Connection`, `runtime_summary` → `RuntimeSummary`);
 *   - a hoisted name becomes resource + property path (`…StopPost…SchemaSummary` → `RuntimeSummary`), a oneOf
 *     variant is named by its discriminating constant (`WebsocketEndpoint`);
 *   - a `<tag>_<operation>_Response_200` name becomes the operation's response (`CreateConnectionResponse`).
 */
import type { OpenAPI3 } from "../shared/openapi.ts";
import {
  type BodyLocation,
  type FernName,
  type HoistedName,
  type SchemaStep,
  walkPropertyPath,
} from "./decode-hoisted-name.ts";
import { describeRoute } from "./name-operations.ts";
import type { BodyUse, OperationInfo } from "./spec-index.ts";
import { capitalize, joinNoun, singularize, singularizeLast, splitWords, toPascalCase } from "./words.ts";

export interface SchemaNamingContext {
  document: OpenAPI3;
  operations: readonly OperationInfo[];
  /** Each operation's resolved name (`CreateConnection`), by operation key. */
  operationNames: ReadonlyMap<string, string>;
  /** The document's hoisted-name decoder (see hoistedNameDecoder). */
  decodeHoisted: (name: string) => HoistedName | undefined;
  /** The document's `<tag>_<operation>_Response_200` decoder (see fernNameDecoder). */
  decodeFern: (name: string) => FernName | undefined;
  /** The operations using each schema directly as a body. */
  bodyUses: ReadonlyMap<string, readonly BodyUse[]>;
}

export interface SchemaCandidates {
  candidates: string[];
  /** Collision priority: response-side schemas win a contested name over request-side ones. */
  rank: number;
}

const RANK = { response: 0, other: 1, request: 2 } as const;
const LOCATION_WORD: Record<BodyLocation, string> = { request: "Request", response: "Response" };

/** Array properties whose items are simply "the resource" (`{ items: Runtime[] }`). */
const GENERIC_COLLECTIONS = new Set([
  "data",
  "item",
  "items",
  "result",
  "results",
  "record",
  "records",
  "entry",
]);

/** True for a name a person would write: short, no hoisting or status-code noise. */
export function isReadableSchemaName(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) return false;
  if (/(RequestBody|Responses)(\d{3})?Content/.test(name) || /_(Response|Request)(_|$)/.test(name))
    return false;
  const words = splitWords(name);
  return words.length <= 5 && toPascalCase(name).length <= 32;
}

/** Candidates for a group of identical schemas: evidence from every name it is known by, kept name first. */
export function schemaCandidates(names: readonly string[], context: SchemaNamingContext): SchemaCandidates {
  const readable = names.filter(isReadableSchemaName).map(toPascalCase);
  if (readable.length > 0) return { candidates: readable, rank: RANK.other };
  for (const name of names) {
    const hoisted = context.decodeHoisted(name);
    if (hoisted) return { candidates: hoistedCandidates(hoisted, context), rank: RANK[hoisted.location] };
  }
  const fern = names.map(context.decodeFern).find(Boolean);
  const fernName = fern ? toPascalCase(fern.operationWords) + LOCATION_WORD[fern.location] : "";
  const use = names.flatMap((name) => context.bodyUses.get(name) ?? [])[0];
  if (use) return { candidates: [...bodyCandidates(use, context), fernName], rank: RANK[use.location] };
  if (fern) {
    const operationName = fern.operation && context.operationNames.get(fern.operation.key);
    return {
      candidates: [operationName ? operationName + LOCATION_WORD[fern.location] : "", fernName],
      rank: RANK[fern.location],
    };
  }
  return { candidates: names.map(toPascalCase), rank: RANK.other };
}

/**
 * A body schema shared by several operations is named for what it is, from the first operation's route: the resource
 * (`Runtime`) for an item's response, `RuntimeList` for a collection's, `RuntimeStopResult` for an action's, and the
 * operation's body for a request.
 */
function bodyCandidates(use: BodyUse, context: SchemaNamingContext): string[] {
  const route = describeRoute(use.operation.route);
  const operationBody =
    (context.operationNames.get(use.operation.key) ?? route.resource) + LOCATION_WORD[use.location];
  if (use.location === "request") return [operationBody];
  if (route.action) return [`${route.resource}${route.action}Result`, operationBody];
  const listing = use.operation.method === "get" && !route.item;
  return [listing ? `${route.resource}List` : route.resource, operationBody];
}

interface NounContext {
  resource: string;
  parents: string[];
  operationName: string;
  location: BodyLocation;
}

function hoistedCandidates(hoisted: HoistedName, context: SchemaNamingContext): string[] {
  const operation = hoisted.operation;
  const route = operation ? describeRoute(operation.route) : describeRoute(wordsAsRoute(hoisted.routeWords));
  const operationName = (operation && context.operationNames.get(operation.key)) ?? route.resource;
  const body = operation?.[hoisted.location]?.schema;
  const steps =
    (body === undefined ? undefined : walkPropertyPath(context.document, body, hoisted.remainder)) ??
    (hoisted.remainder === "" ? [] : [{ kind: "property" as const, name: hoisted.remainder }]);
  return namesFromSteps(steps, {
    resource: route.resource,
    parents: route.parents,
    operationName,
    location: hoisted.location,
  });
}

/** `V1 Spaces Id Runtimes Runtime Id Connections` → `/v1/spaces/{id}/runtimes/{runtimeId}/connections`. */
function wordsAsRoute(words: readonly string[]): string {
  const segments: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const next = words[i + 1];
    if (word === "Id") segments.push("{id}");
    else if (next === "Id" && singularize(word) === word) {
      segments.push(`{${word}Id}`);
      i++;
    } else segments.push(word.toLowerCase());
  }
  return `/${segments.join("/")}`;
}

/** Names for a schema reached from its operation's body by `steps`; see the module comment. */
export function namesFromSteps(steps: readonly SchemaStep[], noun: NounContext): string[] {
  const locationWord = LOCATION_WORD[noun.location];
  const last = steps[steps.length - 1];
  if (last === undefined) return [noun.operationName + locationWord];
  const properties = steps.flatMap((step) => (step.kind === "property" ? [toPascalCase(step.name)] : []));
  const enclosing = [...steps.slice(0, -1)]
    .reverse()
    .find((step) => step.kind === "variant" && usableConstant(step.constant));
  const context =
    enclosing?.kind === "variant" && enclosing.constant ? toPascalCase(enclosing.constant) : noun.resource;
  let leaf: string;
  let base: string;
  if (last.kind === "variant") {
    const holder = properties[properties.length - 1] ?? noun.resource;
    leaf = usableConstant(last.constant)
      ? joinNoun(toPascalCase(last.constant ?? ""), holder)
      : `${holder}Variant${last.index + 1}`;
    base = leaf;
  } else if (last.kind === "items") {
    const holder = properties[properties.length - 1];
    const item = holder === undefined ? undefined : singularizeLast(holder);
    leaf = item === undefined || GENERIC_COLLECTIONS.has(item.toLowerCase()) ? noun.resource : item;
    base = leaf === noun.resource ? leaf : joinNoun(context, leaf);
  } else {
    leaf = toPascalCase(last.name);
    base = splitWords(leaf).length > 1 ? leaf : joinNoun(context, leaf);
  }
  const path = properties.slice(0, last.kind === "property" ? -1 : undefined).join("");
  const parents = [...noun.parents].reverse().map(capitalize).join("");
  const withPath = joinNoun(noun.resource, joinNoun(path, leaf));
  return [
    base,
    joinNoun(noun.resource, leaf),
    withPath,
    joinNoun(parents, withPath),
    joinNoun(noun.operationName, leaf),
    joinNoun(noun.operationName, locationWord + joinNoun(path, leaf)),
  ];
}

function usableConstant(constant: string | undefined): boolean {
  return constant !== undefined && /^[A-Za-z]/.test(toPascalCase(constant));
}
