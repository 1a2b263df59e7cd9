/**
 * `generate --check`, the no-op path and the CHANGES.md rule, on temporary copies of the seed specs.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, OWNED_FILES } from "../../scripts/generate.ts";
import { describeDrift, driftOf } from "../../scripts/output/drift.ts";
import { hashInputs, MANIFEST_FILE } from "../../scripts/output/input-hash.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { runCliInProcess, spawnCli } from "../support/cli.ts";
import { SPECS_DIR } from "../support/seeds.ts";

/** A fresh folder holding a copy of the seed specs (`specs/`) and an empty `out/` path. */
async function workspace(): Promise<{ specs: string; out: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "check-"));
  await cp(SPECS_DIR, path.join(dir, "specs"), { recursive: true });
  return { specs: path.join(dir, "specs"), out: path.join(dir, "out") };
}

async function snapshot(dir: string): Promise<Map<string, { mtimeMs: number; content: string }>> {
  const files = new Map<string, { mtimeMs: number; content: string }>();
  for (const name of (await readdir(dir)).sort()) {
    const file = path.join(dir, name);
    files.set(name, { mtimeMs: (await stat(file)).mtimeMs, content: await readFile(file, "utf8") });
  }
  return files;
}

/** The seed spec whose response `protocol` enum the tests extend, and the edit that adds `ssh` after `http`. */
const CONNECTION_SPEC = "spaces/runtimes-connections-create.yaml";
async function addResponseEnumValue(specs: string): Promise<void> {
  const file = path.join(specs, CONNECTION_SPEC);
  const text = await readFile(file, "utf8");
  const edited = text.replace(
    /(\n(\s*)- http\n)(\s*title: >-\s*V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaProtocol\n)/,
    "$1$2- ssh\n$3",
  );
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
}

describe("generate --check", () => {
  let specs: string;
  let out: string;
  beforeAll(async () => {
    ({ specs, out } = await workspace());
    await generate({ specsDir: specs, outDir: out, parseCache: false });
  });

  it("finds nothing to report on output it just wrote, and the CLI exits 0", async () => {
    expect((await generate({ specsDir: specs, outDir: out, parseCache: false, check: true })).drift).toEqual(
      [],
    );
    const result = await runCliInProcess(["generate", "--specs", specs, "--out", out, "--check"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("is up to date");
  });

  it("reports each stale, missing or leftover file, and the CLI names it and says to run make generate", async () => {
    const broken = path.join(path.dirname(out), "broken");
    await cp(out, broken, { recursive: true });
    await writeFile(path.join(broken, "schema.ts"), "// edited by hand\n", { flag: "a" });
    await rm(path.join(broken, "operations.ts"));
    expect(
      (await generate({ specsDir: specs, outDir: broken, parseCache: false, check: true })).drift,
    ).toEqual([
      { file: "operations.ts", kind: "missing" },
      { file: "schema.ts", kind: "stale" },
    ]);
    // A real process: CI reads this exit code.
    const result = await spawnCli(["generate", "--specs", specs, "--out", broken, "--check"]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => /^(stale|missing|unexpected):/.test(line));
    expect(lines).toEqual([
      `missing: ${broken}/operations.ts is missing; run \`make generate\` and commit ${broken}/`,
      `stale: ${broken}/schema.ts differs from what the specs and generator produce; run \`make generate\` and commit ${broken}/`,
    ]);
  });

  it("says when only the recorded inputs differ (scripts/, lockfile or config changed)", async () => {
    const moved = path.join(path.dirname(out), "moved-inputs");
    await cp(out, moved, { recursive: true });
    const manifest = path.join(moved, MANIFEST_FILE);
    await writeFile(
      manifest,
      (await readFile(manifest, "utf8")).replace(/"inputs": "[0-9a-f]+"/, '"inputs": "0"'),
    );
    const { drift } = await generate({ specsDir: specs, outDir: moved, parseCache: false, check: true });
    expect(drift).toEqual([{ file: MANIFEST_FILE, kind: "stale" }]);
    expect(describeDrift("generated", { file: MANIFEST_FILE, kind: "stale" })).toBe(
      "stale: generated/.inputs-hash.json records other inputs: specs/, scripts/, package-lock.json or the config " +
        "changed since the last generation; run `make generate` and commit generated/",
    );
  });

  it("reports every file of an empty output folder as missing", async () => {
    const empty = path.join(path.dirname(out), "empty");
    await mkdir(empty);
    const { drift, files } = await generate({
      specsDir: specs,
      outDir: empty,
      parseCache: false,
      check: true,
    });
    expect(drift).toEqual(files.sort().map((file) => ({ file, kind: "missing" })));
    expect(files).toEqual(expect.arrayContaining(["openapi.yaml", "CHANGES.md", MANIFEST_FILE]));
    expect(await readdir(empty)).toEqual([]);
  });

  it("reports a generator-owned file that is no longer generated", async () => {
    const files = new Map([["openapi.yaml", await readFile(path.join(out, "openapi.yaml"), "utf8")]]);
    const drift = await driftOf(out, files, OWNED_FILES);
    expect(drift.filter((d) => d.kind === "unexpected").map((d) => d.file)).toEqual(
      [...OWNED_FILES].filter((name) => name !== "openapi.yaml").sort(),
    );
  });
});

describe("the no-op path", () => {
  it("rewrites nothing when inputs and outputs are unchanged, and regenerates when an output was edited", async () => {
    const { specs, out } = await workspace();
    expect((await generate({ specsDir: specs, outDir: out, parseCache: false })).unchanged).toBe(false);
    const before = await snapshot(out);
    const again = await generate({ specsDir: specs, outDir: out, parseCache: false });
    expect(again.unchanged).toBe(true);
    expect(await snapshot(out)).toEqual(before);

    await writeFile(path.join(out, "schema.ts"), "export {};\n");
    expect((await generate({ specsDir: specs, outDir: out, parseCache: false })).unchanged).toBe(false);
    expect((await readFile(path.join(out, "schema.ts"), "utf8")) === before.get("schema.ts")?.content).toBe(
      true,
    );
  });

  it("regenerates when a spec changes", async () => {
    const { specs, out } = await workspace();
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    await addResponseEnumValue(specs);
    expect((await generate({ specsDir: specs, outDir: out, parseCache: false })).unchanged).toBe(false);
    expect(await readFile(path.join(out, "openapi.yaml"), "utf8")).toContain("- ssh");
  });

  it("hashes spec contents, not file names, order or location; and the configuration by value", async () => {
    const a = await workspace();
    const b = path.join(path.dirname(a.specs), "renamed");
    for (const [index, name] of (await readdir(a.specs, { recursive: true }))
      .filter((n) => n.endsWith(".yaml"))
      .entries()) {
      await mkdir(path.join(b, `deeper-${index}`), { recursive: true });
      await cp(path.join(a.specs, name), path.join(b, `deeper-${index}`, `z${9 - index}.yml`));
    }
    const config = { info: { title: "T", version: "1" }, aliases: { X: "Y" } };
    const reordered = { aliases: { X: "Y" }, info: { version: "1", title: "T" } };
    const hash = await hashInputs({ specsDir: a.specs, config });
    expect(await hashInputs({ specsDir: b, config: reordered })).toBe(hash);
    expect(await hashInputs({ specsDir: a.specs, config: {} })).not.toBe(hash);
    await addResponseEnumValue(a.specs);
    expect(await hashInputs({ specsDir: a.specs, config })).not.toBe(hash);
  });

  it("reports a specs folder that cannot be read as one problem naming it, and writes nothing", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "check-missing-"));
    const failure = await generate({
      specsDir: path.join(dir, "absent"),
      outDir: path.join(dir, "out"),
      parseCache: false,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GeneratorError);
    expect((failure as GeneratorError).problems.map((p) => p.file)).toEqual([path.join(dir, "absent")]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("covers the generator's code and the lockfile", async () => {
    const { specs } = await workspace();
    const generatorDir = await mkdtemp(path.join(tmpdir(), "generator-"));
    const lockfile = path.join(generatorDir, "lock.json");
    await writeFile(path.join(generatorDir, "stage.ts"), "export const a = 1;\n");
    await writeFile(lockfile, "{}\n");
    const hash = () => hashInputs({ specsDir: specs, config: {}, generatorDir, lockfile });
    const first = await hash();
    await writeFile(path.join(generatorDir, "stage.ts"), "export const a = 2;\n");
    const second = await hash();
    await writeFile(lockfile, '{"lockfileVersion":3}\n');
    const third = await hash();
    expect(new Set([first, second, third]).size).toBe(3);
  });
});

describe("CHANGES.md", () => {
  it("says when there was no previous document", async () => {
    const { specs, out } = await workspace();
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    expect(await readFile(path.join(out, "CHANGES.md"), "utf8")).toContain(
      "There was no previous generated openapi.yaml to compare with",
    );
  });

  it("reports a spec change against the previous document, and stays byte-identical when regenerated unchanged", async () => {
    const { specs, out } = await workspace();
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    await addResponseEnumValue(specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const report = await readFile(path.join(out, "CHANGES.md"), "utf8");
    expect(report).toContain(
      "Compared `previous openapi.yaml` with `openapi.yaml`: Operations: 1 potentially breaking;",
    );
    expect(report).not.toContain("**breaking**");
    expect(report).toMatch(
      /\*\*potentially breaking\*\*: response 200 `[^`]*protocol`: enum value "ssh" added/,
    );

    // The committed state must pass --check, and a full regeneration (no manifest, so no no-op path) keeps it.
    expect((await generate({ specsDir: specs, outDir: out, parseCache: false, check: true })).drift).toEqual(
      [],
    );
    await rm(path.join(out, MANIFEST_FILE));
    const full = await generate({ specsDir: specs, outDir: out, parseCache: false });
    expect(full.unchanged).toBe(false);
    expect(await readFile(path.join(out, "CHANGES.md"), "utf8")).toBe(report);
  });
});
