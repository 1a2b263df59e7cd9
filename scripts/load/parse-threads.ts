/**
 * Parses many YAML texts on worker threads. js-yaml is most of the load stage's CPU time and every file parses on
 * its own, so with a thread per core a cold load of 1,000 specs takes a fraction of the wall time. Only the YAML
 * parse runs on the threads; the guard and the OpenAPI checks stay in scripts/load/load.ts on the main thread, and the
 * structured clone that brings a value back keeps what js-yaml built (shared alias targets, NaN, -0).
 *
 * The worker's code is plain JavaScript passed as a string, so it runs the same under tsx, vitest and compiled
 * output without a TypeScript loader in the thread. It must word errors as scripts/load/load.ts's `yamlProblem` does;
 * test/load/load.test.ts compares the two on bad inputs.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { exactNumberSchema, YAML_LOAD_OPTIONS } from "./guard.ts";

/** One text's parse: the value, or the problem's message and line. */
export type YamlOutcome = { value: unknown } | { message: string; line?: number };

export interface YamlInput {
  file: string;
  text: string;
}

/** Below this many bytes per thread, starting threads (tens of ms each) costs more than it saves. */
const MIN_BYTES_PER_THREAD = 1024 * 1024;
/** Texts are handed out in batches of about this many bytes, so threads finishing early take more. */
const BATCH_BYTES = 256 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const jsYaml = require(workerData.jsYaml);
const { load, YAMLException } = jsYaml;
const schema = (${exactNumberSchema.toString()})(jsYaml);
function outcome({ file, text }) {
  try {
    return { value: load(text, { filename: file, schema, ...workerData.options }) };
  } catch (error) {
    if (error instanceof YAMLException)
      return { message: "invalid YAML: " + error.reason, line: error.mark ? error.mark.line + 1 : undefined };
    return { message: "invalid YAML: " + (error instanceof Error ? error.message : String(error)) };
  }
}
parentPort.on("message", (batch) => parentPort.postMessage(batch.map(outcome)));
`;

/** How many threads to parse `bytes` of YAML on: one per core, none when the input is too small to gain. */
export function parseThreads(bytes: number): number {
  const threads = Math.min(availableParallelism(), Math.floor(bytes / MIN_BYTES_PER_THREAD));
  return threads >= 2 ? threads : 0;
}

/** Consecutive index ranges of `inputs` of about BATCH_BYTES each. */
function batchesOf(inputs: readonly YamlInput[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  inputs.forEach((input, index) => {
    current.push(index);
    bytes += input.text.length;
    if (bytes >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Sends one batch and waits for its answer; a thread that fails, exits or sends an unreadable answer rejects. */
function ask(worker: Worker, batch: YamlInput[]): Promise<YamlOutcome[]> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.off("messageerror", onError);
    };
    const onMessage = (outcomes: YamlOutcome[]) => {
      settle();
      resolve(outcomes);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`a YAML parser thread exited early (code ${code})`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    // An answer that cannot be deserialized would otherwise never arrive as a message.
    worker.on("messageerror", onError);
    worker.postMessage(batch);
  });
}

/** Parses every input on `threads` worker threads; outcomes in the inputs' order. */
export async function parseOnThreads(inputs: readonly YamlInput[], threads: number): Promise<YamlOutcome[]> {
  const workerData = {
    jsYaml: createRequire(import.meta.url).resolve("js-yaml"),
    options: YAML_LOAD_OPTIONS,
  };
  const batches = batchesOf(inputs);
  const outcomes: YamlOutcome[] = new Array(inputs.length);
  // Created inside the try, so a constructor that throws still leaves the threads already started terminated.
  const workers: Worker[] = [];
  let next = 0;
  try {
    const count = Math.min(threads, batches.length);
    for (let started = 0; started < count; started++)
      workers.push(new Worker(WORKER_SOURCE, { eval: true, workerData }));
    await Promise.all(
      workers.map(async (worker) => {
        while (next < batches.length) {
          const batch = batches[next++] as number[];
          const answers = await ask(
            worker,
            batch.map((index) => inputs[index] as YamlInput),
          );
          batch.forEach((index, position) => {
            outcomes[index] = answers[position] as YamlOutcome;
          });
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
