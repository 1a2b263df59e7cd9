/**
 * Validation beside the types. On a big document with a core to spare, redocly's lint (a few hundred ms at 1,000
 * specs, as much as the types stage on a real collection) runs on a worker thread while the main thread generates
 * the types, names the aliases and renders the client table. A run still fails with the validator's problems, never
 * with what a later stage made of an invalid document: generate.ts waits for the validation before it reports a
 * later stage's failure, and before it type-checks or writes anything. The ref-chain check stays on the main
 * thread and runs first: the types stage would overflow its stack on such a chain.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { GeneratorError, type OpenAPI3 } from "../shared/openapi.ts";
import { workerEntry } from "../shared/worker-entry.ts";
import { checkRefChains, lintDocumentStructure } from "./validate.ts";
import type { ValidationInput, ValidationOutcome } from "./validate-worker.ts";

/** A validation under way. */
export interface Validation {
  /** True when it runs on another thread, so the next stages may start before it ends. */
  readonly concurrent: boolean;
  /** Resolves when the document is valid; rejects with the problems (a GeneratorError) when it is not. */
  passed(): Promise<void>;
  /** Stops the thread, when the result will not be asked for. */
  cancel(): Promise<void>;
}

/** Below this many paths the lint takes tens of ms, less than starting a thread (and loading redocly in it). */
const MIN_PATHS_FOR_THREAD = 100;

/** Starts validating `document`: on a thread when it is big enough and there is a core to spare, else inline. */
export function startValidation(
  document: OpenAPI3,
  sources: ReadonlyMap<string, string>,
  threads = availableParallelism(),
): Validation {
  checkRefChains(document, sources);
  if (threads < 2 || Object.keys(document.paths ?? {}).length < MIN_PATHS_FOR_THREAD) {
    let linted: Promise<void> | undefined;
    return {
      concurrent: false,
      passed: () => {
        linted ??= lintDocumentStructure(document, sources);
        return linted;
      },
      cancel: async () => undefined,
    };
  }
  const { entry, eval: isSource } = workerEntry("validate-worker", import.meta.url);
  const input: ValidationInput = { document, sources };
  const worker = new Worker(entry, { eval: isSource, workerData: input });
  const outcome = new Promise<void>((resolve, reject) => {
    worker.once("message", (result: ValidationOutcome) => {
      if ("failure" in result) reject(new Error(result.failure));
      else if (result.problems.length > 0) reject(new GeneratorError(result.problems));
      else resolve();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the validator thread exited (code ${code})`)));
  });
  // A run that fails before asking for the result must not die of an unhandled rejection; asking still throws.
  outcome.catch(() => undefined);
  return {
    concurrent: true,
    passed: () => outcome,
    cancel: async () => {
      await worker.terminate();
    },
  };
}
