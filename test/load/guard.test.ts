/**
 * The load guard on parsed values (scripts/load/guard.ts): each rule on the smallest value that breaks it, with the
 * pointer it must name. The corpus (test/hostile/hostile.test.ts) covers the same rules from YAML text through the CLI.
 */

import * as jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { exactNumberSchema, guardDocument, LOAD_LIMITS } from "../../scripts/load/guard.ts";

function cyclic(): Record<string, unknown> {
  const loop: Record<string, unknown> = { type: "object" };
  loop.properties = { self: loop };
  return { components: { schemas: { Loop: loop } } };
}

/** Nine levels of nine shared arrays: 9^9 values once expanded, nine objects in memory. */
function billionLaughs(): unknown {
  let level: unknown = ["lol"];
  for (let i = 0; i < 9; i++) level = Array.from({ length: 9 }, () => level);
  return { "x-bomb": level };
}

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { items: value };
  return value;
}

/** Shared but acyclic: the same object under two names is fine. */
function shared(): unknown {
  const thing = { type: "string" };
  return { components: { schemas: { A: thing, B: thing } } };
}

const cases: { name: string; value: unknown; want?: RegExp; pointer?: RegExp }[] = [
  { name: "a plain document", value: { openapi: "3.1.0", paths: {} } },
  { name: "a value shared by two names", value: shared() },
  { name: "local references", value: { a: { $ref: "#/components/schemas/A" } } },
  {
    name: "a cycle",
    value: cyclic(),
    want: /contains itself/,
    pointer: /^\/components\/schemas\/Loop\/properties\/self$/,
  },
  { name: "an alias bomb", value: billionLaughs(), want: /more than 1000000 values/, pointer: /^\/x-bomb\// },
  {
    name: "nesting past the limit",
    value: nested(LOAD_LIMITS.maxDepth + 1),
    want: /nested more than 100 levels/,
  },
  { name: "nesting at the limit", value: nested(LOAD_LIMITS.maxDepth - 1) },
  { name: "a relative file $ref", value: { s: { $ref: "other.yaml#/A" } }, want: /external \$ref refused/ },
  {
    name: "a URL $ref",
    value: { s: { $ref: "https://x.test/a" } },
    want: /external \$ref refused/,
    pointer: /^\/s\/\$ref$/,
  },
  { name: "a $ref that is not a string", value: { s: { $ref: ["#/a"] } }, want: /must be a string/ },
  {
    name: "a $ref to the whole document",
    value: { s: { $ref: "#" } },
    want: /points at the whole document/,
    pointer: /^\/s\/\$ref$/,
  },
  {
    name: "a number literal the parse could not hold (boxed by exactNumberSchema)",
    value: { s: { maximum: Object("9007199254740993") } },
    want: /integer beyond 2\^53/,
    pointer: /^\/s\/maximum$/,
  },
  { name: "the largest exact integer, and a huge float", value: { s: { enum: [2 ** 53 - 1, 1e300, 0.5] } } },
  {
    name: "an own __proto__ key",
    value: JSON.parse('{"components": {"schemas": {"__proto__": {"type": "string"}}}}'),
    want: /`__proto__` is not allowed/,
    pointer: /^\/components\/schemas\/__proto__$/,
  },
  { name: "a valueOf key", value: { properties: { valueOf: {} } }, want: /`valueOf` is not allowed/ },
  { name: "constructor and toString keys", value: { properties: { constructor: {}, toString: {} } } },
  { name: "__proto__ as a value", value: { enum: ["__proto__", "valueOf"] } },
];

describe("guardDocument", () => {
  it.each(cases)("$name", ({ value, want, pointer }) => {
    const problem = guardDocument("a.yaml", value);
    if (want === undefined) {
      expect(problem).toBeUndefined();
      return;
    }
    expect(problem?.file).toBe("a.yaml");
    expect(problem?.message).toMatch(want);
    if (pointer) expect(problem?.pointer).toMatch(pointer);
  });
});

/** YAML number literals through js-yaml with exactNumberSchema and then the guard: kept as written, or refused. */
const numbers: { literal: string; want: number | string | RegExp }[] = [
  { literal: "0.5", want: 0.5 },
  { literal: "-0.0", want: -0 },
  { literal: "0e5", want: 0 },
  { literal: "00.000e-7", want: 0 },
  { literal: "1.5e-320", want: 1.5e-320 },
  { literal: ".inf", want: Number.POSITIVE_INFINITY },
  { literal: "1e21", want: 1e21 },
  { literal: "9007199254740992", want: 2 ** 53 },
  { literal: "-9007199254740991", want: -(2 ** 53 - 1) },
  { literal: "0x1F", want: 31 },
  { literal: "'1e-400'", want: "1e-400" },
  {
    literal: "1e-400",
    want: /the number 1e-400 cannot be kept exact: it would be read and written back as 0;/,
  },
  { literal: "-0.0000001e-330", want: /the number -0.0000001e-330 cannot be kept exact/ },
  { literal: "1e400", want: /the number 1e400 cannot be kept exact: it is beyond the range of a double/ },
  { literal: "-1.5E+999", want: /beyond the range of a double/ },
  { literal: "9".repeat(400), want: /beyond the range of a double/ },
  { literal: "9007199254740993", want: /integer beyond 2\^53 \(read as 9007199254740992\)/ },
  { literal: "-9007199254740993", want: /read as -9007199254740992\) cannot be kept exact/ },
  { literal: "100000000000000000000000000001", want: /integer beyond 2\^53/ },
];

describe("exactNumberSchema with the guard", () => {
  const schema = exactNumberSchema(jsYaml);
  it.each(numbers)("$literal", ({ literal, want }) => {
    const value = jsYaml.load(`n: ${literal}`, { schema });
    const problem = guardDocument("a.yaml", value);
    if (want instanceof RegExp) {
      expect(problem).toMatchObject({ file: "a.yaml", pointer: "/n", message: expect.stringMatching(want) });
      return;
    }
    expect(problem).toBeUndefined();
    expect(value).toStrictEqual({ n: want });
  });
});
