import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specFileName } from "../../scripts/import/file-name.ts";
import { emptyEvidence, learnFrom } from "../../scripts/import/import-evidence.ts";
import { importPages, importPageText } from "../../scripts/import/import-pages.ts";
import { runCliInProcess, spawnCli } from "../support/cli.ts";
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
  it("as a whole `npm run import` process, reads the collapsed page in its worker and writes all three", async () => {
    // The built command starts the page worker from its own bundle: a worker missing from the build crashed every
    // collapsed page while the in-process runs below passed.
    const out = await outDir();
    const result = await spawnCli(["import", "--out", out, SEEDS]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/002_.* -> .*workspaces\/runtimes-stop\.yaml \(collapsed page, decided by/);
    expect(await readFile(path.join(out, "workspaces/runtimes-stop.yaml"), "utf8")).toBe(
      await readFile(path.join(SPECS_DIR, "workspaces/runtimes-stop.yaml"), "utf8"),
    );
  });

  it("writes each seed's spec byte-identical to specs/ (002 recovered from its collapsed scrape)", async () => {
    const out = await outDir();
    // No evidence from specs/ (which holds these very specs): 002 is decided by its own page (its endpoint line, its
    // title, its enums of single words) and the two clean pages of the batch.
    const summary = await importPages({ inputs: [SEEDS], outDir: out, evidenceDirs: [] });
    expect(summary.failed).toEqual([]);
    expect(summary.pages.map(({ decided }) => decided)).toEqual([
      "clean page",
      "clean page",
      expect.stringMatching(/^collapsed page, decided by .*enum values are single words/),
    ]);
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

  it("pins `paths` to the document on a page with an endpoint line (an endpoint's page has paths)", () => {
    const block =
      "```yaml openapi: 3.1.0 info: title: t version: '1' components: schemas: X: type: object example: a: b paths: /a: get: operationId: a responses: '200': description: OK content: application/json: schema: $ref: '#/components/schemas/X' ```";
    const notice = "> For clean Markdown of any page, append .md to the page URL.";
    const endpoint = importPageText(
      "a.md",
      `${notice} # A GET https://api.example.com/a Reference: https://r ## OpenAPI Specification ${block}`,
    );
    if (!endpoint.ok) throw new Error(endpoint.problem.message);
    expect(parse(endpoint.yaml)).toMatchObject({
      components: { schemas: { X: { type: "object", example: { a: "b" } } } },
      paths: { "/a": { get: { operationId: "a" } } },
    });
    // Without the line nothing says the document has paths: they could be a key of the schema's example.
    expect(
      importPageText("a.md", `${notice} # A Reference: https://r ## OpenAPI Specification ${block}`),
    ).toMatchObject({
      ok: false,
      problem: { message: expect.stringMatching(/ambiguous at word \d+ \(character \d+, "paths:"\)/) },
    });
  });

  it("recovers page 002 as the original document, key order included, alone and with the clean pages' evidence", async () => {
    const pages = (await readdir(SEEDS)).sort();
    const evidence = emptyEvidence();
    for (const clean of pages.slice(0, 2)) {
      const outcome = importPageText(clean, await readFile(path.join(SEEDS, clean), "utf8"));
      if (outcome.ok) learnFrom(evidence, parse(outcome.yaml));
    }
    const page = pages[2] as string;
    const text = await readFile(path.join(SEEDS, page), "utf8");
    const original = parse(await readFile(path.join(SPECS_DIR, "workspaces/runtimes-stop.yaml"), "utf8"));
    // Alone, its enums (`- profile - ephemeral`) are decided by enumDashRule, its `paths` by its endpoint line.
    const alone = importPageText(page, text);
    for (const outcome of [alone, importPageText(page, text, { evidence })]) {
      if (!outcome.ok) throw new Error(outcome.problem.message);
      expect(JSON.stringify(parse(outcome.yaml))).toBe(JSON.stringify(original));
    }
    expect(alone).toMatchObject({ decided: expect.stringMatching(/enum values are single words/) });
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
    {
      given: { paths: { "/a": { get: { operationId: "CON", tags: ["aux"] } } } },
      want: "aux_/CON_.yaml",
    },
    {
      given: { paths: { "/a": { get: { operationId: "com1.list", tags: ["tag."] } } } },
      want: "tag/com1_.list.yaml",
    },
    { given: { paths: { "/a": { get: { operationId: "Lpt9...", tags: ["x"] } } } }, want: "x/Lpt9_.yaml" },
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

  it("tells why the page's whole block is refused, not why a block cut at a fence inside its Markdown is", () => {
    // truora.com's `info` description holds a code fence followed by a heading, where a block could end as well: that
    // extent is tried first and fails at once (its operation has no response), the true one is ambiguous further on.
    const text = readFileSync(path.join(FIXTURES, "ambiguous-page/nested-properties.txt"), "utf8").replace(
      "responses: default: description: d",
      "description: |- Create one: ``` POST /a ``` # Errors None. responses: default: description: d",
    );
    const outcome = importPageText("page.md", text);
    expect(outcome.ok ? "written" : outcome.problem.message).toMatch(/: ambiguous at word \d+ .*"z:"/);
  });
});

describe("the extent of a collapsed page's spec block", () => {
  it("is not cut at a code fence inside a Markdown text, where the page's shorter extent reads as a document too", () => {
    // The last text of the document holds a code block followed by a heading: ` ``` # Errors` could end the block, and
    // the text up to it reads as a whole document, with the description cut after `POST /a`.
    const yaml = `${spec("create")}          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Pet'\ncomponents:\n  schemas:\n    Pet:\n      description: |-\n        Create one:\n        \`\`\`\n        POST /a\n        \`\`\`\n        # Errors\n        None.\n`;
    const page = docsPage(yaml, "\n## SDK Code Examples\n\n```python\nimport requests\n```\n");
    const outcome = importPageText("page.md", page.replace(/\s+/g, " "));
    expect(outcome.ok ? parse(outcome.yaml).components : outcome.problem.message).toEqual({
      schemas: { Pet: { description: "Create one: ``` POST /a ``` # Errors None." } },
    });
  });
});

describe("the ```yaml openings of a collapsed page", () => {
  // probely.com's `info` description shows the header to send in a YAML code block; collapsed, its ```yaml opening
  // sits inside the spec block and was taken for a second spec block.
  const withCodeBlock = (code: string) =>
    `${spec("scan")}          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Pet'\ncomponents:\n  schemas:\n    Pet:\n      description: |-\n        Pass the token in the header:\n        \`\`\`yaml\n        ${code}\n        \`\`\`\n        Treat it as a password.\n`;

  it("reads a page whose text holds a YAML code block", () => {
    const page = docsPage(withCodeBlock("Authorization: JWT eyJhbGciOi"), "\n## SDK Code Examples\n");
    const outcome = importPageText("page.md", page.replace(/\s+/g, " "));
    expect(outcome.ok ? parse(outcome.yaml).components : outcome.problem.message).toEqual({
      schemas: {
        Pet: {
          description:
            "Pass the token in the header: ```yaml Authorization: JWT eyJhbGciOi ``` Treat it as a password.",
        },
      },
    });
  });

  it("refuses a page with a YAML code block after the spec's block (the review's), which its last text could take", () => {
    const page = docsPage(
      withCodeBlock("Authorization: JWT eyJhbGciOi"),
      "\nExample response:\n\n```yaml\nname: Rex\nkind: dog\n```\n\n## SDK Code Examples\n",
    );
    const outcome = importPageText("page.md", page.replace(/\s+/g, " "));
    expect(outcome.ok ? "written" : outcome.problem.message).toBe(
      "2 ```yaml spec blocks in the page; expected exactly one",
    );
  });

  it("refuses a page holding a second spec block", () => {
    const page = docsPage(spec("scan"), `\n## Another\n\n\`\`\`yaml\n${spec("other")}\`\`\`\n`);
    const collapsed = page.replace(/\s+/g, " ").replace("## Another ", "");
    const outcome = importPageText("page.md", collapsed);
    expect(outcome.ok ? "written" : outcome.problem.message).toBe(
      "2 ```yaml spec blocks in the page; expected exactly one",
    );
  });
});

/** A docs page of the site's shape around `yaml`, with `after` as the page's later sections. */
function docsPage(yaml: string, after = ""): string {
  return `# Page\n\nGET https://api.example.com/a\n\n## OpenAPI Specification\n\n\`\`\`yaml\n${yaml}\`\`\`\n${after}`;
}

const spec = (operationId: string, tag = "pets") =>
  `openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: ${operationId}\n      tags:\n        - ${tag}\n      responses:\n        '200':\n          description: OK\n`;

describe("import limits and portable output", () => {
  async function pagesDir(pages: Record<string, string>): Promise<string> {
    const dir = await outDir();
    for (const [name, text] of Object.entries(pages)) await writeFile(path.join(dir, name), text);
    return dir;
  }

  it("refuses a page over the page size limit, naming the limit, and imports the others", async () => {
    const dir = await pagesDir({
      "big.md": docsPage(spec("big")).padEnd(5_000, " "),
      "small.md": docsPage(spec("small")),
    });
    const summary = await importPages({
      inputs: [dir],
      outDir: await outDir(),
      maxPageBytes: 4_000,
      evidenceDirs: [],
    });
    expect(summary.failed).toEqual([
      {
        file: path.join(dir, "big.md"),
        message: "page larger than the page size limit of 4000 bytes (--max-page-bytes)",
      },
    ]);
    expect(summary.imported.map(({ fileName }) => fileName)).toEqual(["pets/small.yaml"]);
  });

  it("writes Windows device names and trailing dots portably", async () => {
    const out = await outDir();
    const dir = await pagesDir({
      "a.md": docsPage(spec("CON", "aux")),
      "b.md": docsPage(spec("list.", "tag.")),
    });
    const summary = await importPages({ inputs: [dir], outDir: out, evidenceDirs: [] });
    expect(summary.failed).toEqual([]);
    expect((await readdir(out, { recursive: true })).sort()).toEqual([
      "aux_",
      "aux_/CON_.yaml",
      "tag",
      "tag/list.yaml",
    ]);
  });

  it("fails the second of two pages whose file names differ only in letter case, naming both", async () => {
    const out = await outDir();
    const dir = await pagesDir({ "a.md": docsPage(spec("getPet")), "b.md": docsPage(spec("getpet")) });
    const summary = await importPages({ inputs: [dir], outDir: out, evidenceDirs: [] });
    expect(summary.failed).toEqual([
      {
        file: path.join(dir, "b.md"),
        message: "pets/getpet.yaml differs only in letter case from pets/getPet.yaml, imported in this run",
        otherFile: path.join(dir, "a.md"),
      },
    ]);
    const again = await importPages({ inputs: [path.join(dir, "b.md")], outDir: out, evidenceDirs: [] });
    expect(again.failed[0]?.message).toBe(
      `pets/getpet.yaml differs only in letter case from pets/getPet.yaml, already in ${out}`,
    );
  });

  it("imports a page whose other sections hold YAML blocks of their own, clean or collapsed", async () => {
    const example = "\n## Examples\n\n```yaml\nname: Rex\n```\n";
    const clean = docsPage(spec("withExamples"), example);
    for (const text of [clean, clean.replace(/\s+/g, " ")]) {
      const outcome = importPageText("page.md", text);
      expect(outcome.ok ? outcome.fileName : outcome.problem.message).toBe("pets/withExamples.yaml");
    }
  });
});
