/**
 * Child process: one cold run of the generator's stages on a specs folder. On the first run it then calls
 * `generate()` on a fresh output folder (a full generation); on every run, `generate()` once more on that folder,
 * the no-op regeneration (in a fresh process from the second run on, as a developer's rerun would be).
 * Prints a PipelineSample as JSON.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { generate, OWNED_FILES } from "../../scripts/generate.ts";
import { hashInputs, outputsIntact } from "../../scripts/output/input-hash.ts";
import { pickConsumerOperations, responseAlias } from "../consumer.ts";
import type { PipelineInput, PipelineSample } from "../samples.ts";
import { peakRss, scriptInput } from "../spawn.ts";
import { firstLine, runStages } from "../stages.ts";

const input = scriptInput<PipelineInput>();
const stagedDir = path.join(input.workDir, "staged");
const generatedDir = path.join(input.workDir, "generated");
await rm(stagedDir, { recursive: true, force: true });
if (input.firstRun) await rm(generatedDir, { recursive: true, force: true });

const run = await runStages(input.specsDir, stagedDir);
const sample: PipelineSample = {
  timings: run.timings,
  spans: run.spans,
  peakRss: peakRss(),
  problems: [],
  ...(run.cpuMs === undefined ? {} : { cpuMs: run.cpuMs }),
};
if (run.failure) sample.failure = run.failure;

if (!run.failure && run.files && run.document && !input.stagesOnly) {
  const lock = run.aliasLock ?? new Map<string, string>();
  sample.operations = pickConsumerOperations(run.document, 20).map((operation) => {
    const alias = responseAlias(lock, operation);
    return alias ? { ...operation, responseAlias: alias } : operation;
  });
  try {
    let start = performance.now();
    if (input.firstRun) {
      await generate({ specsDir: input.specsDir, outDir: generatedDir });
      sample.generateMs = performance.now() - start;
      start = performance.now();
    }
    const again = await generate({ specsDir: input.specsDir, outDir: generatedDir });
    // The inputs hash covers scripts/ and the lockfile too: an edit there between runs rightly forces a regeneration,
    // which is then not a no-op sample.
    if (again.unchanged) sample.noopMs = performance.now() - start;
    else
      sample.problems.push("a generate() on unchanged specs regenerated (scripts/ or the lockfile changed?)");
    // What the no-op decision itself needs (hash the inputs, check the outputs), without the rest of generate().
    start = performance.now();
    const inputs = await hashInputs({ specsDir: input.specsDir, config: {} });
    if (!(await outputsIntact(generatedDir, inputs, OWNED_FILES)))
      sample.problems.push("generate() did not leave the outputs intact");
    sample.noopCheckMs = performance.now() - start;
    for (const [name, content] of run.files) {
      const written = await readFile(path.join(generatedDir, name), "utf8").catch(() => undefined);
      if (written !== content)
        sample.problems.push(
          `bench/stages.ts produced a different ${name} than generate(); update the bench`,
        );
    }
  } catch (error) {
    sample.problems.push(`generate() failed: ${firstLine(error)}`);
  }
}
console.log(JSON.stringify(sample));
