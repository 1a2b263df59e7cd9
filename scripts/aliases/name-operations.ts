/**
 * Operation names read as verb + resource: `CreateConnection`, `RevokeConnection`, `StopRuntime`. The verb comes
 * from the summary (the docs' own words), else from the operationId or the HTTP method; the resource from the path.
 */
import type { HttpMethod } from "../shared/openapi.ts";
import type { OperationInfo } from "./spec-index.ts";
import { capitalize, joinNoun, normalizeKey, singularize, splitWords, toPascalCase } from "./words.ts";

export interface RouteMeaning {
  /** The resource the route acts on, singular PascalCase: `Connection`. */
  resource: string;
  /** A trailing action segment after an item (`/runtimes/{alias}/stop` → `Stop`). */
  action?: string;
  /** Enclosing resources, nearest first: `Runtime`, `Space`. */
  parents: string[];
  /** `V2` for `/v2/…` routes; empty for `/v1`, the first version. */
  version: string;
  /** True when the route ends with an item parameter (`/connections/{connectionId}`). */
  item: boolean;
}

const VERSION_SEGMENT = /^v(\d+)$/i;
/** A dated API version (`/2010-04-01/Accounts`): part of every route, so it tells no operation apart. */
const DATE_VERSION = /^\d{4}-\d{2}-\d{2}$/;
/** A format suffix on a segment (`/Calls.json`): not part of the resource's name. */
const FORMAT_EXTENSION = /\.(json|xml|csv|txt|yaml|html)$/i;

/**
 * A literal segment that is an identifier value rather than a word (`6VMVochwUWo`, a UUID, a hex digest): long,
 * with digits, and switching between digits, upper- and lowercase more often than words do.
 */
export function isIdLike(segment: string): boolean {
  if (segment.length < 8 || !/\d/.test(segment) || !/[A-Za-z]/.test(segment)) return false;
  const classOf = (char: string) =>
    /\d/.test(char) ? 0 : /[A-Z]/.test(char) ? 1 : /[a-z]/.test(char) ? 2 : 3;
  let switches = 0;
  for (let at = 1; at < segment.length; at++)
    if (classOf(segment.charAt(at)) !== classOf(segment.charAt(at - 1))) switches++;
  return switches >= 4;
}

/** A segment without its format suffix and ID-like parts: `securityClassification-6VMVochwUWo` → `securityClassification`. */
function withoutIdParts(raw: string): string {
  const segment = raw.replace(FORMAT_EXTENSION, "");
  if (isParameter(segment)) return segment;
  const parts = segment.split(/([-_.])/);
  const kept: string[] = [];
  for (let at = 0; at < parts.length; at += 2) {
    const part = parts[at] ?? "";
    if (part === "" || isIdLike(part)) continue;
    if (kept.length > 0) kept.push(parts[at - 1] ?? "-");
    kept.push(part);
  }
  return kept.join("");
}

function isParameter(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/** Singular PascalCase noun of a path segment: `browser-sessions` → `BrowserSession`. */
function segmentNoun(segment: string): string {
  const words = splitWords(segment).map(capitalize);
  const last = words.pop();
  return last === undefined ? "" : words.join("") + singularize(last);
}

/** Reads resource, action and parents out of a route's literal segments. */
export function describeRoute(route: string): RouteMeaning {
  const all = route
    .split("/")
    .map(withoutIdParts)
    .filter((segment) => segment.length > 0 && !DATE_VERSION.test(segment));
  const versionMatch = all.map((segment) => VERSION_SEGMENT.exec(segment)).find(Boolean);
  const versionNumber = versionMatch?.[1] === undefined ? 1 : Number(versionMatch[1]);
  const segments = all.filter((segment) => !VERSION_SEGMENT.test(segment));
  const item = segments.length > 0 && isParameter(segments[segments.length - 1] ?? "");
  const literals = segments
    .map((segment, index) => ({ segment, index }))
    .filter((s) => !isParameter(s.segment));
  let resourceAt = literals.length - 1;
  let action: string | undefined;
  const last = literals[resourceAt];
  const afterItem = last !== undefined && last.index > 0 && isParameter(segments[last.index - 1] ?? "");
  if (
    last &&
    !item &&
    afterItem &&
    resourceAt > 0 &&
    segmentNoun(last.segment) === toPascalCase(last.segment)
  ) {
    action = toPascalCase(last.segment);
    resourceAt -= 1;
  }
  const resource = segmentNoun(literals[resourceAt]?.segment ?? "") || "Root";
  const parents = literals
    .slice(0, Math.max(resourceAt, 0))
    .reverse()
    .map((s) => segmentNoun(s.segment))
    .filter((noun) => noun.length > 0);
  return {
    resource,
    parents,
    version: versionNumber > 1 ? `V${versionNumber}` : "",
    item,
    ...(action === undefined ? {} : { action }),
  };
}

/** Verbs a summary or operationId may start with; anything else is not trusted as a verb. */
const KNOWN_VERBS = new Set(
  (
    "abort accept activate add approve archive assign attach authorize cancel capture check claim clear click clone " +
    "close complete configure confirm connect copy count create deactivate delete deploy describe detach disable " +
    "disconnect download duplicate edit enable end evaluate execute expire export extend fetch find finish generate " +
    "get grant import install invite invoke issue join kill launch leave link list load lock login logout mint move " +
    "navigate open patch pause ping publish purge put query read reboot refresh register reject release reload " +
    "remove rename renew replace request reset resize restart restore resume retrieve retry revoke rotate run save " +
    "scale schedule search send set share sign snapshot start stop stream submit subscribe suspend sync take " +
    "terminate test toggle transfer trigger type unarchive unassign uninstall unlink unlock unpublish unregister " +
    "unsubscribe update upload upsert validate verify wait watch"
  ).split(" "),
);

const VERB_SYNONYMS = new Map([
  ["retrieve", "get"],
  ["fetch", "get"],
  ["read", "get"],
]);

const METHOD_VERBS: Record<HttpMethod, string> = {
  get: "Get",
  put: "Replace",
  post: "Create",
  delete: "Delete",
  options: "Describe",
  head: "Check",
  patch: "Update",
  trace: "Trace",
};

/** `Creates` → `create` when that is a known verb. */
function asVerb(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const lower = word.toLowerCase();
  const base = KNOWN_VERBS.has(lower) ? lower : lower.endsWith("s") ? lower.slice(0, -1) : "";
  if (!KNOWN_VERBS.has(base)) return undefined;
  return capitalize(VERB_SYNONYMS.get(base) ?? base);
}

export function operationVerb(operation: OperationInfo, route: RouteMeaning): string {
  const fromSummary = asVerb(/^\s*([A-Za-z]+)/.exec(operation.summary ?? "")?.[1]);
  if (fromSummary) return fromSummary;
  if (route.action && asVerb(route.action)) return route.action;
  const fromId = asVerb(splitWords(operation.operationId ?? "").pop());
  if (fromId) return fromId;
  if (operation.method === "get" && !route.item && !route.action) return "List";
  return METHOD_VERBS[operation.method];
}

/**
 * Candidate names in preference order: the plain verb + resource, then with more and more of the enclosing resources
 * (nearest first, so each level keeps the one before: `CreateAgentConnection`, `CreateWorkspaceAgentConnection`),
 * the version, and finally the operationId and the full route.
 */
export function operationNameCandidates(operation: OperationInfo): string[] {
  const route = describeRoute(operation.route);
  const verb = operationVerb(operation, route);
  const action = route.action && normalizeKey(route.action) !== normalizeKey(verb) ? route.action : "";
  const noun = (qualifiers: string): string => joinNoun(verb, joinNoun(qualifiers, route.resource) + action);
  const enclosing = route.parents.map((_, depth) =>
    route.parents
      .slice(0, depth + 1)
      .reverse()
      .join(""),
  );
  const widest = enclosing[enclosing.length - 1] ?? "";
  return [
    noun(""),
    ...enclosing.map(noun),
    noun("") + route.version,
    noun(widest) + route.version,
    toPascalCase(operation.operationId ?? ""),
    toPascalCase(`${operation.method} ${operation.route}`),
  ];
}
