/**
 * `require` for the one CommonJS module that dominates the generator's start-up: typescript.js, 9 MB of JavaScript
 * that V8 compiles on every run before the types stage can start (about 0.3 s of CPU, a tenth of a full run on a
 * real collection). Node 22 caches compiled code itself (`module.enableCompileCache`); Node 20, which this project
 * supports, does not, and the require hook that did it for older Nodes (v8-compile-cache) breaks ES-module entry
 * points on Node 20. So this compiles the module with `vm.Script` and V8's code cache kept in
 * node_modules/.cache/bctrl-api/v8/, registered in Node's module cache so that openapi-typescript's own
 * `require("typescript")` gets the same instance.
 *
 * The cache is keyed by the module's content, Node's version and architecture: V8 itself only checks the source's
 * length and its flags, so a file of the same length but other content must never meet an old cache. A missing,
 * stale or corrupt cache costs one normal compile and is rewritten when the process exits (atomically, so
 * concurrent runs never read half a file). Plain JavaScript: scripts/run.mjs builds it into the generator.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** The module `request` resolves to from `fromFile`, compiled with (and then into) the code cache in `cacheDir`. */
export function requireWithCodeCache(request, fromFile, cacheDir) {
  const filename = createRequire(fromFile).resolve(request);
  const cached = Module._cache[filename];
  if (cached) return cached.exports;
  const source = readFileSync(filename, "utf8");
  const key = createHash("sha256")
    .update(`${process.version}\0${process.arch}\0${filename}\0`)
    .update(source)
    .digest("hex")
    .slice(0, 32);
  const cacheFile = path.join(cacheDir, `${key}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const module = new Module(filename, undefined);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = module;
  try {
    const wrapper = script.runInThisContext({ displayErrors: true });
    wrapper.call(
      module.exports,
      module.exports,
      createRequire(filename),
      module,
      filename,
      path.dirname(filename),
    );
  } catch (error) {
    delete Module._cache[filename];
    throw error;
  }
  module.loaded = true;
  // Written at exit rather than now: by then V8 has compiled the functions the run used, and they go in the cache too.
  if (cachedData === undefined || script.cachedDataRejected)
    process.once("exit", () => writeCodeCache(cacheFile, script));
  return module.exports;
}

function writeCodeCache(cacheFile, script) {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const staging = `${cacheFile}.tmp-${process.pid}`;
    writeFileSync(staging, script.createCachedData());
    renameSync(staging, cacheFile);
    // A cache for another typescript or Node is never read again (3 MB each): only the one just written stays.
    for (const name of readdirSync(path.dirname(cacheFile)))
      if (name.endsWith(".bin") && name !== path.basename(cacheFile))
        rmSync(path.join(path.dirname(cacheFile), name));
  } catch {
    // A cache that cannot be written (read-only node_modules) only means the next run compiles again.
  }
}
