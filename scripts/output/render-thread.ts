/**
 * Prints openapi.yaml on a worker thread while the main thread generates the types. The merged document is final
 * once the merge returns (the later stages read it, never change it), and `yaml`'s stringify is a few hundred ms
 * at 1,000 specs, so it need not wait for validate, types and aliases. The thread gets a structured clone of the
 * document (key order, shared values, NaN and -0 kept) and runs the same `yaml` with the same options as
 * renderOpenApiYaml in scripts/output/write.ts; test/output/render-thread.test.ts compares the two.
 *
 * The worker's code is plain JavaScript passed as a string, so it runs the same under tsx, vitest and compiled
 * output without a TypeScript loader in the thread. With one core there is nothing to overlap: it renders inline.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { OpenAPI3 } from "../shared/openapi.ts";
import { OPENAPI_YAML_OPTIONS, renderOpenApiYaml, withOpenApiYamlHeader } from "./write.ts";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { stringify } = require(workerData.yaml);
parentPort.postMessage(stringify(workerData.document, workerData.options));
`;

/** openapi.yaml being printed: `text` gives the file's content; `cancel` stops the thread. */
export interface YamlRendering {
  text(): Promise<string>;
  cancel(): Promise<void>;
}

/** Below this many paths the document prints in tens of ms, less than starting a thread costs. */
const MIN_PATHS_FOR_THREAD = 100;

/**
 * Starts printing `document` as openapi.yaml, on a thread when it is big enough and there is a core to spare
 * (otherwise it prints inline when the text is asked for). Call `cancel` when the text will not be asked for (a
 * later stage failed), so the thread does not outlive the run.
 */
export function startOpenApiYamlRender(document: OpenAPI3, threads = availableParallelism()): YamlRendering {
  if (threads < 2 || Object.keys(document.paths ?? {}).length < MIN_PATHS_FOR_THREAD)
    return { text: async () => renderOpenApiYaml(document), cancel: async () => undefined };
  const workerData = {
    yaml: createRequire(import.meta.url).resolve("yaml"),
    options: OPENAPI_YAML_OPTIONS,
    document,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  const text = new Promise<string>((resolve, reject) => {
    worker.once("message", (body: string) => resolve(withOpenApiYamlHeader(body)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the openapi.yaml printer thread exited (code ${code})`)));
  });
  // A run that fails before asking for the text must not die of an unhandled rejection; asking still throws.
  text.catch(() => undefined);
  return {
    text: () => text,
    cancel: async () => {
      await worker.terminate();
    },
  };
}
