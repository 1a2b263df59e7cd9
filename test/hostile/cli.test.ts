/**
 * A representative subset of the hostile corpus through the real command (`node scripts/run.mjs generate`, as `npm run generate`): exit code
 * 1, exactly one `error: …` line on stderr naming the file and the line or pointer, and the output folder
 * byte-identical. The whole corpus runs in-process in test/hostile/hostile.test.ts.
 */
import { execFile } from "node:child_process";
import { chmod, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_RUNNER, spawnCli } from "../support/cli.ts";
import { ROOT } from "../support/seeds.ts";
import { type CorpusCase, corpusWithPriorOutput, snapshotFolder } from "./support/hostile.ts";

/** One case per kind of failure: syntax, resource limits, references, prototype keys, shape. */
const SUBSET = [
  "fails-on-unclosed-flow-mapping",
  "fails-on-billion-laughs-alias-bomb",
  "fails-on-50-mib-document",
  "fails-on-ref-with-path-traversal",
  "fails-on-proto-property-name",
];

let corpus: CorpusCase[];
let prior: string;
const temporary: string[] = [];

beforeAll(async () => {
  const fixture = await corpusWithPriorOutput("hostile-cli-prior-");
  corpus = fixture.cases;
  prior = fixture.prior;
  temporary.push(...fixture.folders);
});

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe("generate --specs <hostile case> --out <a previous good output>", () => {
  it("exits 1 with one error line naming the file and location, and leaves the folder byte-identical", async () => {
    const before = await snapshotFolder(prior);
    const results = await Promise.all(
      SUBSET.map(async (name) => {
        const found = corpus.find((c) => c.name === name);
        if (!found?.error) throw new Error(`${name} is not an illegal corpus case`);
        const outDir = await mkdtemp(path.join(tmpdir(), "hostile-cli-out-"));
        temporary.push(outDir);
        await cp(prior, outDir, { recursive: true });
        const failure = await spawnCli(["generate", "--specs", found.specsDir, "--out", outDir], outDir);
        const after = await snapshotFolder(outDir);
        return {
          name,
          code: failure.code,
          lines: failure.stderr.trimEnd().split("\n"),
          expected: found.error,
          unchanged: after.size === before.size && [...after].every(([f, b]) => before.get(f)?.equals(b)),
        };
      }),
    );
    for (const result of results) {
      expect(result.code, result.name).toBe(1);
      expect(result.lines, result.name).toHaveLength(1);
      expect(result.lines[0]?.startsWith(result.expected), `${result.name}: ${result.lines[0]}`).toBe(true);
      expect(result.unchanged, result.name).toBe(true);
    }
  }, 180_000);
});

const run = promisify(execFile);

/**
 * Runs the CLI as `npm run` does (`node scripts/run.mjs`). As root it runs without the capabilities that let root read any file whatever its
 * permissions (setpriv drops them from the bounding set), still as root: switching to another user would also need
 * the checkout to be readable by that user, which a clone in a private temporary folder is not.
 */
async function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const [command, commandArgs] =
    process.getuid?.() === 0
      ? [
          "setpriv",
          ["--bounding-set=-dac_override,-dac_read_search", "--", process.execPath, CLI_RUNNER, ...args],
        ]
      : [process.execPath, [CLI_RUNNER, ...args]];
  return run(command, commandArgs, { cwd: tmpdir() }).then(
    () => ({ code: 0, stderr: "" }),
    (error: { code: number; stderr: string }) => error,
  );
}

describe("failures outside the specs' content", () => {
  it("an unreadable spec file: exit 1 and one line naming it, never a raw EACCES", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hostile-eacces-"));
    temporary.push(dir);
    await cp(path.join(ROOT, "specs"), path.join(dir, "specs"), { recursive: true });
    await writeFile(path.join(dir, "specs", "secret.yaml"), "openapi: 3.1.0\n");
    await chmod(path.join(dir, "specs", "secret.yaml"), 0o000);
    await chmod(dir, 0o777);
    const result = await runCli([
      "generate",
      "--specs",
      path.join(dir, "specs"),
      "--out",
      path.join(dir, "out"),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "error: secret.yaml: cannot read: permission denied (EACCES)",
    ]);
  }, 60_000);

  it("an output folder that cannot be created: exit 1 and one line naming the stage, never a stack trace", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hostile-enotdir-"));
    temporary.push(dir);
    await writeFile(path.join(dir, "a-file"), "not a folder\n");
    await chmod(dir, 0o777);
    const result = await runCli([
      "generate",
      "--specs",
      path.join(ROOT, "specs"),
      "--out",
      path.join(dir, "a-file", "out"),
    ]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: output stage: unexpected failure: Error E(EXIST|NOTDIR): /);
  }, 60_000);
});
