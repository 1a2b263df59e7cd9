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
