/**
 * `x-` extensions are free-form: redocly types a few after its own products (`x-codeSamples`, `x-logo`,
 * `x-tagGroups`), but another vendor's use of the same name is legal OpenAPI and never reaches the generated code,
 * so validation accepts any shape there. The operation below is ReadMe's, from @readme/oas-examples 8.2.2 (MIT),
 * 3.0/json/readme-extensions.json; the structure around the extensions is still checked.
 */
import { describe, expect, it } from "vitest";
import { GeneratorError, type OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";

type Json = Record<string, unknown>;

/** ReadMe's `x-code-samples`: `language`, `code`, `name`, `install`, where redocly expects `lang` and `source`. */
const README_CODE_SAMPLES = [
  {
    name: "Custom cURL snippet",
    language: "curl",
    code: "curl -X POST https://api.example.com/v2/alert",
    install: "brew install curl",
  },
  { language: "curl", code: "curl -X POST https://api.example.com/v2/alert" },
];

function documentWith(operation: Json, top: Json = {}): OpenAPI3 {
  return {
    openapi: "3.1.0",
    info: { title: "ReadMe extensions", version: "1.0.0" },
    paths: {
      "/x-code-samples": {
        get: { operationId: "x-code-samples", responses: { "200": { description: "OK" } }, ...operation },
      },
    },
    ...top,
  } as OpenAPI3;
}

const problemsOf = (document: OpenAPI3) =>
  validateDocument(document).then(
    () => [],
    (error: unknown) => {
      if (!(error instanceof GeneratorError)) throw error;
      return error.problems.map((p) => `${p.pointer}: ${p.message}`);
    },
  );

describe("validation of x- extensions", () => {
  it.each([
    ["x-code-samples in ReadMe's shape", documentWith({ "x-code-samples": README_CODE_SAMPLES })],
    ["x-codeSamples in ReadMe's shape", documentWith({ "x-codeSamples": README_CODE_SAMPLES })],
    [
      "an x-logo that is a plain URL",
      documentWith({}, { info: { title: "t", version: "1", "x-logo": "l.png" } }),
    ],
  ])("accepts %s", async (_, document) => {
    expect(await problemsOf(document)).toEqual([]);
  });

  it("still refuses a wrong standard field beside them", async () => {
    const document = documentWith({ "x-code-samples": README_CODE_SAMPLES, parameters: "none" });
    expect(await problemsOf(document)).toEqual([
      "/paths/~1x-code-samples/get/parameters: Expected type `ParameterList` (array) but got `string`",
    ]);
  });
});
