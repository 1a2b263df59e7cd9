/**
 * Properties of alias naming (fast-check, 1,000 runs each): whatever candidates, lock entries and reserved names
 * the specs lead to, every request gets a name, the names are unique, and each is a valid TypeScript identifier that
 * is no keyword, shadows no global type and takes no reserved name.
 */
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  type NameRequest,
  resolveNames,
  sanitizeCandidate,
} from "../../scripts/aliases/resolve-collisions.ts";
import { isAliasName, MAX_ALIAS_LENGTH } from "../../scripts/aliases/words.ts";

const RUNS = 1_000;

/** Candidate text as specs produce it: readable words, clashing words, hostile or empty text. */
const candidate = fc.oneof(
  fc.constantFrom(
    "Connection",
    "CreateConnection",
    "Schema",
    "Array",
    "Promise",
    "Record",
    "Api",
    "Response",
  ),
  fc.constantFrom(
    "class",
    "delete",
    "__proto__",
    "constructor",
    "1st",
    "",
    "a b",
    "*/",
    ["$", "{x}"].join(""),
    "Größe",
    "日本",
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,60}$/),
  fc.string({ maxLength: 20 }),
);

const requests = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 12 }),
      keys: fc.array(fc.constantFrom("Thing", "POST /a#request", "GET /b#response", "Other"), {
        maxLength: 2,
      }),
      candidates: fc.array(candidate, { maxLength: 4 }),
      rank: fc.integer({ min: 0, max: 3 }),
    }),
    { selector: (request) => request.id, minLength: 1, maxLength: 12 },
  )
  .map((list): NameRequest[] => list);

const pins = fc.record({
  lock: fc.dictionary(fc.constantFrom("Thing", "POST /a#request", "GET /b#response", "Other"), candidate, {
    maxKeys: 3,
  }),
  reserved: fc.uniqueArray(fc.constantFrom("Connection", "CreateConnection", "Schema", "paths", "Thing"), {
    maxLength: 3,
  }),
});

/** What the TypeScript scanner reads as exactly one identifier token (keywords scan as their own kinds). */
function isPlainIdentifier(name: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, name);
  return scanner.scan() === ts.SyntaxKind.Identifier && scanner.getTokenEnd() === name.length;
}

describe("resolveNames", () => {
  it("names every request uniquely with a valid, unreserved identifier", () => {
    fc.assert(
      fc.property(requests, pins, (list, { lock, reserved }) => {
        const names = resolveNames(list, {
          overrides: new Map(),
          lock: new Map(Object.entries(lock)),
          reserved: new Set(reserved),
          overridesFile: "bctrl-api.config.json",
        });
        expect([...names.keys()].sort()).toEqual(list.map((r) => r.id).sort());
        const chosen = [...names.values()];
        expect(new Set(chosen).size).toBe(chosen.length);
        for (const name of chosen) {
          expect(isAliasName(name), name).toBe(true);
          expect(isPlainIdentifier(name), name).toBe(true);
          expect(reserved, name).not.toContain(name);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("gives the same names whatever the order of the requests", () => {
    fc.assert(
      fc.property(
        requests.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        pins,
        ([list, shuffled], { lock, reserved }) => {
          const resolve = (order: NameRequest[]) =>
            resolveNames(order, {
              overrides: new Map(),
              lock: new Map(Object.entries(lock)),
              reserved: new Set(reserved),
              overridesFile: "bctrl-api.config.json",
            });
          expect(Object.fromEntries(resolve(shuffled))).toEqual(Object.fromEntries(resolve(list)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("sanitizeCandidate", () => {
  it("turns any text into a valid alias name of at most 40 characters, or nothing", () => {
    fc.assert(
      fc.property(fc.oneof(candidate, fc.string({ maxLength: 80 })), (raw) => {
        const name = sanitizeCandidate(raw);
        if (name === undefined) return;
        expect(isAliasName(name), name).toBe(true);
        expect(isPlainIdentifier(name), name).toBe(true);
        expect(name.length).toBeLessThanOrEqual(MAX_ALIAS_LENGTH);
      }),
      { numRuns: RUNS },
    );
  });
});
