/**
 * scripts/code-cache.mjs, as the built generator uses it: each case is a fresh Node process (the module cache and
 * the write at exit are per process) requiring a module through the code cache in a temporary folder.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/seeds.ts";

const run = promisify(execFile);
const CODE_CACHE = pathToFileURL(path.join(ROOT, "scripts/code-cache.mjs")).href;

let dir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bctrl-code-cache-"));
  cacheDir = path.join(dir, "v8");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Requires `request` (resolved from `from`) through the code cache in a new process; prints what `print` gives. */
async function inProcess(request: string, from: string, print: string): Promise<string> {
  const script = `
    import { createRequire } from "node:module";
    import { requireWithCodeCache } from ${JSON.stringify(CODE_CACHE)};
    const loaded = requireWithCodeCache(${JSON.stringify(request)}, ${JSON.stringify(pathToFileURL(from).href)}, ${JSON.stringify(cacheDir)});
    const plain = createRequire(${JSON.stringify(from)});
    console.log(${print});
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
  return stdout.trim();
}

/** A small CommonJS module to require through the cache. */
const GREET = 'exports.greet = (name) => "hello " + name;\n';

async function cacheFiles(): Promise<string[]> {
  return (await readdir(cacheDir).catch(() => [])).filter((name) => name.endsWith(".bin")).sort();
}

describe("requireWithCodeCache", () => {
  it("writes the cache at exit, reads it on the next run without rewriting it, and the module works both times", async () => {
    const module = path.join(dir, "greet.cjs");
    await writeFile(module, GREET);
    expect(await inProcess("./greet.cjs", module, "loaded.greet('a')")).toBe("hello a");
    const [written] = await cacheFiles();
    expect(written).toBeDefined();
    const before = await stat(path.join(cacheDir, written as string));
    expect(await inProcess("./greet.cjs", module, "loaded.greet('b')")).toBe("hello b");
    expect(await cacheFiles()).toEqual([written]);
    expect((await stat(path.join(cacheDir, written as string))).mtimeMs).toBe(before.mtimeMs);
  });

  it("a corrupt cache costs a normal compile and is rewritten", async () => {
    const module = path.join(dir, "greet.cjs");
    await writeFile(module, GREET);
    await inProcess("./greet.cjs", module, "1");
    const [written] = await cacheFiles();
    const file = path.join(cacheDir, written as string);
    await writeFile(file, Buffer.alloc(64, 7));
    expect(await inProcess("./greet.cjs", module, "loaded.greet('c')")).toBe("hello c");
    expect(await readFile(file)).not.toEqual(Buffer.alloc(64, 7));
  });

  it("never gives a module of the same length another content's cache (V8 itself checks only the length), and prunes it", async () => {
    const module = path.join(dir, "answer.cjs");
    await writeFile(module, "exports.answer = 41;\n");
    expect(await inProcess("./answer.cjs", module, "loaded.answer")).toBe("41");
    await writeFile(module, "exports.answer = 42;\n");
    const [first] = await cacheFiles();
    expect(await inProcess("./answer.cjs", module, "loaded.answer")).toBe("42");
    const [second, ...others] = await cacheFiles();
    // A new key, and the old content's cache is pruned: it would never be read again.
    expect(second).not.toBe(first);
    expect(others).toEqual([]);
  });

  it("registers typescript in Node's module cache: openapi-typescript's own require gets the same compiler", async () => {
    const from = path.join(ROOT, "package.json");
    const same = await inProcess(
      "typescript",
      from,
      "loaded === plain('typescript') && typeof loaded.createSourceFile === 'function'",
    );
    expect(same).toBe("true");
  });
});
