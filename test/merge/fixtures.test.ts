/**
 * End-to-end merge behaviour, one folder per behaviour under test/merge/fixtures/: `specs/` is the input, and the
 * folder holds what the real command must produce: `openapi.yaml` (the merged document), `stdout.txt` (summary,
 * with the output folder written as OUT) and `stderr.txt` (warnings), or, for bad input, `error.txt` (stderr) with
 * exit code 1 and nothing written. `config.json`, when present, is passed with --config. The command runs in-process
 * (test/support/cli.ts); test/generate/pipeline.test.ts covers the real process's exit code.
 */
import { access, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli.ts";
import { ROOT } from "../support/seeds.ts";

const FIXTURES = path.join(ROOT, "test/merge/fixtures");

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
const readIfThere = async (file: string) => ((await exists(file)) ? readFile(file, "utf8") : undefined);

const fixtures = (await readdir(FIXTURES, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.concurrent("npm run generate on test/merge/fixtures/*", () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("has a fixture for every behaviour it claims", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(13);
  });

  it.each(fixtures)("%s", { timeout: 120_000 }, async (name) => {
    const fixture = path.join(FIXTURES, name);
    const work = await mkdtemp(path.join(tmpdir(), `merge-${name}-`));
    folders.push(work);
    const out = path.join(work, "out");
    const config = path.join(fixture, "config.json");
    const args = ["generate", "--specs", path.join(fixture, "specs"), "--out", out];
    if (await exists(config)) args.push("--config", config);
    const result = await runCliInProcess(args, work);

    const wantError = await readIfThere(path.join(fixture, "error.txt"));
    if (wantError !== undefined) {
      expect(result.stderr).toBe(wantError);
      expect(result.code).toBe(1);
      expect(await exists(out)).toBe(false);
      return;
    }
    expect(result.stderr).toBe((await readIfThere(path.join(fixture, "stderr.txt"))) ?? "");
    expect(result.code).toBe(0);
    expect(result.stdout.split(out).join("OUT")).toBe(
      await readFile(path.join(fixture, "stdout.txt"), "utf8"),
    );
    expect(await readFile(path.join(out, "openapi.yaml"), "utf8")).toBe(
      await readFile(path.join(fixture, "openapi.yaml"), "utf8"),
    );
  });
});
