import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specFileName } from "../../scripts/import/file-name.ts";
import { importPages, importPageText } from "../../scripts/import/import-pages.ts";
import { runCliInProcess } from "../support/cli.ts";
import { ROOT, SPECS_DIR } from "../support/seeds.ts";

const SEEDS = path.join(ROOT, "test/import/fixtures/seed-pages");
const FIXTURES = path.join(ROOT, "test/import/fixtures");
const temporary: string[] = [];

async function outDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "import-"));
  temporary.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("importing the seed pages", () => {
  it("writes each seed's spec byte-identical to specs/ (002 recovered from its collapsed scrape)", async () => {
    const out = await outDir();
    const summary = await importPages({ inputs: [SEEDS], outDir: out });
    expect(summary.failed).toEqual([]);
    expect(summary.imported.map(({ fileName }) => fileName).sort()).toEqual([
      "spaces/runtimes-connections-create.yaml",
      "spaces/runtimes-connections-delete.yaml",
      "workspaces/runtimes-stop.yaml",
    ]);
    for (const { fileName } of summary.imported) {
      expect(await readFile(path.join(out, fileName), "utf8"), fileName).toBe(
        await readFile(path.join(SPECS_DIR, fileName), "utf8"),
      );
    }
  });

  it("recovers page 002 as the original document, key order included", async () => {
    const page = (await readdir(SEEDS)).find((name) => name.startsWith("002_")) as string;
    const outcome = importPageText(page, await readFile(path.join(SEEDS, page), "utf8"));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const original = parse(await readFile(path.join(SPECS_DIR, "workspaces/runtimes-stop.yaml"), "utf8"));
    expect(JSON.stringify(parse(outcome.yaml))).toBe(JSON.stringify(original));
  });

  it("re-importing gives the same file", async () => {
    const page = path.join(SEEDS, (await readdir(SEEDS)).sort()[0] as string);
    const text = await readFile(page, "utf8");
    expect(importPageText("a", text)).toEqual(importPageText("a", text));
  });
});

describe("spec file names", () => {
  const cases: { given: Record<string, unknown>; want: string }[] = [
    {
      given: { paths: { "/a": { get: { operationId: "list-pets", tags: ["subpackage_pets"] } } } },
      want: "pets/list-pets.yaml",
    },
    {
      given: { paths: { "/a": { get: { operationId: "../../etc/passwd", tags: ["../x"] } } } },
      want: "x/etc-passwd.yaml",
    },
    { given: { paths: { "/v1/pets/{id}": { delete: {} } } }, want: "untagged/delete-v1-pets-id.yaml" },
    { given: { paths: {} }, want: "untagged/document.yaml" },
  ];
  it.each(cases)("$want", ({ given, want }) => {
    expect(specFileName(given)).toBe(want);
  });
});

describe("the import command on bad pages", () => {
  it("reports each bad page on one line naming it, imports the good ones, exits 1 with a summary", async () => {
    const out = await outDir();
    const result = await runCliInProcess(["import", "--out", out, path.join(FIXTURES, "mixed-pages")]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith("error: "));
    const want: [string, RegExp][] = [
      ["empty.txt", /empty file/],
      ["invalid-utf8.txt", /not valid UTF-8/],
      ["no-spec-block.md", /no ```yaml spec block/],
      ["not-openapi.md", /not an OpenAPI 3\.x document/],
      ["other-site.md", /not a docs page of this site/],
      ["two-blocks.md", /2 ```yaml spec blocks/],
      ["unterminated.md", /unterminated ```yaml spec block/],
    ];
    expect(errors).toHaveLength(want.length);
    for (const [file, message] of want) {
      const line = errors.find((error) => error.includes(`mixed-pages/${file}`));
      expect(line, file).toMatch(message);
    }
    expect(result.stdout).toMatch(/import: 2 imported, 7 failed/);
    expect((await readdir(out, { recursive: true })).filter((name) => name.endsWith(".yaml")).sort()).toEqual(
      ["spaces/runtimes-connections-delete.yaml", "workspaces/runtimes-stop.yaml"],
    );
  });

  it("fails on an ambiguous collapsed page with both readings and writes nothing", async () => {
    const out = await outDir();
    const summary = await importPages({ inputs: [path.join(FIXTURES, "ambiguous-page")], outDir: out });
    expect(summary.imported).toEqual([]);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]?.message).toMatch(
      /ambiguous at word \d+ .*"z:".*\/components\/schemas\/A\/properties\/x\/properties\/z or as \/components\/schemas\/A\/properties\/z/,
    );
    expect(await readdir(out)).toEqual([]);
  });
});
