/**
 * A worker thread that lints the merged document (validate-thread.ts starts it) while the main thread generates the
 * types: it posts the problems it found, or the message of a failure that was not a finding.
 */
import { parentPort, workerData } from "node:worker_threads";
import { GeneratorError, type OpenAPI3, type Problem } from "../shared/openapi.ts";
import { lintDocumentStructure } from "./validate.ts";

export interface ValidationInput {
  readonly document: OpenAPI3;
  readonly sources: ReadonlyMap<string, string>;
}

export type ValidationOutcome = { problems: readonly Problem[] } | { failure: string };

const { document, sources } = workerData as ValidationInput;
const outcome: ValidationOutcome = await lintDocumentStructure(document, sources).then(
  () => ({ problems: [] }),
  (error: unknown) =>
    error instanceof GeneratorError
      ? { problems: error.problems }
      : { failure: error instanceof Error ? error.message : String(error) },
);
parentPort?.postMessage(outcome);
