/**
 * The generator, top to bottom: load → normalise → merge → validate → types → aliases → render → write.
 * Each stage is a function from data to data; only this module and the stages' edges touch the file system.
 */

import { addAliases } from "./aliases/aliases.ts";
import { ALIAS_LOCK_FILE, type AliasLock, readAliasLock, renderAliasLock } from "./aliases/name-lock.ts";
import { renderMethodsModule } from "./client-table/method-types.ts";
import { renderOperationsModule } from "./client-table/operations.ts";
import { CHANGES_FILE, readPreviousOutputs, renderChangesFile } from "./diff/changes-file.ts";
import { loadSpecs } from "./load/load.ts";
import { DEFAULT_PARSE_CACHE_DIR } from "./load/parse-cache.ts";
import { type MergeReport, mergeSpecs } from "./merge/merge.ts";
import { normaliseSpecs } from "./normalise/normalise.ts";
import { type Normalisation, normalisationProblems } from "./normalise/warnings.ts";
import { type Drift, driftOf } from "./output/drift.ts";
import { hashInputs, MANIFEST_FILE, outputsIntact, renderManifest } from "./output/input-hash.ts";
import { startOpenApiYamlRender } from "./output/render-thread.ts";
import { GENERATED_HEADER, type OutputFiles, recoverInterruptedWrite, writeOutputs } from "./output/write.ts";
import type { GeneratorConfig } from "./shared/config.ts";
import { GeneratorError } from "./shared/openapi.ts";
import { generateTypes } from "./types/types.ts";
import { validateDocument } from "./validate/validate.ts";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  config?: GeneratorConfig;
  /** Compare with `outDir` instead of writing; the result lists stale or missing files. */
  check?: boolean;
  /**
   * Folder of the parsed-spec cache (see scripts/load/parse-cache.ts), or `false` to parse every spec.
   * Defaults to the package's node_modules/.cache/bctrl-api.
   */
  parseCache?: string | false;
  /**
   * Refuse every normalisation (a 3.0 idiom, a 3.0 document, an unknown field) instead of rewriting it with a
   * warning. A strict run never takes the no-op path, since the previous run may have accepted normalisations.
   */
  strict?: boolean;
}

export interface GenerateResult {
  /** The merge's counts and warnings; absent on the no-op path, which does not load or merge the specs. */
  report?: MergeReport;
  /** Every rewrite the normalise stage made to read the specs as OpenAPI 3.1; absent on the no-op path. */
  normalisations?: Normalisation[];
  files: string[];
  /** Each file in `outDir` that differs from what the specs generate, and how (only with `check`). */
  drift: Drift[];
  /** True when the inputs hash matched and every output was intact, so nothing was regenerated or written. */
  unchanged: boolean;
}

/** Every file name the generator owns in its output folder. */
export const OWNED_FILES = new Set([
  "openapi.yaml",
  "schema.ts",
  "operations.ts",
  "methods.ts",
  ALIAS_LOCK_FILE,
  CHANGES_FILE,
  MANIFEST_FILE,
]);

/**
 * Runs the whole pipeline on in-memory data and returns the output files; writes no file except the parsed-spec
 * cache in `parseCacheDir`, when given.
 */
export async function buildOutputs(
  specsDir: string,
  config: GeneratorConfig = {},
  aliasLock: AliasLock = new Map(),
  parseCacheDir?: string,
  strict = false,
): Promise<{ files: OutputFiles; report: MergeReport; normalisations: Normalisation[] }> {
  const loaded = await loadSpecs(specsDir, { cacheDir: parseCacheDir });
  const { specs, normalisations } = normaliseSpecs(loaded);
  if (strict && normalisations.length > 0) throw new GeneratorError(normalisationProblems(normalisations));
  const { document, report, sources } = mergeSpecs(specs, config);
  // openapi.yaml prints on another thread while the next stages run (see scripts/output/render-thread.ts).
  const yaml = startOpenApiYamlRender(document);
  try {
    await validateDocument(document, sources);
    const types = await generateTypes(document);
    const aliases = addAliases(types, document, {
      ...(config.aliases ? { overrides: config.aliases } : {}),
      lock: aliasLock,
    });
    const files = new Map([
      ["openapi.yaml", await yaml.text()],
      ["schema.ts", GENERATED_HEADER + aliases.source],
      ["operations.ts", GENERATED_HEADER + renderOperationsModule(document)],
      ["methods.ts", GENERATED_HEADER + renderMethodsModule(document, aliases.lock)],
      [ALIAS_LOCK_FILE, renderAliasLock(aliases.lock)],
    ]);
    return { files, report, normalisations };
  } finally {
    await yaml.cancel();
  }
}

/**
 * Adds the files that describe the generation rather than the API: the change report against the previous
 * document in `outDir` (see scripts/diff/changes-file.ts for why it is reproducible) and the inputs manifest.
 */
async function withGenerationRecord(
  outDir: string,
  built: OutputFiles,
  inputs: string,
): Promise<OutputFiles> {
  const files = new Map(built);
  files.set(CHANGES_FILE, renderChangesFile(await readPreviousOutputs(outDir), built));
  const manifest = renderManifest(inputs, files);
  files.set(MANIFEST_FILE, manifest);
  return files;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // A run killed mid-write leaves the old set beside the folder; put it back before reading the folder.
  if (!options.check) await recoverInterruptedWrite(options.outDir);
  // No-op path: same inputs and an untouched output folder mean a regeneration would write the same bytes.
  // `--check` never takes it: it must prove the folder is current by regenerating.
  const inputs = await hashInputs({ specsDir: options.specsDir, config: options.config ?? {} });
  if (!options.check && !options.strict && (await outputsIntact(options.outDir, inputs, OWNED_FILES)))
    return { files: [], drift: [], unchanged: true };
  // The previous run's alias names keep every existing alias stable (see scripts/aliases/name-lock.ts).
  const aliasLock = await readAliasLock(options.outDir);
  const parseCache =
    options.parseCache === false ? undefined : (options.parseCache ?? DEFAULT_PARSE_CACHE_DIR);
  const built = await buildOutputs(options.specsDir, options.config, aliasLock, parseCache, options.strict);
  const { report, normalisations } = built;
  const files = await withGenerationRecord(options.outDir, built.files, inputs);
  const names = [...files.keys()];
  if (options.check) {
    const drift = await driftOf(options.outDir, files, OWNED_FILES);
    return { report, normalisations, files: names, drift, unchanged: false };
  }
  await writeOutputs(options.outDir, files, OWNED_FILES);
  return { report, normalisations, files: names, drift: [], unchanged: false };
}
