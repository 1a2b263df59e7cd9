/**
 * The self-check (scripts/output/self-check.ts) on generated text: what does not compile is found, syntax (a comment
 * that a description ends early, even though JSDoc is not parsed) and types alike; what compiles passes.
 */
import { describe, expect, it } from "vitest";
import { type SelfCheckContext, typeCheckOutputs } from "../../scripts/output/self-check.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";

const context: SelfCheckContext = {
  document: { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} } as OpenAPI3,
  aliasKeys: new Map([["Thing", "Thing"]]),
  fileOf: () => "things.yaml",
};

describe("typeCheckOutputs", () => {
  const cases: { name: string; schema: string; want: RegExp | undefined }[] = [
    {
      name: "a description that ends its comment early",
      schema: "/** Ends here */ then text */\nexport type Thing = string;\n",
      want: /TS1\d{3}/,
    },
    {
      name: "an unterminated string literal",
      schema: 'export type Thing = "open;\n',
      want: /TS1002/,
    },
    {
      name: "two aliases of one name",
      schema: "export type Thing = 1;\nexport type Thing = 2;\n",
      want: /TS2300/,
    },
    {
      name: "a reference to a missing schema",
      schema:
        'export interface components { schemas: {} }\nexport type Thing = components["schemas"]["Gone"];\n',
      want: /TS2339/,
    },
    {
      name: "JSDoc that would not parse as JSDoc is only a comment",
      schema: "/** @type {oops @param */\nexport type Thing = Blob | ReadableStream<Uint8Array>;\n",
      want: undefined,
    },
  ];
  it.each(cases)("$name", ({ schema, want }) => {
    const problems = typeCheckOutputs(new Map([["schema.ts", schema]]), context);
    if (want === undefined) expect(problems).toEqual([]);
    else expect(problems.map((problem) => problem.message).join("\n")).toMatch(want);
  });
});
