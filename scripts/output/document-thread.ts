/**
 * The merged document's work that the types do not wait for: redocly's lint (a few hundred ms at 1,000 specs, as
 * much as the types stage on a real collection) and the printing of openapi.yaml (as much again). On a document of
 * 100 paths or more with a second core, one worker thread (document-worker.ts, an entry of its own in the built
 * generator) does both on one structured clone of the document (key order, shared values, NaN and -0 kept) while
 * the main thread generates the types, names the aliases and renders the client table; a smaller document is
 * linted before the types and printed when asked, on the main thread, since a thread costs more than it saves.
 *
 * A run still fails with the validator's problems, never with what a later stage made of an invalid document:
 * scripts/generate.ts waits for the lint before it reports a later stage's failure, and before it type-checks or
 * writes anything. The ref-chain check runs first and on the main thread: the types stage would overflow its stack
 * on such a chain.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { GeneratorError, type OpenAPI3 } from "../shared/openapi.ts";
import { workerEntry } from "../shared/worker-entry.ts";
import { checkRefChains, lintDocumentStructure } from "../validate/validate.ts";
import type { DocumentInput, DocumentMessage, LintOutcome } from "./document-worker.ts";
import { renderOpenApiYaml } from "./write.ts";

/** The lint and the printing under way. */
export interface DocumentWork {
  /** True when they run on another thread, so the next stages may start before the lint ends. */
  readonly concurrent: boolean;
  /** Resolves when the document is valid; rejects with the problems (a GeneratorError) when it is not. */
  validated(): Promise<void>;
  /** openapi.yaml's text (only for a valid document). */
  yamlText(): Promise<string>;
  /** Stops the thread, when its results will not be asked for (a later stage failed). */
  cancel(): Promise<void>;
}

/** Below this many paths the lint and the printing take tens of ms, less than starting a thread costs. */
const MIN_PATHS_FOR_THREAD = 100;

/** Starts linting and printing `document`: on a thread when it is big enough and a core is spare, else inline. */
export function startDocumentWork(
  document: OpenAPI3,
  sources: ReadonlyMap<string, string>,
  threads = availableParallelism(),
): DocumentWork {
  checkRefChains(document, sources);
  if (threads < 2 || Object.keys(document.paths ?? {}).length < MIN_PATHS_FOR_THREAD) {
    let linted: Promise<void> | undefined;
    return {
      concurrent: false,
      validated: () => {
        linted ??= lintDocumentStructure(document, sources);
        return linted;
      },
      yamlText: async () => renderOpenApiYaml(document),
      cancel: async () => undefined,
    };
  }
  const { entry, eval: isSource } = workerEntry("document-worker", import.meta.url);
  const input: DocumentInput = { document, sources };
  const worker = new Worker(entry, { eval: isSource, workerData: input });
  const lint = deferred<LintOutcome>();
  const yaml = deferred<string>();
  worker.on("message", (message: DocumentMessage) => {
    if ("lint" in message) lint.resolve(message.lint);
    else yaml.resolve(message.yaml);
  });
  const fail = (error: Error) => {
    lint.reject(error);
    yaml.reject(error);
  };
  worker.once("error", fail);
  worker.once("exit", (code) => fail(new Error(`the document thread exited (code ${code})`)));
  const validated = lint.promise.then((outcome) => {
    if ("failure" in outcome) throw new Error(outcome.failure);
    if (outcome.problems.length > 0) throw new GeneratorError(outcome.problems);
  });
  // A run that fails before asking must not die of an unhandled rejection; asking still throws.
  validated.catch(() => undefined);
  yaml.promise.catch(() => undefined);
  return {
    concurrent: true,
    validated: () => validated,
    yamlText: () => yaml.promise,
    cancel: async () => {
      await worker.terminate();
    },
  };
}

/** A promise with its settle functions; settling twice keeps the first outcome. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}
