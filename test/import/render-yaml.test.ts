/**
 * The site's YAML writer (render-yaml.ts): the pages the importer reads, the harness cuts and the importer writes are
 * in the style of js-yaml 4's `dump`, which the bctrl site uses. Multi-line Markdown is a block scalar there (a `|-`
 * literal, or `>-` where a line is too long), which the scrape collapses into one run of words like any other text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { realPages } from "./support/real-pages.ts";

const SEED_PAGES = path.join(import.meta.dirname, "fixtures/seed-pages");

describe("renderSiteYaml", () => {
  it.each(["000_f3b55a13d4429a42.txt", "001_f32651952a514f50.txt"])(
    "writes seed page %s's spec back as the site wrote it, byte for byte",
    (name) => {
      const extracted = extractSpec(readFileSync(path.join(SEED_PAGES, name), "utf8"));
      if (extracted.kind !== "markdown") throw new Error(`${name}: expected a clean page`);
      expect(renderSiteYaml(parse(extracted.yaml))).toBe(extracted.yaml.replace(/\n+$/, "\n"));
    },
  );

  it.each([
    {
      given: "a multi-line Markdown text",
      value: { description: "Lists:\n- one\n- two: 2" },
      want: "description: |-\n  Lists:\n  - one\n  - two: 2\n",
    },
    {
      given: "a multi-line text with a line longer than its line",
      value: { a: { description: `${"word ".repeat(16)}end\n- item` } },
      want: `a:\n  description: >-\n    ${"word ".repeat(14)}word\n    word end\n\n    - item\n`,
    },
    {
      given: "one word longer than its line (a hoisted name)",
      value: { title: "V".repeat(79) },
      want: `title: >-\n  ${"V".repeat(79)}\n`,
    },
    { given: "a short text that needs quotes", value: { example: "a: b" }, want: "example: 'a: b'\n" },
    { given: "a text ending with a space", value: { a: "text " }, want: "a: 'text '\n" },
    { given: "a text with a tab", value: { a: "a\tb" }, want: 'a: "a\\tb"\n' },
    {
      given: "an object met twice",
      value: { a: [{ b: 1 }], c: [{ b: 1 }] },
      want: "a:\n  - b: 1\nc:\n  - b: 1\n",
    },
  ])("writes $given as js-yaml 4 does", ({ value, want }) => {
    expect(renderSiteYaml(value)).toBe(want);
  });

  it("writes the same object twice without an anchor", () => {
    const shared = { type: "string" };
    expect(renderSiteYaml({ a: shared, b: shared })).toBe("a:\n  type: string\nb:\n  type: string\n");
  });

  it("gives most of the harness's AssemblyAI pages block-scalar descriptions, collapsed by the scrape", () => {
    const pages = realPages("assemblyai");
    const withBlocks = pages.filter((page) => /: [|>][-+]?\n/.test(page.clean));
    expect(withBlocks.length).toBeGreaterThan(pages.length / 2);
    for (const page of withBlocks) expect(page.collapsed).toMatch(/: [|>][-+]? /);
  });
});
