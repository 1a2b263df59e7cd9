/**
 * Named things the docs site writes the same way on every page it repeats them (a response header, a property, a
 * response, a parameter component), learnt from clean pages: where a collapsed page holds the exact site text of one
 * (its name and value, as the scrape left it), the object of that name and class on the page reads as a known value.
 * A habit of the site, not exact: a page could write the same text for a different value only if indentation,
 * which the scrape lost, told them apart.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  classMemo,
  collapse,
  type Entries,
  type EvidenceRule,
  forEachObject,
  insideExampleData,
  objectClass,
  type Path,
  type ReadForms,
  readForms,
  sameStart,
  scrapeValues,
  valueAt,
} from "./evidence.ts";
import { OPENAPI_DOCUMENT } from "./openapi-model.ts";
import { renderSiteYaml } from "./render-yaml.ts";
import type { SiteStyle } from "./site-style.ts";

/** `class\u0000name` → the distinct values seen (plain data, handed to workers). */
export type KnownFragments = Record<string, unknown[]>;

/** Values larger than this (as JSON) are not learnt: component schemas are matched whole (knownComponentsRule). */
const MAX_FRAGMENT = 2_000;
/**
 * The document's `info` and its components other than schemas are learnt larger: few on a page, copied onto every
 * page that uses them, and long (APIs.guru's `info` holds long Markdown descriptions; flat.io's OAuth scheme describes
 * each of its 21 scopes in a folded text, one of which runs into the next scope's `collections:`).
 */
const MAX_LARGE = 20_000;
const INFO_KEY = "Info\u0000info";
/**
 * Distinct values kept per name and class (the page's text picks among them): a site writes a `sid` on every resource
 * (api_v2010: 41 distinct), and a page's own was often not among the first 16. The bound keeps building a page's rule
 * cheap (each value of a name the page holds is rendered once: 12-18 ms a page on api_v2010).
 */
const MAX_VALUES = 256;

/** Adds the named objects of one clean document (entries of arbitrary-key maps the model describes). */
export function learnFragments(fragments: KnownFragments, document: unknown): void {
  forEachObject(document, [], (path, entries) => {
    const name = path[path.length - 1];
    if (typeof name !== "string") return;
    const kind = fragmentClass(path, entries, objectClass);
    if (kind === undefined) return;
    const value = Object.fromEntries(entries);
    const json = JSON.stringify(value);
    if (json.length > (isLargePlace(path) ? MAX_LARGE : MAX_FRAGMENT)) return;
    const key = `${kind}\u0000${name}`;
    const known = fragments[key] ?? [];
    fragments[key] = known;
    if (known.length < MAX_VALUES && !known.some((item) => JSON.stringify(item) === json)) known.push(value);
  });
}

/**
 * The class a named object is known by: its class in the model at a named place (isNamedPlace), or EXAMPLE_DATA for an
 * object inside an example's (a default's, a constant's) data, which the model leaves free.
 */
function fragmentClass(path: Path, entries: Entries, classOf: typeof objectClass): string | undefined {
  if (isNamedPlace(path)) return classOf(path, entries);
  return insideExampleData(path.slice(0, -1)) && classOf(path, entries) === undefined
    ? EXAMPLE_DATA
    : undefined;
}

/**
 * Objects of example data, by their key: the site repeats a resource's example on every page that returns it (Twilio's
 * `encryption_details: encryption_public_key_sid: CR… encryption_cek: >- OV4h…== encryption_iv: 8I2…` on six
 * recordings pages, the long token folded as `>-`, so the text could run on past `encryption_iv:`). Example data is
 * free, and a page's object of the same name may hold more keys or fewer (a list's `links` with and without `next`),
 * so a known one decides only the values of the keys both hold, in order, never where the object ends; and only for a
 * name the clean pages show with one set of keys, in one order (Twilio's `encryption_details` differ only in a sid; a
 * review's `data`, another object on each page, had a clean page's `message: Delivery failed … error_code: 30003`
 * decide that the page's one text `Delivery failed … error_code: 30003` ended before `error_code:`). **Known limit:**
 * where the clean pages show that name in one shape (one object, or several of the same keys), a page whose one text
 * reads exactly as one of them is so written: one text, two values, as for every known fragment.
 */
const EXAMPLE_DATA = "Example data";

/** Whether every known value of a name is an object of the same keys in the same order. */
function oneShape(values: readonly unknown[]): boolean {
  const shapes = new Set(
    values.map((value) => (isRecord(value) ? Object.keys(value).join("\u0000") : undefined)),
  );
  return shapes.size === 1 && !shapes.has(undefined);
}

/** The document's `info`, or a component that is not a schema. */
function isLargePlace(path: Path): boolean {
  return path.length === 1 || (path[0] === "components" && path.length === 3 && path[1] !== "schemas");
}

/**
 * Entries of the model's named maps: properties, headers, responses, components; and the document's `info`, which the
 * site copies onto every page of an API (APIs.guru's `x-origin` list ends in a `>-` URL that `x-providerName` could
 * be read into, or not).
 */
function isNamedPlace(path: Path): boolean {
  if (path.length === 1) return path[0] === "info";
  const holder = path[path.length - 2];
  if (typeof holder !== "string") return false;
  return (
    holder === "properties" ||
    holder === "headers" ||
    holder === "responses" ||
    (path[0] === "components" && path.length === 3)
  );
}

/** The rule for one page: the known values whose site text the page holds. */
export function knownFragmentsRule(
  fragments: KnownFragments,
  page: string,
  style?: SiteStyle,
): EvidenceRule | undefined {
  const source = withoutBlockHeaders(page).trimEnd();
  // The key pairs the site writes in order in each class (site-style.ts): a known value followed on the page by a key
  // its class writes after the value's last key may go on, and is only the start of a longer one. A real page was
  // written wrong without this: `password: type: string`, known from another spec, cut Twilio's `password` property
  // (`type: string nullable: true description: …`) short.
  const pairsByClass = new Map<string, ReadonlySet<string>>();
  const sitePairs = (kind: string) => {
    let pairs = pairsByClass.get(kind);
    if (!pairs) {
      pairs = new Set(style?.classes[kind]?.before ?? []);
      pairsByClass.set(kind, pairs);
    }
    return pairs;
  };
  const matching = new Map<string, unknown[]>();
  for (const [key, values] of Object.entries(fragments)) {
    const name = key.slice(key.indexOf("\u0000") + 1);
    // The site's writer quotes a name that would read as another type (`'401':`, `'true':`).
    if (!source.includes(`${name}:`) && !source.includes(`'${name}':`)) continue;
    const texts = values.map((value) =>
      withoutBlockHeaders(collapse(renderSiteYaml({ [name]: value })).trim()),
    );
    const pairs = sitePairs(key.slice(0, key.indexOf("\u0000")));
    const onPage = values
      .filter((value, index) => {
        const continued = continuations(texts, index);
        const last = isRecord(value) ? Object.keys(value).at(-1) : undefined;
        // The document's `info` ends where a field of the document follows: a page whose `info` goes on (its own
        // extension after the known fields) holds a longer one.
        if (key.startsWith(`${EXAMPLE_DATA}\u0000`))
          return oneShape(values) && source.includes(texts[index] as string);
        const goesOn =
          key === INFO_KEY
            ? (next: string) => !Object.hasOwn(OPENAPI_DOCUMENT.fields, next)
            : (next: string) => continued.has(next) || pairs.has(`${last}\u0000${next}`);
        return endsOnPage(source, texts[index] as string, goesOn);
      })
      .map(scrapeValues);
    if (onPage.length > 0) matching.set(key, onPage);
  }
  if (matching.size === 0) return undefined;
  const classOf = classMemo();
  const forms = readForms();
  const rule: EvidenceRule = {
    name: `fragments known from clean pages (${matching.size} on this page)`,
    exact: false,
    problems(path, entries, complete) {
      const name = path[path.length - 1];
      // Asked of every object the reader reads: most are at no named place, nor named as known example data.
      if (typeof name !== "string" || (!isNamedPlace(path) && !matching.has(`${EXAMPLE_DATA}\u0000${name}`)))
        return [];
      const kind = fragmentClass(path, entries, classOf);
      const known = kind === undefined ? undefined : matching.get(`${kind}\u0000${name}`);
      if (!known) return [];
      const fits = known.some(
        (value) =>
          isRecord(value) &&
          (kind === EXAMPLE_DATA
            ? sameStart(forms, value, entries.slice(0, Object.keys(value).length), false)
            : sameStart(forms, value, entries, complete)),
      );
      return fits ? [] : [`${kind} ${name} differs from the one known`];
    },
    // Where a key could open in several objects: last those inside a known fragment whose known value has no such
    // key there (a header's `example` read into its schema, where the site writes it on the header).
    rank(path, entries, key) {
      const around = knownAround(path, entries, key);
      return around === undefined || opens(forms, around, path, entries, key) ? 0 : 1;
    },
    ranksFreeEntries: true,
    // A key no known value has there makes the fragment differ, whatever follows: a reading that opens it inside an
    // extension's free value (Twilio's `x-twilio: pii:`), which could take the rest of the page, dies at once. The
    // object's class is judged with the key (a `$ref` makes a header a Reference, which `problems` never judges), so
    // the problem is the one `problems` reports when the object is complete.
    keyProblems(path, entries, key) {
      const around = knownAround(path, entries, key);
      return around === undefined || opens(forms, around, path, entries, key)
        ? []
        : [`${around.kind} ${around.name} differs from the one known`];
    },
  };
  return rule;

  /** The nearest named place at or above `path` whose class and name have known values on this page. */
  function knownAround(path: Path, entries: Entries, key: string): Around | undefined {
    for (let end = path.length; end >= 1; end--) {
      const at = path.slice(0, end);
      const name = at[at.length - 1];
      if (typeof name !== "string" || !isNamedPlace(at)) continue;
      const kind = classOf(at, end === path.length ? [...entries, [key, undefined]] : []);
      const known = kind === undefined ? undefined : matching.get(`${kind}\u0000${name}`);
      if (kind !== undefined && known) return { kind, name, known, end };
    }
    return undefined;
  }
}

interface Around {
  readonly kind: string;
  readonly name: string;
  readonly known: readonly unknown[];
  /** The length of the named place's path. */
  readonly end: number;
}

/** Whether a known value holds, at `path` inside it, an object that starts with `entries` and then `key`. */
function opens(forms: ReadForms, { known, end }: Around, path: Path, entries: Entries, key: string): boolean {
  return known.some((value) => {
    const inner = valueAt(value, path.slice(end));
    return (
      isRecord(inner) && sameStart(forms, inner, entries, false) && Object.keys(inner)[entries.length] === key
    );
  });
}

/**
 * Site text with the block scalars' headers dropped (`description: >- A` → `description: A`): the site folds a string
 * that does not fit in 80 columns at its indentation, so the same value is `>-` on a deep page and plain at the top
 * level where a fragment is rendered.
 */
export function withoutBlockHeaders(text: string): string {
  return text.replace(/: [>|][-+]? /g, ": ");
}

/**
 * Whether the page holds the site text of a known value where it ends: followed by the end of the text or by a key,
 * but not by a key with which the site has continued the same text in a longer value of the same name. A real Twilio
 * page was written wrong without this: its clean pages wrote `uri` both as `type: string format: uri nullable: true`
 * and with a `description:` after; the short one, found on the collapsed page as the start of the long one, cut the
 * page's property short.
 */
function endsOnPage(source: string, text: string, continues: (key: string) => boolean): boolean {
  if (text === "") return false;
  for (let at = source.indexOf(text); at >= 0; at = source.indexOf(text, at + 1)) {
    const end = at + text.length;
    if (end === source.length) return true;
    const key = nextKey(source.slice(end, end + 200));
    if (key !== undefined && !continues(key)) return true;
  }
  return false;
}

/** The keys that follow the text of value `index` in the longer texts that start with it. */
function continuations(texts: readonly string[], index: number): Set<string> {
  const text = texts[index] as string;
  const keys = new Set<string>();
  for (const other of texts) {
    if (!other.startsWith(`${text} `)) continue;
    const key = nextKey(other.slice(text.length));
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** The map entry's key that `after` (text right after a value) starts with, quoted or plain. */
function nextKey(after: string): string | undefined {
  return /^ ('[^']*'|"[^"]*"|[^\s'"-]\S*?):(?: |$)/.exec(after)?.[1];
}
