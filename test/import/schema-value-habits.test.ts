/**
 * Habits of real specs' schema values that decide between two readings the model leaves open (session 30): a
 * property's schema is no boolean (schema-habits.ts `booleanPropertyRule`), an enum's code names are one per value and
 * an enum holds no one value joined by ` - ` among values without (list-rules.ts `enumNamesRule`, `enumDashRule`).
 * Each page is shaped like the APIs.guru page the habit was found on, and read again without the rule to show the rule
 * is what decides.
 */
import { describe, expect, it } from "vitest";
import type { Entries, EvidenceRule, Path } from "../../scripts/import/evidence.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { enumDashRule, enumNamesRule } from "../../scripts/import/list-rules.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { booleanPropertyRule } from "../../scripts/import/schema-habits.ts";
import { returning } from "./support/one-operation.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

function problemsOf(rule: EvidenceRule, path: Path, entries: Entries): string[] {
  return rule.problems(path, entries, true);
}

/**
 * Reads `document`'s collapsed page with the page's own rules (and the style of the site's `clean` page, if any), and
 * again without the rule named `without`.
 */
function readBothWays(document: object, without: string, clean?: object) {
  const text = scrape(renderSiteYaml(document));
  const evidence = clean === undefined ? undefined : emptyEvidence();
  if (evidence && clean) learnFrom(evidence, clean);
  const rules = rulesFor(evidence, text, text);
  expect(rules.map((rule) => rule.name)).toContain(without);
  const outcome = (rulesRead: EvidenceRule[]) => {
    const recovered = recoverCollapsed(text, { rules: rulesRead });
    return recovered.ok ? recovered.document : recovered.message;
  };
  return {
    withRule: outcome(rules),
    withoutRule: outcome(rules.filter((rule) => rule.name !== without)),
  };
}

const schema = ["components", "schemas", "Stream"];

describe("a property's schema is an object, not `true` or `false` (booleanPropertyRule)", () => {
  const rule = booleanPropertyRule();
  it.each([
    ["a boolean property", [...schema, "properties"], [["x-required-post", true]], 1],
    ["`false` as a property", [...schema, "properties"], [["hidden", false]], 1],
    ["an object property", [...schema, "properties"], [["WebId", { type: "string" }]], 0],
    ["a boolean keyword of a schema", schema, [["nullable", true]], 0],
    // A property named `properties`: its own keywords, not a map of properties.
    [
      "a boolean inside a property named `properties`",
      [...schema, "properties", "properties"],
      [["readOnly", true]],
      0,
    ],
    ["a boolean in an example's `properties`", [...schema, "example", "properties"], [["a", true]], 0],
  ] as const)("judges %s", (_, path, entries, want) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(want);
  });

  // OSIsoft's (APIs.guru) stream: `WebId: … type: string x-required-post: true type: object` read as well with a
  // property named `x-required-post` (the site's style, from a clean page, keeps the extension off the component).
  const stream = returning("Stream", {
    Stream: {
      properties: {
        Name: { example: "SINUSOID", type: "string", "x-disallow-put": true },
        WebId: { example: "I1AbEDqD5loBNH0erq", format: "webid", type: "string", "x-required-post": true },
      },
      type: "object",
      title: "Stream",
    },
  });
  const point = returning("Point", {
    Attribute: {
      properties: { Path: { type: "string", "x-required-post": true } },
      type: "object",
      title: "Attribute",
    },
    Point: {
      properties: {
        Id: { type: "integer", "x-required-post": true },
        Name: { type: "string", "x-disallow-put": true },
      },
      type: "object",
      title: "Point",
    },
  });

  it("decides OSIsoft's stream, ambiguous at its last property's extension without the rule", () => {
    const { withRule, withoutRule } = readBothWays(stream, rule.name, point);
    expect(withRule).toEqual(scrapeValues(stream));
    expect(withoutRule).toMatch(/^ambiguous at word \d+ .*"x-required-post:"\)/);
  });
});

describe("an enum's code names are one per value (enumNamesRule)", () => {
  const rule = enumNamesRule();
  it.each([
    ["three names for three values", "x-enum-varnames", ["Any", "Only Selected", "All Except Selected"], 0],
    ["two names for three values", "x-enum-varnames", ["Any", "Only Selected - All Except Selected"], 1],
    ["NSwag's names", "x-enumNames", ["Any", "Only"], 1],
    // 48 of the 825 real description lists differ in length from their enum.
    ["descriptions", "x-enum-descriptions", ["Any project."], 0],
  ] as const)("judges %s", (_, key, names, want) => {
    expect(
      problemsOf(rule, schema, [
        ["enum", [0, 1, 2]],
        [key, [...names]],
      ]),
    ).toHaveLength(want);
  });

  it("judges names with no enum beside them nothing", () => {
    expect(problemsOf(rule, schema, [["x-enum-varnames", ["Any"]]])).toEqual([]);
  });

  it("judges nothing inside an example", () => {
    expect(
      problemsOf(
        rule,
        [...schema, "example"],
        [
          ["enum", [0, 1]],
          ["x-enumNames", ["A"]],
        ],
      ),
    ).toEqual([]);
  });

  // AppVeyor's (APIs.guru) environment settings: its names are phrases, so enumDashRule cannot split them.
  const settings = returning("Environment", {
    Environment: {
      enum: [0, 1, 2],
      type: "integer",
      "x-enum-varnames": ["Any", "Only Selected", "All Except Selected"],
      title: "Environment",
    },
  });

  it("decides AppVeyor's names of several words, ambiguous at the last ` - ` without the rule", () => {
    const { withRule, withoutRule } = readBothWays(settings, rule.name);
    expect(withRule).toEqual(scrapeValues(settings));
    expect(withoutRule).toMatch(/^ambiguous at word \d+ .*"-"\): it reads as text ending before `- `/);
  });
});

describe("an enum of phrases holds no one value joined by ` - ` (enumDashRule)", () => {
  const rule = enumDashRule();
  it.each([
    ["one joined value of phrases (Rentcast's)", ["Single Family", "Condo", "Apartment - Land"], 1],
    [
      "every value joined (time zones, APIs.guru's)",
      ["GMT Standard Time - (GMT) Dublin", "Egypt Standard Time - (GMT+02:00) Cairo"],
      0,
    ],
    ["two joined values of several (Open Banking's)", ["UK", "EEA", "GB - ENG", "GB - NIR"], 0],
    ["one joined value beside one without", ["Mon - Fri", "every day"], 0],
    ["a range beside phrases", ["1 - 5 items", "more", "none", "1 - 5"], 0],
    // The readings one choice from splitting every value of a real enum holding ` - `: a part repeats or starts with a
    // digit, so the rival joining one value alone stays open against them.
    [
      "a joined value whose part repeats a value (a review's language pairs, split)",
      ["en", "de", "en - fr", "es"],
      0,
    ],
    [
      "values starting with a digit (daniweb's, split)",
      ["Self-employed", "2", "9 Employees", "10 - 49 Employees"],
      0,
    ],
  ] as const)("judges %s", (_, values, want) => {
    expect(problemsOf(rule, schema, [["enum", [...values]]])).toHaveLength(want);
  });

  it("leaves alone a joined value the site's clean pages write", () => {
    const known = new Set(["Apartment - Land"]);
    expect(
      problemsOf(enumDashRule(known), schema, [["enum", ["Single Family", "Condo", "Apartment - Land"]]]),
    ).toEqual([]);
  });

  // Rentcast's (APIs.guru) property types, phrases the single-word habit leaves alone.
  const types = returning("PropertyType", {
    PropertyType: {
      default: "Single Family",
      enum: ["Single Family", "Condo", "Townhouse", "Manufactured", "Multi-Family", "Apartment", "Land"],
      type: "string",
      title: "PropertyType",
    },
  });

  it("decides Rentcast's property types, ambiguous at the last ` - ` without the rule", () => {
    const { withRule, withoutRule } = readBothWays(types, rule.name);
    expect(withRule).toEqual(scrapeValues(types));
    expect(withoutRule).toMatch(/^ambiguous at word \d+ .*"-"\): it reads as text ending before `- `/);
  });
});
