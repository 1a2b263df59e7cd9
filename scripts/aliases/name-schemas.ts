/**
 * Candidate names for one schema (or group of identical schemas), in preference order. The first candidate is the
 * name wanted; later ones add qualifiers for when it collides. Names come from meaning:
 *   - a name the spec's author wrote is kept (`Connection`, `runtime_summary` → `RuntimeSummary`), and wins over
 *     every hoisted or derived name;
 *   - a hoisted name, whatever its length, becomes resource + property path (`…StopPost…SchemaSummary` →
 *     `RuntimeSummary`, `FoldersFolderIdGetParametersDirection` → `FolderDirection`), a oneOf variant is named by
 *     what tells it apart (`WebsocketEndpoint`);
 *   - a `<tag>_<operation>_Response_200` name becomes the operation's response (`CreateConnectionResponse`).
 */
import type { OpenAPI3 } from "../shared/openapi.ts";
import {
  type FernName,
  type HoistedName,
  type HoistLocation,
  type SchemaStep,
  walkPropertyPath,
} from "./decode-hoisted-name.ts";
import type { RouteMeaning } from "./name-operations.ts";
import type { BodyUse, OperationInfo } from "./spec-index.ts";
import {
  capitalize,
  joinNoun,
  normalizeKey,
  singularize,
  singularizeLast,
  splitWords,
  toPascalCase,
} from "./words.ts";

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
  /** describeRoute, read once per route (thousands of hoisted names share a few hundred routes). */
  routeOf: (route: string) => RouteMeaning;
}

export interface SchemaCandidates {
  candidates: string[];
  /** Collision priority: response-side schemas win a contested name over request-side ones. */
  rank: number;
}

/** Lower wins a contested name: a name the spec's author wrote first, then response-side, then request-side ones. */
export const RANK = { author: -2, response: 0, other: 1, parameter: 2, request: 2, nested: 0.5 } as const;
const LOCATION_WORD: Record<HoistLocation, string> = {
  request: "Request",
  response: "Response",
  parameter: "Param",
};

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

/** A name the docs site or a code generator builds from a location, never one an author wrote. */
const GENERATED_NAME = /(RequestBody|Responses)(\d{3}|[1-5]XX)?Content|_(Response|Request)(_|$)/;

/**
 * The alias a name the spec's author wrote stands for, with qualifiers for when it collides: `ChatMessage` stays,
 * `runtime_summary` → `RuntimeSummary`, and a namespaced `api.v2010.account.call.recording` → `Recording`, then
 * `CallRecording`, `AccountCallRecording`, … (the namespace's trailing segments).
 */
export function authorCandidates(name: string): string[] {
  const segments = name.split(".").map(toPascalCase).filter(Boolean);
  const candidates: string[] = [];
  let joined = "";
  for (let at = segments.length - 1; at >= 0; at--) {
    joined = joinNoun(segments[at] ?? "", joined);
    candidates.push(joined);
  }
  return candidates;
}

/**
 * True for a component schema name the spec's author wrote: an identifier (or dotted namespace of them) whose alias
 * fits in 40 characters, and not a hoisted or `<tag>_<operation>_Response_200` name, whatever its length.
 */
export function isAuthorName(
  name: string,
  context: Pick<SchemaNamingContext, "decodeHoisted" | "decodeFern">,
): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name) || GENERATED_NAME.test(name)) return false;
  if (context.decodeHoisted(name) !== undefined || context.decodeFern(name) !== undefined) return false;
  const own = authorCandidates(name)[0];
  return own !== undefined && /^[A-Za-z]/.test(own) && own.length <= 40;
}

/** Candidates for a group of identical schemas that no author named: decoded from its hoisted or derived names. */
export function schemaCandidates(names: readonly string[], context: SchemaNamingContext): SchemaCandidates {
  const hoisted = names.flatMap((name) => context.decodeHoisted(name) ?? []);
  if (hoisted.length > 0) {
    // Names hoisted from routes of the same meaning, at the same place, offer the same shared candidates (only
    // operation-specific ones differ, and those are never shared): decode one of each.
    const distinct = new Map<string, HoistedName>();
    for (const one of hoisted) {
      const route = one.operation ? context.routeOf(one.operation.route) : undefined;
      const key = `${route?.resource}|${route?.parents.join("/")}|${one.location}|${one.remainder}`;
      if (!distinct.has(key)) distinct.set(key, one);
    }
    const decoded = [...distinct.values()].map((one) => hoistedCandidates(one, context));
    const first = hoisted[0] as HoistedName;
    // Hoisted schemas sit inside a body: the body itself (named by its operations) has the stronger claim.
    return { candidates: sharedCandidates(decoded), rank: RANK[first.location] + RANK.nested };
  }
  const fern = names.map(context.decodeFern).find(Boolean);
  const fernWord = fern ? fernBodyWord(fern) : [];
  const fernName = fern ? toPascalCase(fern.operationWords) + (fernWord[0] ?? "") : "";
  const uses = names.flatMap((name) => context.bodyUses.get(name) ?? []);
  const use = uses[0];
  if (use) return { candidates: [...bodyCandidates(uses, context), fernName], rank: RANK[use.location] };
  if (fern) {
    const operationName = fern.operation && context.operationNames.get(fern.operation.key);
    const stem = operationName ?? toPascalCase(fern.operationWords);
    return { candidates: [...fernWord.map((word) => stem + word), fernName], rank: RANK[fern.location] };
  }
  return { candidates: names.map(toPascalCase), rank: RANK.other };
}

/** What some error statuses mean, as a word for the error body's name; others are just `Error`. */
const STATUS_WORDS: Record<string, string> = {
  "400": "BadRequest",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "NotFound",
  "408": "Timeout",
  "409": "Conflict",
  "422": "Invalid",
  "429": "RateLimit",
};

/**
 * The words a `<tag>_<operation>_Response_<status>` body takes after its operation's name, plain first: `Response`
 * (then `Response201`'s meaning is kept apart by the status), `Error` then `TimeoutError` for a 408, and so on.
 */
function fernBodyWord(fern: FernName): string[] {
  const status = fern.status ?? "";
  if (fern.location === "request" || !/^[45]/.test(status)) return [LOCATION_WORD[fern.location]];
  const meaning = STATUS_WORDS[status] ?? (status.startsWith("5") ? "Server" : "Client");
  return ["Error", `${meaning}Error`];
}

/**
 * One schema hoisted under several operations' names (a sort-direction enum used by four list operations) is named
 * for what they share, never for the first one: the candidates every one of them offers, else the shared property
 * qualified by the nearest resource all their routes share (`FolderDirection`), else the property alone. The first
 * one's own candidates follow as qualifiers.
 */
function sharedCandidates(decoded: readonly HoistedCandidates[]): string[] {
  const [first, ...others] = decoded;
  if (first === undefined) return [];
  let everywhere = first.names;
  let nouns = first.nouns;
  let sameLeaf = first.leaf !== undefined;
  for (const other of others) {
    // Candidate and noun lists are a handful of names each: filtering beats building sets per member.
    everywhere = everywhere.filter((name) => other.names.includes(name));
    nouns = nouns.filter((noun) => other.nouns.includes(noun));
    sameLeaf &&= other.leaf === first.leaf;
    if (everywhere.length === 0 && !sameLeaf) return first.names;
  }
  if (others.length === 0) return first.names;
  const rest = first.names.filter((name) => !everywhere.includes(name));
  if (everywhere.length > 0) return [...everywhere, ...rest];
  const leaf = first.leaf ?? "";
  return [...(nouns[0] === undefined ? [] : [joinNoun(nouns[0], leaf)]), leaf, ...rest];
}

/**
 * A body schema is named for what it is, from its operations' routes: the resource (`Runtime`) for an item's
 * response, `RuntimeList` for a collection's, `RuntimeStopResult` for an action's, and the operation's body for a
 * request. Shared by several operations, it is named for the resource they share (`MemberRequest` for the bodies of
 * "add member" and "remove member"), never for the first one alone.
 */
function bodyCandidates(uses: readonly BodyUse[], context: SchemaNamingContext): string[] {
  const [use, ...others] = uses;
  if (use === undefined) return [];
  const route = context.routeOf(use.operation.route);
  const word = LOCATION_WORD[use.location];
  const operationBody = (context.operationNames.get(use.operation.key) ?? route.resource) + word;
  const operations = new Set(uses.map((one) => one.operation.key));
  if (operations.size > 1) {
    const nounOf = (one: BodyUse) => {
      const meaning = context.routeOf(one.operation.route);
      return meaning.resource + (meaning.action ?? "");
    };
    const resources = new Set(uses.map(nounOf));
    const shared = resources.size === 1 ? nounOf(use) : commonWords([...resources]);
    const listings = uses.every(
      (one) => one.operation.method === "get" && !context.routeOf(one.operation.route).item,
    );
    const noun = shared || nounOf(use);
    if (use.location === "request" || others.some((one) => one.location !== use.location))
      return [noun + word, operationBody];
    return [listings ? `${noun}List` : noun, noun + word, operationBody];
  }
  if (use.location === "request") return [operationBody];
  if (route.action) return [`${route.resource}${route.action}Result`, operationBody];
  const listing = use.operation.method === "get" && !route.item;
  return [listing ? `${route.resource}List` : route.resource, operationBody];
}

/** The trailing words several PascalCase nouns share: (`FolderItem`, `FileItem`) → `Item`; none → "". */
function commonWords(nouns: readonly string[]): string {
  const split = nouns.map(splitWords);
  const shortest = Math.min(...split.map((words) => words.length));
  let shared = 0;
  while (
    shared < shortest &&
    split.every((words) => words[words.length - 1 - shared] === split[0]?.[split[0].length - 1 - shared])
  )
    shared++;
  const first = split[0] ?? [];
  return first.slice(first.length - shared).join("");
}

interface NounContext {
  resource: string;
  parents: string[];
  operationName: string;
  location: HoistLocation;
}

/** One hoisted name's candidates, with what a shared name can be built from. */
interface HoistedCandidates {
  names: string[];
  /** The property or parameter the schema is the type of (`Direction`), when it is one. */
  leaf?: string;
  /** The route's resource and enclosing resources, nearest first. */
  nouns: string[];
}

function hoistedCandidates(hoisted: HoistedName, context: SchemaNamingContext): HoistedCandidates {
  const operation = hoisted.operation;
  const route = operation
    ? context.routeOf(operation.route)
    : context.routeOf(wordsAsRoute(hoisted.routeWords));
  const operationName = (operation && context.operationNames.get(operation.key)) ?? route.resource;
  const steps =
    (operation === undefined ? undefined : stepsFromOperation(context, operation, hoisted)) ??
    (hoisted.remainder === "" ? [] : [{ kind: "property" as const, name: hoisted.remainder }]);
  const last = steps[steps.length - 1];
  const names = namesFromSteps(steps, {
    resource: route.resource,
    parents: route.parents,
    operationName,
    location: hoisted.location,
  });
  return {
    names,
    nouns: [route.resource, ...route.parents],
    ...(last?.kind === "property" ? { leaf: toPascalCase(last.name) } : {}),
  };
}

/** The steps from the operation's body, or from the parameter the name starts with, down to the hoisted schema. */
function stepsFromOperation(
  context: SchemaNamingContext,
  operation: OperationInfo,
  hoisted: HoistedName,
): SchemaStep[] | undefined {
  if (hoisted.location !== "parameter") {
    const body = operation[hoisted.location]?.schema;
    return body === undefined ? undefined : walkPropertyPath(context.document, body, hoisted.remainder);
  }
  const lower = hoisted.remainder.toLowerCase();
  const parameters = (operation.parameters ?? [])
    .filter(
      (parameter) =>
        normalizeKey(parameter.name).length > 0 && lower.startsWith(normalizeKey(parameter.name)),
    )
    .sort((a, b) => normalizeKey(b.name).length - normalizeKey(a.name).length);
  for (const parameter of parameters) {
    const rest = hoisted.remainder.slice(normalizeKey(parameter.name).length);
    const tail = walkPropertyPath(context.document, parameter.schema, rest);
    if (tail) return [{ kind: "property", name: parameter.name }, ...tail];
  }
  return undefined;
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

/**
 * Names for a schema reached from its operation's body (or parameter) by `steps`; see the module comment. A variant
 * is named by what tells it apart (see variantLabel), an array's items and a map's values by their holder, singular.
 */
export function namesFromSteps(steps: readonly SchemaStep[], noun: NounContext): string[] {
  const locationWord = LOCATION_WORD[noun.location];
  const last = steps[steps.length - 1];
  if (last === undefined) return [noun.operationName + locationWord];
  const properties = steps.flatMap((step) => (step.kind === "property" ? [toPascalCase(step.name)] : []));
  const enclosing = [...steps.slice(0, -1)]
    .reverse()
    .find((step) => step.kind === "variant" && usableLabel(step.label));
  const context =
    enclosing?.kind === "variant" && enclosing.label ? toPascalCase(enclosing.label) : noun.resource;
  let leaf: string;
  let base: string;
  if (last.kind === "variant" || last.kind === "part") {
    const holder = properties[properties.length - 1] ?? noun.resource;
    if (last.kind === "variant" && last.sole) leaf = holder;
    else if (usableLabel(last.label)) leaf = joinNoun(toPascalCase(last.label ?? ""), holder);
    else leaf = `${holder}${last.kind === "part" ? "Part" : "Variant"}${last.index + 1}`;
    base = leaf;
  } else if (last.kind === "items" || last.kind === "value") {
    const holder = properties[properties.length - 1];
    const item = holder === undefined ? undefined : singularizeLast(holder);
    const enclosingProperty = properties[properties.length - 2];
    // `{ results: [...] }` holds "the resource" at the body's root, and its parent's items further down.
    if (item !== undefined && !GENERIC_COLLECTIONS.has(item.toLowerCase())) leaf = item;
    else if (enclosingProperty !== undefined) leaf = `${singularizeLast(enclosingProperty)}Item`;
    else leaf = noun.resource;
    base = leaf === noun.resource ? leaf : joinNoun(context, leaf);
  } else {
    leaf = toPascalCase(last.name);
    base = splitWords(leaf).length > 1 ? leaf : joinNoun(context, leaf);
  }
  // The property holding the leaf (or the array/map it names) is already in the leaf's name.
  const path = properties.slice(0, last.kind === "variant" || last.kind === "part" ? undefined : -1).join("");
  const parents = [...noun.parents].reverse().map(capitalize).join("");
  const withPath = joinNoun(noun.resource, joinNoun(path, leaf));
  // A collection's item that is the resource itself yields the plain name to the resource's own body.
  const itemOfResource = last.kind === "items" && leaf === noun.resource;
  return [
    base,
    itemOfResource ? `${leaf}Item` : joinNoun(noun.resource, leaf),
    withPath,
    joinNoun(parents, withPath),
    joinNoun(noun.operationName, leaf),
    joinNoun(noun.operationName, locationWord + joinNoun(path, leaf)),
  ];
}

function usableLabel(label: string | undefined): boolean {
  return label !== undefined && /^[A-Za-z]/.test(toPascalCase(label));
}
