import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { serialize } from "node:v8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSpecFiles, loadSpecs, parseSpec } from "../../scripts/load/load.ts";
import { contentHash, parserIdentity, readParseCache } from "../../scripts/load/parse-cache.ts";
import { GeneratorError, type SpecFile } from "../../scripts/shared/openapi.ts";
import { type CorpusCase, readCorpus } from "../hostile/support/hostile.ts";
import { SPECS_DIR } from "../support/seeds.ts";

describe("findSpecFiles", () => {
  it("finds .yaml, .yml and .json files recursively, sorted, with / separators", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "load-"));
    await mkdir(path.join(dir, "b/nested"), { recursive: true });
    await writeFile(path.join(dir, "b/nested/z.yml"), "");
    await writeFile(path.join(dir, "a.yaml"), "");
    await writeFile(path.join(dir, "c.json"), "");
    await writeFile(path.join(dir, "notes.md"), "");
    expect(await findSpecFiles(dir)).toEqual(["a.yaml", "b/nested/z.yml", "c.json"]);
  });
});

describe("loadSpecs on JSON", () => {
  it("reads a .json page as the same document as its YAML (most public specs are published as JSON)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "load-json-"));
    const [seed] = await loadSpecs(SPECS_DIR);
    const document = (seed as { document: unknown }).document;
    await writeFile(path.join(dir, "page.json"), JSON.stringify(document, null, 2));
    const [loaded] = await loadSpecs(dir, {});
    expect(loaded).toEqual({ file: "page.json", document });
  });
});

describe("parseSpec", () => {
  const cases: { name: string; text: string; want: RegExp }[] = [
    { name: "invalid YAML", text: "openapi: 3.1.0\npaths: {\n", want: /^x\.yaml:\d+: invalid YAML/ },
    {
      name: "duplicate keys",
      text: "openapi: 3.1.0\nopenapi: 3.1.0\npaths: {}\n",
      want: /^x\.yaml:2: invalid YAML/,
    },
    { name: "a list", text: "- a\n", want: /^x\.yaml#: not an OpenAPI document/ },
    {
      name: "Swagger 2.0",
      text: "swagger: '2.0'\npaths: {}\n",
      want: /^x\.yaml#\/openapi: not an OpenAPI 3.x document/,
    },
    { name: "no paths", text: "openapi: 3.1.0\n", want: /^x\.yaml#\/paths: missing `paths`/ },
    {
      name: "3.0 webhooks and no paths (3.0 has no webhooks)",
      text: "openapi: 3.0.3\nwebhooks: {}\n",
      want: /^x\.yaml#\/paths: missing `paths`/,
    },
  ];
  it.each(cases)("rejects $name with the file and the line or pointer", ({ text, want }) => {
    expect(() => parseSpec("x.yaml", text)).toThrow(GeneratorError);
    expect(() => parseSpec("x.yaml", text)).toThrow(want);
  });
});

describe("a 3.1 document of webhooks only", () => {
  // @readme/oas-examples 8.2.2 (MIT), 3.1/json/webhooks.json: OpenAPI 3.1 makes `paths` optional beside `webhooks`.
  const text = JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Webhook Example", version: "1.0.0" },
    webhooks: {
      newPet: {
        post: {
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          responses: { "200": { description: "Return a 200 status to indicate that the data was received" } },
        },
      },
    },
    components: { schemas: { Pet: { required: ["id"], properties: { id: { type: "integer" } } } } },
  });

  it("is read as it is, with no paths", () => {
    const { document } = parseSpec("webhooks.yaml", text);
    expect(document.paths).toBeUndefined();
    expect(Object.keys(document.webhooks ?? {})).toEqual(["newPet"]);
  });
});

describe("loadSpecs", () => {
  it("loads every seed spec", async () => {
    const specs = await loadSpecs(SPECS_DIR);
    expect(specs.map((s) => s.file)).toEqual([
      "spaces/runtimes-connections-create.yaml",
      "spaces/runtimes-connections-delete.yaml",
      "workspaces/runtimes-stop.yaml",
    ]);
    expect(specs.every((s) => s.document.openapi === "3.1.0")).toBe(true);
  });
});

describe("loadSpecs with a parse cache", () => {
  const spec = (title: string) =>
    [
      "openapi: 3.1.0",
      `info: { title: ${title}, version: '1' }`,
      "paths:",
      "  /v1/a:",
      "    get:",
      "      responses:",
      "        '200':",
      "          description: &ok OK",
      "          content:",
      "            application/json:",
      "              schema: &shape { type: number, enum: [.nan, .inf, -0.0, 1] }",
      "        '201': { description: *ok, content: { application/json: { schema: *shape } } }",
      "",
    ].join("\n");

  async function folder(files: Record<string, string>): Promise<{ specs: string; cache: string }> {
    const root = await mkdtemp(path.join(tmpdir(), "load-cache-"));
    const specs = path.join(root, "specs");
    await mkdir(specs);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(specs, name), text);
    return { specs, cache: path.join(root, "cache") };
  }

  it("gives what a fresh parse gives, shared alias targets, NaN and -0 included", async () => {
    const { specs, cache } = await folder({ "a.yaml": spec("A"), "b.yaml": spec("B") });
    const fresh = await loadSpecs(specs);
    const cold = await loadSpecs(specs, { cacheDir: cache });
    const warm = await loadSpecs(specs, { cacheDir: cache });
    expect((await readParseCache(cache, await parserIdentity())).size).toBe(2);
    for (const loaded of [cold, warm]) expect(loaded).toStrictEqual(fresh);
    type Responses = Record<string, { content: Record<string, { schema: unknown }> }>;
    const item = warm[0]?.document.paths?.["/v1/a"] as { get: { responses: Responses } };
    const responses = item.get.responses;
    expect(responses["200"]?.content["application/json"]?.schema).toBe(
      responses["201"]?.content["application/json"]?.schema,
    );
  });

  it("parses an edited spec again and drops entries of specs that are gone", async () => {
    const { specs, cache } = await folder({ "a.yaml": spec("A"), "b.yaml": spec("B") });
    await loadSpecs(specs, { cacheDir: cache });
    await writeFile(path.join(specs, "a.yaml"), spec("Edited"));
    await writeFile(path.join(specs, "b.yaml"), spec("A"));
    const loaded = await loadSpecs(specs, { cacheDir: cache });
    expect(loaded.map((s) => [s.file, s.document.info?.title])).toEqual([
      ["a.yaml", "Edited"],
      ["b.yaml", "A"],
    ]);
    const entries = await readParseCache(cache, await parserIdentity());
    expect([...entries.keys()].sort()).toEqual([contentHash(spec("Edited")), contentHash(spec("A"))].sort());
  });

  it("gives two files with the same bytes a document each", async () => {
    const { specs, cache } = await folder({ "a.yaml": spec("A"), "b.yaml": spec("A") });
    await loadSpecs(specs, { cacheDir: cache });
    const [a, b] = await loadSpecs(specs, { cacheDir: cache });
    expect(a?.document).toStrictEqual(b?.document);
    expect(a?.document).not.toBe(b?.document);
  });

  const foreign: { name: string; content: () => Promise<Buffer | string> }[] = [
    {
      name: "written by another parser version",
      content: async () =>
        serialize({ parser: "another", entries: new Map([[contentHash(spec("A")), { openapi: "3.0.0" }]]) }),
    },
    { name: "not a cache at all", content: async () => "not v8 data" },
    {
      name: "of the wrong shape",
      content: async () => serialize({ parser: await parserIdentity(), entries: [] }),
    },
  ];
  it.each(foreign)("ignores a cache file $name", async ({ content }) => {
    const { specs, cache } = await folder({ "a.yaml": spec("A") });
    await mkdir(cache);
    await writeFile(path.join(cache, "parsed-specs.v8"), await content());
    const [loaded] = await loadSpecs(specs, { cacheDir: cache });
    expect(loaded?.document).toStrictEqual(parseSpec("a.yaml", spec("A")).document);
    expect((await readParseCache(cache, await parserIdentity())).size).toBe(1);
  });

  it("stores nothing when a spec is refused, and still refuses it on the next run", async () => {
    const { specs, cache } = await folder({ "a.yaml": spec("A"), "bad.yaml": "openapi: 3.1.0\n" });
    for (let run = 0; run < 2; run++)
      await expect(loadSpecs(specs, { cacheDir: cache })).rejects.toThrow(
        /bad\.yaml#\/paths: missing `paths`/,
      );
    expect(await readdir(cache).catch(() => [])).toEqual([]);
  });

  it("leaves no temporary file behind", async () => {
    const { specs, cache } = await folder({ "a.yaml": spec("A") });
    await loadSpecs(specs, { cacheDir: cache });
    expect(await readdir(cache)).toEqual(["parsed-specs.v8"]);
    expect((await readFile(path.join(cache, "parsed-specs.v8"))).length).toBeGreaterThan(0);
  });
});

describe("loadSpecs on worker threads", () => {
  /** What a load gives: the specs, or the problems it threw. */
  async function outcome(dir: string, threads: number): Promise<SpecFile[] | unknown[]> {
    try {
      return await loadSpecs(dir, { threads });
    } catch (error) {
      if (error instanceof GeneratorError) return [...error.problems];
      throw error;
    }
  }

  it("gives the main thread's specs when the texts are spread over several threads", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "load-threads-"));
    // Three files of about 300 KB each: more than one batch, so both threads parse some.
    const padding = `x-padding: "${"p".repeat(300 * 1024)}"`;
    for (const name of ["a", "b", "c"])
      await writeFile(
        path.join(dir, `${name}.yaml`),
        `openapi: 3.1.0\n${padding}\npaths:\n  /v1/${name}: { get: { responses: { '200': { description: &d OK }, '201': { description: *d } } } }\n`,
      );
    const threaded = await outcome(dir, 2);
    expect(threaded).toStrictEqual(await outcome(dir, 0));
    expect((threaded as SpecFile[]).map((spec) => spec.file)).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
  });

  let corpus: { dir: string; cases: CorpusCase[] };
  beforeAll(async () => {
    corpus = await readCorpus();
  });
  afterAll(async () => {
    await rm(corpus.dir, { recursive: true, force: true });
  });
  it("gives the main thread's specs or problems (file, line, pointer, message) for every hostile-corpus case", async () => {
    expect(corpus.cases.length).toBeGreaterThan(50);
    for (const { name, specsDir } of corpus.cases) {
      const threaded = { name, outcome: await outcome(specsDir, 1) };
      const main = { name, outcome: await outcome(specsDir, 0) };
      expect(threaded).toEqual(main);
      // Strict too (undefined fields, NaN, -0), but not vitest's toStrictEqual: its type check reads `.constructor`,
      // which the `constructor` property-name cases define as their own (distinct but equal) objects.
      expect(isDeepStrictEqual(threaded, main), name).toBe(true);
    }
  });
});
