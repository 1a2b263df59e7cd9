/**
 * Components: the union of every page's components by kind and name. The same name with equal content is kept
 * once; with different content it is a conflict naming both files and the pointer of the first difference
 * (description-only differences are folded with a warning, see variants.ts).
 */
import { compareStrings } from "../load/load.ts";
import { isRecord, pointer, type SpecFile } from "../shared/openapi.ts";
import { type Findings, reconcile, type Sourced } from "./variants.ts";

export const COMPONENT_KINDS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
] as const;

export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Kind → name → the kept value and the file it came from; names sorted. */
export type MergedComponents = Map<ComponentKind, Map<string, Sourced<unknown>>>;

export function mergeComponents(specs: readonly SpecFile[], findings: Findings): MergedComponents {
  const copies = new Map<ComponentKind, Map<string, Sourced<unknown>[]>>();
  for (const { file, document } of specs) {
    for (const kind of COMPONENT_KINDS) {
      const entries = document.components?.[kind];
      if (!isRecord(entries)) continue;
      const named = copies.get(kind) ?? new Map<string, Sourced<unknown>[]>();
      copies.set(kind, named);
      for (const [name, value] of Object.entries(entries)) {
        const found = named.get(name);
        if (found) found.push({ value, file });
        else named.set(name, [{ value, file }]);
      }
    }
  }
  const merged: MergedComponents = new Map();
  for (const kind of COMPONENT_KINDS) {
    const named = copies.get(kind);
    if (!named) continue;
    const names = [...named.keys()].sort(compareStrings);
    merged.set(
      kind,
      new Map(
        names.map((name) => [
          name,
          reconcile(named.get(name) as Sourced<unknown>[], pointer("components", kind, name), findings),
        ]),
      ),
    );
  }
  return merged;
}
