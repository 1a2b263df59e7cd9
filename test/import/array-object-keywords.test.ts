/**
 * An object's keyword on an array (session 43): the model reads the slip (model-rules.ts `keywordFits`; thesmsworks'
 * `items: type: object properties: schema: … type: array`), the reader tries it last and as the rival of a property of
 * that name (reading-steps.ts `objectKeywordOnArray`), and a habit rules it out (schema-habits.ts
 * `arrayObjectKeywordsRule`). The fixtures are the review's specs (helper, the code before the change against after):
 * the first form, which only ranked the array last for the habit, wrote 27 of their pages wrong.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeNeverWrong, pageOutcomes } from "./support/rule-readings.ts";

const dir = path.join(import.meta.dirname, "fixtures/array-object-keywords");

describeNeverWrong(
  "the review's pages: a property named like an object keyword after an array property, exact or refused, never wrong",
  dir,
  // keyword-named-property(-ies): `list: type: array items: … additionalProperties: $ref: …` (and
  // `unevaluatedProperties`, `propertyNames`), read onto the array by the first form; composition-items: an array
  // `oneOf` part whose object items hold `additionalProperties`.
  ["keyword-named-property", "keyword-named-properties", "composition-items"],
);

describe("the review's sites whose clean pages show an array holding an object keyword (the habit off)", () => {
  // The pages the first form wrote wrong, with the other half of the pages clean: an array's object `items` holding
  // `additionalProperties` and `maxProperties`, read onto the array by the site's style. Other pages of these specs are
  // slips themselves (`messages: type: array items: $ref: … additionalProperties: false`), which the old reader and
  // the new alike write with a property named `additionalProperties`: a known limit, not judged here.
  it.each([
    ["site-shows-slips", [1, 5]],
    ["items-named-property", [3, 4, 5, 7]],
  ] as const)("%s: pages %j are exact or refused", (spec, indexes) => {
    const outcomes = pageOutcomes(dir, spec, (at, index) => at % 2 !== index % 2);
    expect(indexes.map((index) => outcomes[index])).not.toContainEqual(expect.stringMatching(/WRONG$/));
  });
});
