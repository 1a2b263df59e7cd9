/**
 * `npm run bench`: generates the corpus for each size, measures every stage of the generator, openapi-typescript
 * alone, peak RSS, no-op regeneration and the consumer's type-check in fresh processes, then the client's throughput
 * and size, and prints them (`--write` saves bench/RESULTS.md). Work folders live under bench/.work/ (gitignored).
 */

import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { wantsHelp } from "../scripts/cli-help.ts";
import { splitSpec } from "../test/support/split-spec.ts";
import { measureBundleSizes } from "./bundle-size.ts";
import { measureThroughput, type ThroughputSample } from "./client-rps.ts";
import { type Collection, measureCommands, summarizeCommands } from "./commands.ts";
import { timeTypeCheck, writeConsumerProjects } from "./consumer.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";
import { BENCH_HELP, type BenchOptions, parseBenchArgs } from "./options.ts";
import { profilePipeline } from "./profile.ts";
import { renderConsole, renderResultsMarkdown } from "./report.ts";
import type { PipelineInput, PipelineSample, TypesOnlyInput, TypesOnlySample } from "./samples.ts";
import { BENCH_DIR, ROOT, runScript } from "./spawn.ts";
import { firstLine } from "./stages.ts";
import {
  type BenchResults,
  checkTargets,
  type SizeSamples,
  summarizeClient,
  summarizeSize,
} from "./summary.ts";

const WORK_DIR = path.join(BENCH_DIR, ".work");
const TARGET_SIZE = 1000;

/**
 * The real collection measured as whole commands, cut into pages the way the docs site publishes them: the shared
 * real-specs folder beside the checkout (a clone in /work/main, or a worktree one level deeper).
 */
const REAL_SPEC = path.join("real-specs", "twilio", "twilio_api_v2010.yaml");
const REAL_SPEC_PLACES = [path.join(ROOT, "..", "shared"), path.join(ROOT, "..", "..", "shared")];

/** Cuts REAL_SPEC into per-endpoint pages; undefined when the file is not on this machine. */
async function prepareRealCollection(): Promise<Collection | undefined> {
  let text: string | undefined;
  for (const place of REAL_SPEC_PLACES)
    text ??= await readFile(path.join(place, REAL_SPEC), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const workDir = path.join(WORK_DIR, "twilio");
  const specsDir = path.join(workDir, "specs");
  await rm(workDir, { recursive: true, force: true });
  const pages = splitSpec(parse(text));
  await writeCorpus(
    specsDir,
    pages.map(({ file, document }) => ({ file, text: stringify(document) })),
  );
  return { label: `twilio api_v2010 (${pages.length} pages)`, specsDir, workDir };
}

async function measureAllCommands(options: BenchOptions): Promise<BenchResults["commands"]> {
  const collections: Collection[] = options.sizes.map((endpoints) => ({
    label: `corpus N = ${endpoints}`,
    specsDir: path.join(WORK_DIR, `n${endpoints}`, "specs"),
    workDir: path.join(WORK_DIR, `n${endpoints}`),
  }));
  const real = await prepareRealCollection();
  if (real) collections.push(real);
  const summaries = [];
  for (const collection of collections) {
    log(`whole commands: ${collection.label}`);
    summaries.push(summarizeCommands(await measureCommands(collection, options.runs)));
  }
  return summaries;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function prepareCorpus(
  endpoints: number,
  seed: number,
): Promise<{ workDir: string; specsDir: string }> {
  const workDir = path.join(WORK_DIR, `n${endpoints}`);
  const specsDir = path.join(workDir, "specs");
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await writeCorpus(specsDir, generateCorpus({ endpoints, seed }));
  return { workDir, specsDir };
}

/** Fewest consumer type-check pairs per bench run. */
const TYPE_CHECK_PAIRS = 5;

async function measureTypeChecks(
  workDir: string,
  operations: NonNullable<PipelineSample["operations"]>,
  runs: number,
): Promise<SizeSamples["typeCheck"]> {
  const projects = await writeConsumerProjects(path.join(workDir, "consumer"), {
    aliasedSchema: await readFile(path.join(workDir, "staged", "schema.ts"), "utf8"),
    plainSchema: await readFile(path.join(workDir, "plain-schema.ts"), "utf8"),
    operations,
  });
  if (projects.unaliased.length > 0)
    throw new Error(`no alias found for the response of ${projects.unaliased.join(", ")}`);
  const samples: SizeSamples["typeCheck"] = [];
  // Single tsc runs here spread 0.76–1.3× against each other, so take more pairs than the pipeline's runs and let
  // each side go first in turn: a burst of other load then hits both alike.
  for (let i = 0; i < Math.max(runs, TYPE_CHECK_PAIRS); i++) {
    const first = i % 2 === 0 ? projects.plain : projects.aliased;
    const second = first === projects.plain ? projects.aliased : projects.plain;
    const firstMs = await timeTypeCheck(first);
    const secondMs = await timeTypeCheck(second);
    samples.push(
      first === projects.plain
        ? { plainMs: firstMs, aliasedMs: secondMs }
        : { plainMs: secondMs, aliasedMs: firstMs },
    );
  }
  return samples;
}

async function measureSize(endpoints: number, options: BenchOptions): Promise<SizeSamples> {
  const { workDir, specsDir } = await prepareCorpus(endpoints, options.seed);
  const samples: SizeSamples = { endpoints, pipeline: [], typesOnly: [], typeCheck: [], problems: [] };
  const typesInput: TypesOnlyInput = {
    yamlFile: path.join(workDir, "staged", "openapi.yaml"),
    outFile: path.join(workDir, "plain-schema.ts"),
  };
  // Pipeline and openapi-typescript alone alternate, so a burst of other load on the machine hits both alike.
  for (let i = 0; i < options.runs; i++) {
    log(`N=${endpoints}: run ${i + 1}/${options.runs}: pipeline`);
    const input: PipelineInput = { specsDir, workDir, firstRun: i === 0 };
    const sample = await runScript<PipelineSample>("child/pipeline.ts", input);
    samples.pipeline.push(sample);
    if (sample.failure) return samples;
    log(`N=${endpoints}: run ${i + 1}/${options.runs}: openapi-typescript alone`);
    samples.typesOnly.push(await runScript<TypesOnlySample>("child/openapi-typescript.ts", typesInput));
  }
  const operations = samples.pipeline.find((s) => s.operations)?.operations;
  // tsc takes seconds per run even on a small schema; the target is at the largest size, so only that one is checked.
  if (operations && operations.length > 0 && endpoints === Math.max(...options.sizes)) {
    log(`N=${endpoints}: consumer type-check`);
    samples.typeCheck = await measureTypeChecks(workDir, operations, options.runs).catch((error: unknown) => {
      samples.problems.push(`consumer type-check: ${firstLine(error)}`);
      return [];
    });
  }
  return samples;
}

async function measureClient(runs: number, largest: number): Promise<BenchResults["client"]> {
  const problems: string[] = [];
  log("client: requests per second");
  const throughput = await measureThroughput(runs).catch((error: unknown): ThroughputSample[] => {
    problems.push(`client throughput: ${firstLine(error)}`);
    return [];
  });
  log("client: bundle size");
  const table = { endpoints: largest, file: path.join(WORK_DIR, `n${largest}`, "staged", "operations.ts") };
  const hasTable = await stat(table.file).then(
    () => true,
    () => false,
  );
  const bundle = await measureBundleSizes(hasTable ? table : undefined).catch((error: unknown) => {
    problems.push(`bundle size: ${firstLine(error)}`);
    return undefined;
  });
  return summarizeClient(throughput, bundle, problems);
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(BENCH_HELP);
    return;
  }
  const options = parseBenchArgs(process.argv.slice(2));
  const sizes = [];
  for (const endpoints of options.sizes) sizes.push(summarizeSize(await measureSize(endpoints, options)));
  const commands = await measureAllCommands(options);
  const largest = Math.max(...options.sizes);
  const client = await measureClient(options.runs, largest);
  let profile: BenchResults["profile"];
  if (options.profile && !sizes.find((s) => s.endpoints === largest)?.failure) {
    log(`N=${largest}: profiling one run`);
    const workDir = path.join(WORK_DIR, `n${largest}`);
    await profilePipeline(path.join(workDir, "specs"), workDir).then(
      (stages) => {
        profile = { endpoints: largest, stages };
      },
      (error: unknown) => client.problems.push(`profile: ${firstLine(error)}`),
    );
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    load: [loadAtStart, loadavg()[0] ?? 0],
    node: process.version,
    runs: options.runs,
    seed: options.seed,
    sizes,
    commands,
    client,
    targets: checkTargets(
      sizes.find((s) => s.endpoints === TARGET_SIZE),
      client,
      commands,
    ),
    ...(profile ? { profile } : {}),
    durationMs: performance.now() - started,
  };
  const analysis = await readFile(path.join(BENCH_DIR, "analysis.md"), "utf8").catch(() => undefined);
  if (options.write)
    await writeFile(path.resolve(ROOT, options.out), renderResultsMarkdown(results, analysis));
  console.log(renderConsole(results));
  const seconds = (results.durationMs / 1000).toFixed(0);
  log(
    options.write
      ? `wrote ${options.out} in ${seconds} s`
      : `done in ${seconds} s (--write saves ${options.out})`,
  );
}

await main();
