/**
 * The worker thread beside the types (document-thread.ts starts it): it lints the merged document, posts the
 * verdict, then, when the document is valid, prints openapi.yaml and posts the text.
 */
import { parentPort, workerData } from "node:worker_threads";
import { GeneratorError, type OpenAPI3, type Problem } from "../shared/openapi.ts";
import { lintDocumentStructure } from "../validate/validate.ts";
import { renderOpenApiYaml } from "./write.ts";

export interface DocumentInput {
  readonly document: OpenAPI3;
  readonly sources: ReadonlyMap<string, string>;
}

/** The problems the lint found (none: valid), or the message of a failure that was not a finding. */
export type LintOutcome = { problems: readonly Problem[] } | { failure: string };

export type DocumentMessage = { lint: LintOutcome } | { yaml: string };

const { document, sources } = workerData as DocumentInput;
const lint: LintOutcome = await lintDocumentStructure(document, sources).then(
  () => ({ problems: [] }),
  (error: unknown) =>
    error instanceof GeneratorError
      ? { problems: error.problems }
      : { failure: error instanceof Error ? error.message : String(error) },
);
parentPort?.postMessage({ lint } satisfies DocumentMessage);
if ("problems" in lint && lint.problems.length === 0)
  parentPort?.postMessage({ yaml: renderOpenApiYaml(document) } satisfies DocumentMessage);
