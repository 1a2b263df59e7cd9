/**
 * Validate stage: the merged document must be valid OpenAPI 3.1 with every `$ref` resolvable.
 * Uses @redocly/openapi-core's structural rules; external references are refused (no network, no file reads).
 * Only what makes the output wrong or impossible fails a run: structure of the wrong type, unresolvable `$ref`s,
 * undeclared path parameters, security naming no scheme (routes differing only in parameter names are the merge's:
 * it keeps them when no method is on both). Style rules (redocly's "every operation
 * has security", …) are not run. Unknown keywords inside a schema are legal JSON Schema 2020-12 annotations, so
 * the structural rule is told to accept them (ANNOTATIONS_ALLOWED).
 * This is the document's only redocly pass: the types stage skips openapi-typescript's own lint and bundle because
 * everything they refused (duplicate operationIds, unresolvable or external `$ref`s) is refused here first, with the
 * input file named (test/types/types.test.ts checks both sides).
 */
import {
  BaseResolver,
  createConfig,
  lintDocument,
  type NodeType,
  type NormalizedProblem,
  type Plugin,
  Source,
} from "@redocly/openapi-core";
import { GeneratorError, type OpenAPI3, type Problem } from "../shared/openapi.ts";
import { longestRefChain, MAX_REF_CHAIN, type RefChain } from "./ref-chains.ts";
import { undefinedSecuritySchemes } from "./security.ts";

/**
 * Redocly's types with every keyword a Schema does not know accepted as data (`null`: any value, unchecked), and
 * with no shape imposed on `x-` extensions: redocly types a few after its own products (`x-codeSamples`,
 * `x-logo`, `x-tagGroups`…), but another vendor's `x-code-samples` with a `name` is just as legal OpenAPI, and an
 * extension never reaches the generated code.
 */
const ANNOTATIONS_ALLOWED: Plugin = {
  id: "bctrl-json-schema-annotations",
  typeExtension: {
    oas3: (types: Record<string, NodeType>) => {
      const untyped = Object.fromEntries(
        Object.entries(types).map(([name, type]) => [name, withoutExtensionTypes(type)]),
      );
      return { ...untyped, Schema: { properties: {}, ...untyped.Schema, additionalProperties: null } };
    },
  },
};

/** The type with its `x-` properties left out, so redocly reads them as free-form extensions. */
function withoutExtensionTypes(type: NodeType): NodeType {
  const properties = Object.entries(type.properties ?? {});
  if (!properties.some(([key]) => key.startsWith("x-"))) return type;
  return { ...type, properties: Object.fromEntries(properties.filter(([key]) => !key.startsWith("x-"))) };
}

/** Resolves nothing outside the document: a `$ref` to another file or URL is reported as unresolvable. */
class LocalOnlyResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    throw new Error(`external reference refused: ${absoluteRef}`);
  }
}

/** Where the problems of the merged document are reported (it exists only in memory while validating). */
export const MERGED_DOCUMENT_NAME = "openapi.yaml (merged)";

/**
 * Throws a GeneratorError listing every error-level problem in the merged document. With `sources` (merged
 * pointer of each operation and component → the input file it came from, as mergeSpecs returns), each problem
 * names the input file that contributed the offending part instead of the merged document.
 */
export async function validateDocument(
  document: OpenAPI3,
  sources: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  checkRefChains(document, sources);
  await lintDocumentStructure(document, sources);
}

/**
 * Throws when a chain of `$ref`s is longer than the validator (and openapi-typescript) can follow without running
 * out of stack.
 */
export function checkRefChains(document: OpenAPI3, sources: ReadonlyMap<string, string> = new Map()): void {
  const chain = longestRefChain(document);
  if (chain.length > MAX_REF_CHAIN) throw new GeneratorError([refChainProblem(chain, sources)]);
}

/** Redocly's structural rules and the security check: validateDocument after its ref-chain check. */
export async function lintDocumentStructure(
  document: OpenAPI3,
  sources: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const config = await createConfig(
    {
      rules: {
        struct: "error",
        "no-unresolved-refs": "error",
        "path-parameters-defined": "error",
        "operation-operationId-unique": "error",
      },
    },
    { plugins: [ANNOTATIONS_ALLOWED] },
  );
  const found = await lintDocument({
    document: { source: new Source("/openapi.yaml", ""), parsed: document },
    config,
    externalRefResolver: new LocalOnlyResolver(),
  });
  const problems = [
    ...found.filter((p) => p.severity === "error").map((p) => toProblem(p, sources)),
    ...undefinedSecuritySchemes(document).map(({ pointer, message }) => {
      const file = sourceOf(pointer, sources);
      return file === undefined
        ? { file: MERGED_DOCUMENT_NAME, pointer, message }
        : { file, pointer, message: `${message} (after merging)` };
    }),
  ];
  if (problems.length > 0) throw new GeneratorError(problems);
}

/** The chain's first target, named in the input file it came from. */
function refChainProblem(chain: RefChain, sources: ReadonlyMap<string, string>): Problem {
  const [first = "", second = ""] = chain;
  const last = chain[chain.length - 1] ?? "";
  const file = sourceOf(first, sources);
  return {
    file: file ?? MERGED_DOCUMENT_NAME,
    pointer: first,
    message: `a chain of ${chain.length} $refs, each inside the last (${first} → ${second} → … → ${last}): more than the ${MAX_REF_CHAIN} the validator can follow`,
  };
}

function toProblem(problem: NormalizedProblem, sources: ReadonlyMap<string, string>): Problem {
  const location = problem.location[0];
  const at = location?.pointer?.replace(/^#/, "");
  const source = at === undefined ? undefined : sourceOf(at, sources);
  return {
    file: source ?? MERGED_DOCUMENT_NAME,
    ...(at === undefined ? {} : { pointer: at }),
    message: source === undefined ? problem.message : `${problem.message} (after merging)`,
  };
}

/** The input file of the operation or component `at` lies in: the longest source pointer that prefixes it. */
export function sourceOf(at: string, sources: ReadonlyMap<string, string>): string | undefined {
  const segments = at.split("/");
  for (let length = segments.length; length > 1; length--) {
    const found = sources.get(segments.slice(0, length).join("/"));
    if (found !== undefined) return found;
  }
  return undefined;
}
