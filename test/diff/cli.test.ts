/**
 * `npm run diff -- OLD NEW` through the real CLI: files and git refs, exit codes with and without
 * `--fail-on-breaking`, and one-line errors.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { diffSources } from "../../scripts/diff/compare.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { runCliInProcess } from "../support/cli.ts";
import { ROOT } from "../support/seeds.ts";

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, "test/diff/fixtures/request-enum-value-removed-is-breaking");
const OLD = path.join(FIXTURE, "old/openapi.yaml");
const NEW = path.join(FIXTURE, "new/openapi.yaml");

async function diff(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCliInProcess(["diff", ...args], cwd);
}

type Result = { code: number; stdout: string; stderr: string };

describe("npm run diff -- OLD NEW (the CLI: exit codes and output)", () => {
  // Both CLI runs start at once; the tests read the results.
  let breaking: Promise<Result>;
  let identical: Promise<Result>;
  beforeAll(async () => {
    breaking = diff([OLD, NEW, "--fail-on-breaking"]);
    identical = diff([NEW, NEW, "--fail-on-breaking"]);
    await Promise.allSettled([breaking, identical]);
  });

  it("exits 2 with --fail-on-breaking when a change is breaking, and prints the classified changes", async () => {
    const { code, stdout } = await breaking;
    expect(code).toBe(2);
    expect(stdout).toContain(
      ": Operations: 1 breaking, 1 potentially breaking; schemas: 1 breaking, 1 potentially breaking; aliases: none.",
    );
    expect(stdout).toContain(
      [
        "- `POST /v1/connections` (connections-create)",
        '  - **breaking**: request body `protocol`: enum value "vnc" removed',
        '  - **potentially breaking**: response 200 `status`: enum value "expired" added',
      ].join("\n"),
    );
    expect(stdout).toContain("### Aliases\n\nNo changes.");
  });

  it("exits 0 with --fail-on-breaking when nothing breaks", async () => {
    const { code, stdout } = await identical;
    expect(code).toBe(0);
    expect(stdout).toContain("No changes for client users.");
  });
});

describe("diffSources (what the CLI prints)", () => {
  it("reports a breaking pair of files without failing (the exit code is the CLI's choice)", async () => {
    const result = await diffSources(OLD, NEW, ROOT);
    expect(result.breaking).toBe(true);
    expect(result.markdown).toContain('enum value "vnc" removed');
  });

  it("reads git refs: generated/openapi.yaml (and its aliases) at each commit", async () => {
    const repo = await gitRepoWithTwoCommits();
    const { markdown } = await diffSources("HEAD~1", "HEAD", repo);
    expect(markdown).toContain("Compared `HEAD~1:generated/openapi.yaml` with `HEAD:generated/openapi.yaml`");
    expect(markdown).toContain('enum value "vnc" removed');
    expect(markdown).toContain("### Aliases\n\nNo changes.");
  });

  it("rejects a source that is neither a file nor a git ref with one problem naming it", async () => {
    const failure = await diffSources("no-such-file-or-ref", NEW, ROOT).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GeneratorError);
    expect((failure as GeneratorError).message).toBe(
      "no-such-file-or-ref: no such file, and no generated/openapi.yaml at this git ref",
    );
  });
});

/** A git repository whose two commits hold the fixture's old and new generated/ folders. */
async function gitRepoWithTwoCommits(): Promise<string> {
  const repo = await mkdtemp(path.join(tmpdir(), "diff-git-"));
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: repo });
  await git("init", "-q");
  await mkdir(path.join(repo, "generated"));
  for (const side of ["old", "new"]) {
    await cp(path.join(FIXTURE, side), path.join(repo, "generated"), { recursive: true });
    await git("add", "generated");
    await git("commit", "-q", "-m", side);
  }
  return repo;
}
