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
import { compareStrings } from "../load.ts";
import { isRecord } from "../openapi.ts";
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
    members.set(id, [...(members.get(id) ?? []), name]);
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
 */
function refineClasses(names: readonly string[], bodies: ReadonlyMap<string, unknown>): Map<string, number> {
  let classes = new Map(names.map((name) => [name, 0]));
  let count = 1;
  for (;;) {
    const current = classes;
    const classRef = (ref: string) =>
      renameSchemaRef(ref, (target) =>
        current.has(target) ? `\u0000class${current.get(target)}` : undefined,
      );
    const keys = new Map<string, number>();
    const next = new Map<string, number>();
    for (const name of names) {
      const key = `${current.get(name)}\u0000${canonicalJson(mapRefs(bodies.get(name), classRef))}`;
      if (!keys.has(key)) keys.set(key, keys.size);
      next.set(name, keys.get(key) as number);
    }
    classes = next;
    if (keys.size === count) return classes;
    count = keys.size;
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
