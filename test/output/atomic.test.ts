/**
 * Atomic output: whenever the generator dies, the output folder holds the complete old set or the complete new set.
 * The write leaves the folder absent only between two renames, with the complete old set beside it, and
 * `recoverInterruptedWrite` (run by the next generation) puts that set back. Checked three ways: every intermediate
 * state on disk, a writer killed with SIGKILL at random moments while it swaps sets back and forth, and the real
 * CLI killed at random moments while it regenerates.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.ts";
import { recoverInterruptedWrite, writeOutputs } from "../../scripts/output/write.ts";
import { snapshotFolder } from "../hostile/support/hostile.ts";
import { bundleScript } from "../support/bundle.ts";
import { CLI_RUNNER } from "../support/cli.ts";
import { ROOT, SPECS_DIR } from "../support/seeds.ts";

type Snapshot = Map<string, Buffer>;

/** Every temporary folder the tests made, removed when the file is done. */
const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/**
 * The children are plain node processes running JavaScript in that same process (the CLI as `npm run generate`
 * starts it, the write loop bundled once here), so SIGKILL on the spawned process stops the writer itself.
 */
let writeLoop: string;
beforeAll(async () => {
  const bundled = await bundleScript(path.join(ROOT, "test/output/support/write-loop.ts"));
  temporary.push(bundled.dir);
  writeLoop = bundled.file;
});

function sameSnapshot(a: Snapshot | undefined, b: Snapshot): boolean {
  return a !== undefined && a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes));
}

async function snapshotIfPresent(dir: string): Promise<Snapshot | undefined> {
  return snapshotFolder(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
}

/** The generator's scratch folders next to `outDir` (see scripts/output/write.ts). */
async function scratchBeside(outDir: string): Promise<string[]> {
  const prefix = `.generate-tmp-${path.basename(outDir)}-`;
  return (await readdir(path.dirname(outDir))).filter((name) => name.startsWith(prefix));
}

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await temporaryDir("atomic-set-");
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe("recoverInterruptedWrite, from every state a write can be killed in", () => {
  const OLD = { "schema.ts": "old schema", "openapi.yaml": "old spec" };
  const NEW = { "schema.ts": "new schema", "openapi.yaml": "new spec" };
  // The steps: write <x>.partial; rename it to <x>.new; rename out to <x>.old; rename <x>.new to out; remove <x>.old.
  const cases: {
    name: string;
    out?: object;
    partial?: object;
    complete?: object;
    retired?: object;
    want?: object;
  }[] = [
    { name: "while writing the partial set", out: OLD, partial: { "schema.ts": "new sch" }, want: OLD },
    { name: "after the new set is complete", out: OLD, complete: NEW, want: OLD },
    { name: "between the two renames", complete: NEW, retired: OLD, want: OLD },
    { name: "before removing the old set", out: NEW, retired: OLD, want: NEW },
    { name: "on a first generation, before installing", complete: NEW, want: undefined },
  ];
  it.each(cases)("$name: leaves the complete set $want and no scratch folders", async (given) => {
    const parent = await temporaryDir("atomic-recover-");
    const outDir = path.join(parent, "generated");
    const place = async (files: object | undefined, at: string) => {
      if (files) await cp(await folderWith(files as Record<string, string>), at, { recursive: true });
    };
    await place(given.out, outDir);
    await place(given.partial, path.join(parent, ".generate-tmp-generated-0badf00d.partial"));
    await place(given.complete, path.join(parent, ".generate-tmp-generated-0badf00d.new"));
    await place(given.retired, path.join(parent, ".generate-tmp-generated-0badf00d.old"));
    await recoverInterruptedWrite(outDir);
    const after = await snapshotIfPresent(outDir);
    if (given.want === undefined) expect(after).toBeUndefined();
    else
      expect(
        sameSnapshot(after, await snapshotFolder(await folderWith(given.want as Record<string, string>))),
      ).toBe(true);
    expect(await scratchBeside(outDir)).toEqual([]);
  });

  it("leaves the scratch folders of an output folder with a longer name alone", async () => {
    const parent = await temporaryDir("atomic-recover-");
    const other = path.join(parent, ".generate-tmp-generated2-0badf00d.old");
    await mkdir(other);
    await recoverInterruptedWrite(path.join(parent, "generated"));
    expect(await readdir(parent)).toEqual([path.basename(other)]);
  });

  it("leaves the old set and no scratch folder when writing the new set fails", async () => {
    const outDir = await folderWith({ "schema.ts": "old" });
    const before = await snapshotFolder(outDir);
    const failing = new Map([
      ["schema.ts", "new"],
      ["bad\0name.ts", "a name the file system refuses"],
    ]);
    await expect(writeOutputs(outDir, failing, new Set(failing.keys()))).rejects.toThrow();
    expect(sameSnapshot(await snapshotFolder(outDir), before)).toBe(true);
    expect(await scratchBeside(outDir)).toEqual([]);
  });

  it("refuses to replace an output path that is a file", async () => {
    const file = path.join(await temporaryDir("atomic-file-"), "generated");
    await writeFile(file, "a user's file");
    await expect(writeOutputs(file, new Map([["schema.ts", "new"]]), new Set(["schema.ts"]))).rejects.toThrow(
      /generated: exists and is not a folder/,
    );
    expect(await readFile(file, "utf8")).toBe("a user's file");
  });

  it("carries files the generator does not own over to the new set", async () => {
    const outDir = await folderWith({ "schema.ts": "old", "README.md": "kept" });
    await writeOutputs(outDir, new Map([["schema.ts", "new"]]), new Set(["schema.ts"]));
    expect(await readFile(path.join(outDir, "README.md"), "utf8")).toBe("kept");
    expect(await readFile(path.join(outDir, "schema.ts"), "utf8")).toBe("new");
  });
});

interface Trial {
  /** What the folder held right after the kill, before any recovery. */
  killed: "old" | "new" | "absent" | "other";
  /** What it holds after recovery. */
  recovered: "old" | "new" | "absent" | "other";
  scratchLeft: boolean;
}

function classify(snapshot: Snapshot | undefined, old: Snapshot, next: Snapshot): Trial["killed"] {
  if (snapshot === undefined) return "absent";
  if (sameSnapshot(snapshot, old)) return "old";
  if (sameSnapshot(snapshot, next)) return "new";
  return "other";
}

/** Trials that saw anything but a complete set: partial right after the kill, or missing after recovery. */
function incomplete(trials: Trial[]): Trial[] {
  return trials.filter((t) => t.killed === "other" || t.recovered === "other" || t.recovered === "absent");
}

/** Every child a trial spawned, so none outlives the test file even when a trial throws. */
const children = new Set<ChildProcess>();
afterAll(async () => {
  await Promise.all([...children].map(killed));
});

function spawnTracked(script: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], options);
  children.add(child);
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Runs `trials` in batches of `parallel`, so a loaded machine is not swamped by spawns. */
async function inBatches<T>(
  count: number,
  parallel: number,
  trial: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, i) => trial(start + i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe("SIGKILL at random moments", () => {
  it("a writer swapping two sets is always found with one complete set (20 kills)", async () => {
    // Big enough that a write takes a while: a kill lands mid-write most of the time.
    const setA = {
      "openapi.yaml": "a".repeat(400_000),
      "schema.ts": "A".repeat(300_000),
      "operations.ts": "1",
    };
    const setB = {
      "openapi.yaml": "b".repeat(300_000),
      "schema.ts": "B".repeat(400_000),
      "operations.ts": "2",
    };
    const setsFile = path.join(await temporaryDir("atomic-sets-"), "sets.json");
    await writeFile(setsFile, JSON.stringify([setA, setB]));
    const withKept = async (set: Record<string, string>) =>
      snapshotFolder(await folderWith({ ...set, "kept.txt": "not generated" }));
    const [a, b] = [await withKept(setA), await withKept(setB)];

    const trials = await inBatches(20, 5, async () => {
      const outDir = path.join(await temporaryDir("atomic-loop-"), "generated");
      await mkdir(outDir);
      await writeFile(path.join(outDir, "kept.txt"), "not generated");
      const child = spawnTracked(writeLoop, [outDir, setsFile], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise((resolve) => child.stdout?.once("data", resolve));
      await sleep(Math.random() * 250);
      await killed(child);
      const state = classify(await snapshotIfPresent(outDir), a, b);
      const scratchLeft = (await scratchBeside(outDir)).length > 0;
      await recoverInterruptedWrite(outDir);
      const recovered = classify(await snapshotIfPresent(outDir), a, b);
      return { killed: state, recovered, scratchLeft };
    });

    // Sets A and B play "old" and "new" in turn, so either one is a complete set.
    expect(incomplete(trials)).toEqual([]);
    expect(trials.filter((t) => t.killed === "absent").every((t) => t.scratchLeft)).toBe(true);
    // The kills really interrupted writes: some left scratch folders behind.
    expect(trials.some((t) => t.scratchLeft)).toBe(true);
  }, 240_000);

  it("the real CLI regenerating over an old output leaves the complete old or new set (4 kills)", async () => {
    const work = await temporaryDir("atomic-cli-");
    const oldOut = path.join(work, "old");
    await generate({ specsDir: SPECS_DIR, outDir: oldOut, parseCache: false });
    const newSpecs = path.join(work, "specs");
    await cp(SPECS_DIR, newSpecs, { recursive: true });
    const edited = path.join(newSpecs, "workspaces/runtimes-stop.yaml");
    await writeFile(edited, (await readFile(edited, "utf8")).replace(/summary: .*/, "summary: Stop it now"));
    const newOut = path.join(work, "new");
    await cp(oldOut, newOut, { recursive: true });
    await generate({ specsDir: newSpecs, outDir: newOut, parseCache: false });
    const [old, next] = [await snapshotFolder(oldOut), await snapshotFolder(newOut)];
    expect(sameSnapshot(old, next)).toBe(false);

    const trials = await inBatches(4, 2, async (index) => {
      const outDir = path.join(await temporaryDir("atomic-cli-out-"), "generated");
      await cp(oldOut, outDir, { recursive: true });
      const child = spawnTracked(CLI_RUNNER, ["generate", "--specs", newSpecs, "--out", outDir], {
        cwd: path.dirname(outDir),
        stdio: "ignore",
      });
      // Half the kills at a random moment of the run, half at a random moment once writing has started.
      if (index % 2 === 0) await sleep(Math.random() * 3_000);
      else {
        while (child.exitCode === null && (await scratchBeside(outDir)).length === 0) await sleep(1);
        await sleep(Math.random() * 15);
      }
      await killed(child);
      const state = classify(await snapshotIfPresent(outDir), old, next);
      const scratchLeft = (await scratchBeside(outDir)).length > 0;
      await recoverInterruptedWrite(outDir);
      return { killed: state, recovered: classify(await snapshotIfPresent(outDir), old, next), scratchLeft };
    });
    expect(incomplete(trials)).toEqual([]);
  }, 240_000);
});
