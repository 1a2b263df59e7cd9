import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findSpecFiles, loadSpecs, parseSpec } from "../scripts/load.ts";
import { GeneratorError } from "../scripts/openapi.ts";
import { SPECS_DIR } from "./support/seeds.ts";

describe("findSpecFiles", () => {
  it("finds .yaml and .yml files recursively, sorted, with / separators", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "load-"));
    await mkdir(path.join(dir, "b/nested"), { recursive: true });
    await writeFile(path.join(dir, "b/nested/z.yml"), "");
    await writeFile(path.join(dir, "a.yaml"), "");
    await writeFile(path.join(dir, "notes.md"), "");
    expect(await findSpecFiles(dir)).toEqual(["a.yaml", "b/nested/z.yml"]);
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
  ];
  it.each(cases)("rejects $name with the file and the line or pointer", ({ text, want }) => {
    expect(() => parseSpec("x.yaml", text)).toThrow(GeneratorError);
    expect(() => parseSpec("x.yaml", text)).toThrow(want);
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
