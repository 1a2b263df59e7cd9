/**
 * Folds structurally identical schemas kept under different names (the docs site hoists the same enum once per
 * page, under a name built from that page's path) into one.
 *
 * "Identical" ignores the root `title` when it only repeats the schema's own name (the site sets every hoisted
 * schema's title to its name) and the merge's own `x-bctrl-also-named`. References count as equal when they point
 * at schemas of the same class, and classes are refined until nothing changes (Moore's partition refinement), so
 * objects that become identical once their children fold are folded too, recursive schemas included.
 *
 * The kept name is the shortest, ties broken by code-unit order; the others are recorded on the kept schema as
 * `x-bctrl-also-named` (sorted) and every `$ref` to them is rewritten by the caller with `renamed`.
 */
import { compareStrings } from "../load/load.ts";
import { isRecord } from "../shared/openapi.ts";
import { canonicalJson } from "./json.ts";
import { mapRefs, renameSchemaRef } from "./refs.ts";

export const ALSO_NAMED = "x-bctrl-also-named";

export interface Fold {
  kept: string;
  dropped: string[];
}

export interface FoldResult {
  /** The schemas left, by name, sorted; each kept schema carries `x-bctrl-also-named`. */
  schemas: Map<string, unknown>;
  folds: Fold[];
  /** Dropped name → kept name. */
  renamed: Map<string, string>;
}

export function foldIdenticalSchemas(schemas: ReadonlyMap<string, unknown>): FoldResult {
  const names = [...schemas.keys()].sort(compareStrings);
  const bodies = new Map(names.map((name) => [name, structuralBody(name, schemas.get(name))]));
  const classes = refineClasses(names, bodies);

  const members = new Map<number, string[]>();
  for (const name of names) {
    const id = classes.get(name) as number;
    const group = members.get(id);
    if (group) group.push(name);
    else members.set(id, [name]);
  }
  const folds: Fold[] = [];
  const renamed = new Map<string, string>();
  for (const group of members.values()) {
    if (group.length < 2) continue;
    const [kept, ...dropped] = [...group].sort(byReadability);
    folds.push({ kept: kept as string, dropped });
    for (const name of dropped) renamed.set(name, kept as string);
  }
  folds.sort((a, b) => compareStrings(a.kept, b.kept));

  const rewrite = (ref: string) => renameSchemaRef(ref, (name) => renamed.get(name));
  const foldOf = new Map(folds.map((fold) => [fold.kept, fold]));
  const result = new Map<string, unknown>();
  for (const name of names) {
    if (renamed.has(name)) continue;
    const fold = foldOf.get(name);
    const schema = mapRefs(schemas.get(name), rewrite);
    result.set(name, fold ? withAlsoNamed(schema, fold.dropped, schemas) : schema);
  }
  return { schemas: result, folds, renamed };
}

/** Shortest first (the hoisted names are the long ones), then code-unit order. */
function byReadability(a: string, b: string): number {
  return a.length - b.length || compareStrings(a, b);
}

/** The schema without what does not make it different: a title repeating its own name, and our own extension. */
function structuralBody(name: string, schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const { [ALSO_NAMED]: _also, ...rest } = schema;
  if (rest.title === name) delete rest.title;
  return rest;
}

/**
 * Moore's refinement: start with one class, then split classes by the canonical text of each body with its
 * schema references replaced by the target's current class, until the number of classes stops growing.
 * Each body is printed once, as a template cut at its schema references; a round only joins the pieces.
 */
function refineClasses(names: readonly string[], bodies: ReadonlyMap<string, unknown>): Map<string, number> {
  const indexOf = new Map(names.map((name, index) => [name, index]));
  // Schemas share most of their references (the same enums and objects): decode and rename each once.
  const renamed = new Map<string, string>();
  const slotted = (ref: string, marker: string) => {
    const key = `${marker}${ref}`;
    let next = renamed.get(key);
    if (next === undefined) {
      next = renameSchemaRef(ref, (target) => {
        const index = indexOf.get(target);
        return index === undefined ? undefined : `${marker}${index}${marker}`;
      });
      renamed.set(key, next);
    }
    return next;
  };
  const templates = names.map((name) => templateOf(bodies.get(name), slotted));
  // The texts never change between rounds: number each distinct sequence once, so a round's keys are short.
  const shapes = new Map<string, number>();
  const shapeOf = templates.map(({ texts }) => {
    const joined = texts.join("\u0000");
    if (!shapes.has(joined)) shapes.set(joined, shapes.size);
    return shapes.get(joined) as number;
  });
  let classes = names.map(() => 0);
  let count = 1;
  for (;;) {
    const current = classes;
    const keys = new Map<string, number>();
    classes = templates.map(({ targets }, index) => {
      let key = `${current[index]} ${shapeOf[index]}`;
      for (const target of targets) key += ` ${current[target]}`;
      if (!keys.has(key)) keys.set(key, keys.size);
      return keys.get(key) as number;
    });
    if (keys.size === count) return new Map(names.map((name, index) => [name, classes[index] as number]));
    count = keys.size;
  }
}

/**
 * A body's canonical text with its references to other schemas taken out: `targets[i]` (an index into the sorted
 * names) stands between `texts[i]` and `texts[i + 1]`. Canonical JSON escapes control characters, so the texts
 * never hold a raw NUL, which is what separates them when they are joined into a shape.
 */
interface Template {
  texts: string[];
  targets: number[];
}

function templateOf(body: unknown, slotted: (ref: string, marker: string) => string): Template {
  // A placeholder name that the body's own text cannot contain, found by making it longer than any match.
  for (let length = 1; ; length++) {
    const marker = `\u0000${"#".repeat(length)}`;
    let placed = 0;
    const withSlots = mapRefs(body, (ref) => {
      const next = slotted(ref, marker);
      if (next !== ref) placed += 1;
      return next;
    });
    const pieces = canonicalJson(withSlots).split(JSON.stringify(marker).slice(1, -1));
    // Each placeholder splits twice (before and after its index); any other split means the body held the marker.
    if (pieces.length === 2 * placed + 1) {
      return {
        texts: pieces.filter((_piece, index) => index % 2 === 0),
        targets: pieces.filter((_piece, index) => index % 2 === 1).map(Number),
      };
    }
  }
}

/** The kept schema with the dropped names (and any the inputs already recorded) as a sorted `x-bctrl-also-named`. */
function withAlsoNamed(
  schema: unknown,
  dropped: readonly string[],
  all: ReadonlyMap<string, unknown>,
): unknown {
  if (!isRecord(schema)) return schema;
  const recorded = [schema, ...dropped.map((name) => all.get(name))].flatMap((s) =>
    isRecord(s) && Array.isArray(s[ALSO_NAMED]) ? (s[ALSO_NAMED] as unknown[]) : [],
  );
  const names = [...new Set([...dropped, ...recorded.filter((n): n is string => typeof n === "string")])];
  const { [ALSO_NAMED]: _previous, ...rest } = schema;
  return { ...rest, [ALSO_NAMED]: names.sort(compareStrings) };
}
