/**
 * How the habit tests read a page: with the page's own rules and without the one under test, exact-or-refused, one
 * rule's problems on one object, and a batch of collapsed pages as a whole `npm run import` process.
 */
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Entries, EvidenceRule, Path } from "../../../scripts/import/evidence.ts";
import { rulesFor } from "../../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../../scripts/import/render-yaml.ts";
import { spawnCli } from "../../support/cli.ts";
import { pagesOf, type RealPage, readAmongCleanNeighbours } from "./real-pages.ts";
import { scrape, scrapeValues, visibleValues } from "./scrape.ts";

/** Reads `document`'s collapsed page with the page's own rules, and again without the rule named `without`. */
export function readBothWays(document: object, without: string) {
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);
  expect(rules.map((rule) => rule.name)).toContain(without);
  return {
    withRule: recoverCollapsed(text, { rules }),
    withoutRule: recoverCollapsed(text, { rules: rules.filter((rule) => rule.name !== without) }),
  };
}

/**
 * Reads `document`'s collapsed page both ways (readBothWays): written exactly with the page's own rules, and refused as
 * `ambiguity` says without the rule named `without` (the rule is what decides the page).
 */
export function expectDecidedOnlyBy(document: object, without: string, ambiguity: RegExp) {
  const { withRule, withoutRule } = readBothWays(document, without);
  expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
  expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(ambiguity);
}

/** Reads `document`'s collapsed page with the page's own rules: written exactly, or refused as `refusal` says. */
export function expectRefusedOrExact(document: object, refusal: RegExp) {
  const text = scrape(renderSiteYaml(document));
  const recovered = recoverCollapsed(text, { rules: rulesFor(undefined, text, text) });
  if (recovered.ok) expect(recovered.document).toEqual(scrapeValues(document));
  else expect(recovered.message).toMatch(refusal);
}

/**
 * Imports `pages`, every one collapsed, as a whole `npm run import` process: each is written exactly, and its line says
 * it was decided by the rule named `decidedBy`. Run in the repository, whose `specs/` the import learns the site from,
 * or (`outsideRepository`) in a folder of its own, where nothing but the pages is known.
 */
export async function expectEveryPageImportedCollapsed(
  pages: readonly RealPage[],
  decidedBy: string,
  outsideRepository = false,
) {
  const dir = await mkdtemp(path.join(tmpdir(), "collapsed-"));
  try {
    await mkdir(path.join(dir, "pages"));
    for (const page of pages) await writeFile(path.join(dir, "pages", page.name), page.collapsed);
    const args = ["import", "--out", path.join(dir, "out"), path.join(dir, "pages")];
    const result = await (outsideRepository ? spawnCli(args, dir) : spawnCli(args));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const page of pages) {
      const line = result.stdout.split("\n").find((each) => each.includes(page.name)) ?? "";
      expect(line).toContain("(collapsed page, decided by ");
      expect(line).toContain(decidedBy);
      const written = /-> (\S+) \(/.exec(line)?.[1] as string;
      expect(parse(await readFile(written, "utf8"))).toEqual(page.expected);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `rule`'s problems with the complete object at `path` holding `entries`. */
export function problemsOf(rule: EvidenceRule, path: Path, entries: Entries): string[] {
  return rule.problems(path, entries, true);
}

/**
 * Reads `document`'s first page (the site's page around it, its neighbours clean) with the page's rules, and its YAML
 * again without the rule named `without`.
 */
export function readPageBothWays(document: object, prefix: string, without: string) {
  const { page, rules, yaml, recovered } = readAmongCleanNeighbours(pagesOf(document as never, prefix), 0);
  expect(rules.map((rule) => rule.name)).toContain(without);
  return {
    page,
    withRule: recovered,
    withoutRule: recoverCollapsed(yaml, {
      requiredKeys: ["paths"],
      rules: rules.filter((rule) => rule.name !== without),
    }),
  };
}

/**
 * Each page of the spec `dir/<spec>.yaml`, cut the site's way and read collapsed (the pages `clean(at, index)` keeps
 * clean around page `index`): `<page>: exact`, `refused` or `WRONG`.
 */
export function pageOutcomes(
  dir: string,
  spec: string,
  clean: (at: number, index: number) => boolean,
): string[] {
  const pages = pagesOf(parse(readFileSync(path.join(dir, `${spec}.yaml`), "utf8")), spec);
  return pages.map((page, index) => {
    const { recovered } = readAmongCleanNeighbours(pages, index, {}, { clean: (at) => clean(at, index) });
    if (!recovered.ok) return `${page.name}: refused`;
    const same =
      JSON.stringify(visibleValues(recovered.document)) === JSON.stringify(visibleValues(page.expected));
    return `${page.name}: ${same ? "exact" : "WRONG"}`;
  });
}

/**
 * A review's specs in `dir`, each page read collapsed, alone, with the other pages clean and with the other half of
 * them clean (the pages of the other parity): written exactly or
 * refused, never written wrong.
 */
export function describeNeverWrong(title: string, dir: string, specs: readonly string[]) {
  const wrong = (spec: string, clean: (at: number, index: number) => boolean) =>
    pageOutcomes(dir, spec, clean).filter((outcome) => outcome.endsWith("WRONG"));
  describe(title, () => {
    it.each(specs)("%s, every page collapsed", (spec) => {
      expect(wrong(spec, () => false)).toEqual([]);
    });
    it.each(specs)("%s, the other pages clean", (spec) => {
      expect(wrong(spec, (at, index) => at !== index)).toEqual([]);
    });
    it.each(specs)("%s, the other half of the pages clean", (spec) => {
      expect(wrong(spec, (at, index) => at % 2 !== index % 2)).toEqual([]);
    });
  });
}
