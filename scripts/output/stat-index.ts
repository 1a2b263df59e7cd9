/**
 * File digests remembered by what `stat` says about each file, as git's index does: the no-op path learns that
 * 1,000 unchanged specs are unchanged from 1,000 `stat` calls instead of reading and hashing 1,000 files.
 *
 * An entry is trusted only when every stat field matches (size, modification and change times in nanoseconds,
 * inode, device): an edit in place changes the times, an editor's save-by-rename changes the inode. A file modified
 * less than RACY_WINDOW before it was hashed is hashed again next time, since a second write within the same
 * timestamp tick would leave its times unchanged (git's "racy" entries). The index is an optimisation only: a
 * missing, unreadable or foreign file counts as empty and a failed write is ignored; it is written to a temporary
 * file renamed into place, so a concurrent reader sees a whole file.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createLimiter } from "../shared/limiter.ts";
import { isRecord } from "../shared/openapi.ts";

/** Bump when the layout of an index file changes. */
const INDEX_FORMAT = 1;
/** A modification this recent (ms) when the file was hashed leaves the entry untrusted. */
const RACY_WINDOW_MS = 3000;
/** Files stat'ed or read at once: thousands of specs must not open thousands of files together. */
const CONCURRENCY = 32;
/** Index files kept in the folder (one per specs/output pair); older ones are removed when one is written. */
const KEPT_INDEXES = 32;

interface Entry {
  /** `size:mtimeNs:ctimeNs:ino:dev`. */
  stamp: string;
  digest: string;
}

/** Digests of files by absolute path; `save` records what was learned for the next run. */
export interface DigestIndex {
  /** SHA-256 (hex) of the file's bytes; rejects as `fs` does when the file cannot be read. */
  digest(file: string): Promise<string>;
  save(): Promise<void>;
}

/** Hashes a file as a stream, so an oversized spec (which the load stage then rejects) is never held in memory. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * What stat says about `file`, and whether it changed too recently to be trusted. Synchronous on purpose: a stat
 * takes microseconds, far less than a round trip through libuv's thread pool, and 1,000 of them are the no-op's work.
 */
function stampOf(file: string, racyWindowMs: number): { stamp: string; racy: boolean } {
  const now = BigInt(Date.now()) * 1_000_000n;
  const { size, mtimeNs, ctimeNs, ino, dev } = statSync(file, { bigint: true });
  const newest = mtimeNs > ctimeNs ? mtimeNs : ctimeNs;
  return {
    stamp: `${size}:${mtimeNs}:${ctimeNs}:${ino}:${dev}`,
    // Date.now() is whole milliseconds while the file times are nanoseconds, so a file written in this very
    // millisecond looks newer than now: a window of 0 (trust every stamp) must not call that racy.
    racy: racyWindowMs > 0 && now - newest < BigInt(racyWindowMs) * 1_000_000n,
  };
}

function parseIndex(text: string): Map<string, Entry> {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value) || value.format !== INDEX_FORMAT || !isRecord(value.entries)) return new Map();
  const entries = new Map<string, Entry>();
  for (const [file, entry] of Object.entries(value.entries))
    if (isRecord(entry) && typeof entry.stamp === "string" && typeof entry.digest === "string")
      entries.set(file, { stamp: entry.stamp, digest: entry.digest });
  return entries;
}

/**
 * The index stored in `indexFile`, or, without one, plain hashing. Only the files digested in this run are kept
 * when it is saved, so the index never outgrows the folders it covers. `racyWindowMs` widens the window for file
 * systems with coarser timestamps.
 */
export async function openDigestIndex(
  indexFile: string | undefined,
  racyWindowMs = RACY_WINDOW_MS,
): Promise<DigestIndex> {
  const limit = createLimiter(CONCURRENCY);
  if (indexFile === undefined) return { digest: (file) => limit(() => hashFile(file)), save: async () => {} };
  const known = await readFile(indexFile, "utf8").then(parseIndex, () => new Map<string, Entry>());
  const seen = new Map<string, Entry>();
  let learned = false;
  const digest = async (file: string) => {
    const { stamp, racy } = stampOf(file, racyWindowMs);
    const entry = known.get(file);
    if (entry?.stamp === stamp) {
      seen.set(file, entry);
      return entry.digest;
    }
    const fresh = await limit(() => hashFile(file));
    if (!racy) {
      seen.set(file, { stamp, digest: fresh });
      learned = true;
    }
    return fresh;
  };
  const save = async () => {
    if (!learned && seen.size === known.size) return;
    await writeIndex(indexFile, seen);
  };
  return { digest, save };
}

async function writeIndex(indexFile: string, entries: ReadonlyMap<string, Entry>): Promise<void> {
  const temporary = `${indexFile}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(path.dirname(indexFile), { recursive: true });
    await writeFile(
      temporary,
      JSON.stringify({ format: INDEX_FORMAT, entries: Object.fromEntries(entries) }),
    );
    await rename(temporary, indexFile);
    await pruneIndexes(path.dirname(indexFile));
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** Keeps the KEPT_INDEXES most recently written index files (test runs leave one per temporary folder pair). */
async function pruneIndexes(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  if (names.length <= KEPT_INDEXES) return;
  const times = await Promise.all(
    names.map(async (name) => ({ name, time: (await stat(path.join(dir, name))).mtimeMs })),
  );
  times.sort((a, b) => b.time - a.time);
  for (const { name } of times.slice(KEPT_INDEXES)) await rm(path.join(dir, name), { force: true });
}

/** The index file for one specs folder and output folder pair, inside the cache folder `cacheDir`. */
export function digestIndexFile(cacheDir: string, specsDir: string, outDir: string): string {
  const key = createHash("sha256")
    .update(`${path.resolve(specsDir)}\0${path.resolve(outDir)}`)
    .digest("hex")
    .slice(0, 20);
  return path.join(cacheDir, "stat-index", `${key}.json`);
}
