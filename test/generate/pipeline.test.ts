import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readAliasLock } from "../../scripts/aliases/name-lock.ts";
import { buildOutputs } from "../../scripts/generate.ts";
import type { OpenAPI3, OperationObject, ParameterObject } from "../../scripts/shared/openapi.ts";
import { runCliInProcess, spawnCli } from "../support/cli.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";
import { GENERATED_DIR, SPECS_DIR } from "../support/seeds.ts";

/** Every operation of the seed pages, as `METHOD path`. */
const SEED_OPERATIONS = [
  "POST /v1/spaces/{id}/runtimes/{runtimeId}/connections",
  "DELETE /v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}",
  "POST /v1/workspaces/{id}/runtimes/{alias}/stop",
];

function operationsOf(document: OpenAPI3): [string, OperationObject][] {
  return Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    Object.entries(item as Record<string, unknown>)
      .filter(([method]) =>
        ["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(method),
      )
      .map(([method, operation]): [string, OperationObject] => [
        `${method.toUpperCase()} ${route}`,
        operation as OperationObject,
      ]),
  );
}

describe("golden: the seed specs", () => {
  let files: ReadonlyMap<string, string>;
  beforeAll(async () => {
    // As `generate` does: the committed alias lock keeps existing names.
    files = (await buildOutputs(SPECS_DIR, {}, await readAliasLock(GENERATED_DIR))).files;
  });

  it("regenerate byte-identically to the committed generated/ files (run `make generate` if this fails)", async () => {
    for (const [name, content] of files) {
      expect(await readFile(path.join(GENERATED_DIR, name), "utf8"), name).toBe(content);
    }
  });

  it("hold every seed endpoint, each without an Authorization parameter, under one bearer requirement", () => {
    const document = parse(files.get("openapi.yaml") ?? "") as OpenAPI3;
    const operations = operationsOf(document);
    expect(operations.map(([key]) => key).sort()).toEqual([...SEED_OPERATIONS].sort());
    for (const [key, operation] of operations) {
      const names = (operation.parameters ?? []).map((p) => (p as ParameterObject).name.toLowerCase());
      expect(names, key).not.toContain("authorization");
    }
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(document.servers?.[0]?.url).toBe("https://api.bctrl.ai");
  });

  it("compile under tsc --strict", () => {
    const sources = Object.fromEntries(
      [...files].filter(([name]) => name.endsWith(".ts")).map(([name, text]) => [`/virtual/${name}`, text]),
    );
    const program = inMemoryProgram(sources);
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(2);
    for (const file of Object.keys(sources)) expect(program.diagnostics(file), file).toEqual([]);
  });
});

describe("npm run generate -- --specs DIR --out DIR", () => {
  it("writes openapi.yaml and schema.ts into any output folder from specs found recursively", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "pipeline-"));
    await cp(SPECS_DIR, path.join(work, "in/deeper"), { recursive: true });
    const { stdout, code } = await runCliInProcess(
      ["generate", "--specs", path.join(work, "in"), "--out", path.join(work, "out")],
      work,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 specs, 3 paths, 3 operations/);
    const written = await readdir(path.join(work, "out"));
    expect(written).toEqual(expect.arrayContaining(["openapi.yaml", "schema.ts"]));
    expect(await readFile(path.join(work, "out/schema.ts"), "utf8")).toContain("export interface paths");
  });

  it("fails with a one-line error naming the file and line, exit code 1, and writes nothing", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "pipeline-bad-"));
    await cp(SPECS_DIR, path.join(work, "in"), { recursive: true });
    await writeFile(path.join(work, "in/broken.yaml"), "openapi: 3.1.0\npaths:\n  /x: [\n");
    // A real process: the exit code, and that nothing else reaches stderr.
    const failure = await spawnCli(
      ["generate", "--specs", path.join(work, "in"), "--out", path.join(work, "out")],
      work,
    );
    expect(failure.code).toBe(1);
    const lines = failure.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: broken\.yaml:\d+: invalid YAML/);
    await expect(readdir(path.join(work, "out"))).rejects.toThrow(/ENOENT/);
  });
});
