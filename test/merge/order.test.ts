import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildOutputs } from "../../scripts/generate.ts";
import { loadSpecs } from "../../scripts/load/load.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { renderOpenApiYaml } from "../../scripts/output/write.ts";
import type { SpecFile } from "../../scripts/shared/openapi.ts";
import { SPECS_DIR } from "../support/seeds.ts";
import { buildSourceSpec } from "../support/source-spec.ts";
import { splitSpec } from "../support/split-spec.ts";

/**
 * The seed pages plus 60 docs-site pages cut from the generated source spec (reused ids, folds, scraped pages);
 * its runtimes pages are left out, as they would clash with the seeds' different runtime shapes.
 */
async function collection(): Promise<SpecFile[]> {
  const cut = splitSpec(buildSourceSpec({ resources: 7 })).filter(({ document }) =>
    Object.keys(document.paths ?? {}).every((route) => !route.includes("/runtimes")),
  );
  return [...(await loadSpecs(SPECS_DIR)), ...cut.slice(0, 60)];
}

/** Each page under a new name (`n` is the index in the new order), in a folder chosen by the name. */
function renamed(specs: readonly SpecFile[], order: readonly number[], salt: string): SpecFile[] {
  return order.map((index, n) => ({
    file: `${salt}${n % 3}/${(n * 7919 + salt.length) % 1000}-${n}.yml`,
    document: structuredClone((specs[index] as SpecFile).document),
  }));
}

describe("the same specs under any file names and in any order", () => {
  it("merge to the same document (property, 15 shuffles and renamings)", async () => {
    const specs = await collection();
    const want = renderOpenApiYaml(mergeSpecs(specs).document);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          specs.map((_, index) => index),
          { minLength: specs.length, maxLength: specs.length },
        ),
        fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "q", "z", "_", "0") }),
        (order, salt) => {
          expect(renderOpenApiYaml(mergeSpecs(renamed(specs, order, salt)).document)).toBe(want);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("generate byte-identical files from folders with shuffled, renamed copies", async () => {
    const specs = await collection();
    const reversed = specs.map((_, index) => specs.length - 1 - index);
    const folders = await Promise.all(
      [specs.map((spec) => spec), renamed(specs, reversed, "zz")].map(async (files) => {
        const dir = await mkdtemp(path.join(tmpdir(), "merge-order-"));
        for (const { file, document } of files) {
          await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await writeFile(path.join(dir, file), stringify(document));
        }
        return dir;
      }),
    );
    const [first, second] = await Promise.all(folders.map((dir) => buildOutputs(dir)));
    expect((await readdir(folders[1] as string, { recursive: true })).length).toBeGreaterThan(60);
    expect(first?.files.size).toBeGreaterThanOrEqual(3);
    for (const [name, content] of first?.files ?? []) expect(second?.files.get(name), name).toBe(content);
    expect(await readFile(path.join(folders[0] as string, specs[0]?.file ?? ""), "utf8")).toContain(
      "openapi",
    );
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  });
});
