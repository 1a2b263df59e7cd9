/**
 * The load guard on parsed values (scripts/load/guard.ts): each rule on the smallest value that breaks it, with the
 * pointer it must name. The corpus (test/hostile/hostile.test.ts) covers the same rules from YAML text through the CLI.
 */
import { describe, expect, it } from "vitest";
import { guardDocument, LOAD_LIMITS } from "../../scripts/load/guard.ts";

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
    name: "an integer past 2^53",
    value: { s: { maximum: 2 ** 53 + 2 } },
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
