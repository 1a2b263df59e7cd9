/**
 * Habits of a site's example data that decide readings of Twilio's pages (session 31): the site writes a null as a
 * word and never leaves a value empty (site-style.ts `writesNullAsWord`, a reader option), the next example's name is
 * never read into the example before it (example-values.ts, the rule against an example under a key its schema does
 * not list), and a site whose response examples lack listed properties but hold no others keeps them so (the listed
 * keys rule, on the sides `omittingSides` names). Each is shown on the real page it decides, read again without it.
 */
import { describe, expect, it } from "vitest";
import type { Entries, Path } from "../../scripts/import/evidence.ts";
import {
  emptyExampleFit,
  exampleValuesRule,
  learnExampleFit,
  omittingSides,
} from "../../scripts/import/example-values.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { emptyStyle, learnNullStyle, writesNullAsWord } from "../../scripts/import/site-style.ts";
import { petsDocument } from "./support/pets-page.ts";
import { readAmongCleanNeighbours, realPages } from "./support/real-pages.ts";
import { scrape } from "./support/scrape.ts";

const WRITES_NULL = "the site writes `null`, never an empty value";

describe("the site writes `null`, never an empty value (site-style.ts writesNullAsWord)", () => {
  it.each([
    ["nulls written as words", "a: null\nb: ~\nc: 1\n", [2, 0, 0], true],
    ["one null written", "a: null\nc: 1\n", [1, 0, 0], false],
    ["a value left empty", "a: null\nb: ~\nc:\nd: 1\n", [2, 1, 0], false],
    ["an empty value in a nested example", "x:\n  a: null\n  b: null\n  c:\n", [2, 1, 0], false],
    ["a quoted 'null' is a string", "a: 'null'\nb: ''\n", [0, 0, 0], false],
    ["no nulls at all", "a: 1\n", [0, 0, 0], false],
    ["a placeholder the scrape empties", "a: null\nb: ~\nname: <string>\n", [2, 0, 1], false],
    ["a text holding a tag is not emptied", "a: null\nb: ~\nc: a <b>bold</b> word\n", [2, 0, 0], true],
  ] as const)("%s", (_, yaml, [written, empty, emptiedByScrape], habit) => {
    const style = emptyStyle();
    learnNullStyle(style, yaml);
    expect(style.nulls).toEqual({ written, empty, emptiedByScrape });
    expect(writesNullAsWord(style)).toBe(habit);
  });
});

describe("an example under a key its schema does not list (example-values.ts)", () => {
  // Twilio's UpdateAccount request (api_v2010 page 003): two examples, the second of one property.
  const request = {
    type: "object",
    properties: { FriendlyName: { type: "string" }, Status: { type: "string" } },
  };
  const page = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/Accounts/{Sid}.json": {
        post: {
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: request,
                examples: {
                  update: { value: { FriendlyName: "friendly_name", Status: "active" } },
                  updateWithNumericStatus: { value: { Status: "1" } },
                },
              },
            },
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
  const rules = exampleValuesRule(page, page);
  const examples = [
    "paths",
    "/Accounts/{Sid}.json",
    "post",
    "requestBody",
    "content",
    "application/x-www-form-urlencoded",
    "examples",
  ];
  const inUpdate: Path = [...examples, "update", "value", "updateWithNumericStatus"];
  const names = rules?.partRules.find((rule) => rule.name.startsWith("example values hold no example"));

  it.each([
    ["the next example's name read into the value", inUpdate, [["value", { Status: "1" }]], true],
    [
      "its summary first, then its value",
      inUpdate,
      [
        ["summary", "s"],
        ["value", 1],
      ],
      true,
    ],
    ["only a summary so far", inUpdate, [["summary", "s"]], false],
    [
      "a value beside data keys",
      inUpdate,
      [
        ["value", 1],
        ["unit", "kg"],
      ],
      false,
    ],
    ["a key the schema lists", [...examples, "update", "value", "Status"], [["value", 1]], false],
    ["an example of the examples map", [...examples, "updateWithNumericStatus"], [["value", 1]], false],
  ] as const)("%s", (_, path, entries, broken) => {
    expect(names?.problems(path, entries as unknown as Entries, true)).toEqual(
      broken ? [`${path.join("/")}: an example under a key its schema does not list`] : [],
    );
  });

  it("judges the key as it opens, before the rest of the page could hide it", () => {
    expect(names?.keyProblems?.(inUpdate, [], "value")).toHaveLength(1);
    expect(names?.keyProblems?.(inUpdate, [], "Status")).toEqual([]);
  });

  it("decides the page where the site writes `null`: a rival leaving the next example's name empty escapes it", () => {
    const text = scrape(renderSiteYaml(page));
    const read = (siteWritesNull: boolean) => {
      const recovered = recoverCollapsed(text, { siteWritesNull });
      return recovered.ok
        ? { document: recovered.document, decidedBy: recovered.decidedBy }
        : recovered.message;
    };
    expect(read(true)).toEqual({
      document: page,
      decidedBy: expect.arrayContaining([
        expect.stringMatching(/^example values hold no example/),
        WRITES_NULL,
      ]),
    });
    // `update: value: … Status: active updateWithNumericStatus:` left empty, then `value: Status: '1'` in the value.
    expect(read(false)).toMatch(/^ambiguous at word \d+ .*"updateWithNumericStatus:"/);
  });

  it("decides Twilio's UpdateAccount page, which lacks a listed property in its second example", () => {
    const pages = realPages("twilio-v2010").slice(0, 8);
    const { page: real, recovered } = readAmongCleanNeighbours(pages, 3);
    expect(real.name).toBe("twilio-v2010-003.md");
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(real.expected);
    expect(recovered.ok && recovered.decidedBy.join()).toMatch(/example values hold no example under a key/);
    const without = readAmongCleanNeighbours(pages, 3, { siteWritesNull: false }).recovered;
    expect(without.ok ? without.document : without.message).toMatch(
      /^ambiguous .*"updateWithNumericStatus:"/,
    );
  });
});

describe("a site's examples lack listed properties but hold no others (example-values.ts omittingSides)", () => {
  const pet = { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } };
  const site = (requests: unknown[], responses: unknown[]) => {
    const fit = emptyExampleFit();
    for (const value of responses) learnExampleFit(fit, petsDocument(pet, { example: value }));
    const withRequest = (value: unknown) => {
      const document = petsDocument(pet);
      const get = document.paths["/pets"].get as Record<string, unknown>;
      get.requestBody = { content: { "application/json": { schema: pet, examples: { a: { value } } } } };
      return document;
    };
    for (const value of requests) learnExampleFit(fit, withRequest(value));
    return fit;
  };
  const full = { id: 1, name: "Rex" };
  const lacking = { id: 1 };
  const unlisted = { id: 1, name: "Rex", tag: "x" };

  it.each([
    ["responses lacking a property, none unlisted", [], [full, full, full, full, lacking], ["responses"]],
    ["four examples are no habit", [], [full, full, full, lacking], []],
    ["one unlisted key", [], [full, full, full, lacking, unlisted], []],
    ["every example full: the whole rule already holds them", [], [full, full, full, full, full], []],
    [
      "requests and responses apart (Twilio's requests hold unlisted keys)",
      [lacking, lacking, full, full, unlisted],
      [full, full, full, full, lacking],
      ["responses"],
    ],
  ])("%s", (_, requests, responses, sides) => {
    const fit = site(requests, responses);
    expect(omittingSides(fit)).toEqual(sides);
  });

  it("counts objects nested in lists and `$ref`s", () => {
    const fit = emptyExampleFit();
    const list = {
      type: "object",
      properties: { pets: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
    };
    const document = petsDocument(list, { example: { pets: [full, lacking, unlisted] } });
    learnExampleFit(fit, { ...document, components: { schemas: { Pet: list, Item: pet } } });
    expect(fit.responses).toEqual({ judged: 4, unlisted: 1, lacking: 1 });
  });

  it("decides Twilio's MachineToMachine numbers, whose `capabilities` could be read out of the phone number", () => {
    const pages = realPages("twilio-v2010").slice(14, 25);
    const read = (options = {}) => readAmongCleanNeighbours(pages, 5, options);
    const { page, recovered } = read();
    expect(page.name).toBe("twilio-v2010-019.md");
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy.join()).toMatch(/the site's example values hold only/);
    const without = read({ examplesOmitting: [] }).recovered;
    expect(without.ok ? without.document : without.message).toMatch(/^ambiguous .*capabilities/);
  });
});
