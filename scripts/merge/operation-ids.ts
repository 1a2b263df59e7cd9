/**
 * operationIds: unique in the merged document. The docs site reuses them across paths (`runtimes-create` under
 * both /v1/spaces and /v1/workspaces; bare `get` and `execute`), so every operation of a reused id is renamed,
 * readably and without regard to input order:
 *   1. `<tag>-<id>` with the tag's `subpackage_` prefix dropped (`spaces-runtimes-create`);
 *   2. `<static path words>-<id>` without the version segment (`spaces-runtimes-get`);
 *   3. `<method>-<every path word>-<id>`;
 *   4. that with `-2`, `-3`, … in path order.
 * An operation takes the first candidate that no other operation in its group shares and that no operation
 * anywhere already uses; the rest try the next step. The original id is kept as `x-bctrl-original-operation-id`.
 * An operation without an id gets `<method>-<path words>`, reported as a rename from nothing.
 */
import { compareStrings } from "../load/load.ts";
import type { HttpMethod, OperationObject } from "../shared/openapi.ts";

export const ORIGINAL_OPERATION_ID = "x-bctrl-original-operation-id";

export interface LocatedOperation {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  file: string;
}

export interface Rename {
  file: string;
  path: string;
  method: HttpMethod;
  /** Absent when the operation had no operationId. */
  from?: string;
  to: string;
}

type Candidate = (located: LocatedOperation, base: string) => string | undefined;

const CANDIDATES: readonly Candidate[] = [
  ({ operation }, base) => {
    const tag = operation.tags?.[0];
    const tagWords = tag === undefined ? "" : words(tag.replace(/^subpackage_/, ""));
    return tagWords === "" ? undefined : `${tagWords}-${base}`;
  },
  ({ path }, base) => {
    const staticWords = words(staticSegments(path).join(" "));
    return staticWords === "" ? undefined : `${staticWords}-${base}`;
  },
  ({ path, method }, base) => `${[method, words(path)].filter(Boolean).join("-")}-${base}`,
];

/** `runtimeId` → `runtime-id`, `subpackage_spaces` → `subpackage-spaces`: lower-case words joined by `-`. */
export function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-");
}

function staticSegments(path: string): string[] {
  return path
    .split("/")
    .filter((segment) => segment !== "" && !segment.includes("{") && !/^v\d+$/.test(segment));
}

function baseId(located: LocatedOperation): string {
  const id = located.operation.operationId;
  return typeof id === "string" && id !== "" ? id : `${located.method}-${words(located.path)}`;
}

/** Assigns unique operationIds; `operations` must be in path, then method order (the merged document's order). */
export function assignOperationIds(operations: readonly LocatedOperation[]): {
  operations: LocatedOperation[];
  renames: Rename[];
} {
  const bases = operations.map(baseId);
  const groups = new Map<string, number[]>();
  bases.forEach((base, index) => {
    groups.set(base, [...(groups.get(base) ?? []), index]);
  });
  const taken = new Set(bases);
  const assigned = new Map<number, string>();
  for (const base of [...groups.keys()].sort(compareStrings)) {
    const members = groups.get(base) as number[];
    if (members.length === 1) assigned.set(members[0] as number, base);
    else disambiguate(members, base, operations, taken, assigned);
  }

  const renames: Rename[] = [];
  const result = operations.map((located, index) => {
    const to = assigned.get(index) as string;
    const from = located.operation.operationId;
    if (from === to) return located;
    renames.push({
      file: located.file,
      path: located.path,
      method: located.method,
      ...(typeof from === "string" && from !== "" ? { from } : {}),
      to,
    });
    return { ...located, operation: withOperationId(located.operation, to) };
  });
  return { operations: result, renames };
}

function disambiguate(
  members: readonly number[],
  base: string,
  operations: readonly LocatedOperation[],
  taken: Set<string>,
  assigned: Map<number, string>,
): void {
  let remaining = members;
  for (const candidate of CANDIDATES) {
    const names = remaining.map((index) => candidate(operations[index] as LocatedOperation, base));
    const counts = new Map<string, number>();
    for (const name of names) if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    const next: number[] = [];
    remaining.forEach((index, position) => {
      const name = names[position];
      if (name !== undefined && counts.get(name) === 1 && !taken.has(name)) {
        assigned.set(index, name);
        taken.add(name);
      } else next.push(index);
    });
    remaining = next;
  }
  const last = CANDIDATES[CANDIDATES.length - 1] as Candidate;
  for (const index of remaining) {
    const stem = last(operations[index] as LocatedOperation, base) as string;
    let n = 2;
    while (taken.has(`${stem}-${n}`)) n++;
    assigned.set(index, `${stem}-${n}`);
    taken.add(`${stem}-${n}`);
  }
}

/** The operation with its new id, the original kept right after it as `x-bctrl-original-operation-id`. */
function withOperationId(operation: OperationObject, to: string): OperationObject {
  const original = operation.operationId;
  const entries = Object.entries(operation).filter(
    ([key]) => key !== "operationId" && key !== ORIGINAL_OPERATION_ID,
  );
  const head: [string, unknown][] = [["operationId", to]];
  if (typeof original === "string" && original !== "") head.push([ORIGINAL_OPERATION_ID, original]);
  return Object.fromEntries([...head, ...entries]) as OperationObject;
}
