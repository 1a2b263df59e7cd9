import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { recoverCollapsed } from "../scripts/import/recover-collapsed.ts";
import { findSpecFiles } from "../scripts/load.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";
import { SPECS_DIR } from "./support/seeds.ts";

/** Collapses `yaml` the way the scrape did, reads it back, and returns both sides for comparison. */
function roundTrip(yaml: string) {
  const original = parse(yaml) as unknown;
  const recovered = recoverCollapsed(scrape(yaml));
  return { expected: scrapeValues(original), recovered };
}

describe("collapsed recovery round trip", () => {
  it("recovers every spec in specs/ exactly (text passed through the scrape's loss)", async () => {
    const files = await findSpecFiles(SPECS_DIR);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const { expected, recovered } = roundTrip(readFileSync(path.join(SPECS_DIR, file), "utf8"));
      expect(recovered.ok ? JSON.stringify(recovered.document) : recovered.message, file).toBe(
        JSON.stringify(expected),
      );
    }
  });
});

describe("collapsed recovery of pages YAML writers cannot have written one way only", () => {
  const head = "openapi: 3.1.0 info: title: t version: v paths: {}";
  const cases: { name: string; given: string; want: RegExp }[] = [
    {
      name: "block text in a list that could end before a `- ` item is refused with both readings",
      given: `${head} x-notes: - |- first line - second`,
      want: /^ambiguous at word \d+ .*text ending before `- ` \(a new item\) or as text running on/,
    },
    {
      name: "a value cannot start with an alias",
      given: `${head} x-note: *alias and more`,
      want: /^cannot read word \d+ .*`\*` cannot start a plain value/,
    },
    {
      name: "a plain value cannot hold `: `",
      given: `${head} x-note: see https://example.com {a: 1} b`,
      want: /^cannot read word/,
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    const recovered = recoverCollapsed(given);
    expect(recovered.ok ? JSON.stringify(recovered.document) : recovered.message).toMatch(want);
  });

  it("returns both documents of an ambiguous page", () => {
    const recovered = recoverCollapsed(`${head} x-notes: - |- first line - second`);
    expect(recovered.ok ? [] : recovered.readings?.map((document) => document["x-notes"])).toEqual([
      ["first line", "second"],
      ["first line - second"],
    ]);
  });
});
