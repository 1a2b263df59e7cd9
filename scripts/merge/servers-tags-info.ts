/**
 * Document-level lists and singletons: `servers` (by url) and `tags` (by name) are unions in first-seen order;
 * `info` comes from the configuration, or else from the first document, with a warning when the pages disagree.
 * "First" is the merge's document order (by each document's endpoints, not its file name), so renaming files
 * never changes the output.
 */
import type { GeneratorConfig } from "../shared/config.ts";
import type { OpenAPI3, ServerObject, SpecFile, TagObject } from "../shared/openapi.ts";
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
