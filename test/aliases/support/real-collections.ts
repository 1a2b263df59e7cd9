/**
 * Real public API specs (test/real-specs/fixtures/, each with its SOURCE and licence; shared with the real-specs
 * tests) run through the generator's stages up to the aliases, two ways: cut into per-endpoint pages the way the docs
 * site publishes them (test/support/split-spec.ts: every schema inlined and hoisted under long path names), and
 * whole, where every component schema keeps the name its author gave it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AliasResult, addAliases } from "../../../scripts/aliases/aliases.ts";
import { parseSpec } from "../../../scripts/load/load.ts";
import { mergeSpecs } from "../../../scripts/merge/merge.ts";
import { normaliseSpecs } from "../../../scripts/normalise/normalise.ts";
import type { OpenAPI3 } from "../../../scripts/shared/openapi.ts";
import { generateTypes } from "../../../scripts/types/types.ts";
import { splitSpec } from "../../support/split-spec.ts";

export const REAL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../real-specs/fixtures",
);

export const REAL_SPECS = [
  "twilio/twilio_api_v2010.yaml",
  "twilio/twilio_messaging_v1.yaml",
  "assemblyai/openapi.yml",
  "polymorphic/openapi.yaml",
] as const;

export type Cut = "pages" | "whole";

export interface AliasedCollection {
  document: OpenAPI3;
  result: AliasResult;
}

/** One real spec through load (as pages or whole) → normalise → merge → types → aliases, with no lock. */
export async function aliasRealSpec(file: string, cut: Cut): Promise<AliasedCollection> {
  const source = parseSpec(file, await readFile(path.join(REAL_DIR, file), "utf8"));
  const pages = cut === "pages" ? splitSpec(source.document) : [source];
  const merged = mergeSpecs(normaliseSpecs(pages).specs).document;
  return { document: merged, result: addAliases(await generateTypes(merged), merged) };
}
