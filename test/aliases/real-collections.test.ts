/**
 * Names a person would choose, on real APIs (issue #21): Twilio's REST and Messaging APIs, AssemblyAI's and a small
 * polymorphic spec (test/real-specs/fixtures/), cut into
 * docs-site pages (every schema hoisted under a long path name) and whole (every schema under its author's name).
 * Measured with test/aliases/support/alias-metrics.ts: the spec's own names kept, no path leftovers, at most 1 %
 * numbered, every schema and operation slot covered, at most 40 characters, median 24 or less.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type AliasMetrics, measureAliases } from "./support/alias-metrics.ts";
import { aliasRealSpec, type Cut, REAL_SPECS } from "./support/real-collections.ts";

const CASES = REAL_SPECS.flatMap((file) => (["pages", "whole"] as Cut[]).map((cut) => [file, cut] as const));

describe.each(CASES)("aliases of %s (%s)", (file, cut) => {
  let metrics: AliasMetrics;
  let warnings: string[];

  beforeAll(async () => {
    const { document, result } = await aliasRealSpec(file, cut);
    metrics = measureAliases(document, result.source, result.lock);
    warnings = result.warnings;
  }, 60_000);

  it("keep every name the spec's author wrote", () => {
    expect(metrics.aliases).toBeGreaterThan(10);
    if (cut === "whole") expect(metrics.authorNames).toBeGreaterThan(0);
    expect(metrics.authorNamesNotKept).toEqual([]);
  });

  it("carry no leftovers of hoisted path names", () => {
    expect(metrics.pathLeftovers).toEqual([]);
  });

  it("are numbered for at most 1 % of them, each reported", () => {
    expect(metrics.numbered.length).toBeLessThanOrEqual(metrics.aliases / 100);
    for (const name of metrics.numbered) expect(warnings.join("\n")).toContain(`alias ${name} `);
  });

  it("cover every schema and operation slot", () => {
    expect(metrics.uncovered).toEqual([]);
  });

  it("are at most 40 characters long, 24 or less in the median", () => {
    expect(metrics.maxLength).toBeLessThanOrEqual(40);
    expect(metrics.medianLength).toBeLessThanOrEqual(24);
  });
});
