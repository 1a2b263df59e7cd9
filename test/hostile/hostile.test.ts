/**
 * The hostile-input corpus run through the library: every illegal case fails with one line naming the file and the
 * JSON pointer or line and leaves the output folder byte-identical; every legal case generates code that compiles
 * under `--strict` and carries spec text only inside comments and string literals.
 * (test/hostile/cli.test.ts runs a representative subset through the real command for exit codes and stderr.)
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOutputs, generate } from "../../scripts/generate.ts";
import { REFUSED_KEYS } from "../../scripts/load/guard.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { type CorpusCase, corpusWithPriorOutput, snapshotFolder } from "./support/hostile.ts";

/** Every payload in the corpus that must stay inert carries this word (names never do). */
const MARKER = "PWNED";

/** `file`, then `:line` or `#/pointer` (or both), then `: message`. */
const ONE_PROBLEM_LINE = /^[^\s:#][^:#]*(?::\d+)?(?:#[^ ]*)?: \S/;

let corpus: CorpusCase[];
let prior: string;
const temporary: string[] = [];

beforeAll(async () => {
  const fixture = await corpusWithPriorOutput("hostile-prior-");
  corpus = fixture.cases;
  prior = fixture.prior;
  temporary.push(...fixture.folders);
});

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function failureOf(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("the corpus", () => {
  it("holds at least 40 cases, both legal and illegal", async () => {
    const all = corpus;
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.filter((c) => c.error === undefined).length).toBeGreaterThan(10);
    expect(all.filter((c) => c.error !== undefined).length).toBeGreaterThan(30);
  });
});

describe("illegal input", () => {
  it("fails with one line naming the file and line or pointer, and leaves the output folder byte-identical", async () => {
    const before = await snapshotFolder(prior);
    const results = [];
    for (const { name, specsDir, error } of corpus.filter((c) => c.error !== undefined)) {
      const outDir = await mkdtemp(path.join(tmpdir(), "hostile-out-"));
      temporary.push(outDir);
      await cp(prior, outDir, { recursive: true });
      const failure = await failureOf(generate({ specsDir, outDir, parseCache: false }));
      const message =
        failure instanceof GeneratorError ? failure.message : `not a GeneratorError: ${failure}`;
      results.push({
        name,
        lines: message.split("\n").length,
        matches: `error: ${message}`.startsWith(error ?? ""),
        located: ONE_PROBLEM_LINE.test(message),
        unchanged: equalSnapshots(await snapshotFolder(outDir), before),
        scratchLeft: (await readdir(path.dirname(outDir))).filter(
          (n) => n.includes(path.basename(outDir)) && n !== path.basename(outDir),
        ),
        message,
      });
    }
    expect(results.length).toBeGreaterThan(30);
    const wrong = results.filter(
      (r) => r.lines !== 1 || !r.matches || !r.located || !r.unchanged || r.scratchLeft.length > 0,
    );
    expect(wrong).toEqual([]);
  });

  it("refuses the 50 MiB document by its size", async () => {
    const huge = corpus.find((c) => c.name === "fails-on-50-mib-document");
    await expect(buildOutputs(huge?.specsDir ?? "")).rejects.toThrow(
      /^huge\.yaml: file is 50\.0 MiB, over the 8\.0 MiB limit for one spec$/,
    );
  });
});

describe("legal but hostile input", () => {
  let outputs: Map<string, ReadonlyMap<string, string>>;
  beforeAll(async () => {
    outputs = new Map();
    for (const { name, specsDir } of corpus.filter((c) => c.error === undefined)) {
      outputs.set(name, (await buildOutputs(specsDir)).files);
    }
  });

  it("generates TypeScript that compiles under --strict (one program over every case)", () => {
    const inMemory = new Map<string, string>();
    for (const [name, files] of outputs) {
      for (const [file, text] of files)
        if (file.endsWith(".ts")) inMemory.set(`/virtual/${name}/${file}`, text);
    }
    const host = ts.createCompilerHost({});
    const readFromDisk = host.readFile;
    host.readFile = (file) => inMemory.get(file) ?? readFromDisk(file);
    host.fileExists = (file) => inMemory.has(file) || ts.sys.fileExists(file);
    host.directoryExists = (dir) =>
      [...inMemory.keys()].some((file) => file.startsWith(`${dir}/`)) || ts.sys.directoryExists(dir);
    const program = ts.createProgram(
      [...inMemory.keys()],
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        // The generated modules import each other as `./schema.js`, as the built package does.
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        skipLibCheck: true,
      },
      host,
    );
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
  });

  it("keeps spec text inside comments and string literals (scanned token by token)", () => {
    const escaped: string[] = [];
    let seen = 0;
    for (const [name, files] of outputs) {
      for (const [file, text] of files) {
        if (!file.endsWith(".ts")) continue;
        for (const token of tokensContaining(text, MARKER)) {
          seen += 1;
          if (!INERT_TOKENS.has(token.kind))
            escaped.push(`${name}/${file}: ${ts.SyntaxKind[token.kind]} ${token.text}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(escaped).toEqual([]);
  });

  it("prints hostile text into openapi.yaml unchanged", async () => {
    const hostile = corpus.find((c) => c.name === "generates-hostile-descriptions");
    const spec = parse(await readFile(path.join(hostile?.specsDir ?? "", "a.yaml"), "utf8"));
    const merged = parse(outputs.get("generates-hostile-descriptions")?.get("openapi.yaml") ?? "");
    const description: unknown = merged.components.schemas.Thing.description;
    expect(description).toBe(spec.components.schemas.Thing.description);
    expect(description).toEqual(expect.stringContaining("*/"));
    expect(description).toEqual(expect.stringContaining(["$", "{process.exit(1)}"].join("")));
  });

  it("never pollutes Object.prototype", () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe("every Object.prototype member as a name", () => {
  const page = (schemas: string) =>
    [
      "openapi: 3.1.0",
      "info: { title: t, version: '1' }",
      "security: [{ bearerAuth: [] }]",
      "paths:",
      "  /things:",
      "    get:",
      "      operationId: listThings",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      "              schema: { $ref: '#/components/schemas/Thing' }",
      "components:",
      "  securitySchemes:",
      "    bearerAuth: { type: http, scheme: bearer }",
      "  schemas:",
      schemas,
    ].join("\n");
  const roles: Record<string, (name: string) => string> = {
    "schema name": (name) => `    Thing: { type: string }\n    ${JSON.stringify(name)}: { type: string }`,
    "property name": (name) =>
      `    Thing: { type: object, properties: { ${JSON.stringify(name)}: { type: string } } }`,
    "enum value": (name) => `    Thing: { type: string, enum: [${JSON.stringify(name)}] }`,
    "extension key": (name) => `    Thing: { type: string, x-meta: { ${JSON.stringify(name)}: 1 } }`,
  };
  const cases = Object.getOwnPropertyNames(Object.prototype).flatMap((name) =>
    Object.entries(roles).map(([role, schemas]) => ({ name, role, text: page(schemas(name)) })),
  );

  it(`generates or fails with one line naming the file, never crashes (${cases.length} cases)`, async () => {
    const outcomes = [];
    for (const { name, role, text } of cases) {
      const specsDir = await mkdtemp(path.join(tmpdir(), "hostile-proto-"));
      temporary.push(specsDir);
      await writeFile(path.join(specsDir, "a.yaml"), text);
      const failure = await failureOf(buildOutputs(specsDir));
      const outcome =
        failure === undefined
          ? "generates"
          : failure instanceof GeneratorError &&
              failure.problems.length === 1 &&
              /^a\.yaml#\//.test(failure.message)
            ? "refused"
            : `crashed: ${failure}`;
      outcomes.push({ name, role, outcome });
    }
    // Refused exactly where the name is a key the load stage guards; as an enum value it is plain data.
    const want = (name: string, role: string) =>
      role !== "enum value" && REFUSED_KEYS.has(name) ? "refused" : "generates";
    expect(outcomes.filter((o) => o.outcome !== want(o.name, o.role))).toEqual([]);
    expect({}).not.toHaveProperty("polluted");
  });
});

const INERT_TOKENS = new Set([
  ts.SyntaxKind.SingleLineCommentTrivia,
  ts.SyntaxKind.MultiLineCommentTrivia,
  ts.SyntaxKind.StringLiteral,
]);

/** The tokens of `text` (comments included) whose source text contains `marker`. */
function tokensContaining(text: string, marker: string): { kind: ts.SyntaxKind; text: string }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const found: { kind: ts.SyntaxKind; text: string }[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const tokenText = scanner.getTokenText();
    if (tokenText.includes(marker)) found.push({ kind, text: tokenText.slice(0, 80) });
  }
  return found;
}

function equalSnapshots(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);
}
