/**
 * `--help` on every command (the texts in-process; one real process to show --help wins over a missing required
 * option), and the generator's quiet output (in-process, the streams captured): a merge warning is printed when
 * generated/ is rewritten, not again on the no-op run or under --check.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, commandHelp, overviewHelp, usageLine, wantsHelp } from "../../scripts/cli-help.ts";
import { runCliInProcess, spawnCli } from "../support/cli.ts";
import { ROOT } from "../support/seeds.ts";

const SLOW_MS = 180_000;

const scripts = (
  JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

describe("--help texts", () => {
  it.each(COMMAND_NAMES)(
    "%s: usage, what it does, options and an example, for a script that exists",
    (name) => {
      const help = commandHelp(name);
      expect(scripts[name]).toBeDefined();
      expect(help.startsWith(`${usageLine(name)}\n`)).toBe(true);
      expect(usageLine(name).startsWith(`usage: npm run ${name} -- `)).toBe(true);
      const [, options = "", example = ""] =
        /\noptions:\n([\s\S]*?)\n\nexample:\n {2}(.*)\n$/.exec(help) ?? [];
      expect(options).toContain("-h, --help");
      expect(example.startsWith(`npm run ${name} -- `)).toBe(true);
      // Every flag the example uses is one the options list explains.
      for (const flag of example.match(/--[a-z-]+/g) ?? []) expect(options).toContain(flag);
    },
  );

  it("lists every command in the overview", () => {
    for (const name of COMMAND_NAMES) expect(overviewHelp()).toMatch(new RegExp(`\\n {2}${name} +\\S`));
  });

  it.each([
    { args: ["--help"], want: true },
    { args: ["-h"], want: true },
    { args: ["--out", "specs", "--help"], want: true },
    { args: ["--", "--help"], want: false },
    { args: ["--out", "specs"], want: false },
    { args: [], want: false },
  ])("wantsHelp($args) is $want", ({ args, want }) => {
    expect(wantsHelp(args)).toBe(want);
  });
});

describe("the command as a process", () => {
  it(
    "sync --help prints the help and exits 0, though sync otherwise needs --from",
    async () => {
      const { code, stdout, stderr } = await spawnCli(["sync", "--help"]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${commandHelp("sync")}\n`);
      expect(stderr).toBe("");
    },
    SLOW_MS,
  );
});

// In-process: what the command prints goes through the streams runCli is given, exactly as in `npm run generate`.
describe("the generator's output", () => {
  it(
    "prints a merge warning once per regeneration: not on the no-op run after it, not under --check",
    async () => {
      const work = await mkdtemp(path.join(tmpdir(), "cli-warnings-"));
      try {
        const specs = path.join(ROOT, "test/merge/fixtures/warns-on-conflicting-info/specs");
        const generate = (...extra: string[]) =>
          runCliInProcess(["generate", "--specs", specs, "--out", path.join(work, "out"), ...extra], work);
        const written = await generate();
        expect(written.code).toBe(0);
        expect(written.stderr).toMatch(/^warning: info differs between a\.yaml and b\.yaml/);
        // One after the other: runs on one output folder take turns, and a waiting run says so on stderr.
        const again = await generate();
        const check = await generate("--check");
        expect([again.code, check.code]).toEqual([0, 0]);
        expect(again.stdout).toMatch(/nothing written/);
        expect(again.stderr).toBe("");
        expect(check.stdout).toMatch(/is up to date/);
        expect(check.stderr).toBe("");
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
    SLOW_MS,
  );
});
