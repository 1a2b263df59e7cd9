/**
 * One generate run per output folder at a time. Two runs on one folder used to interleave: the second run's start-up
 * clean-up deleted the first run's scratch folder, the swaps lost files the generator does not own, and CHANGES.md
 * compared against a set that was never installed. A lock file beside the folder serialises them.
 *
 * The lock is a file created with O_EXCL (`wx`), holding the holder's pid, host name and start time. A lock whose
 * holder is gone is taken over at once: a run killed with SIGKILL leaves its lock behind, and the next run checks
 * whether that pid is still alive on this host. A lock from another host (a shared folder) is only presumed stale
 * after STALE_AFTER_MS, as is one whose pid may have been reused by an unrelated process.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { GeneratorError } from "../shared/openapi.ts";

/** Who holds a lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  /** Tells this acquisition from any other, so a run only ever removes its own lock. */
  token: string;
}

export interface LockOptions {
  /** How long to wait for another run to finish before failing (default 10 minutes). */
  waitMs?: number;
  /** Called once when the lock is held by another live run and this one starts waiting. */
  onWait?: (holder: LockHolder, lockFile: string) => void;
}

/** Older than any real generate run: past it a lock is presumed left by a dead run whatever its pid says. */
const STALE_AFTER_MS = 60 * 60 * 1000;
const DEFAULT_WAIT_MS = 10 * 60 * 1000;
const POLL_MS = 100;

/** The lock file of `outDir`: beside it, under the `.generate-tmp-` prefix that `.gitignore` lists. */
export function lockFileOf(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.generate-tmp-${path.basename(resolved)}.lock`);
}

/** Runs `work` while holding `outDir`'s lock; waits for another run holding it, up to `options.waitMs`. */
export async function withOutputLock<T>(
  outDir: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const file = lockFileOf(outDir);
  await mkdir(path.dirname(file), { recursive: true });
  const holder = await acquire(outDir, file, options);
  try {
    return await work();
  } finally {
    await release(file, holder.token);
  }
}

async function acquire(outDir: string, file: string, options: LockOptions): Promise<LockHolder> {
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: Date.now(),
    token: randomBytes(8).toString("hex"),
  };
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let announced = false;
  for (;;) {
    if (await tryCreate(file, me)) return me;
    const found = await readHolder(file);
    if (found === "gone") continue;
    if (found !== "unreadable" && isStale(found, Date.now())) {
      await takeOver(file, found);
      continue;
    }
    if (Date.now() >= deadline) throw lockTimeout(outDir, file, found, options.waitMs ?? DEFAULT_WAIT_MS);
    if (!announced && found !== "unreadable") options.onWait?.(found, file);
    announced = true;
    await sleep(POLL_MS);
  }
}

/** Creates the lock file with our record, or returns false when it exists. */
async function tryCreate(file: string, me: LockHolder): Promise<boolean> {
  const handle = await open(file, "wx").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EEXIST") return undefined;
    throw error;
  });
  if (!handle) return false;
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * The lock's holder; "gone" when the lock disappeared meanwhile; "unreadable" when its content is not a record
 * (its holder may be writing it right now, so it counts as live until it is older than STALE_AFTER_MS).
 */
async function readHolder(file: string): Promise<LockHolder | "gone" | "unreadable"> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return "gone";
  const holder = parseHolder(text);
  if (holder) return holder;
  const age = await stat(file).then(
    (found) => Date.now() - found.mtimeMs,
    () => 0,
  );
  return age > STALE_AFTER_MS ? { pid: 0, host: "", startedAt: 0, token: "" } : "unreadable";
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, host, startedAt, token } = value as Record<string, unknown>;
    if (typeof pid !== "number" || typeof host !== "string" || typeof startedAt !== "number")
      return undefined;
    if (typeof token !== "string") return undefined;
    return { pid, host, startedAt, token };
  } catch {
    return undefined;
  }
}

/** A lock is stale when its holder is a dead process on this host, or when it is older than any real run. */
export function isStale(holder: LockHolder, now: number): boolean {
  if (now - holder.startedAt > STALE_AFTER_MS) return true;
  return holder.host === hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes a stale lock without ever removing a live one: the lock is first moved aside (atomic, so of two runs
 * taking over at once only one gets it), then checked to still be the stale record; if another run replaced it in
 * between, it is put back.
 */
async function takeOver(file: string, stale: LockHolder): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString("hex")}`;
  const moved = await rename(file, aside).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  if (!moved) return;
  const movedHolder = parseHolder(await readFile(aside, "utf8").catch(() => ""));
  if (movedHolder && movedHolder.token !== stale.token)
    await link(aside, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  await rm(aside, { force: true });
}

/** Removes the lock if it is still ours. */
async function release(file: string, token: string): Promise<void> {
  const holder = await readHolder(file).catch(() => "gone" as const);
  if (typeof holder === "object" && holder.token === token) await unlink(file).catch(() => undefined);
}

function lockTimeout(
  outDir: string,
  file: string,
  holder: LockHolder | "unreadable",
  waitMs: number,
): GeneratorError {
  const who =
    holder === "unreadable"
      ? "another run"
      : `another generate run (pid ${holder.pid} on ${holder.host}, started ${new Date(holder.startedAt).toISOString()})`;
  return new GeneratorError([
    {
      file: outDir,
      message: `${who} is writing this folder; gave up after waiting ${Math.round(waitMs / 1000)}s (lock file ${file}; remove it only if no run is going on)`,
    },
  ]);
}
