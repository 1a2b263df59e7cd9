/**
 * Runs on one output folder take turns (scripts/output/lock.ts). Two real `generate` processes started together on a
 * folder holding 2,000 files the generator does not own both exit 0, lose none of those files, and leave exactly what
 * the same two runs leave one after the other, CHANGES.md included. In-process: a lock left by a dead process is
 * taken over at once, and a run that cannot get the lock in time fails with one line and touches nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.ts";
import { lockFileOf, withOutputLock } from "../../scripts/output/lock.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { snapshotFolder } from "../hostile/support/hostile.ts";
import { CLI_RUNNER } from "../support/cli.ts";
import { ROOT, SPECS_DIR } from "../support/seeds.ts";

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** The seed specs, and the same without one spec, so the two runs write different sets. */
let specsA: string;
let specsB: string;
/** What A then B, and B then A, leave when run one after the other: what any interleaving must end as. */
let aThenB: Map<string, Buffer>;
let bThenA: Map<string, Buffer>;
beforeAll(async () => {
  specsA = SPECS_DIR;
  specsB = await temporaryDir("lock-specs-b-");
  await cp(SPECS_DIR, specsB, { recursive: true });
  await rm(path.join(specsB, "workspaces"), { recursive: true });
  [aThenB, bThenA] = [await sequentially(specsA, specsB), await sequentially(specsB, specsA)];
}, 120_000);

/** An output folder holding `count` files the generator must carry over untouched. */
async function folderWithUnownedFiles(count: number): Promise<string> {
  const outDir = path.join(await temporaryDir("lock-out-"), "generated");
  await mkdir(path.join(outDir, "notes"), { recursive: true });
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      writeFile(path.join(outDir, "notes", `n${index}.txt`), `note ${index}\n`),
    ),
  );
  return outDir;
}

/** The owned files that runs on `first` then `second` leave in a new folder, one after the other, in this process. */
async function sequentially(first: string, second: string): Promise<Map<string, Buffer>> {
  const outDir = path.join(await temporaryDir("lock-sequential-"), "generated");
  await generate({ specsDir: first, outDir, parseCache: false });
  await generate({ specsDir: second, outDir, parseCache: false });
  return snapshotFolder(outDir);
}

/** The snapshot without the unowned files under notes/. */
function owned(snapshot: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...snapshot].filter(([name]) => !name.startsWith("notes")));
}

function run(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI_RUNNER, ...args], { cwd: ROOT, stdio: "pipe" });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

function same(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);
}

describe("two generate processes on one output folder", () => {
  it("both exit 0, keep every unowned file, and leave what the two runs leave in turn", async () => {
    const outDir = await folderWithUnownedFiles(2_000);
    const before = await snapshotFolder(outDir);
    const runs = [specsA, specsB].map((specs) => run(["generate", "--specs", specs, "--out", outDir]));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const after = await snapshotFolder(outDir);
    const lost = [...before.keys()].filter((name) => !after.get(name)?.equals(before.get(name) as Buffer));
    expect(lost).toEqual([]);
    expect(same(owned(after), aThenB) || same(owned(after), bThenA)).toBe(true);
    const left = (await readdir(path.dirname(outDir))).filter((name) => name !== "generated");
    expect(left).toEqual([]);
  }, 120_000);
});

describe("the lock, in process", () => {
  it("serialises two concurrent generate calls on one folder", async () => {
    const outDir = await folderWithUnownedFiles(20);
    await Promise.all([specsA, specsB].map((specsDir) => generate({ specsDir, outDir, parseCache: false })));
    const after = await snapshotFolder(outDir);
    expect(same(owned(after), aThenB) || same(owned(after), bThenA)).toBe(true);
  });

  it("takes over at once a lock left by a process that died", async () => {
    const outDir = await folderWithUnownedFiles(20);
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = dead.pid as number;
    await new Promise((resolve) => dead.on("close", resolve));
    await writeFile(
      lockFileOf(outDir),
      JSON.stringify({ pid, host: hostname(), startedAt: Date.now(), token: "left-by-a-killed-run" }),
    );
    const result = await generate({ specsDir: specsA, outDir, parseCache: false, lock: { waitMs: 0 } });
    expect(result.files).toContain("schema.ts");
    expect((await readdir(path.dirname(outDir))).sort()).toEqual(["generated"]);
  });

  it("fails with one line naming the folder when another live run keeps the lock past the wait", async () => {
    const outDir = await folderWithUnownedFiles(20);
    const before = await snapshotFolder(outDir);
    const waited: number[] = [];
    const failure = await withOutputLock(outDir, () =>
      generate({
        specsDir: specsA,
        outDir,
        parseCache: false,
        lock: { waitMs: 300, onWait: (holder) => waited.push(holder.pid) },
      }).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expect(failure).toBeInstanceOf(GeneratorError);
    const message = (failure as GeneratorError).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(
      new RegExp(
        `^${outDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: another generate run \\(pid ${process.pid} `,
      ),
    );
    expect(waited).toEqual([process.pid]);
    expect(same(await snapshotFolder(outDir), before)).toBe(true);
    // Released on the way out, even though the run inside failed.
    expect((await readdir(path.dirname(outDir))).sort()).toEqual(["generated"]);
  });
});
