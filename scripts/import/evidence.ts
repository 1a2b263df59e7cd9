/**
 * Evidence beyond the model, for the collapsed-page reader: when two readings of a page are both valid OpenAPI, a
 * rule drawn from outside the page's YAML text may rule one of them out. Each rule judges one object at a time (its
 * place in the document and its entries), so the reader can apply it the moment an entry is added or an object is
 * closed, which keeps its memo of dead states sound (reading-signature.ts).
 *
 * A rule decides between two readings only if no completion of the rival avoids a problem the preferred reading does
 * not have (recover-collapsed.ts): the page may break the site's habits, but a reading that breaks them more is ruled
 * out. A rule never overrides the model.
 */
import { isRecord } from "../shared/openapi.ts";
import { alternatives, isExtensionKey, type Kind, OPENAPI_DOCUMENT } from "./openapi-model.ts";
import { renderSiteYaml } from "./render-yaml.ts";

export type Path = readonly (string | number)[];
export type Entries = readonly (readonly [string, unknown])[];
/** What the text of a key's value starts: a mapping, a `- ` list, or a scalar. */
export type ValueShape = "object" | "array" | "scalar";

export interface EvidenceRule {
  /** How a decision by this rule is reported, e.g. "site style: key order". */
  readonly name: string;
  /**
   * True of the page's real document for certain (its own text outside the YAML, a known component whose exact text
   * the page holds): the reader may then hold every reading to it. A habit (the site's style) is never exact.
   */
  readonly exact: boolean;
  /**
   * What the rule looks at in the values of an object's entries (reading-signature.ts `Detail`): `scalars` when only
   * keys and the object's own scalar values, so that the reader's memo can merge more states; default `whole`.
   */
  readonly sees?: "model" | "scalars";
  /**
   * The rule judges only the whole document (the root, complete): searching a rival under it alone tries every
   * completion of the rival, so the reader asks it only where the rival's own reading breaks it.
   */
  readonly atEnd?: boolean;
  /**
   * An exact rule every reading is held to from the start (instead of when the preferred reading first breaks it):
   * searching each rival under it separately costs more than holding the whole search to it.
   */
  readonly heldFromStart?: boolean;
  /**
   * Never decides between readings: a reading that breaks it is not written and the page is refused. For what the
   * scrape's loss can leave on a page whose every reading is then wrong (a text holding a list item), where pruning
   * readings by it would make another, equally wrong reading win. Such a rule judges each scalar entry on its own
   * (recover-collapsed.ts asks it about one entry at a time to name the value that breaks it).
   */
  readonly refuses?: boolean;
  /**
   * The rule's problems show where the rival's reading differs, within the objects its choice opens or closes: a short
   * search under it rules a rival out or finds it kept, and a longer one is not tried (it would read the rest of the
   * page to find a rival that keeps the rule as far as the short search did).
   */
  readonly local?: boolean;
  /**
   * A habit of all real specs (none of thousands breaks it), stronger than a site's: where the preferred reading breaks
   * it and the rival's own reading keeps it, no other habit decides between them (only an exact rule may), and the page
   * is refused unless one does (recover-collapsed.ts `decide`).
   */
  readonly vetoes?: boolean;
  /**
   * Only overrules the reader's order of preference, and never rules a rival out: where the preferred reading breaks
   * it and its rival does not, and no other rule says otherwise, the rival is the one (recover-collapsed.ts
   * `overrulingRule`).
   */
  readonly overrules?: boolean;
  /**
   * Decides like any habit, and also overrules the reader's order of preference as a rule that `overrules` does, at
   * any choice (a text's end too): for habits no real text breaks, where the preferred reading breaking one is the
   * reader's mistake, not the page's (a request body's `description` whose text ran on over its schema's `properties:
   * … type: string … >-`, where the schema could take it).
   */
  readonly reorders?: boolean;
  /**
   * For a habit: whether a problem of the preferred reading is no evidence against it beside the rival's own reading
   * (`rival`), so that the rule may still rule the rival out (recover-collapsed.ts `decide`).
   */
  excuses?(problem: string, rival: Record<string, unknown>): boolean;
  /**
   * For a habit: whether a problem is only weak evidence (site-style.ts: a class the clean pages show as one object
   * repeated). The preferred reading breaking it where the rival does not still keeps the rule from deciding, but no
   * rival is ruled out for breaking it (recover-collapsed.ts `decide`).
   */
  blocksOnly?(problem: string): boolean;
  /** For a rule that `overrules`: whether the object at `path` holding `entries` may take `key` by its evidence. */
  welcomes?(path: Path, entries: Entries, key: string): boolean;
  /**
   * How an object at `path` holding `entries` (in the order read) contradicts the evidence, as stable problem names;
   * `complete` is false while the object is still being read (a rule must then only name what more entries cannot fix).
   */
  problems(path: Path, entries: Entries, complete: boolean): string[];
  /**
   * How likely the object at `path` holding `entries` is to take `key` next (lower first): orders the readings the
   * reader tries first where the model cannot rank them, so that the one evidence favours is the preferred one.
   * `value` says what the value's text starts (a mapping, a list or a scalar).
   */
  rank?(path: Path, entries: Entries, key: string, value: ValueShape): number;
  /**
   * The rule's `rank` knows where a key belongs, not only where it is unusual (known values, the site's document), so
   * it may put a free map's entry before a field that takes any value (reading-steps.ts `evidenceFavoursEntries`).
   */
  readonly ranksFreeEntries?: boolean;
  /**
   * Problems that opening `key` in the object at `path` holding `entries` makes certain, whatever its value: lets the
   * reader drop a reading before it reads the value (an extension's value could otherwise take the rest of the page).
   * Asked again with `value` once the value's text shows a mapping or a list, before its content is read.
   */
  keyProblems?(path: Path, entries: Entries, key: string, value?: ValueShape): string[];
  /**
   * Problems the open list at `path` (its items so far) has whatever items follow, `rest` giving the page's words after
   * its last item, of which any later item is made: a rival that read an item its way is ruled out before the list
   * closes. Its object judges the list only once it is closed, and searching the rival tried every way of reading the
   * items after it (an AWS page's region enum of 23 values: twice the steps for each value further from its end).
   */
  openListProblems?(path: Path, items: readonly unknown[], rest: () => Iterable<string>): string[];
}

/** Calls `visit` with every object in `document` (arrays are walked through, not visited), without recursion. */
export function forEachObject(
  document: unknown,
  at: Path,
  visit: (path: Path, entries: Entries) => void,
): void {
  const pending: { value: unknown; path: Path }[] = [{ value: document, path: at }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: Path };
    if (Array.isArray(value))
      for (const [index, item] of value.entries()) pending.push({ value: item, path: [...path, index] });
    else if (isRecord(value)) {
      const entries = Object.entries(value);
      visit(path, entries);
      for (const [key, item] of entries) pending.push({ value: item, path: [...path, key] });
    }
  }
}

/** Every problem `rule` finds anywhere in a whole document, each object judged complete. */
export function documentProblems(rule: EvidenceRule, document: unknown, at: Path = []): Set<string> {
  return objectProblems(rule, objectsIn(document, at));
}

/** The objects of a document with their places, walked once for rules that each judge them all. */
export function objectsIn(document: unknown, at: Path = []): (readonly [Path, Entries])[] {
  const objects: (readonly [Path, Entries])[] = [];
  forEachObject(document, at, (path, entries) => objects.push([path, entries]));
  return objects;
}

/** Every problem `rule` finds with `objects` (objectsIn), each judged complete. */
export function objectProblems(
  rule: EvidenceRule,
  objects: readonly (readonly [Path, Entries])[],
): Set<string> {
  const found = new Set<string>();
  for (const [path, entries] of objects)
    for (const problem of rule.problems(path, entries, true)) found.add(problem);
  return found;
}

/**
 * objectClass remembered by place, for one rule's lifetime (a page): the reader asks a rule about the same few
 * hundred places thousands of times, and walking the model from the root each time was a tenth of a page's reading.
 * The class depends on the entries only through whether they hold `$ref`.
 */
export function classMemo(): (path: Path, entries: Entries) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (path, entries) => {
    const key = `${entries.some(([name]) => name === "$ref") ? "r" : "-"}${path.join("\u0000")}`;
    if (known.has(key)) return known.get(key);
    const name = objectClass(path, entries);
    known.set(key, name);
    return name;
  };
}

/**
 * What kind of object sits at `path`, as a class name: the model's kind (`Operation`, `Parameter`…), and for schemas
 * also the field that holds them (`Schema@schemas` for a component, `Schema@properties` for a property), since sites
 * write those differently. Undefined for places the model does not describe (inside `example`, `x-…`).
 */
export function objectClass(path: Path, entries: Entries): string | undefined {
  let kinds: Kind[] = [OPENAPI_DOCUMENT];
  let holder = "";
  for (const segment of path) {
    const next: Kind[] = [];
    let via = holder;
    for (const kind of kinds.flatMap(alternatives)) {
      if (kind.type === "object" && typeof segment === "string") {
        if (Object.hasOwn(kind.fields, segment)) {
          next.push((kind.fields[segment] as () => Kind)());
          via = segment;
        }
      } else if (kind.type === "map" && typeof segment === "string") {
        if (!(kind.extensions && isExtensionKey(segment)) && kind.keyAllowed(segment))
          next.push(kind.value());
      } else if (kind.type === "list" && typeof segment === "number") next.push(kind.item());
    }
    if (next.length === 0) return undefined;
    kinds = next;
    holder = via;
  }
  const objects = kinds.flatMap(alternatives).filter((kind) => kind.type === "object");
  const isReference = entries.some(([key]) => key === "$ref");
  const named = objects.filter((kind) => kind.name !== "Reference" || isReference);
  const chosen = isReference && named.length > 1 ? named.filter((kind) => kind.name !== "Schema") : named;
  if (chosen.length === 0) return undefined;
  const name = chosen.map((kind) => kind.name).join("|");
  return name === "Schema" ? `Schema@${holder}` : name;
}

/**
 * Components already known from clean specs (the output folder, specs/, clean pages of the batch): where the page
 * holds a known component's text exactly as the site would write it, that component must read as the known one.
 */
export function knownComponentsRule(
  known: ReadonlyMap<string, unknown>,
  source: string,
): EvidenceRule | undefined {
  const matching = new Map<string, unknown>();
  for (const [name, schema] of known) {
    if (!source.includes(name)) continue;
    const text = collapse(renderSiteYaml({ [name]: schema }));
    if (source.includes(text.trim())) matching.set(name, scrapeValues(schema));
  }
  if (matching.size === 0) return undefined;
  const forms = readForms();
  return {
    name: `components known from clean specs (${matching.size} on this page)`,
    exact: true,
    problems: (path, entries, complete) =>
      differsFromKnown(forms, matching, path, entries, complete)
        ? [`component ${String(path[2])} differs from the known one`]
        : [],
  };
}

/** Whether the object at `path`, inside a component schema `known` holds, differs from the known one (sameStart). */
export function differsFromKnown(
  forms: ReadForms,
  known: ReadonlyMap<string, unknown>,
  path: Path,
  entries: Entries,
  complete: boolean,
  lastUnread = false,
): boolean {
  const name = String(path[2]);
  if (path[0] !== "components" || path[1] !== "schemas" || !known.has(name)) return false;
  const expected = valueAt(known.get(name), path.slice(3));
  return !isRecord(expected) || !sameStart(forms, expected, entries, complete, lastUnread);
}

/**
 * Whether `entries` are the first entries of a known `value` (all of them when `complete`), in order, their values
 * equal after the scrape's loss (the known value has it: a double-quoted `\n` on the page reads as a line break, which
 * the known value has as a space). `lastUnread`: the last entry is a key being opened, whose value is not read yet.
 */
export function sameStart(
  forms: ReadForms,
  value: Record<string, unknown>,
  entries: Entries,
  complete: boolean,
  lastUnread = false,
): boolean {
  const expected = Object.entries(value);
  if (entries.length > expected.length || (complete && entries.length !== expected.length)) return false;
  return entries.every(
    ([key, item], position) =>
      expected[position]?.[0] === key &&
      ((lastUnread && position === entries.length - 1) ||
        formOf(forms.known, expected[position]?.[1], asRead) ===
          formOf(forms.read, item, (read) => asRead(scrapeValues(read)))),
  );
}

/**
 * Values' `asRead` forms, remembered per object: a rule comparing the page with known values (`sameStart`) compares
 * the same known and read objects at every step of the search, and a component's `properties` is large (about a
 * seventh of a long Twilio page's reading went on these forms). Values known and read are never changed once made.
 */
export interface ReadForms {
  readonly known: WeakMap<object, string | undefined>;
  readonly read: WeakMap<object, string | undefined>;
}

export function readForms(): ReadForms {
  return { known: new WeakMap(), read: new WeakMap() };
}

function formOf(
  cache: WeakMap<object, string | undefined>,
  value: unknown,
  form: (value: unknown) => string | undefined,
): string | undefined {
  if (typeof value !== "object" || value === null) return form(value);
  if (cache.has(value)) return cache.get(value);
  const made = form(value);
  cache.set(value, made);
  return made;
}

/**
 * A value as a collapsed page can give it back, for comparing: a text's whitespace at either end is lost there
 * (geneea's `info` description starts `<div …>` and a line break, which the scrape leaves as a space no reading of
 * `| …` has; hhs.gov's ends `… 18:43:01Z</li></ul> </li> </ul> </div> </div>`, which it leaves ending in a space no
 * reading of `>- …` has, so its known `info` never matched and decided nothing).
 */
function asRead(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item) => (typeof item === "string" ? item.trim() : item));
}

/** A rule that judges each key of an object on its own, by its place: the same problems as it is opened and read. */
export function keyRule(name: string, problem: (path: Path, key: string) => string[]): EvidenceRule {
  return {
    name,
    exact: false,
    sees: "model",
    keyProblems: (path, _entries, key) => problem(path, key),
    problems: (path, entries) => entries.flatMap(([key]) => problem(path, key)),
  };
}

/**
 * A keyRule for a key whose place real specs fix. The reader tries first the innermost object that takes a key; the
 * rank (`rank`, 1 by default) tries last the objects where `problem` names the key, inside free values too where
 * `freeEntries` (the reader ranks their entries apart from fields). `requires` names the key a complete object at a
 * place must hold (a converter's `version`), so that a reading moving it out breaks the rule.
 */
export function placedKeyRule(
  name: string,
  problem: (path: Path, key: string) => string[],
  options: { rank?: number; freeEntries?: boolean; requires?: (path: Path) => string | undefined } = {},
): EvidenceRule {
  const { rank = 1, freeEntries = false, requires } = options;
  const keys = keyRule(name, problem);
  return {
    ...keys,
    ...(requires
      ? {
          problems: (path: Path, entries: Entries, complete: boolean) => {
            const own = keys.problems(path, entries, complete);
            const required = complete ? requires(path) : undefined;
            return required === undefined || entries.some(([key]) => key === required)
              ? own
              : [...own, `${path.join("/")}: without its ${required}`];
          },
        }
      : {}),
    rank: (path, _entries, key) => (problem(path, key).length > 0 ? rank : 0),
    ...(freeEntries ? { ranksFreeEntries: true } : {}),
  };
}

export function valueAt(value: unknown, path: Path): unknown {
  let found = value;
  for (const segment of path)
    found = isRecord(found) || Array.isArray(found) ? (found as Record<string, unknown>)[segment] : undefined;
  return found;
}

/** What the site's scrape did to text: `<…>` removed, whitespace runs made one space. */
export function collapse(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/\s+/g, " ");
}

/** The scrape's loss applied to every string of a value (keys too), to compare it with a collapsed page's reading. */
export function scrapeValues(value: unknown): unknown {
  if (typeof value === "string") return collapse(value);
  if (Array.isArray(value)) return value.map(scrapeValues);
  if (isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [collapse(key), scrapeValues(item)]),
    );
  return value;
}

/**
 * An Example object holds its example (`value` or `externalValue`). OpenAPI requires neither, but one with only a
 * `summary` or `description` is where a reading ran an example value's key (`tag: description: x`, a key its schema
 * does not list) out into a new example; the example-values habit, which counts such keys, would decide for it. The
 * page is refused (`refuses`), never decided by it.
 */
export function exampleHoldsValueRule(): EvidenceRule {
  return {
    name: "an example holds its value",
    exact: false,
    refuses: true,
    sees: "model",
    problems(path, entries, complete) {
      if (!complete || objectClass(path, entries) !== "Example") return [];
      return entries.some(([key]) => key === "value" || key === "externalValue")
        ? []
        : [`${path.join("/")}: an example without a value`];
    },
  };
}

/**
 * A security requirement names, for an OAuth 2 scheme, scopes the scheme's flows declare: where it would name one
 * they do not, a text ran a list of scopes together (drchrono's `drchrono_oauth2: - calendar:read - calendar:write`
 * read as the one scope `calendar:read - calendar:write`). OpenAPI does not require it: a habit of real specs (none of
 * 549 APIs.guru specs names a scope its flows do not declare), judged on the whole document, and only for schemes
 * whose flows declare scopes at all. A page asking for an undeclared scope named like two declared ones joined by
 * ` - ` is misread.
 */
export function declaredScopesRule(): EvidenceRule {
  return {
    name: "a security requirement's scopes are its scheme's",
    exact: false,
    atEnd: true,
    problems(path, entries, complete) {
      if (path.length !== 0 || !complete) return [];
      const document = Object.fromEntries(entries);
      const declared = declaredScopes(document);
      return securityRequirements(document).flatMap(([at, requirement]) =>
        Object.entries(requirement).flatMap(([scheme, scopes]) => {
          const known = declared.get(scheme);
          if (!known || !Array.isArray(scopes)) return [];
          return scopes
            .filter((scope) => typeof scope !== "string" || !known.has(scope))
            .map((scope) => `${at}: scope ${JSON.stringify(scope)} that ${scheme} does not declare`);
        }),
      );
    },
  };
}

/** The scopes each OAuth 2 scheme's flows declare, for the schemes that declare any. */
export function declaredScopes(document: Record<string, unknown>): Map<string, Set<string>> {
  const schemes = isRecord(document.components) ? document.components.securitySchemes : undefined;
  const found = new Map<string, Set<string>>();
  if (!isRecord(schemes)) return found;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isRecord(scheme) || scheme.type !== "oauth2" || !isRecord(scheme.flows)) continue;
    const scopes = new Set<string>();
    for (const flow of Object.values(scheme.flows))
      if (isRecord(flow) && isRecord(flow.scopes))
        for (const scope of Object.keys(flow.scopes)) scopes.add(scope);
    if (scopes.size > 0) found.set(name, scopes);
  }
  return found;
}

/** The document's security requirements and its operations', each with where it is. */
function securityRequirements(document: Record<string, unknown>): [string, Record<string, unknown>][] {
  const lists: [string, unknown][] = [["security", document.security]];
  if (isRecord(document.paths))
    for (const [route, item] of Object.entries(document.paths))
      if (isRecord(item))
        for (const [method, operation] of Object.entries(item))
          if (isRecord(operation)) lists.push([`paths/${route}/${method}/security`, operation.security]);
  return lists.flatMap(([at, list]) =>
    Array.isArray(list)
      ? list.filter(isRecord).map((requirement): [string, Record<string, unknown>] => [at, requirement])
      : [],
  );
}

/**
 * Whether `path` lies inside a value whose keys are free: an example, a default, a constant or an extension's (not a
 * property of those names, nor the responses' `default` response).
 */
export function insideFreeValue(path: Path): boolean {
  return valueKeys(path).some((key) => FREE_VALUE_KEYS.has(key) || key.startsWith("x-"));
}

/** Whether `path` lies inside an example, a default or a constant (not an extension's value: its lists are free). */
export function insideExampleData(path: Path): boolean {
  return valueKeys(path).some((key) => FREE_VALUE_KEYS.has(key));
}

/** Whether `path` lies inside an extension's value and not inside an example, a default or a constant in it. */
export function insideExtension(path: Path): boolean {
  const keys = valueKeys(path);
  return keys.some((key) => key.startsWith("x-")) && !keys.some((key) => FREE_VALUE_KEYS.has(key));
}

/**
 * The keys on `path` that open a value rather than name an object's member: not a property's name (a property may be
 * called `example`), nor the responses' `default` response.
 */
function valueKeys(path: Path): string[] {
  return path.filter(
    (segment, index): segment is string =>
      typeof segment === "string" &&
      path[index - 1] !== "properties" &&
      !(segment === "default" && path[index - 1] === "responses"),
  );
}

const FREE_VALUE_KEYS = new Set(["example", "examples", "default", "const"]);

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
