/**
 * Component schemas: a removed or renamed name breaks code that names it; a schema whose shape changed is judged by
 * where the operations use it (requests, responses).
 */
import { isRecord } from "../shared/openapi.ts";
import { byName, type Change, type Direction, type Section, sortChanges, worst } from "./model.ts";
import { atPointer, fingerprint, type Json, schemaRefName } from "./resolve.ts";
import { compareSchemas, type Sides } from "./schema.ts";

export function schemasOf(document: Json): Record<string, unknown> {
  if (!isRecord(document) || !isRecord(document.components)) return {};
  return isRecord(document.components.schemas) ? document.components.schemas : {};
}

/** Component schemas reachable from each direction of each operation (requests: parameters and bodies). */
export function schemaUsage(document: Json): Map<string, Set<Direction>> {
  const usage = new Map<string, Set<Direction>>();
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  const mark = (node: unknown, direction: Direction) => walkRefs(document, node, direction, usage);
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue;
    mark(item.parameters, "request");
    for (const operation of Object.values(item)) {
      if (!isRecord(operation)) continue;
      mark(operation.parameters, "request");
      mark(operation.requestBody, "request");
      mark(operation.responses, "response");
    }
  }
  return usage;
}

function walkRefs(
  document: Json,
  node: unknown,
  direction: Direction,
  usage: Map<string, Set<Direction>>,
): void {
  if (Array.isArray(node)) {
    for (const item of node) walkRefs(document, item, direction, usage);
    return;
  }
  if (!isRecord(node)) return;
  if (typeof node.$ref === "string") {
    const name = schemaRefName(node.$ref);
    if (name !== undefined) {
      const directions = usage.get(name) ?? new Set<Direction>();
      if (directions.has(direction)) return;
      usage.set(name, directions.add(direction));
    }
    walkRefs(document, atPointer(document, node.$ref), direction, usage);
    return;
  }
  for (const value of Object.values(node)) walkRefs(document, value, direction, usage);
}

/** Merges the changes of several directions, keeping the worst severity of each distinct change. */
function mergeDirections(lists: Change[][]): Change[] {
  const merged = new Map<string, Change>();
  for (const change of lists.flat()) {
    const key = `${change.where}\u0000${change.field}\u0000${change.message}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, severity: worst(seen.severity, change.severity) } : change);
  }
  return [...merged.values()];
}

export function compareComponentSchemas(sides: Sides): Section {
  const before = schemasOf(sides.oldDocument);
  const after = schemasOf(sides.newDocument);
  const usage = schemaUsage(sides.newDocument);
  const oldUsage = schemaUsage(sides.oldDocument);
  const section: Section = { added: [], removed: [], changed: [] };
  const addedNames = Object.keys(after).filter((name) => !Object.hasOwn(before, name));
  const removedNames = Object.keys(before).filter((name) => !Object.hasOwn(after, name));
  const addedPrints = new Map(
    addedNames.map((name) => [fingerprint(sides.newDocument, after[name]), name] as const),
  );
  const renamedTo = new Map<string, string>();
  for (const name of removedNames) {
    const target = addedPrints.get(fingerprint(sides.oldDocument, before[name]));
    if (target !== undefined && ![...renamedTo.values()].includes(target)) renamedTo.set(name, target);
  }
  const renamedTargets = new Set(renamedTo.values());
  for (const name of addedNames) {
    if (renamedTargets.has(name)) continue;
    section.added.push({
      name,
      changes: [{ severity: "safe", where: "schema", field: "", message: "schema added" }],
    });
  }
  // A removed schema whose shape another schema still has was folded into it (the merge stage folds duplicates).
  const keptPrints = new Map(
    Object.keys(after)
      .filter((name) => !addedNames.includes(name))
      .map((name) => [fingerprint(sides.newDocument, after[name]), name] as const),
  );
  for (const name of removedNames) {
    const target = renamedTo.get(name);
    const foldedInto = keptPrints.get(fingerprint(sides.oldDocument, before[name]));
    const message =
      target !== undefined
        ? `schema renamed to ${target} with the same shape (code naming the old name stops compiling)`
        : foldedInto !== undefined
          ? `schema removed; ${foldedInto} has the same shape (code naming the old name stops compiling)`
          : `schema removed (code naming components["schemas"]["${name}"] stops compiling)`;
    section.removed.push({ name, changes: [{ severity: "breaking", where: "schema", field: "", message }] });
  }
  for (const name of Object.keys(before)) {
    if (!Object.hasOwn(after, name)) continue;
    const directions = [
      ...(usage.get(name) ?? oldUsage.get(name) ?? new Set<Direction>(["request", "response"])),
    ];
    const changes = mergeDirections(
      directions.map((direction) =>
        compareSchemas(sides, before[name], after[name], direction, "schema", { skipSharedRefs: true }),
      ),
    );
    if (changes.length > 0)
      section.changed.push({ name, note: usedIn(directions), changes: sortChanges(changes) });
  }
  for (const list of [section.added, section.removed, section.changed]) list.sort(byName);
  return section;
}

function usedIn(directions: Direction[]): string {
  return `used in ${[...directions].sort().join(" and ")}s`;
}
