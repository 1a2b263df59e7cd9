/**
 * Which `$ref`s the merge follows and rewrites. A key of a name map (status codes, header names, property names)
 * is a name, even when it reads like a keyword or an extension: `responses.default` (a default response refers to
 * an error schema in most real specs), a header `x-total-count`, a property called `value` or `enum`. The same
 * keys on a schema or an example are data, and a `$ref` inside them is not a reference.
 */
import { describe, expect, it } from "vitest";
import { mapRefs, visitRefs } from "../../scripts/merge/refs.ts";

const REF = "#/components/schemas/Error";
const RENAMED = "#/components/schemas/Problem";
const ref = { $ref: REF };

const FOLLOWED: [string, unknown][] = [
  ["a default response", { responses: { default: { content: { "application/json": { schema: ref } } } } }],
  ["a header named x-total-count", { responses: { "200": { headers: { "x-total-count": ref } } } }],
  ["a property named default", { type: "object", properties: { default: ref } }],
  ["a property named enum", { type: "object", properties: { enum: ref } }],
  ["a property named x-id", { type: "object", properties: { "x-id": ref } }],
  ["an example named value", { content: { "application/json": { examples: { value: ref } } } }],
  ["a default response beside a 200", { responses: { default: ref, "200": ref } }],
  ["components named like keywords", { components: { schemas: { default: ref, example: ref } } }],
];

const DATA: [string, unknown][] = [
  ["a schema's default", { type: "object", default: ref }],
  ["a schema's enum", { enum: [ref] }],
  ["a media type's example", { content: { "application/json": { example: ref } } }],
  ["an example's value", { examples: { one: { value: ref } } }],
  ["an extension", { "x-sample": ref }],
];

function refsIn(value: unknown): string[] {
  const found: string[] = [];
  visitRefs(value, (target, at) => found.push(`${at()} ${target}`));
  return found;
}

describe("references in name maps", () => {
  it.each(FOLLOWED)("are found and rewritten under %s", (_, value) => {
    expect(refsIn(value).length).toBeGreaterThan(0);
    const rewritten = mapRefs(value, (r) => (r === REF ? RENAMED : r));
    expect(JSON.stringify(rewritten)).not.toContain(REF);
    expect(refsIn(rewritten).every((line) => line.endsWith(RENAMED))).toBe(true);
  });

  it.each(DATA)("are data under %s", (_, value) => {
    expect(refsIn(value)).toEqual([]);
    expect(mapRefs(value, () => RENAMED)).toBe(value);
  });

  it("reports the pointer of a reference under a default response", () => {
    expect(refsIn({ responses: { default: { content: { "application/json": { schema: ref } } } } })).toEqual([
      `/responses/default/content/application~1json/schema/$ref ${REF}`,
    ]);
  });
});
