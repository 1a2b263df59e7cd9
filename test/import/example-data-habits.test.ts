/**
 * Habits of a site's free values that decide readings of Twilio's pages (session 31): the site writes a null as a word
 * and never leaves a value empty (site-style.ts `writesNullAsWord`, a reader option), and its extensions' objects hold
 * the keys its clean pages show (extension-keys.ts). Each is shown on the real page it decides, read again without it.
 */
import { describe, expect, it } from "vitest";
import type { Path } from "../../scripts/import/evidence.ts";
import {
  type ExtensionKeys,
  extensionKeysRule,
  learnExtensionKeys,
} from "../../scripts/import/extension-keys.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { emptyStyle, learnNullStyle, writesNullAsWord } from "../../scripts/import/site-style.ts";
import { petsDocument } from "./support/pets-page.ts";
import { readAmongCleanNeighbours, realPages } from "./support/real-pages.ts";
import { scrape } from "./support/scrape.ts";

const WRITES_NULL = "the site writes `null`, never an empty value";
const EXTENSION_KEYS = "the site's extension values hold the keys its clean pages show";

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
    ["a placeholder in a list (a review's site)", "a: null\nb: ~\ntags:\n  - <string>\n", [2, 0, 1], false],
    ["an empty list item", "a: null\nb: ~\ntags:\n  -\n  - x\n", [2, 1, 0], false],
  ] as const)("%s", (_, yaml, [written, empty, emptiedByScrape], habit) => {
    const style = emptyStyle();
    learnNullStyle(style, yaml);
    expect(style.nulls).toEqual({ written, empty, emptiedByScrape });
    expect(writesNullAsWord(style)).toBe(habit);
  });
});

describe("the reader under the site's habit of writing `null` (RecoverOptions.siteWritesNull)", () => {
  const pet = { type: "object", properties: { name: { type: "string" } }, additionalProperties: true };
  const page = (value: unknown) => petsDocument(pet, { examples: { rex: { value } } });

  it("reads no free value as empty, and says so where it ruled such a reading out", () => {
    const document = page({ name: "Rex", tag: { id: 1 } });
    const recovered = recoverCollapsed(scrape(renderSiteYaml(document)), { siteWritesNull: true });
    expect(recovered.ok && recovered.document).toEqual(document);
    expect(recovered.ok && recovered.decidedBy).toContain(WRITES_NULL);
  });

  it("refuses a page that leaves a value empty, which the site never does; reads it without the habit", () => {
    const text = scrape(renderSiteYaml(page({ name: "Rex", tag: null }))).replace("tag: null", "tag:");
    const read = (siteWritesNull: boolean) => {
      const recovered = recoverCollapsed(text, { siteWritesNull });
      return recovered.ok ? recovered.document : recovered.message;
    };
    expect(read(false)).toEqual(page({ name: "Rex", tag: null }));
    expect(read(true)).toMatch(/^cannot read word \d+/);
  });
});

describe("the site's extension values hold the keys its clean pages show (extension-keys.ts)", () => {
  const pii = { handling: "standard", deleteSla: 30 };
  const property = (extra: Record<string, unknown> = {}) => ({
    type: "string",
    "x-twilio": { pii },
    ...extra,
  });
  const site = (count: number, more: Record<string, unknown> = {}) => {
    const known: ExtensionKeys = {};
    for (let index = 0; index < count; index++)
      learnExtensionKeys(known, {
        ...petsDocument({ type: "object", properties: { name: property(), ...more } }),
        paths: {},
      });
    return known;
  };
  const at: Path = ["components", "schemas", "Pet", "properties", "phone", "x-twilio", "pii"];
  const seenOnce = () => {
    const known = site(5);
    const once = property({ "x-twilio": { pii: { ...pii, once: 1 } } });
    learnExtensionKeys(known, petsDocument({ type: "object", properties: { name: once } }));
    return known;
  };

  it("learns each place's keys, from the extension's key on", () => {
    expect(site(2)).toEqual({
      "x-twilio": { objects: 2, keys: { pii: 2 } },
      "x-twilio/pii": { objects: 2, keys: { handling: 2, deleteSla: 2 } },
    });
  });

  it.each([
    [
      "a header named like an extension is no extension",
      { headers: { "x-rate-limit": { schema: { type: "integer" } } } },
    ],
    ["an extension inside example data is data", { example: { "x-twilio": { pii: { notes: "x" } } } }],
  ])("%s", (_, schemaFields) => {
    const known: ExtensionKeys = {};
    learnExtensionKeys(known, petsDocument({ type: "object", ...schemaFields }));
    expect(known).toEqual({});
  });

  it.each([
    ["five objects, each key twice", site(5), "validation_code", true],
    ["a key the shape holds", site(5), "deleteSla", false],
    ["four objects are no habit", site(4), "validation_code", false],
    ["a key seen once: the place is not judged", seenOnce(), "validation_code", false],
  ] as const)("%s", (_, known, key, broken) => {
    const rule = extensionKeysRule(known);
    expect(rule?.keyProblems?.(at, [], key) ?? []).toEqual(
      broken ? [`${at.join("/")}: the site's extension never holds \`${key}\``] : [],
    );
  });

  it("tries a key the shape lacks last, and judges no place outside an extension", () => {
    const rule = extensionKeysRule(site(5));
    expect(rule?.rank?.(at, [], "validation_code", "object")).toBe(2);
    expect(rule?.rank?.(at, [], "handling", "scalar")).toBe(0);
    expect(
      rule?.rank?.(["components", "schemas", "Pet", "properties"], [], "validation_code", "object"),
    ).toBe(1);
  });

  it("decides Twilio's ListAccount page, whose parameter's `examples` could be read into `pii`", () => {
    const pages = realPages("twilio-v2010").slice(0, 12);
    const { page, rules, yaml, recovered } = readAmongCleanNeighbours(pages, 0);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(EXTENSION_KEYS);
    const without = recoverCollapsed(yaml, {
      requiredKeys: ["paths"],
      rules: rules.filter((rule) => rule.name !== EXTENSION_KEYS),
    });
    expect(without.ok ? without.document : without.message).toMatch(/^ambiguous .*"examples:"/);
  });
});
