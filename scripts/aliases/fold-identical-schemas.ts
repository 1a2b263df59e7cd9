/**
 * One alias per distinct shape: component schemas that are identical once their `title` (the docs site repeats the
 * long name there) is ignored share one alias. `$ref`s compare by the group they point at, repeated until no more
 * groups merge, so two objects pointing at two identical enums are identical too. When the merge already folded
 * duplicates (recording `x-bctrl-also-named`), every group here has one member and this pass changes nothing.
 */
import { compareStrings } from "../load/load.ts";
import { isRecord } from "../shared/openapi.ts";
import { schemaRefName } from "./spec-index.ts";

const IGNORED_ROOT_KEYS = new Set(["title", "x-bctrl-also-named"]);

/** Groups schema names by shape; each group is sorted, groups are ordered by their first name. */
export function groupIdenticalSchemas(schemas: Readonly<Record<string, unknown>>): string[][] {
  const names = Object.keys(schemas).sort(compareStrings);
  let groupOf = new Map(names.map((name) => [name, name]));
  for (let round = 0; round < 16; round++) {
    const byShape = new Map<string, string>();
    const next = new Map<string, string>();
    for (const name of names) {
      const shape = canonicalShape(schemas[name], groupOf);
      const first = byShape.get(shape) ?? name;
      byShape.set(shape, first);
      next.set(name, first);
    }
    const stable = names.every((name) => next.get(name) === groupOf.get(name));
    groupOf = next;
    if (stable) break;
  }
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const leader = groupOf.get(name) ?? name;
    groups.set(leader, [...(groups.get(leader) ?? []), name]);
  }
  return [...groups.values()];
}

/** Stable JSON of a schema with sorted keys, root title dropped and `$ref`s replaced by their group. */
function canonicalShape(schema: unknown, groupOf: ReadonlyMap<string, string>): string {
  const canonical = (value: unknown, root: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => canonical(item, false));
    if (!isRecord(value)) return value;
    const target = schemaRefName(value);
    if (target !== undefined) return { $ref: groupOf.get(target) ?? target };
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => !(root && IGNORED_ROOT_KEYS.has(key)))
        .sort(compareStrings)
        .map((key) => [key, canonical(value[key], false)]),
    );
  };
  return JSON.stringify(canonical(schema, true));
}
