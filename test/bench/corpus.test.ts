import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listEndpoints, methodOf, pathOf } from "../../bench/corpus/endpoints.ts";
import { type CorpusFile, generateCorpus, writeCorpus } from "../../bench/corpus.ts";
import { buildOutputs } from "../../scripts/generate.ts";

interface ParsedFile {
  file: string;
  route: string;
  method: string;
  operation: Record<string, unknown>;
  document: Record<string, unknown>;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

function parseCorpus(files: readonly CorpusFile[]): ParsedFile[] {
  return files.map(({ file, text }) => {
    const document = parse(text) as Record<string, unknown>;
    const [route, item] = Object.entries(document.paths as Record<string, Record<string, unknown>>)[0] ?? [];
    const [method, operation] = Object.entries(item ?? {})[0] ?? [];
    return {
      file,
      route: route ?? "",
      method: method ?? "",
      operation: operation as Record<string, unknown>,
      document,
    };
  });
}

function schemasOf(parsed: ParsedFile): Record<string, Record<string, unknown>> {
  return (
    (parsed.document.components as Record<string, Record<string, Record<string, unknown>>>).schemas ?? {}
  );
}

/** Every `$ref` string anywhere under `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === "$ref" && typeof v === "string" ? [v] : refsIn(v),
  );
}

const files = generateCorpus({ endpoints: 300 });
const corpus = parseCorpus(files);

describe("bench corpus", () => {
  it.each([
    {
      given: "the same endpoints and seed",
      a: { endpoints: 40, seed: 3 },
      b: { endpoints: 40, seed: 3 },
      same: true,
    },
    {
      given: "the default seed spelled out",
      a: { endpoints: 40 },
      b: { endpoints: 40, seed: 1 },
      same: true,
    },
    { given: "another seed", a: { endpoints: 40, seed: 3 }, b: { endpoints: 40, seed: 4 }, same: false },
  ])("is deterministic: $given → same files: $same", ({ a, b, same }) => {
    expect(isDeepStrictEqual(generateCorpus(a), generateCorpus(b))).toBe(same);
  });

  it("the first N files are a prefix of the first N+k", () => {
    expect(files.slice(0, 25)).toEqual(generateCorpus({ endpoints: 25 }));
  });

  it("writes one document per endpoint, each with one path and one method, all (path, method) pairs distinct", () => {
    expect(corpus).toHaveLength(300);
    expect(new Set(corpus.map((c) => c.file)).size).toBe(300);
    for (const c of corpus) {
      expect(Object.keys(c.document.paths as object), c.file).toHaveLength(1);
      expect(METHODS, c.file).toContain(c.method);
    }
    expect(new Set(corpus.map((c) => `${c.method} ${c.route}`)).size).toBe(300);
  });

  it("stays distinct past the number of combinations by moving to /v2", () => {
    const routes = listEndpoints(1300, 1).map((endpoint) => `${methodOf(endpoint)} ${pathOf(endpoint)}`);
    expect(new Set(routes).size).toBe(1300);
    expect(routes.some((route) => route.includes(" /v2/"))).toBe(true);
  });

  it("reuses operationIds across different paths, as the docs site does", () => {
    const pathsById = new Map<string, Set<string>>();
    for (const c of corpus) {
      const id = c.operation.operationId as string;
      pathsById.set(id, (pathsById.get(id) ?? new Set()).add(`${c.method} ${c.route}`));
    }
    expect(pathsById.get("get")?.size).toBeGreaterThan(3);
    expect(pathsById.get("execute")?.size).toBeGreaterThan(3);
    const acrossScopes = [...pathsById.entries()].filter(
      ([id, routes]) =>
        id.includes("-") &&
        [...routes].some((r) => r.includes("/spaces/")) &&
        [...routes].some((r) => r.includes("/workspaces/")),
    );
    expect(acrossScopes.length).toBeGreaterThan(3);
  });

  it("declares the Authorization header, servers, tag and bearer scheme like the site's pages", () => {
    for (const c of corpus) {
      const parameters = c.operation.parameters as Record<string, unknown>[];
      expect(parameters, c.file).toContainEqual({
        name: "Authorization",
        in: "header",
        description: "Use Bearer <api-key>.",
        required: true,
        schema: { type: "string" },
      });
      const inPath = parameters.filter((p) => p.in === "path").map((p) => `{${p.name}}`);
      expect(c.route.match(/\{[^}]+\}/g), c.file).toEqual(inPath);
      expect(c.document.servers).toEqual([{ url: "https://api.bctrl.ai" }, { url: "http://localhost:8787" }]);
      expect(c.operation.tags).toEqual([`subpackage_${c.file.split("/")[0]}`]);
      expect(c.operation.requestBody !== undefined, c.file).toBe(
        ["post", "put", "patch"].includes(c.method) && !c.route.endsWith("/stop"),
      );
    }
    expect(
      corpus.some((c) => (c.operation.parameters as { in: string }[]).some((p) => p.in === "query")),
    ).toBe(true);
  });

  it("titles every schema with its own name and resolves every $ref within its file", () => {
    for (const c of corpus) {
      const schemas = schemasOf(c);
      for (const [name, schema] of Object.entries(schemas)) expect(schema.title, c.file).toBe(name);
      for (const ref of refsIn(c.document)) {
        expect(ref, c.file).toMatch(/^#\/components\/schemas\//);
        expect(schemas, `${c.file} ${ref}`).toHaveProperty([ref.replace("#/components/schemas/", "")]);
      }
    }
  });

  it("gives a component name the same content in every file that uses it (so merging never conflicts)", () => {
    const seen = new Map<string, unknown>();
    let shared = 0;
    for (const c of corpus) {
      const components = c.document.components as Record<string, Record<string, unknown>>;
      for (const [kind, entries] of Object.entries(components)) {
        for (const [name, value] of Object.entries(entries)) {
          const key = `${kind}/${name}`;
          if (seen.has(key)) {
            shared++;
            expect(value, `${c.file} ${key}`).toEqual(seen.get(key));
          } else seen.set(key, value);
        }
      }
    }
    expect(shared).toBeGreaterThanOrEqual(299);
  });

  it("repeats shared enums under different names, and has oneOf variants, arrays, nullable types and long names", () => {
    const all = corpus.flatMap((c) => Object.entries(schemasOf(c)));
    const protocolNames = all
      .filter(([, s]) => isDeepStrictEqual(s.enum, ["cdp", "cua", "rdp", "vnc", "mcp", "http"]))
      .map(([name]) => name);
    expect(new Set(protocolNames).size).toBeGreaterThan(10);
    const variants = all.filter(([, s]) => Array.isArray(s.oneOf));
    expect(variants.length).toBeGreaterThan(0);
    const typeConstant = (s: Record<string, unknown>) =>
      (s.properties as Record<string, { enum?: unknown[] }> | undefined)?.type?.enum?.length === 1;
    expect(variants.every(([, s]) => (s.oneOf as unknown[]).length > 1)).toBe(true);
    expect(all.some(([, s]) => typeConstant(s))).toBe(true);
    expect(all.some(([name]) => /^V1\w+RequestBodyContentApplicationJsonSchema\w+$/.test(name))).toBe(true);
    expect(all.some(([name]) => /^(spaces|workspaces)_[a-z]\w*_Response_200$/.test(name))).toBe(true);
    const text = files.map((f) => f.text).join("\n");
    expect(text).toContain("type: array");
    expect(text).toMatch(/type:\n\s+- string\n\s+- 'null'/);
  });

  it("goes through the whole generator at N = 100, every operation kept with a unique operationId", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bench-corpus-"));
    try {
      await writeCorpus(dir, generateCorpus({ endpoints: 100 }));
      const { files, report } = await buildOutputs(dir);
      expect(report.operations).toBe(100);
      const merged = parse(files.get("openapi.yaml") ?? "") as {
        paths: Record<string, Record<string, unknown>>;
      };
      const ids = Object.values(merged.paths).flatMap((item) =>
        Object.values(item).map((operation) => (operation as { operationId?: string }).operationId),
      );
      expect(ids).toHaveLength(100);
      expect(new Set(ids).size).toBe(100);
      expect(files.get("schema.ts")).toContain("export interface paths");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
