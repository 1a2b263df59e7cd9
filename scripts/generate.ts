/**
 * The generator, top to bottom: load → merge → validate → types → aliases → render → write.
 * Each stage is a function from data to data; only this module and the stages' edges touch the file system.
 */

import { ALIAS_LOCK_FILE, type AliasLock, readAliasLock, renderAliasLock } from "./aliases/name-lock.ts";
import { addAliases } from "./aliases.ts";
import type { GeneratorConfig } from "./config.ts";
import { loadSpecs } from "./load.ts";
import { type MergeReport, mergeSpecs } from "./merge.ts";
import { renderOperationsModule } from "./operations.ts";
import { generateTypes } from "./types.ts";
import { validateDocument } from "./validate.ts";
import { GENERATED_HEADER, type OutputFiles, renderOpenApiYaml, staleFiles, writeOutputs } from "./write.ts";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  config?: GeneratorConfig;
  /** Compare with `outDir` instead of writing; the result lists stale or missing files. */
  check?: boolean;
}

export interface GenerateResult {
  report: MergeReport;
  files: string[];
  /** Files in `outDir` that differ from what the specs generate (only with `check`). */
  stale: string[];
}

/** Every file name the generator owns in its output folder. */
export const OWNED_FILES = new Set(["openapi.yaml", "schema.ts", "operations.ts", ALIAS_LOCK_FILE]);

/** Runs the whole pipeline on in-memory data and returns the output files; touches no files. */
export async function buildOutputs(
  specsDir: string,
  config: GeneratorConfig = {},
  aliasLock: AliasLock = new Map(),
): Promise<{ files: OutputFiles; report: MergeReport }> {
  const specs = await loadSpecs(specsDir);
  const { document, report, sources } = mergeSpecs(specs, config);
  await validateDocument(document, sources);
  const types = await generateTypes(document);
  const aliases = addAliases(types, document, {
    ...(config.aliases ? { overrides: config.aliases } : {}),
    lock: aliasLock,
  });
  const files = new Map([
    ["openapi.yaml", renderOpenApiYaml(document)],
    ["schema.ts", GENERATED_HEADER + aliases.source],
    ["operations.ts", GENERATED_HEADER + renderOperationsModule(document)],
    [ALIAS_LOCK_FILE, renderAliasLock(aliases.lock)],
  ]);
  return { files, report };
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // The previous run's alias names keep every existing alias stable (see scripts/aliases/name-lock.ts).
  const aliasLock = await readAliasLock(options.outDir);
  const { files, report } = await buildOutputs(options.specsDir, options.config, aliasLock);
  const names = [...files.keys()];
  if (options.check) return { report, files: names, stale: await staleFiles(options.outDir, files) };
  await writeOutputs(options.outDir, files, OWNED_FILES);
  return { report, files: names, stale: [] };
}
