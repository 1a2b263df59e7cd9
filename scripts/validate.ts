/**
 * Validate stage: the merged document must be valid OpenAPI 3.1 with every `$ref` resolvable.
 * Uses @redocly/openapi-core's structural rules; external references are refused (no network, no file reads).
 */
import {
  BaseResolver,
  createConfig,
  lintDocument,
  type NormalizedProblem,
  Source,
} from "@redocly/openapi-core";
import { GeneratorError, type OpenAPI3, type Problem } from "./openapi.ts";

/** Resolves nothing outside the document: a `$ref` to another file or URL is reported as unresolvable. */
class LocalOnlyResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    throw new Error(`external reference refused: ${absoluteRef}`);
  }
}

/** Where the problems of the merged document are reported (it exists only in memory while validating). */
export const MERGED_DOCUMENT_NAME = "openapi.yaml (merged)";

/** Throws a GeneratorError listing every error-level problem in the merged document. */
export async function validateDocument(document: OpenAPI3): Promise<void> {
  const config = await createConfig({
    rules: {
      struct: "error",
      "no-unresolved-refs": "error",
      "path-parameters-defined": "error",
      "operation-operationId-unique": "error",
      "no-identical-paths": "error",
      "security-defined": "error",
    },
  });
  const found = await lintDocument({
    document: { source: new Source("/openapi.yaml", ""), parsed: document },
    config,
    externalRefResolver: new LocalOnlyResolver(),
  });
  const problems = found.filter((p) => p.severity === "error").map(toProblem);
  if (problems.length > 0) throw new GeneratorError(problems);
}

function toProblem(problem: NormalizedProblem): Problem {
  const location = problem.location[0];
  const at = location?.pointer?.replace(/^#/, "");
  return {
    file: MERGED_DOCUMENT_NAME,
    ...(at === undefined ? {} : { pointer: at }),
    message: problem.message,
  };
}
