/**
 * `required` beside an `allOf` of a nullable schema (Plaid's spec): openapi-typescript's WithRequired helper did not
 * compile there (`keyof (X | null)` is `never`, TS2344). The types stage's helper compiles and keeps both meanings:
 * an object of the schema with the listed keys required, or null. Checked by compiling assertions against the
 * generated types with the generator's own self-check.
 */
import { expect, it } from "vitest";
import { typeCheckOutputs } from "../../scripts/output/self-check.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";

const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  // No paths: a 3.1 document of components alone; the helper is a matter of schemas.
  components: {
    schemas: {
      Base: { type: ["object", "null"], properties: { a: { type: "string" }, b: { type: "integer" } } },
      Plain: { type: "object", properties: { a: { type: "string" } } },
      Full: { required: ["a"], allOf: [{ $ref: "#/components/schemas/Base" }] },
      FullPlain: { required: ["a"], allOf: [{ $ref: "#/components/schemas/Plain" }] },
    },
  },
} as unknown as OpenAPI3;

const ASSERTIONS = `
type Full = components["schemas"]["Full"];
type FullPlain = components["schemas"]["FullPlain"];
export const nullable: Full = null;
export const filled: Full = { a: "x", b: 1 };
// @ts-expect-error \`a\` is required on the object
export const missing: Full = { b: 1 };
export const plain: FullPlain = { a: "x" };
// @ts-expect-error \`a\` is required, and the plain schema is not nullable
export const plainMissing: FullPlain = {};
// @ts-expect-error
export const plainNull: FullPlain = null;
`;

it("compiles, requires the listed keys on the object, and keeps null where the schema allows it", () => {
  const schema = generateTypes(document);
  expect(schema).toContain("WithRequired<");
  const problems = typeCheckOutputs(new Map([["schema.ts", schema + ASSERTIONS]]), {
    document,
    aliasKeys: new Map(),
    fileOf: () => undefined,
  });
  expect(problems.map((problem) => problem.message)).toEqual([]);
});
