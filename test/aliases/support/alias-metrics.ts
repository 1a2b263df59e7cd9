/**
 * Measures a generation's aliases the way issue #21 reads them: are the spec author's own schema names kept, do
 * any aliases carry leftovers of hoisted path names, how many are numbered twins, is every schema and operation slot
 * covered, and how long are the names. Works on what a generation leaves behind (schema.ts, the lock) plus the
 * merged document, so it can be pointed at any output folder.
 */

import { listOperations } from "../../../scripts/aliases/spec-index.ts";
import { isRecord, type OpenAPI3 } from "../../../scripts/shared/openapi.ts";

export interface AliasMetrics {
  aliases: number;
  /** Component schemas whose name the spec author wrote (an identifier, not a hoisted or `_Response_` name). */
  authorNames: number;
  /** Author names whose alias is not the name itself (listed: `schema → alias`). */
  authorNamesNotKept: string[];
  /** Aliases with a word a person would not choose: `Parameters`, `Items`, `OneOf1`, `RequestBody`, a status code. */
  pathLeftovers: string[];
  /** Aliases that are another alias plus a number (`ChatMessage2`, `Endpoint0`/`Endpoint1`). */
  numbered: string[];
  /** Schemas and operation slots without an alias. */
  uncovered: string[];
  maxLength: number;
  medianLength: number;
}

/** Words the docs site puts into hoisted names, which never belong in an alias. */
const PATH_WORDS =
  /(?:^|[a-z0-9])(?:Parameters(?=[A-Z0-9])|Items(?=[A-Z0-9]|$)|(?:OneOf|AnyOf|AllOf)\d*|AdditionalProperties|RequestBody|Responses|ContentApplication|ApplicationJson|Schema(?=[A-Z]))/;
/** A status code glued to a word (`Response200`, `ChatResponse2000`); `V2010` (a version) is not one. */
const STATUS_CODE = /[a-z][1-5]\d\d\d?$|[a-z][1-5]\d\d(?=[A-Z])/;
/** openapi-typescript's own exports. */
const NOT_ALIASES = new Set(["paths", "webhooks", "components", "operations", "$defs"]);

/**
 * The names the docs site or a code generator builds, as opposed to one an author wrote: hoisted names (they start
 * with an operation's route and method, `hoistPrefixes`), `<tag>_<operation>_Response_200` names, and anything that
 * is not an identifier or a dotted namespace of identifiers.
 */
export function isAuthorName(name: string, hoistPrefixes: readonly string[]): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) return false;
  if (/(RequestBody|Responses)(\d{3}|[1-5]XX)?Content/.test(name)) return false;
  if (/_(Response|Request)(_|$)/.test(name)) return false;
  const lower = name.toLowerCase();
  if (hoistPrefixes.some((prefix) => lower.startsWith(prefix))) return false;
  return pascal(name.split(".").pop() ?? "").length <= 40;
}

/** The aliases that keep an author's name: the name in PascalCase, or a trailing run of its dotted namespace. */
function keptForms(name: string): string[] {
  const segments = name.split(".").map(pascal);
  return segments.map((_, at) => segments.slice(at).join("")).flatMap((form) => [form, `Api${form}`]);
}

/** `export type Name = …` declarations of a schema.ts, read from its lines (generated text, one per line). */
export function exportedAliases(schemaSource: string): string[] {
  const names: string[] = [];
  for (const line of schemaSource.split("\n")) {
    const match = /^export type ([A-Za-z_$][\w$]*)\b/.exec(line);
    if (match?.[1] && !NOT_ALIASES.has(match[1])) names.push(match[1]);
  }
  return names;
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** Repeated words at a namespace join (`Call` + `CallEvent`) are read once. */
function collapse(name: string): string {
  return name.replace(/([A-Z][a-z0-9]*)\1/g, "$1");
}

export function hasPathLeftover(alias: string): boolean {
  return PATH_WORDS.test(alias) || STATUS_CODE.test(alias);
}

/** `X2` when `X` is an alias too, or `X0` and `X1` side by side. */
function numberedTwins(names: readonly string[]): string[] {
  const all = new Set(names);
  const stems = new Map<string, number>();
  for (const name of names) {
    const stem = /^(.*[A-Za-z])\d+$/.exec(name)?.[1];
    if (stem) stems.set(stem, (stems.get(stem) ?? 0) + 1);
  }
  return names.filter((name) => {
    const stem = /^(.*[A-Za-z])\d+$/.exec(name)?.[1];
    return stem !== undefined && (all.has(stem) || (stems.get(stem) ?? 0) > 1);
  });
}

function slotKeys(document: OpenAPI3): string[] {
  const keys: string[] = [];
  for (const operation of listOperations(document)) {
    keys.push(`${operation.key}#params`);
    if (operation.request) keys.push(`${operation.key}#request`);
    if (operation.response) keys.push(`${operation.key}#response`);
  }
  return keys;
}

export function measureAliases(
  document: OpenAPI3,
  schemaSource: string,
  lock: ReadonlyMap<string, string>,
): AliasMetrics {
  const names = exportedAliases(schemaSource);
  const exported = new Set(names);
  const schemaNames = Object.keys(document.components?.schemas ?? {});
  const prefixes = listOperations(document).map((operation) =>
    (operation.route.replace(/[^A-Za-z0-9]/g, "") + operation.method).toLowerCase(),
  );
  const authored = schemaNames.flatMap((name) => {
    const schema = document.components?.schemas?.[name];
    const also =
      isRecord(schema) && Array.isArray(schema["x-bctrl-also-named"]) ? schema["x-bctrl-also-named"] : [];
    return [name, ...also.filter((n): n is string => typeof n === "string")].filter((one) =>
      isAuthorName(one, prefixes),
    );
  });
  const notKept = authored.filter((name) => {
    const alias = lock.get(name);
    return (
      alias === undefined ||
      !exported.has(alias) ||
      !keptForms(name).some((form) => collapse(form) === collapse(alias))
    );
  });
  const authoredAliases = new Set(authored.map((name) => lock.get(name)));
  const uncovered = [...schemaNames, ...slotKeys(document)].filter((key) => {
    const alias = lock.get(key);
    return alias === undefined || !exported.has(alias);
  });
  const lengths = names.map((name) => name.length).sort((a, b) => a - b);
  return {
    aliases: names.length,
    authorNames: authored.length,
    authorNamesNotKept: notKept.map((name) => `${name} → ${lock.get(name) ?? "(none)"}`),
    pathLeftovers: names.filter((name) => hasPathLeftover(name) && !authoredAliases.has(name)),
    numbered: numberedTwins(names),
    uncovered,
    maxLength: lengths[lengths.length - 1] ?? 0,
    medianLength: lengths[Math.floor(lengths.length / 2)] ?? 0,
  };
}
