/**
 * Real public API specs (test/aliases/fixtures/real/, each with its SOURCE and licence) run through the generator's
 * stages up to the aliases, two ways: cut into per-endpoint pages the way the docs site publishes them
 * (test/support/split-spec.ts: every schema inlined and hoisted under long path names), and whole, where every
 * component schema keeps the name its author gave it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AliasResult, addAliases } from "../../../scripts/aliases/aliases.ts";
import { parseSpec } from "../../../scripts/load/load.ts";
import { mergeSpecs } from "../../../scripts/merge/merge.ts";
import { HTTP_METHODS, isRecord, type OpenAPI3 } from "../../../scripts/shared/openapi.ts";
import { generateTypes } from "../../../scripts/types/types.ts";
import { splitSpec } from "../../support/split-spec.ts";

export const REAL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/real");

export const REAL_SPECS = [
  "twilio/twilio_api_v2010.yaml",
  "twilio/twilio_messaging_v1.yaml",
  "assemblyai/openapi.yml",
] as const;

export type Cut = "pages" | "whole";

export interface AliasedCollection {
  document: OpenAPI3;
  result: AliasResult;
}

/**
 * What the cut cannot carry and the aliases do not need: path-item fields the merge does not support (a whole spec
 * is one page), and responses' `links` and media types' `examples` (split-spec copies schemas only).
 */
function withoutUnsupportedFields(document: OpenAPI3): OpenAPI3 {
  const kept = new Set<string>([...HTTP_METHODS, "parameters", "servers", "summary"]);
  const paths: Record<string, unknown> = {};
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    if (!isRecord(item)) continue;
    paths[route] = withoutLinksAndExamples(
      Object.fromEntries(Object.entries(item).filter(([key]) => kept.has(key))),
    );
  }
  return { ...document, paths } as OpenAPI3;
}

function withoutLinksAndExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLinksAndExamples);
  if (!isRecord(value)) return value;
  const media = "schema" in value;
  const response = "content" in value && "description" in value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(media && key === "examples") && !(response && key === "links"))
      .map(([key, child]) => [key, withoutLinksAndExamples(child)]),
  );
}

/** One real spec through load (as pages or whole) → merge → types → aliases, with no lock. */
export async function aliasRealSpec(file: string, cut: Cut): Promise<AliasedCollection> {
  const source = parseSpec(file, await readFile(path.join(REAL_DIR, file), "utf8"));
  const document = withoutUnsupportedFields(source.document);
  const specs = cut === "pages" ? splitSpec(document) : [{ file, document }];
  const merged = mergeSpecs(specs).document;
  return { document: merged, result: addAliases(await generateTypes(merged), merged) };
}
