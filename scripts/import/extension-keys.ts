/**
 * The keys of the objects inside a site's extension values, learnt from its clean pages: Twilio writes `x-twilio:
 * pii: handling: standard deleteSla: 30` on every property and parameter holding personal data, and its clean pages
 * show `x-twilio` holding only `apiStandards`, `pii` and `ignoreFormat`, and `pii` only `handling` and `deleteSla`.
 * The model takes any key in an extension's value, so a collapsed `… deleteSla: 30 examples: …` reads with the
 * parameter's `examples` inside `pii` as well: where the clean pages show an extension's object often enough, with a
 * few keys each seen more than once, a key they never show there is another object's.
 */
import { classMemo, type EvidenceRule, forEachObject, type Path } from "./evidence.ts";
import { isExtensionKey } from "./openapi-model.ts";

/** By place inside an extension's value (`x-twilio/pii`, list items as `[]`): objects seen and each key's count. */
export type ExtensionKeys = Record<string, { objects: number; keys: Record<string, number> }>;

/** Places kept (a site's extensions hold a few dozen): bounds the workers' copies. */
const MAX_PLACES = 2_000;
/**
 * More keys than this at a place is data (a map of names, an example), not a fixed shape: the place is not judged.
 * In the APIs.guru specs, objects at places of at most 6 keys, each seen twice, seen 5 times, hold a key the other
 * half of the spec's objects there never do 23 times in 7 694 (Velo Payments' `x-contracts` headers, OpenAI's
 * `x-oaiMeta` groups); at any place, 309 times in 8 484.
 */
const MAX_KEYS = 6;
const MIN_OBJECTS = 5;
const MIN_KEY_COUNT = 2;
/** Extensions holding examples (`x-examples`, `x-up:example`) hold data, whatever their shape so far. */
const EXAMPLE_PLACE = /example/i;

/** Adds one clean document's extension objects to `known` (in place). */
export function learnExtensionKeys(known: ExtensionKeys, document: unknown): void {
  const classOf = classMemo();
  forEachObject(document, [], (path, entries) => {
    const place = extensionPlace(path, classOf);
    if (place === undefined) return;
    const seen =
      known[place] ?? (Object.keys(known).length < MAX_PLACES ? { objects: 0, keys: {} } : undefined);
    if (!seen) return;
    known[place] = seen;
    seen.objects += 1;
    for (const [key] of entries)
      if (key in seen.keys || Object.keys(seen.keys).length <= MAX_KEYS)
        seen.keys[key] = (seen.keys[key] ?? 0) + 1;
  });
}

/** The keys a place's objects hold, where the clean pages show its shape; undefined where they do not. */
function shapeAt(known: ExtensionKeys, place: string): ReadonlySet<string> | undefined {
  const seen = known[place];
  if (!seen || seen.objects < MIN_OBJECTS || EXAMPLE_PLACE.test(place)) return undefined;
  const counts = Object.values(seen.keys);
  if (counts.length > MAX_KEYS || counts.some((count) => count < MIN_KEY_COUNT)) return undefined;
  return new Set(Object.keys(seen.keys));
}

/** A key read into an extension's object that the site's clean pages never show there (a habit of the site). */
export function extensionKeysRule(known: ExtensionKeys): EvidenceRule | undefined {
  if (Object.keys(known).every((place) => shapeAt(known, place) === undefined)) return undefined;
  const classOf = classMemo();
  // Asked for every object the reader judges, again at every step, with the same path array while the object is open.
  const shapes = new WeakMap<Path, ReadonlySet<string> | null>();
  const shapeOf = (path: Path) => {
    let shape = shapes.get(path);
    if (shape === undefined) {
      const place = extensionPlace(path, classOf);
      shape = (place === undefined ? undefined : shapeAt(known, place)) ?? null;
      shapes.set(path, shape);
    }
    return shape;
  };
  const problem = (path: Path, key: string) =>
    shapeOf(path)?.has(key) === false
      ? [`${path.join("/")}: the site's extension never holds \`${key}\``]
      : [];
  return {
    name: "the site's extension values hold the keys its clean pages show",
    exact: false,
    sees: "model",
    keyProblems: (path, _entries, key) => problem(path, key),
    problems: (path, entries) => entries.flatMap(([key]) => problem(path, key)),
    // The reader tries the innermost object first, and an extension's object is innermost where a key could close it
    // (`… deleteSla: 30 validation_code:`, the next property): a key its shape lacks is tried there last.
    rank(path, _entries, key) {
      const shape = shapeOf(path);
      return shape ? (shape.has(key) ? 0 : 2) : 1;
    },
  };
}

/**
 * Where the object at `path` lies inside an extension's value, from the extension's key (`x-twilio/pii`), or undefined
 * outside one. An `x-` key that names a member of a map (a header `x-rate-limit`, a property) is no extension, and an
 * extension inside example data is data.
 */
function extensionPlace(path: Path, classOf: ReturnType<typeof classMemo>): string | undefined {
  for (let end = 0; end < path.length; end++) {
    const segment = path[end];
    if (typeof segment !== "string" || !isExtensionKey(segment)) continue;
    if (classOf(path.slice(0, end), []) === undefined) return undefined;
    if (classOf(path.slice(0, end + 1), []) !== undefined) continue;
    return path
      .slice(end)
      .map((step) => (typeof step === "number" ? "[]" : step))
      .join("/");
  }
  return undefined;
}
