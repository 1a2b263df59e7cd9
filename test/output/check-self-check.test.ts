/**
 * `--check` type-checks the regenerated modules only when the folder is stale: an identical folder was type-checked by
 * the run that wrote it. A stale folder whose new types do not compile still fails with the self-check's error.
 */
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { SPECS_DIR } from "../support/seeds.ts";

const CYCLE_SPECS = path.join(
  import.meta.dirname,
  "..",
  "hostile",
  "fixtures",
  "fails-on-allof-cycle",
  "specs",
);

describe("--check and the self-check", () => {
  it("fails a stale folder whose regenerated types do not compile with the self-check's error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "check-self-"));
    const out = path.join(dir, "out");
    await generate({ specsDir: SPECS_DIR, outDir: out, parseCache: false });
    const specs = path.join(dir, "specs");
    await cp(CYCLE_SPECS, specs, { recursive: true });
    const failure = await generate({ specsDir: specs, outDir: out, parseCache: false, check: true }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GeneratorError);
    expect((failure as GeneratorError).message).toMatch(/a\.yaml.*the generated TypeScript does not compile/);
  });
});
