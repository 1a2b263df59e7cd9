/**
 * The docs site hoists a page's inline schemas under names made from the page's path and titles them with that name
 * (`CostGet…ErrorDetailItems` on Lyft's cost page, `DriversGet…ErrorDetailItems` on its drivers page): the same schema
 * is a different component on every page, so a clean page's component (knownComponentsRule) never names a collapsed
 * page's. Where the collapsed page holds a known component's whole site text with its name (and every string equal to
 * it) replaced by one of the page's own component names, and the components it refers to by those the page's
 * component refers to in their place, ending where the page's next component or section starts, that component reads
 * as the known one renamed. Held as `exact`, as knownComponentsRule is: a reading that breaks it is read again
 * holding every reading to it, so the known schema decides for the reader's rival reading too (Greenpeace's `uuid`,
 * whose text really ends `… canonical format, example: de305d…`, preferred cut before `example:`). The limit is every
 * text-match evidence's: the same text could read otherwise only if indentation, which the scrape lost, told the
 * readings apart (a `description` after `items: $ref:` on the array or beside the `$ref`; docs/import.md, seventeenth
 * pass), and the known schema's way is written.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  collapse,
  differsFromKnown,
  type EvidenceRule,
  type Path,
  readForms,
  scrapeValues,
} from "./evidence.ts";
import { withoutBlockHeaders } from "./known-fragments.ts";
import { isPrintable, renderSiteYaml } from "./render-yaml.ts";

/** Pieces of a known component's text (between its name's occurrences) shorter than this prove nothing. */
const MIN_PIECE = 40;
/**
 * The quoting around a name's mention that the name's length decides: a reference to a short name is quoted
 * (`'#/components/schemas/Node'`), to a long one folded bare (`>-`, gone with the block headers).
 */
const QUOTED_BEFORE = /'?#\/components\/schemas\/$/;
const QUOTED_AFTER = /^'/;
/** A component name the site writes as a plain key (`Name: `), never quoted. */
const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;

export function renamedComponentsRule(
  known: ReadonlyMap<string, unknown>,
  page: string,
): EvidenceRule | undefined {
  const source = withoutBlockHeaders(page);
  const names = pageComponentNames(source);
  const starts = nameStarts(source, names);
  const found = new Map<string, unknown[]>();
  for (const [name, schema] of known) {
    // Most known components share no long text with the page: skip them before rendering (13 → 6 ms a page on
    // api_v2010). Only a text the site writes as it is (no `''` or `\n` escapes) is looked for.
    const phrase = longestString(schema);
    if (
      phrase.length >= MIN_PIECE &&
      isPrintable(phrase) &&
      !phrase.includes("'") &&
      !phrase.includes(name)
    ) {
      if (!source.includes(collapse(phrase))) continue;
    }
    const text = withoutBlockHeaders(collapse(renderSiteYaml({ [name]: schema })).trim());
    // The other components it refers to have their own page's names too (Billingo's `…_Response_500` refers to
    // `BankAccountsGet…Error` on one page, `BankAccountsPost…Error` on the next), in the order the text mentions them.
    const mentioned = referencesFrom(text, 0, name, Number.POSITIVE_INFINITY);
    // The text between the names' mentions, less what another name's length could change (QUOTED_BEFORE).
    const pieces = splitAtMentions(text, [name, ...new Set(mentioned)]);
    const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a), "");
    if (longest.length < MIN_PIECE || !source.includes(longest)) continue;
    // The text renamed starts with the other name and what followed this one (less that): most page names are
    // ruled out by that prefix before rendering (a 70 KB openbankingproject page's setup, on a busy machine: 3.9 s →
    // 2.5 s; most of the rest renders its 1 406 known components).
    const head = text.startsWith(`${name}: `) ? pieces[1] : undefined;
    for (const other of names) {
      if (other === name) continue;
      if (head !== undefined && PLAIN_NAME.test(other) && !startsAny(source, head, starts.get(other)))
        continue;
      const renames = pageRenames(source, starts.get(other) ?? [], name, other, mentioned, names);
      if (!renames) continue;
      const renamed = renameStrings(schema, renames);
      const candidate = withoutBlockHeaders(collapse(renderSiteYaml({ [other]: renamed })).trim());
      if (!endsAsComponent(source, candidate, names)) continue;
      const values = found.get(other) ?? [];
      const value = scrapeValues(renamed);
      if (!values.some((item) => JSON.stringify(item) === JSON.stringify(value))) values.push(value);
      found.set(other, values);
    }
  }
  // A page component two known ones fit differently is no evidence.
  const matching = new Map([...found].filter(([, values]) => values.length === 1).map(([n, [v]]) => [n, v]));
  if (matching.size === 0) return undefined;
  const forms = readForms();
  return {
    name: `components known from clean pages under another name (${matching.size} on this page)`,
    exact: true,
    problems: (path, entries, complete) =>
      differsFromKnown(forms, matching, path, entries, complete) ? [differs(path)] : [],
    // A key the known component has no room for there makes it differ, whatever follows: a problem at once, and a
    // reading tried last (a real Twilio page read `description:` after a `fax` property into the property first,
    // where the known component has it on the schema).
    keyProblems: (path, entries, key) =>
      differsFromKnown(forms, matching, path, [...entries, [key, undefined]], false, true)
        ? [differs(path)]
        : [],
    rank: (path, entries, key) =>
      differsFromKnown(forms, matching, path, [...entries, [key, undefined]], false, true) ? 1 : 0,
  };
}

function differs(path: Path): string {
  return `component ${String(path[2])} differs from the known one renamed`;
}

/** Schema names the page refers to (`$ref: '#/components/schemas/N'`) and writes as a key (` N: `). */
function pageComponentNames(source: string): Set<string> {
  const names = new Set<string>();
  // Only a local `$ref`'s: a name a text mentions or another file holds (`common.yaml#/components/schemas/Other`)
  // may be a property's, and would end a known text the page's component goes on past (a review's page).
  for (const [, name] of source.matchAll(/\$ref: (?:>-? )?'?#\/components\/schemas\/([^\s'"#/]+)/g))
    if (source.includes(` ${name}: `)) names.add(name as string);
  return names;
}

/** Where each name's key ends on the page (the `: ` after ` Name`), for a quick look at what follows it. */
function nameStarts(source: string, names: ReadonlySet<string>): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (const name of names) {
    const at: number[] = [];
    for (
      let found = source.indexOf(` ${name}: `);
      found >= 0;
      found = source.indexOf(` ${name}: `, found + 1)
    )
      at.push(found + 1 + name.length);
    starts.set(name, at);
  }
  return starts;
}

function startsAny(source: string, text: string, positions: readonly number[] | undefined): boolean {
  return (positions ?? []).some((position) => source.startsWith(text, position));
}

/** The longest string inside a value, but a reference (whose target the page names otherwise). */
function longestString(value: unknown): string {
  if (typeof value === "string") return value.startsWith(SCHEMA_REFERENCE) ? "" : value;
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  return items.map(longestString).reduce((a, b) => (b.length > a.length ? b : a), "");
}

/** `value` with every string equal to a renamed name (or a reference to it) made the new name's. */
function renameStrings(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    const renamed = renames.get(value);
    if (renamed !== undefined) return renamed;
    const target = value.startsWith(SCHEMA_REFERENCE)
      ? renames.get(value.slice(SCHEMA_REFERENCE.length))
      : undefined;
    return target === undefined ? value : `${SCHEMA_REFERENCE}${target}`;
  }
  if (Array.isArray(value)) return value.map((item) => renameStrings(item, renames));
  if (isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renameStrings(item, renames)]),
    );
  return value;
}

const SCHEMA_REFERENCE = "#/components/schemas/";
const REFERENCE_TARGET = /#\/components\/schemas\/([^\s'"#/]+)/;

/** The first `count` components the text from `start` refers to, other than `self`, in the order it mentions them. */
function referencesFrom(source: string, start: number, self: string, count: number): string[] {
  const pattern = new RegExp(REFERENCE_TARGET.source, "g");
  pattern.lastIndex = start;
  const targets: string[] = [];
  for (let match = pattern.exec(source); match && targets.length < count; match = pattern.exec(source))
    if (match[1] !== self) targets.push(match[1] as string);
  return targets;
}

/** `text` cut at every mention of `mentions`, each piece less the quoting around a mention (see QUOTED_BEFORE). */
function splitAtMentions(text: string, mentions: readonly string[]): string[] {
  let pieces = [text];
  for (const mention of mentions) pieces = pieces.flatMap((piece) => piece.split(mention));
  return pieces.map((piece) => piece.replace(QUOTED_AFTER, "").replace(QUOTED_BEFORE, ""));
}

/**
 * The names the known component `name` takes as the page's `other`: `other` itself, and for each component it refers
 * to, the page's name that `other`'s text refers to at the same place (the first references after one of its keys,
 * in order); undefined where the page's text refers to fewer, to one it does not define, or not consistently.
 */
function pageRenames(
  source: string,
  starts: readonly number[],
  name: string,
  other: string,
  mentioned: readonly string[],
  names: ReadonlySet<string>,
): Map<string, string> | undefined {
  const renames = new Map([[name, other]]);
  if (mentioned.length === 0) return renames;
  for (const start of starts) {
    const targets = referencesFrom(source, start, other, mentioned.length);
    const found = new Map(renames);
    const consistent = mentioned.every((known, index) => {
      const target = targets[index];
      if (target === undefined || !names.has(target) || target === name) return false;
      if ((found.get(known) ?? target) !== target) return false;
      found.set(known, target);
      return true;
    });
    if (consistent) return found;
  }
  return undefined;
}

/** Whether `text` occurs on the page as a whole component: after a space, and followed by where a component ends. */
function endsAsComponent(source: string, text: string, names: ReadonlySet<string>): boolean {
  for (let at = source.indexOf(text); at >= 0; at = source.indexOf(text, at + 1)) {
    if (at > 0 && source[at - 1] !== " ") continue;
    if (endsComponent(source, source.slice(at + text.length, at + text.length + 300), names)) return true;
  }
  return false;
}

/**
 * What may follow a page's component schema: the end of the text, the page's next schema, or, after its last schema,
 * the security schemes its requirements name (`securitySchemes: {}` on a page that needs none). Not any section's
 * name: a property named `links` would end a known text the page's component goes on past.
 */
function endsComponent(source: string, after: string, names: ReadonlySet<string>): boolean {
  if (after.trim() === "") return true;
  const key = /^ (\S+):(?: |$)/.exec(after)?.[1];
  if (key !== undefined && names.has(key)) return true;
  const scheme = /^ securitySchemes: (?:\{\}(?: |$)|(\S+):)/.exec(after);
  return scheme !== null && (scheme[1] === undefined || source.includes(`- ${scheme[1]}: `));
}
