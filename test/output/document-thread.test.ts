/**
 * The lint and openapi.yaml's printing beside the types (scripts/output/document-thread.ts): on a thread or inline,
 * the same verdict and problems as validateDocument, and the same bytes as renderOpenApiYaml, on a document holding
 * what a structured clone or the lint could change (shared values, NaN, -0, keys needing quotes, multi-line and
 * non-ASCII text); the ref-chain check still comes first, on the main thread. The whole command: a collection big
 * enough to take the thread, with one invalid page, fails with the validator's one-line error naming that page,
 * exit code 1, and writes nothing.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../bench/corpus.ts";
import { startDocumentWork } from "../../scripts/output/document-thread.ts";
import { renderOpenApiYaml } from "../../scripts/output/write.ts";
import { GeneratorError, type OpenAPI3, type Problem } from "../../scripts/shared/openapi.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";
import { spawnCli } from "../support/cli.ts";

function documentWith(paths: number, broken: boolean): OpenAPI3 {
  const items: Record<string, unknown> = {};
  const shared = { type: "string", enum: ["a", "yes", "null", "1e3", "-0", ""] };
  for (let index = 0; index < paths; index++)
    items[`/v1/things/{id}/n${index}`] = {
      get: {
        operationId: `get${index}`,
        parameters: [{ name: "id", in: "path", required: true, schema: shared }],
        description: `Line one\n  indented line two\n\nafter a blank line — ünïcödé ${index}`,
        "x-numbers": [Number.NaN, -0, 0.1, 1e21, Number.POSITIVE_INFINITY],
        "x-quoted keys": { "key: with colon": true, "#hash": null, "- dash": "'single' \"double\"" },
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    };
  if (broken) {
    items["/v1/things/{id}/n1"] = { get: { operationId: "get1", responses: "none" } };
    items["/v1/things/{id}/n2"] = {
      get: { operationId: "get2", responses: { "200": { $ref: "#/components/responses/Missing" } } },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: items,
    components: { schemas: { Thing: { type: "object" } } },
  } as OpenAPI3;
}

async function problemsOf(run: Promise<void>): Promise<readonly Problem[]> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return [];
  if (error instanceof GeneratorError) return error.problems;
  throw error;
}

const sources = new Map([["/paths/~1v1~1things~1{id}~1n1", "things/n1.yaml"]]);

describe("startDocumentWork", () => {
  const cases = [
    { name: "on a thread", paths: 150, threads: 2, concurrent: true },
    { name: "inline on one core", paths: 150, threads: 1, concurrent: false },
    { name: "inline for a small document", paths: 5, threads: 2, concurrent: false },
  ];
  it.each(cases)(
    "$name: the verdict and problems of validateDocument, the bytes of renderOpenApiYaml",
    async ({ paths, threads, concurrent }) => {
      for (const broken of [false, true]) {
        const document = documentWith(paths, broken);
        const work = startDocumentWork(document, sources, threads);
        try {
          expect(work.concurrent).toBe(concurrent);
          const found = await problemsOf(work.validated());
          expect(found).toEqual(await problemsOf(validateDocument(document, sources)));
          expect(found.length > 0).toBe(broken);
          if (!broken) expect(await work.yamlText()).toBe(renderOpenApiYaml(document));
        } finally {
          await work.cancel();
        }
      }
    },
  );

  it("cancels a thread whose results are never asked for, without an unhandled rejection", async () => {
    const work = startDocumentWork(documentWith(150, false), sources, 2);
    await work.cancel();
    await expect(work.yamlText()).rejects.toThrow(/exited/);
  });

  it("refuses a ref chain too long to follow before starting anything", () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 2000; index++)
      schemas[`S${index}`] = { $ref: `#/components/schemas/S${index + 1}` };
    schemas.S2000 = { type: "string" };
    const document = { ...documentWith(150, false), components: { schemas } } as OpenAPI3;
    expect(() => startDocumentWork(document, sources, 2)).toThrow(/a chain of \d+ \$refs/);
  });
});

describe("the command, on a collection that takes the validator's thread", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bctrl-document-thread-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("fails with the invalid page's one-line error, exit code 1, and writes nothing", async () => {
    const files = generateCorpus({ endpoints: 120 }); // 114 paths: over the thread's threshold of 100
    const specs = path.join(dir, "specs");
    await writeCorpus(specs, files);
    const victim = files[7]?.file as string;
    const text = await readFile(path.join(specs, victim), "utf8");
    await writeFile(
      path.join(specs, victim),
      text.replace(/\n {6}responses:\n/, "\n      responses: none\n      x-was:\n"),
    );
    const out = path.join(dir, "out");
    const result = await spawnCli(["generate", "--specs", specs, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^error: ${victim}#/paths/`)),
    ]);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});
