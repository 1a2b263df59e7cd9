/**
 * The generator, top to bottom: load → normalise → merge → validate → types → aliases → render → write.
 * Each stage is a function from data to data; only this module and the stages' edges touch the file system.
 */

import { ALIAS_LOCK_FILE, type AliasLock } from "./aliases/name-lock.ts";
import type { MergeReport } from "./merge/merge.ts";
import type { Normalisation } from "./normalise/warnings.ts";
import type { Drift } from "./output/drift.ts";
import { hashInputs, MANIFEST_FILE, outputsIntact, renderManifest } from "./output/input-hash.ts";
import { type LockOptions, withOutputLock } from "./output/lock.ts";
import { digestIndexFile, openDigestIndex } from "./output/stat-index.ts";
import { CHANGES_FILE, type OutputFiles } from "./output/write.ts";
import type { GeneratorConfig } from "./shared/config.ts";
import { CACHE_DIR } from "./shared/locations.ts";
import { describeError, GeneratorError } from "./shared/openapi.ts";

/**
 * The stages, imported when a run needs them rather than with this module: the no-op path must decide "nothing
 * changed" without loading TypeScript, ts-morph, openapi-core or openapi-typescript (about 3 s and 200 MB).
 */
async function loadStages() {
  const [
    aliases,
    lock,
    methods,
    operations,
    changes,
    load,
    parseCache,
    merge,
    normalise,
    warnings,
    drift,
    render,
    selfCheck,
    write,
    types,
    validate,
  ] = await Promise.all([
    import("./aliases/aliases.ts"),
    import("./aliases/name-lock.ts"),
    import("./client-table/method-types.ts"),
    import("./client-table/operations.ts"),
    import("./diff/changes-file.ts"),
    import("./load/load.ts"),
    import("./load/parse-cache.ts"),
    import("./merge/merge.ts"),
    import("./normalise/normalise.ts"),
    import("./normalise/warnings.ts"),
    import("./output/drift.ts"),
    import("./output/document-thread.ts"),
    import("./output/self-check.ts"),
    import("./output/write.ts"),
    import("./types/types.ts"),
    import("./validate/validate.ts"),
  ]);
  return {
    ...aliases,
    ...lock,
    ...methods,
    ...operations,
    ...changes,
    ...load,
    ...parseCache,
    ...merge,
    ...normalise,
    ...warnings,
    ...drift,
    ...render,
    ...selfCheck,
    ...write,
    ...types,
    ...validate,
  };
}

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  config?: GeneratorConfig;
  /** Compare with `outDir` instead of writing; the result lists stale or missing files. */
  check?: boolean;
  /**
   * Folder of the parsed-spec cache (see scripts/load/parse-cache.ts) and of the inputs' stat index (see
   * scripts/output/stat-index.ts), or `false` to parse and hash every spec. Defaults to the package's
   * node_modules/.cache/bctrl-api.
   */
  parseCache?: string | false;
  /** How long to wait for another run on the same `outDir`, and what to do when waiting starts. */
  lock?: LockOptions;
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
 * Runs one stage, turning any failure that is not already a reported problem (a bug, a third-party crash, a file
 * system error) into one problem naming the stage, so the command prints one `error:` line instead of a stack trace.
 */
async function inStage<T>(stage: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GeneratorError) throw error;
    throw new GeneratorError([
      { file: `${stage} stage`, message: `unexpected failure: ${describeError(error)}` },
    ]);
  }
}

type BuiltOutputs = { files: OutputFiles; report: MergeReport; normalisations: Normalisation[] };

/**
 * Runs the whole pipeline on in-memory data and returns the output files, each TypeScript module type-checked
 * (see scripts/output/self-check.ts); writes no file except the parsed-spec cache in `parseCacheDir`, when given.
 */
export async function buildOutputs(
  specsDir: string,
  config: GeneratorConfig = {},
  aliasLock: AliasLock = new Map(),
  parseCacheDir?: string,
  strict = false,
): Promise<BuiltOutputs> {
  const { selfCheck, ...built } = await renderOutputs(specsDir, config, aliasLock, parseCacheDir, strict);
  await selfCheck();
  return built;
}

/** buildOutputs before its self-check, which `selfCheck` runs (it throws the first type error as a problem). */
async function renderOutputs(
  specsDir: string,
  config: GeneratorConfig,
  aliasLock: AliasLock,
  parseCacheDir: string | undefined,
  strict: boolean,
): Promise<BuiltOutputs & { selfCheck: () => Promise<void> }> {
  const {
    addAliases,
    GENERATED_HEADER,
    generateTypes,
    loadSpecs,
    mergeSpecs,
    normaliseSpecs,
    normalisationProblems,
    renderAliasLock,
    renderMethodsModule,
    renderOperationsModule,
    selfCheckFailure,
    sourceOf,
    startDocumentWork,
    typeCheckOutputs,
  } = await inStage("start-up", loadStages);
  const loaded = await inStage("load", () => loadSpecs(specsDir, { cacheDir: parseCacheDir }));
  const { specs, normalisations } = await inStage("normalise", () => normaliseSpecs(loaded));
  if (strict && normalisations.length > 0) throw new GeneratorError(normalisationProblems(normalisations));
  const { document, report, sources } = await inStage("merge", () => mergeSpecs(specs, config));
  // Redocly's lint and openapi.yaml's printing may run on another thread beside the next stages (see
  // scripts/output/document-thread.ts).
  const work = await inStage("validate", () => startDocumentWork(document, sources));
  const validated = () => inStage("validate", () => work.validated());
  /** A stage after validate: its failure is reported only once the document is known to be valid. */
  const afterValidate = <T>(stage: string, work: () => T | Promise<T>): Promise<T> =>
    inStage(stage, work).catch(async (error: unknown) => {
      await validated();
      throw error;
    });
  try {
    if (!work.concurrent) await validated();
    const types = await afterValidate("types", () => generateTypes(document));
    const aliases = await afterValidate("aliases", () =>
      addAliases(types, document, {
        ...(config.aliases ? { overrides: config.aliases } : {}),
        lock: aliasLock,
      }),
    );
    report.warnings.push(...aliases.warnings);
    const operations = await afterValidate("client-table", () => renderOperationsModule(document));
    const methods = await afterValidate("client-table", () => renderMethodsModule(document, aliases.lock));
    await validated();
    const files = new Map([
      ["openapi.yaml", await inStage("render", () => work.yamlText())],
      ["schema.ts", GENERATED_HEADER + aliases.source],
      ["operations.ts", GENERATED_HEADER + operations],
      ["methods.ts", GENERATED_HEADER + methods],
      [ALIAS_LOCK_FILE, renderAliasLock(aliases.lock)],
    ]);
    // Nothing that does not compile is ever written (see scripts/output/self-check.ts).
    const context = {
      document,
      aliasKeys: new Map([...aliases.lock].map(([key, alias]) => [alias, key])),
      fileOf: (at: string) => sourceOf(at, sources),
    };
    const selfCheck = async () => {
      const problems = await inStage("self-check", () => typeCheckOutputs(files, context));
      if (problems.length > 0) throw new GeneratorError(selfCheckFailure(problems));
    };
    return { files, report, normalisations, selfCheck };
  } finally {
    await work.cancel();
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
  const { readPreviousOutputs, renderChangesFile } = await loadStages();
  const files = new Map(built);
  files.set(CHANGES_FILE, renderChangesFile(await readPreviousOutputs(outDir), built));
  const manifest = renderManifest(inputs, files);
  files.set(MANIFEST_FILE, manifest);
  return files;
}

/**
 * Generates `outDir` from `specsDir`, or with `check` compares it. Runs on one output folder take turns (see
 * scripts/output/lock.ts): a second run waits for the first, so each sees and leaves a complete folder.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  return inStage("output", () => withOutputLock(options.outDir, () => generateLocked(options), options.lock));
}

async function generateLocked(options: GenerateOptions): Promise<GenerateResult> {
  // A run killed mid-write leaves the old set beside the folder; put it back before reading the folder.
  if (!options.check)
    await inStage("output", async () =>
      (await import("./output/write.ts")).recoverInterruptedWrite(options.outDir),
    );
  // No-op path: same inputs and an untouched output folder mean a regeneration would write the same bytes.
  // `--check` never takes it: it must prove the folder is current by regenerating.
  const parseCache = options.parseCache === false ? undefined : (options.parseCache ?? CACHE_DIR);
  const index = await openDigestIndex(
    parseCache === undefined ? undefined : digestIndexFile(parseCache, options.specsDir, options.outDir),
  );
  const inputs = await inStage("load", () =>
    hashInputs({ specsDir: options.specsDir, config: options.config ?? {} }, index),
  );
  const intact =
    !options.check && !options.strict && (await outputsIntact(options.outDir, inputs, OWNED_FILES, index));
  await index.save();
  if (intact) return { files: [], drift: [], unchanged: true };
  const { driftOf, readAliasLock, writeOutputs } = await inStage("start-up", loadStages);
  // The previous run's alias names keep every existing alias stable (see scripts/aliases/name-lock.ts).
  const aliasLock = await inStage("aliases", () => readAliasLock(options.outDir));
  const built = await renderOutputs(
    options.specsDir,
    options.config ?? {},
    aliasLock,
    parseCache,
    options.strict ?? false,
  );
  const { report, normalisations, selfCheck } = built;
  if (!options.check) await selfCheck();
  const files = await inStage("output", () => withGenerationRecord(options.outDir, built.files, inputs));
  const names = [...files.keys()];
  if (options.check) {
    const drift = await inStage("output", () => driftOf(options.outDir, files, OWNED_FILES));
    // A folder identical to this generation, inputs manifest included, was written by a run of this generator and
    // its dependencies on these inputs, and that run type-checked it before writing: checking again would repeat
    // about a third of the run's CPU time to learn nothing. A stale folder is checked, so a spec whose types do not
    // compile fails `--check` with the error `generate` would give.
    if (drift.length > 0) await selfCheck();
    return { report, normalisations, files: names, drift, unchanged: false };
  }
  await inStage("output", () => writeOutputs(options.outDir, files, OWNED_FILES));
  return { report, normalisations, files: names, drift: [], unchanged: false };
}
