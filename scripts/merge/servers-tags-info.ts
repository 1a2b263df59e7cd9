/**
 * Document-level lists and singletons: `servers` (by url) and `tags` (by name) are unions in first-seen order;
 * `info` comes from the configuration, or else from the first document, with a warning when the pages disagree;
 * `externalDocs` and each top-level `x-` extension are the first document's, with a warning when pages disagree.
 * "First" is the merge's document order (by each document's endpoints, not its file name), so renaming files
 * never changes the output.
 */

import { compareStrings } from "../load/load.ts";
import type { GeneratorConfig } from "../shared/config.ts";
import {
  isRecord,
  type OpenAPI3,
  type ServerObject,
  type SpecFile,
  type TagObject,
} from "../shared/openapi.ts";
import { sameJson } from "./json.ts";
import type { Findings } from "./variants.ts";

const DEFAULT_INFO: OpenAPI3["info"] = { title: "bctrl API", version: "0.0.0" };

/** Union of `items` by `keyOf`, first-seen; a later item with the same key but other details gets a warning. */
function unionBy<T>(
  specs: readonly SpecFile[],
  itemsOf: (document: OpenAPI3) => readonly T[] | undefined,
  keyOf: (item: T) => string,
  label: string,
  findings: Findings,
): T[] {
  const kept = new Map<string, { item: T; file: string }>();
  for (const { file, document } of specs) {
    for (const item of itemsOf(document) ?? []) {
      const key = keyOf(item);
      const first = kept.get(key);
      if (!first) kept.set(key, { item, file });
      else if (!sameJson(first.item, item))
        findings.warnings.push(
          `${file}: ${label} ${JSON.stringify(key)} differs from ${first.file}; kept ${first.file}'s`,
        );
    }
  }
  return [...kept.values()].map(({ item }) => item);
}

export function mergeServers(specs: readonly SpecFile[], findings: Findings): ServerObject[] {
  return unionBy(
    specs,
    (d) => d.servers,
    (server) => server.url,
    "server",
    findings,
  );
}

export function mergeTags(specs: readonly SpecFile[], findings: Findings): TagObject[] {
  return unionBy(
    specs,
    (d) => d.tags,
    (tag) => tag.name,
    "tag",
    findings,
  );
}

export function mergeInfo(
  specs: readonly SpecFile[],
  config: GeneratorConfig,
  findings: Findings,
): OpenAPI3["info"] {
  if (config.info) return config.info;
  const first = specs[0];
  if (!first) return DEFAULT_INFO;
  const differing = specs.filter((spec) => !sameJson(spec.document.info, first.document.info));
  if (differing.length > 0) {
    const files = differing.map((spec) => spec.file);
    findings.warnings.push(
      `info differs between ${first.file} and ${files.slice(0, 3).join(", ")}${
        files.length > 3 ? ` and ${files.length - 3} more` : ""
      }; kept ${first.file}'s (set "info" in the generator config to choose)`,
    );
  }
  return first.document.info ?? DEFAULT_INFO;
}

/** The first document's `externalDocs`, with a warning naming a page whose own differs. */
export function mergeExternalDocs(
  specs: readonly SpecFile[],
  findings: Findings,
): OpenAPI3["externalDocs"] | undefined {
  return firstOf(specs, (document) => document.externalDocs, "externalDocs", findings);
}

/** Each top-level `x-` extension any page has, the first page's value kept. */
export function mergeExtensions(specs: readonly SpecFile[], findings: Findings): Record<string, unknown> {
  const keys = new Set(
    specs.flatMap(({ document }) => Object.keys(document).filter((k) => k.startsWith("x-"))),
  );
  const merged: Record<string, unknown> = {};
  for (const key of [...keys].sort(compareStrings)) {
    const value = firstOf(
      specs,
      (document) => (isRecord(document) ? document[key] : undefined),
      key,
      findings,
    );
    Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/** The first defined value of `pick` over the documents; a later, different one gets a warning. */
function firstOf<T>(
  specs: readonly SpecFile[],
  pick: (document: OpenAPI3) => T | undefined,
  label: string,
  findings: Findings,
): T | undefined {
  let kept: { value: T; file: string } | undefined;
  for (const { file, document } of specs) {
    const value = pick(document);
    if (value === undefined) continue;
    if (kept === undefined) kept = { value, file };
    else if (!sameJson(kept.value, value))
      findings.warnings.push(`${file}: ${label} differs from ${kept.file}; kept ${kept.file}'s`);
  }
  return kept?.value;
}
