/**
 * The no-op path's stat index (scripts/output/stat-index.ts): a file whose stat is unchanged is not read again, and
 * no edit goes unseen, whether or not it keeps the size and puts the modification time back.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { openDigestIndex } from "../../scripts/output/stat-index.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function folder(): Promise<{ spec: string; index: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "stat-index-"));
  return { spec: path.join(dir, "spec.yaml"), index: path.join(dir, "index.json") };
}

describe("stat index", () => {
  it("answers from the index while the file's stat is unchanged", async () => {
    const { spec, index } = await folder();
    await writeFile(spec, "openapi: 3.1.0\n");
    const first = await openDigestIndex(index, 0);
    expect(await first.digest(spec)).toBe(sha256("openapi: 3.1.0\n"));
    await first.save();
    // Proof that the second run trusts the stat instead of reading: it returns what the index says.
    const stored = JSON.parse(await readFile(index, "utf8"));
    stored.entries[spec].digest = "from-the-index";
    await writeFile(index, JSON.stringify(stored));
    expect(await (await openDigestIndex(index, 0)).digest(spec)).toBe("from-the-index");
  });

  it("with a window of 0 trusts a file written in the same millisecond as it is hashed", async () => {
    // Date.now() has whole milliseconds and file times nanoseconds: a fresh file can look newer than now.
    const { spec, index } = await folder();
    const files = Array.from({ length: 50 }, (_, i) => `${spec}.${i}`);
    const first = await openDigestIndex(index, 0);
    for (const file of files) {
      await writeFile(file, file);
      await first.digest(file);
    }
    await first.save();
    const stored = JSON.parse(await readFile(index, "utf8"));
    expect(Object.keys(stored.entries).sort()).toEqual([...files].sort());
  });

  it("reads again a same-size edit that puts the modification time back", async () => {
    const { spec, index } = await folder();
    await writeFile(spec, "title: aaaa\n");
    const { mtime } = await stat(spec);
    const first = await openDigestIndex(index, 0);
    await first.digest(spec);
    await first.save();
    // Past the kernel's timestamp tick, so the change time moves even though size and mtime do not.
    await sleep(20);
    await writeFile(spec, "title: bbbb\n");
    await utimes(spec, mtime, mtime);
    expect(await (await openDigestIndex(index, 0)).digest(spec)).toBe(sha256("title: bbbb\n"));
  });

  it("does not trust a file modified just before it was hashed (a second write in the same tick)", async () => {
    const { spec, index } = await folder();
    await writeFile(spec, "title: aaaa\n");
    const first = await openDigestIndex(index);
    await first.digest(spec);
    await first.save();
    await writeFile(spec, "title: bbbb\n");
    expect(await (await openDigestIndex(index)).digest(spec)).toBe(sha256("title: bbbb\n"));
    const saved = await readFile(index, "utf8").catch(() => "{}");
    expect(JSON.parse(saved).entries?.[spec]).toBeUndefined();
  });
});
