/**
 * The docs site's YAML style, learnt from its clean pages (and clean specs already imported): which keys each class of
 * object holds (objectClass in evidence.ts), which it always holds, the order it writes them in, and whether its
 * `enum` values are single words. A collapsed page of the same site is written the same way, so these are evidence
 * (evidence.ts) that can rule out one of two readings the model cannot tell apart. A class needs at least
 * MIN_OBJECTS observations before its style counts, one for a class a document holds once (ONCE_A_DOCUMENT).
 */

import { isRecord } from "../shared/openapi.ts";
import {
  classMemo,
  collapse,
  type Entries,
  type EvidenceRule,
  forEachObject,
  objectClass,
  type Path,
} from "./evidence.ts";
import { COMPOSITIONS } from "./model-rules.ts";
import { HTTP_METHOD_KEYS, isExtensionKey } from "./openapi-model.ts";

export interface ClassStyle {
  objects: number;
  /**
   * Fingerprints of the class's distinct objects, up to ALWAYS_VARIANTS: a site that repeats one object on every page
   * (googleapis's `additionalProperties: description: Properties of the object…`) has shown one way of writing it.
   */
  variants?: string[];
  /** How many objects of the class hold each key. */
  keys: Record<string, number>;
  /**
   * For each key that leaves little room beside it (BESIDE_ANCHORS: a `$ref`, an `allOf`), how many objects of the
   * class holding it hold each key (the anchor itself counts them).
   */
  besideKeys?: Record<string, Record<string, number>>;
  /** `a\u0000b` for every pair of keys seen with `a` written before `b`. */
  before: string[];
}

/** Plain data, so it can be handed to a worker. */
export interface SiteStyle {
  classes: Record<string, ClassStyle>;
  enumValues: number;
  enumValuesWithSpaces: number;
  /**
   * Short values holding ` - ` that clean pages write anywhere (an enum's, an example's; as the scrape leaves them):
   * list-rules.ts enumDashRule leaves an enum holding one alone.
   */
  joinedValues: string[];
  /** How many responses' `headers` maps hold each header name. */
  headerNames: Record<string, number>;
  /**
   * The objects of example data (MIN_DATA_KEYS keys or more) holding their keys sorted, as their distinct lists of keys
   * (up to MIN_SORTED_DATA: the same example repeated on every page is one), and how many do not.
   */
  dataOrder: { sorted: string[]; unsorted: number };
  /**
   * The sets of keys each class of object is written with (keySetRule), the objects inside extensions' values by their
   * place in the extension (extensionClass: Twilio's `x-twilio` holds `pii`, which holds `handling` and `deleteSla`).
   */
  keySets: Record<string, KeySets>;
  /** The components learnt, as `section/name#hash` (a component a later page repeats counts once in `keySets`). */
  components: string[];
}

/**
 * How many objects of a class the clean pages show, and how many hold each set of keys (sorted, `\u0000`-joined), up
 * to MAX_KEY_SETS sets; `sets` undefined once a class shows more (its sets are no habit).
 */
export interface KeySets {
  objects: number;
  sets?: Record<string, number>;
}

const MIN_OBJECTS = 2;
/**
 * Keys beside which a site writes few others, and the same few (styleRefusalRule): a `$ref`, and an `allOf` (AWS
 * writes a property as `allOf: [its type, its description]`). Not `anyOf` or `oneOf`: FastAPI writes a parameter's
 * optional type as `anyOf: [type, null]` with a `title`, and its `default` beside it on some (an openaq page refused).
 */
const BESIDE_ANCHORS = new Set(["$ref", "allOf"]);
/**
 * Classes a document holds once: every page of a site writes its own, the same way (Twilio's `x-twilio` in `info`),
 * so one clean page shows their style.
 */
const ONCE_A_DOCUMENT = new Set(["OpenAPI", "Info", "Components", "Contact", "License"]);
const MIN_ENUM_VALUES = 5;

/** The objects a class needs before its style counts. */
function minimumFor(name: string): number {
  return ONCE_A_DOCUMENT.has(name) ? 1 : MIN_OBJECTS;
}

/**
 * Whether the clean pages show class `name` as one object repeated (fewer distinct objects than it needs): one way of
 * writing it, weak evidence either way. googleapis looker's clean pages held one `additionalProperties` object nine
 * times, always with a `description`, and that "always" read a map's own description onto its `additionalProperties`;
 * yet the same habit was all that kept a review's page from the opposite mistake (a map without a description of its
 * own, whose `additionalProperties` holds one, read with the description moved onto the map). So the style's habits of
 * such a class only block (`blocksOnly`): a reading breaking one where its rival does not is not preferred for that,
 * and no rival is ruled out for breaking one.
 */
function shownAsOne(name: string, found: ClassStyle): boolean {
  return (found.variants ?? []).length < minimumFor(name);
}

/**
 * Whether the clean pages show class `name` as few distinct objects repeated, too few for a key they all hold to say
 * the site always writes it: googleapis bigquerydatatransfer's ten `additionalProperties` objects, two distinct, each
 * described, read a map property's `description` onto its values' schema (`labels: additionalProperties: type: string
 * description: … type: object`). Ten copies of two components are two ways of writing, not ten. Such an "always" only
 * blocks, like every habit of a class shown as one object. Not objects each shown once (two clean pages' operations,
 * both tagged, are all that place seed 000's `tags:` after its `>-` description), nor the classes a document holds
 * once, which every page copies.
 */
function shownFewWays(name: string, found: ClassStyle): boolean {
  const distinct = (found.variants ?? []).length;
  return !ONCE_A_DOCUMENT.has(name) && distinct < ALWAYS_VARIANTS && distinct < found.objects;
}

const ALWAYS_VARIANTS = 3;

/** The name of an "always" problem of a class shown in few distinct objects (shownFewWays). */
const SHOWN_FEW_WAYS = "shown few ways: ";

/** The name of a style problem of a class shown as one object repeated (shownAsOne). */
const SHOWN_AS_ONE = "shown as one object: ";

export function emptyStyle(): SiteStyle {
  return {
    classes: {},
    enumValues: 0,
    enumValuesWithSpaces: 0,
    joinedValues: [],
    headerNames: {},
    dataOrder: { sorted: [], unsorted: 0 },
    keySets: {},
    components: [],
  };
}

/**
 * Adds one document's objects to `style` (in place: a batch learns page by page, in constant memory per class), their
 * sets of keys too unless `keySets` is false (import-evidence.ts learnFrom: not a recovered page's).
 */
export function learnStyle(
  style: SiteStyle,
  document: unknown,
  at: Path = [],
  { keySets = true } = {},
): void {
  const repeated = keySets ? repeatedComponents(style, document, at) : [];
  forEachObject(document, at, (path, entries) => {
    observe(style, path, entries);
    if (keySets && !repeated.some((place) => place.every((segment, index) => path[index] === segment)))
      noteKeySet(style, path, entries);
  });
}

/**
 * The places of `document`'s components that earlier documents held the same (name and value): a site showing one
 * schema on its GET and its PUT page writes one object, not two (a review's 31 sets each seen twice looked a habit).
 */
function repeatedComponents(style: SiteStyle, document: unknown, at: Path): Path[] {
  const components = at.length === 0 && isRecord(document) ? document.components : undefined;
  if (!isRecord(components)) return [];
  const repeated: Path[] = [];
  for (const [section, named] of Object.entries(components))
    for (const [name, value] of isRecord(named) ? Object.entries(named) : []) {
      const seen = `${section}/${name}#${fingerprint(JSON.stringify(value) ?? "")}`;
      if (style.components.includes(seen)) repeated.push(["components", section, name]);
      else if (style.components.length < MAX_COMPONENTS) style.components.push(seen);
    }
  return repeated;
}

const MAX_COMPONENTS = 20_000;

/** FNV-1a, 32 bits: a component's value as a short key. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(36);
}

function observe(style: SiteStyle, path: Path, entries: Entries): void {
  noteJoinedValues(style, entries);
  if (path[path.length - 1] === "headers" && objectClass(path.slice(0, -1), []) === "Response")
    for (const [key] of entries) style.headerNames[key] = (style.headerNames[key] ?? 0) + 1;
  if (entries.length >= MIN_DATA_KEYS && insideExample(path)) {
    const keys = entries.map(([key]) => key).join("\u0000");
    const { sorted } = style.dataOrder;
    if (!inOrder(entries)) style.dataOrder.unsorted += 1;
    else if (sorted.length < MIN_SORTED_DATA && !sorted.includes(keys)) sorted.push(keys);
  }
  const name = siteClass(path, entries, objectClass);
  if (name === undefined) return;
  const found = style.classes[name] ?? { objects: 0, keys: {}, before: [] };
  style.classes[name] = found;
  found.objects += 1;
  const variants = found.variants ?? [];
  if (variants.length < ALWAYS_VARIANTS) {
    const variant = fingerprint(JSON.stringify(entries) ?? "");
    if (!variants.includes(variant)) found.variants = [...variants, variant];
  }
  const before = new Set(found.before);
  const keys = entries.map(([key]) => styleKey(name, key));
  for (const [position, key] of keys.entries()) {
    found.keys[key] = (found.keys[key] ?? 0) + 1;
    for (const later of keys.slice(position + 1)) before.add(`${key}\u0000${later}`);
  }
  found.before = [...before];
  for (const anchor of keys.filter((key) => BESIDE_ANCHORS.has(key))) {
    const besideKeys = found.besideKeys ?? {};
    const beside = besideKeys[anchor] ?? {};
    for (const key of keys) beside[key] = (beside[key] ?? 0) + 1;
    besideKeys[anchor] = beside;
    found.besideKeys = besideKeys;
  }
  if (name.startsWith("Schema")) {
    const values = entries.find(([key]) => key === "enum")?.[1];
    if (Array.isArray(values))
      for (const item of values) {
        style.enumValues += 1;
        if (typeof item === "string" && /\s/.test(item.trim())) style.enumValuesWithSpaces += 1;
      }
  }
}

/**
 * The class of an object inside an extension's value: the way from the extension's key, list positions left out
 * (`x-twilio/pii`), wherever the extension is written (Twilio writes the same `pii` on parameters and properties);
 * undefined outside any extension or inside example data.
 */
function extensionClass(path: Path, classOf: typeof objectClass): string | undefined {
  const at = path.findIndex((segment) => typeof segment === "string" && isExtensionKey(segment));
  if (at < 0 || insideExample(path) || classOf(path.slice(0, at), []) === undefined) return undefined;
  return path
    .slice(at)
    .map((segment) => (typeof segment === "number" ? "#" : segment))
    .join("/");
}

function noteKeySet(style: SiteStyle, path: Path, entries: Entries): void {
  const name = siteClass(path, entries, objectClass) ?? extensionClass(path, objectClass);
  if (name === undefined) return;
  const known = style.keySets;
  if (!Object.hasOwn(known, name) && Object.keys(known).length >= MAX_KEY_SET_CLASSES) return;
  const found = known[name] ?? { objects: 0, sets: {} };
  known[name] = found;
  found.objects += 1;
  const { sets } = found;
  if (sets === undefined) return;
  const set = keySetOf(entries.map(([key]) => styleKey(name, key)));
  if (!Object.hasOwn(sets, set) && Object.keys(sets).length >= MAX_KEY_SETS) found.sets = undefined;
  else sets[set] = (sets[set] ?? 0) + 1;
}

function keySetOf(keys: readonly string[]): string {
  return [...keys].sort().join("\u0000");
}

const MAX_KEY_SETS = 256;
/** Extensions' values can nest anything: the classes counted are bounded too. */
const MAX_KEY_SET_CLASSES = 1_024;

function noteJoinedValues(style: SiteStyle, entries: Entries): void {
  for (const [, value] of entries)
    for (const item of Array.isArray(value) ? value : [value]) {
      // The scrape cannot make a dash: a text without one is not collapsed (most of a page's long descriptions).
      if (typeof item !== "string" || !item.includes("-") || style.joinedValues.length >= MAX_JOINED_VALUES)
        continue;
      const text = collapse(item).trim();
      if (text.length <= MAX_JOINED_LENGTH && text.includes(" - ") && !style.joinedValues.includes(text))
        style.joinedValues.push(text);
    }
}

const MAX_JOINED_VALUES = 2_048;
const MAX_JOINED_LENGTH = 80;

/**
 * A key the objects of a class hold every time, or nearly (19 in 20 of at least 20 objects: Twilio writes `nullable`
 * on 272 of its 274 inline properties): a reading that leaves one more object without it is that much less likely.
 */
function habitual(count: number, objects: number): boolean {
  return count === objects || (objects >= NEARLY_ALWAYS_OBJECTS && count >= NEARLY_ALWAYS * objects);
}

const NEARLY_ALWAYS = 0.95;
const NEARLY_ALWAYS_OBJECTS = 20;

/**
 * The class of an object in the site's style: a parameter's, a header's and a media type's `schema` apart, since the
 * site writes them differently (Twilio gives a header's schema an `example`, never a parameter's) and clean pages that
 * show only one say nothing of the others (with only DELETE pages clean, a header's example was read onto the header).
 */
function siteClass(path: Path, entries: Entries, classOf: typeof objectClass): string | undefined {
  const name = classOf(path, entries);
  if (name !== "Schema@schema") return name;
  const holder = classOf(path.slice(0, -1), []);
  return holder === undefined ? name : `Schema@${holder}.schema`;
}

/**
 * A site that types every plain schema still leaves its compositions untyped (`oneOf: [string, array]`), and the
 * pages that taught the habit may have had none: a libretranslate page's `type: array` was read off its `oneOf`'s
 * second part onto the composition, which then looked typed like the site's other schemas.
 */
function untypedComposition(name: string, key: string, keys: readonly string[]): boolean {
  return key === "type" && name.startsWith("Schema") && keys.some((held) => COMPOSITIONS.has(held));
}

/** Whether `path` lies inside an example value (`example`, an Example object's `value`), which the model leaves free. */
function insideExample(path: Path): boolean {
  return path.some(
    (segment, index) => segment === "example" || (segment === "value" && path[index - 2] === "examples"),
  );
}

/**
 * A response's extension the clean pages never show is no evidence: after a response, the responses map (which the
 * style never judges) takes it too, so its absence on clean responses moved a review's `x-retryable` off its `404`.
 */
function freeOfStyle(name: string, key: string): boolean {
  return name === "Response" && isExtensionKey(key);
}

/**
 * Whether every object of the class the clean pages show is a reference (`$ref`) and the object holding `keys` is not:
 * a reference's keys say little of how the site writes the object itself. AWS importexport's clean pages (its GET
 * operations) showed only `schema: $ref: …` under media types, and that "never `description`" read a POST page's inline
 * body schema's `description` onto the request body (half of its pages clean, five written wrong). Yet Twilio's two
 * `items: $ref: …` were all that kept an array property's `description` off its inline `items: type: string`, against
 * the property sets of the site's few clean request bodies. So such a class's style only blocks (`blocksOnly`), like a
 * class shown as one object (shownAsOne), and neither overrules nor holds the key sets.
 */
function shownAsReferences(found: ClassStyle, keys: readonly string[]): boolean {
  return (found.keys.$ref ?? 0) === found.objects && !keys.includes("$ref");
}

/** The name of a style problem of a class shown only as references (shownAsReferences). */
const SHOWN_AS_REFERENCES = "shown only as references: ";

/** The names' prefixes of the style's weak problems (`blocksOnly`). */
const WEAK_PREFIXES = [SHOWN_AS_ONE, SHOWN_AS_REFERENCES, SHOWN_FEW_WAYS];

/** Whether no object of class `name` the clean pages show holds `key` (a key in the site's style, styleKey). */
function unseenOn(found: ClassStyle, name: string, key: string): boolean {
  return !Object.hasOwn(found.keys, key) && !freeOfStyle(name, key);
}

/** Path Item keys are HTTP methods: the site's style is that it has an operation, not which one. */
function styleKey(name: string, key: string): string {
  return name === "Path Item" && (HTTP_METHOD_KEYS as readonly string[]).includes(key) ? "<method>" : key;
}

/**
 * The style as one evidence rule, whose problem names say which habit an object breaks (so a page that breaks one
 * habit everywhere can still be held to the others): a key every object of its class holds, the order of two keys,
 * a key never seen on its class, an enum value of several words where the site's are single words.
 */
export function styleRule(style: SiteStyle, label = "site style"): EvidenceRule | undefined {
  const classes = new Map(
    Object.entries(style.classes)
      .filter(([name, found]) => found.objects >= minimumFor(name))
      .map(([name, found]) => [
        name,
        {
          ...found,
          pairs: new Set(found.before),
          weak: shownAsOne(name, found),
          fewWays: shownFewWays(name, found),
        },
      ]),
  );
  const singleWordEnums = style.enumValues >= MIN_ENUM_VALUES && style.enumValuesWithSpaces === 0;
  const headers = Object.values(style.headerNames).some((count) => count >= MIN_OBJECTS);
  if (classes.size === 0 && !singleWordEnums && !headers) return undefined;
  const classOf = classMemo();
  return {
    name: `${label} (${Object.values(style.classes).reduce((sum, found) => sum + found.objects, 0)} objects${label === "site style" ? " on clean pages" : ""})`,
    exact: false,
    sees: "scalars",
    problems(path, entries, complete) {
      // Inside an example: the site's response header names are not its example values' keys.
      if (insideExample(path))
        return entries
          .filter(([key]) => (style.headerNames[key] ?? 0) >= MIN_OBJECTS)
          .map(([key]) => `header name ${key} inside an example`);
      const name = siteClass(path, entries, classOf);
      if (name === undefined) return [];
      const problems: string[] = [];
      const keys = entries.map(([key]) => styleKey(name, key));
      const found = classes.get(name);
      if (found) {
        const own: string[] = [];
        // Named by key alone (and `order` by the pair): a rival that only moves the same unusual key elsewhere is
        // no worse than the preferred reading.
        for (const key of keys) if (unseenOn(found, name, key)) own.push(`unseen ${key}`);
        for (const [position, key] of keys.entries())
          for (const later of keys.slice(position + 1))
            if (found.pairs.has(`${later}\u0000${key}`) && !found.pairs.has(`${key}\u0000${later}`))
              own.push(`order ${later} ${key}`);
        const always: string[] = [];
        if (complete)
          for (const [key, count] of Object.entries(found.keys))
            if (habitual(count, found.objects) && !keys.includes(key) && !untypedComposition(name, key, keys))
              always.push(`always ${name} ${key}`);
        const weak = found.weak ? SHOWN_AS_ONE : shownAsReferences(found, keys) ? SHOWN_AS_REFERENCES : "";
        problems.push(...own.map((problem) => weak + problem));
        problems.push(...always.map((problem) => (weak || (found.fewWays ? SHOWN_FEW_WAYS : "")) + problem));
      }
      const values = entries.find(([key]) => key === "enum")?.[1];
      if (singleWordEnums && name.startsWith("Schema") && Array.isArray(values))
        if (values.some((item) => typeof item === "string" && /\s/.test(item.trim())))
          problems.push("enum value of several words");
      return problems;
    },
    keyProblems(path, entries, key) {
      // The style's problems of an unfinished object depend on its keys alone (and on `enum`'s value, not yet read).
      return this.problems(path, [...entries, [key, undefined]], false).filter(
        (problem) => problem !== "enum value of several words",
      );
    },
    blocksOnly: (problem) => WEAK_PREFIXES.some((prefix) => problem.startsWith(prefix)),
    rank(path, entries, key) {
      const name = siteClass(path, entries, classOf);
      const found = name === undefined ? undefined : classes.get(name);
      if (!found || name === undefined) return 1;
      return unseenOn(found, name, styleKey(name, key)) ? 2 : 0;
    },
  };
}

/**
 * What the site's style cannot decide but refuses (a rule that `refuses`, judged on the reading to be written): a key
 * beside a `$ref` or an `allOf` where the class's clean objects holding one (two at least) never hold it beside (an
 * AWS schema's own `description` after its last property, `allOf: […]`, read beside that `allOf`), and an extension
 * the site writes on a class its clean pages show too seldom to judge. telnyx's body `title` was read onto its last
 * property's `$ref` (the properties' class holds titles, but never beside a reference), figshare's `x-tag` onto a
 * request body (no recovered page had shown two) rather than onto the body's schema: written wrong. As habits these
 * decided too, and a review wrote pages wrong through them where the page held the site's exception (a `description`
 * beside a recursive `items` reference, an `x-since` on a `oneOf` part), so they only refuse.
 */
export function styleRefusalRule(style: SiteStyle): EvidenceRule {
  const judged = Object.entries(style.classes).filter(([name, found]) => found.objects >= minimumFor(name));
  const extensions = new Set(judged.flatMap(([, found]) => Object.keys(found.keys).filter(isExtensionKey)));
  const classes = new Map(judged);
  const classOf = classMemo();
  return {
    name: "keys the site's style has no room for (beside a `$ref` or an `allOf`, an extension on a class seldom shown)",
    exact: false,
    refuses: true,
    problems(path, entries) {
      if (insideExample(path)) return [];
      const name = siteClass(path, entries, classOf);
      if (name === undefined) return [];
      const keys = entries.map(([key]) => styleKey(name, key));
      const found = classes.get(name);
      if (!found)
        return keys
          .filter((key) => extensions.has(key) && !freeOfStyle(name, key))
          .map((key) => `${name} holds ${key}, which the site writes on other classes`);
      return keys.flatMap((anchor) => {
        const beside = found.besideKeys?.[anchor];
        if (beside === undefined || (beside[anchor] ?? 0) < MIN_OBJECTS) return [];
        return keys
          .filter((key) => !Object.hasOwn(beside, key) && !freeOfStyle(name, key))
          .map((key) => `${name} holds ${key} beside \`${anchor}\`, which the site never writes there`);
      });
    },
  };
}

/**
 * The keys a class the site's clean pages show often (MIN_OVERRULING_OBJECTS objects) never holds, as a rule that
 * `overrules` the reader's order of preference: NetLicensing's response schemas hold a property named `items`, which
 * the model prefers to read as the schema's keyword, and none of the site's clean schemas holds the keyword. It
 * `welcomes` a key onto an object whose class the clean pages show holding it. Only keys never seen: a key every object
 * holds (`type`) is a habit with exceptions (session 28's review had a site whose one untyped object would have been
 * read wrong), and so is the order of keys (session 29's review: a parameter's schema writing `description` after
 * `format` where the site's properties write it before, read onto the parameter; one request body schema writing its
 * `description` last on a site whose schemas write it first).
 */
export function styleOverrulingRule(style: SiteStyle): EvidenceRule | undefined {
  const classes = new Map(
    Object.entries(style.classes).filter(
      ([name, found]) => found.objects >= MIN_OVERRULING_OBJECTS && !shownAsOne(name, found),
    ),
  );
  if (classes.size === 0) return undefined;
  const classOf = classMemo();
  return {
    name: "keys the site's often shown classes never hold",
    exact: false,
    overrules: true,
    sees: "scalars",
    problems(path, entries) {
      if (insideExample(path)) return [];
      const name = siteClass(path, entries, classOf);
      const found = name === undefined ? undefined : classes.get(name);
      if (!found || name === undefined) return [];
      const keys = entries.map(([key]) => styleKey(name, key));
      if (shownAsReferences(found, keys)) return [];
      return keys.filter((key) => unseenOn(found, name, key)).map((key) => `${name} holds ${key}`);
    },
    welcomes(path, entries, key) {
      if (insideExample(path)) return false;
      const name = siteClass(path, entries, classOf);
      const found = name === undefined ? undefined : style.classes[name];
      return (
        name !== undefined &&
        found !== undefined &&
        found.objects >= minimumFor(name) &&
        Object.hasOwn(found.keys, styleKey(name, key))
      );
    },
  };
}

const MIN_OVERRULING_OBJECTS = 20;

/**
 * The site's example data with its keys sorted, where every object of example data its clean pages show (of
 * MIN_DATA_KEYS keys or more, MIN_SORTED_DATA different ones at least) holds them so (APIs.guru's specs, and the pages
 * cut from them, sort every map). A key read into an object of example data sorts after the object's last key: Lyft's
 * `example: display_name: … ride_type: lyft_line properties: display_name: …` cannot take the schema's `properties`
 * into the example, and the rival reading that does, whose example data can nest the rest of the page's keys in more
 * ways than a search can try, dies at once (Chaingateway, Biapi, VersionEye too). A habit of the site, learnt from its
 * clean pages; a site whose examples keep their authors' order has it off. It `vetoes`: where the preferred reading
 * puts a key out of order and its rival keeps the order, no other habit decides (formapi's `metadata: qux: abc user_id:
 * 42 password: null`, whose response schema lists no `password` while `metadata` is a free object: the page's
 * example-values habit read `password` into `metadata`, written wrong; held-out seed 13). **Known limit** (the second
 * review's): a site whose clean pages show five different sorted examples, and a collapsed page whose example keeps
 * its author's order and ends with a key its schema can hold (`… price: 10 description: Monthly plan`), has that key
 * read onto the schema.
 */
export function dataOrderRule(style: SiteStyle): EvidenceRule | undefined {
  const { sorted, unsorted } = style.dataOrder;
  if (sorted.length < MIN_SORTED_DATA || unsorted > 0) return undefined;
  return {
    name: "the site's example data holds its keys sorted",
    exact: false,
    vetoes: true,
    sees: "model",
    problems: (path, entries) =>
      insideExample(path) && !inOrder(entries) ? [`${path.join("/")}: example data out of order`] : [],
    keyProblems(path, entries, key) {
      const last = entries[entries.length - 1]?.[0];
      return insideExample(path) && last !== undefined && !(last < key)
        ? [`${path.join("/")}: example data out of order`]
        : [];
    },
  };
}

/**
 * Objects of three keys or more fall in order by chance once in six: five sorted objects with none out of order is a
 * habit, not chance, if they are five different objects (session 30's review: one example repeated on six clean pages
 * made a site whose other examples keep their authors' order look sorted, and a key of its example was read onto the
 * schema).
 */
const MIN_SORTED_DATA = 5;
const MIN_DATA_KEYS = 3;

function inOrder(entries: Entries): boolean {
  return entries.every(([key], index) => index === 0 || (entries[index - 1]?.[0] as string) < key);
}

/**
 * The site writes each class of object with one of a few sets of keys: a schema's `description` after its `properties`
 * is the last property's when the site's component schemas never hold one with a `title` and no `nullable` (Twilio's
 * api_v2010 writes its 289 component schemas of half its pages with 7 sets, 281 of them `type`, `properties`, `title`
 * or `required` in some order; a response schema's last `description:` read as well onto the schema as onto its last
 * property, 4 of its 98 collapsed pages refused there). The objects inside extensions' values count by their place in
 * the extension (`x-twilio: pii: handling: … deleteSla: 30` on 80 properties: a `deleteSla` read onto `x-twilio`, or
 * the next property read into `pii`, holds a set never seen). A class's sets count as a habit when an unseen one is
 * rare by the Good–Turing estimate: the sets seen once, plus three (the rule of three, for a class that shows none),
 * are at most MAX_UNSEEN_SHARE of its objects. An object breaks the habit once its keys so far lie in no set of its
 * class (more keys cannot mend it, so the reader drops such a reading early), or, complete, when its set is none of
 * them; the problem names the object's place, so a rival that only reads the same object with other unusual keys is no
 * worse. Where another open object could take a key, the one whose set still fits is tried first (the next property,
 * not a key of `pii`), so that the other is the rival the habit can rule out. Its problems show within the objects a
 * choice opens or closes, so the rule is `local`: a long search under it found nothing a short one did not (Twilio's
 * page 067 spent 8 000 more steps in two).
 */
export function keySetRule(style: SiteStyle, siteStyle?: EvidenceRule): EvidenceRule | undefined {
  const habits = new Map<string, readonly (readonly string[])[]>();
  for (const [name, found] of Object.entries(style.keySets)) {
    const { sets } = found;
    if (sets === undefined) continue;
    const once = Object.values(sets).filter((count) => count === 1).length;
    const distinct = Object.keys(sets).length;
    if ((once + 3) / found.objects <= MAX_UNSEEN_SHARE && distinct * MIN_OBJECTS_PER_SET <= found.objects)
      habits.set(
        name,
        Object.keys(sets).map((set) => set.split("\u0000")),
      );
  }
  if (habits.size === 0) return undefined;
  const classOf = classMemo();
  const judge = (path: Path, entries: Entries, complete: boolean): string[] => {
    if (insideExample(path)) return [];
    const name = siteClass(path, entries, classOf) ?? extensionClass(path, classOf);
    const sets = name === undefined ? undefined : habits.get(name);
    if (sets === undefined || name === undefined) return [];
    const keys = entries.map(([key]) => styleKey(name, key));
    // A class shown only as references is no habit for an object that is not one (shownAsReferences).
    if (!keys.includes("$ref") && sets.every((set) => set.includes("$ref"))) return [];
    const fits = complete
      ? (set: readonly string[]) => set.length === keys.length && keys.every((key) => set.includes(key))
      : (set: readonly string[]) => keys.every((key) => set.includes(key));
    return sets.some(fits) ? [] : [`${path.join("/")}: a set of keys the site never writes a ${name} with`];
  };
  return {
    name: "the sets of keys the site writes each class of object with",
    exact: false,
    local: true,
    sees: "scalars",
    // The style's own problems too: a reading the habit would keep that breaks the site's other habits where its rival
    // keeps them is no better (a review's site writing `description` before `properties`: the last property's text
    // read onto the schema, whose set fits where the property's did not).
    problems: (path, entries, complete) => [
      ...judge(path, entries, complete),
      ...(siteStyle?.problems(path, entries, complete) ?? []),
    ],
    keyProblems: (path, entries, key, value) => [
      ...judge(path, [...entries, [key, undefined]], false),
      ...(siteStyle?.keyProblems?.(path, entries, key, value) ?? []),
    ],
    rank: (path, entries, key) => (judge(path, [...entries, [key, undefined]], false).length > 0 ? 1 : 0),
    ...(siteStyle?.blocksOnly ? { blocksOnly: siteStyle.blocksOnly } : {}),
  };
}

const MAX_UNSEEN_SHARE = 0.05;
/**
 * The estimate takes each object for a new draw, but a site repeats its objects under new names (one schema hoisted on
 * its GET and its PUT page): a habit is a few sets, each written this many times on average (a review's site of 31
 * sets each seen twice looked one). Twilio's component schemas show 7 sets in 289 objects.
 */
const MIN_OBJECTS_PER_SET = 10;
