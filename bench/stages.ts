/**
 * The generator's stages, called one by one from scripts/ in the order scripts/generate.ts's buildOutputs calls them,
 * each timed. The bench checks that the files produced here equal what `generate()` writes, so a change to the
 * pipeline that this sequence misses shows up as a bench error instead of silently measuring something else.
 */

import { addAliases } from "../scripts/aliases/aliases.ts";
import { ALIAS_LOCK_FILE, renderAliasLock } from "../scripts/aliases/name-lock.ts";
import { renderMethodsModule } from "../scripts/client-table/method-types.ts";
import { renderOperationsModule } from "../scripts/client-table/operations.ts";
import { OWNED_FILES } from "../scripts/generate.ts";
import { loadSpecs } from "../scripts/load/load.ts";
import { mergeSpecs } from "../scripts/merge/merge.ts";
import { type DocumentWork, startDocumentWork } from "../scripts/output/document-thread.ts";
import { typeCheckOutputs } from "../scripts/output/self-check.ts";
import { GENERATED_HEADER, type OutputFiles, writeOutputs } from "../scripts/output/write.ts";
import type { GeneratorConfig } from "../scripts/shared/config.ts";
import type { OpenAPI3 } from "../scripts/shared/openapi.ts";
import { generateTypes } from "../scripts/types/types.ts";
import { cpuMillis } from "./stats.ts";

export const STAGES = [
  "load",
  "merge",
  "validate",
  "types",
  "aliases",
  "render",
  "self-check",
  "write",
] as const;
export type Stage = (typeof STAGES)[number];

export interface StagedRun {
  /** Milliseconds per stage that completed. */
  timings: Partial<Record<Stage, number>>;
  /** Each stage's start and end on the monotonic clock, in microseconds (V8's CPU profiles use the same clock). */
  spans: Partial<Record<Stage, [number, number]>>;
  /** CPU time (user + system, all threads) of the stages together, in milliseconds. */
  cpuMs?: number;
  /** The stage that threw, with its message (the run stops there). */
  failure?: { stage: Stage; message: string };
  document?: OpenAPI3;
  /** The aliases stage's names: schema name or `METHOD /path#slot` → alias. */
  aliasLock?: ReadonlyMap<string, string>;
  files?: OutputFiles;
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Runs `work`, recording its duration and span under `stage`. */
async function timed<T>(run: StagedRun, stage: Stage, work: () => T | Promise<T>): Promise<T> {
  const startMicros = monotonicMicros();
  const start = performance.now();
  const result = await work();
  run.timings[stage] = performance.now() - start;
  run.spans[stage] = [startMicros, monotonicMicros()];
  return result;
}

/** The bench runs without a config file: no alias overrides, `info` from the first spec. */
const config: GeneratorConfig = {};

export async function runStages(specsDir: string, outDir: string): Promise<StagedRun> {
  const run: StagedRun = { timings: {}, spans: {} };
  let stage: Stage = "load";
  const step = <T>(name: Stage, work: () => T | Promise<T>) => {
    stage = name;
    return timed(run, name, work);
  };
  const cpuStart = process.cpuUsage();
  let work: DocumentWork | undefined;
  try {
    const specs = await step("load", () => loadSpecs(specsDir));
    // As in buildOutputs, the lint and openapi.yaml's printing start on a thread right after the merge (for 100+
    // paths): starting them (the ref-chain check, the document's structured clone) counts as merge, waiting for
    // them as render; inline, the lint is the validate stage. CPU time counts every thread.
    const { document, documentWork } = await step("merge", () => {
      const merged = mergeSpecs(specs, config);
      return { ...merged, documentWork: startDocumentWork(merged.document, merged.sources) };
    });
    work = documentWork;
    run.document = document;
    await step("validate", () => (documentWork.concurrent ? undefined : documentWork.validated()));
    const types: string = await step("types", () => generateTypes(document));
    const aliases = await step("aliases", () => addAliases(types, document, { lock: new Map() }));
    const schemaSource: string = aliases.source;
    run.aliasLock = aliases.lock;
    const files: OutputFiles = await step(
      "render",
      async () =>
        new Map([
          ["openapi.yaml", await documentWork.validated().then(() => documentWork.yamlText())],
          ["schema.ts", GENERATED_HEADER + schemaSource],
          ["operations.ts", GENERATED_HEADER + renderOperationsModule(document)],
          ["methods.ts", GENERATED_HEADER + renderMethodsModule(document, aliases.lock)],
          [ALIAS_LOCK_FILE, renderAliasLock(aliases.lock)],
        ]),
    );
    run.files = files;
    // generate() type-checks what it is about to write (scripts/output/self-check.ts); the problems map back to
    // the specs only on failure, so an empty map of sources is enough here.
    await step("self-check", () => {
      const aliasKeys = new Map([...aliases.lock].map(([key, alias]) => [alias, key]));
      const [problem] = typeCheckOutputs(files, { document, aliasKeys, fileOf: () => undefined });
      if (problem) throw new Error(problem.message);
    });
    await step("write", () => writeOutputs(outDir, files, OWNED_FILES));
    run.cpuMs = cpuMillis(process.cpuUsage(cpuStart));
  } catch (error) {
    run.failure = { stage, message: firstLine(error) };
  } finally {
    await work?.cancel();
  }
  return run;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n");
  return lines.length > 1 ? `${lines[0]} (+${lines.length - 1} more lines)` : (lines[0] ?? "");
}
