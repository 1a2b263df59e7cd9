/**
 * Later example names of several words (reading-steps.ts `beforeSpacedNames`, example-rules.ts `exampleNamesRule` and
 * `alikeExampleValuesRule`) on the specs of session 39's review, each page collapsed, alone and with the other pages
 * clean: names that are another's last words (`New User` beside `Add New User`, `Filter Mode` beside `Strict Filter
 * Mode`), after plain text of two words, after quoted values, in parameters', headers' and responses' maps. Each page is
 * written exactly or refused, never written wrong (the first form of exampleNamesRule wrote nine of them wrong).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageOutcomes } from "./support/rule-readings.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures/spaced-names");

function outcomes(spec: string, clean: (at: number, index: number) => boolean): string[] {
  return pageOutcomes(FIXTURES, spec, clean);
}

describe("later example names of several words: exact or refused, never wrong (session 39's review)", () => {
  it.each([
    ["doshape", ["refused", "refused", "refused"]],
    ["suffixvariants", ["refused", "refused", "refused"]],
    ["quotedsuffix", ["refused", "refused", "refused", "exact"]],
  ] as const)("%s, every page collapsed", (spec, want) => {
    expect(outcomes(spec, () => false)).toEqual(
      want.map((outcome, index) => `${spec}-00${index}.md: ${outcome}`),
    );
  });

  it.each(["doshape", "suffixvariants", "quotedsuffix"])("%s, the other pages clean", (spec) => {
    expect(
      outcomes(spec, (at, index) => at !== index).filter((outcome) => outcome.endsWith("WRONG")),
    ).toEqual([]);
  });
});
