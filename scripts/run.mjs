/**
 * What `npm run generate|import|diff|sync` start: scripts/cli.ts built to JavaScript once per content of scripts/
 * (and of the lockfile), then run by plain Node. Compiling scripts/ with tsx on every start cost about half a
 * second before the generator did anything, which is the whole budget of a regeneration with nothing to do.
 *
 * The build (esbuild, which tsx already installs) goes to node_modules/.cache/bctrl-api/cli/<content hash>/, split
 * into chunks so each command still loads only the stages it needs; node_modules packages stay outside the bundle.
 * Plain JavaScript because it must run before anything is compiled.
 */
import { createHash } from "node:crypto";
import { access, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPTS_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(SCRIPTS_DIR);
const BUILDS_DIR = path.join(ROOT, "node_modules", ".cache", "bctrl-api", "cli");
/** V8's compiled code of typescript.js, kept between runs (see scripts/code-cache.mjs). */
const CODE_CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "bctrl-api", "v8");

/** Hash of every file under scripts/ (by relative path and content) and of package-lock.json (esbuild's version). */
async function sourceKey() {
  const hash = createHash("sha256");
  const entries = await readdir(SCRIPTS_DIR, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(SCRIPTS_DIR, path.join(entry.parentPath, entry.name)))
    .sort();
  const contents = await Promise.all(files.map((file) => readFile(path.join(SCRIPTS_DIR, file))));
  files.forEach((file, index) => {
    hash.update(`${file}\0`).update(contents[index]).update("\0");
  });
  hash.update(await readFile(path.join(ROOT, "package-lock.json")).catch(() => ""));
  return hash.digest("hex").slice(0, 20);
}

const exists = (file) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The CommonJS packages the generator loads with `require` in the build. Node 20 imports a CommonJS module into an
 * ES module only after scanning its source for export names and module syntax, which for typescript.js (9 MB) costs
 * about 0.6 s of CPU on every full run (measured: typescript and openapi-typescript by `import`, 1.6–1.8 s of CPU;
 * by `require`, 0.8–1.0 s). openapi-typescript's ES build imports typescript itself, so its CommonJS build is
 * required too; that one requires @redocly/openapi-core, an ES module, which Node supports from 20.19
 * (`process.features.require_module`); an older Node imports openapi-typescript as before.
 */
const REQUIRED = /^(typescript|openapi-typescript)$/;

/** The module that stands for `name` in the build: the package by `require`, with the same exports. */
async function requiredModule(name) {
  // typescript first, through the code cache (scripts/code-cache.mjs), so openapi-typescript's own require of it
  // finds that instance instead of compiling a second copy.
  const typescript = `requireWithCodeCache("typescript", import.meta.url, ${JSON.stringify(CODE_CACHE_DIR)})`;
  const load =
    name === "typescript"
      ? typescript
      : `(${typescript}, process.features.require_module ? requireModule("openapi-typescript") : await import("openapi-typescript"))`;
  const names = Object.keys(await import(name)).filter(
    (key) => key !== "default" && /^[A-Za-z_$][\w$]*$/.test(key),
  );
  return [
    `import { createRequire } from "node:module";`,
    `import { requireWithCodeCache } from ${JSON.stringify(path.join(SCRIPTS_DIR, "code-cache.mjs"))};`,
    `const requireModule = createRequire(import.meta.url);`,
    `const loaded = ${load};`,
    `export default loaded.default ?? loaded;`,
    name === "typescript" ? "" : `export const { ${names.join(", ")} } = loaded;`,
  ].join("\n");
}

/** esbuild plugin: `import … from "typescript"` (and openapi-typescript) becomes the `require` above. */
const loadWithRequire = {
  name: "load-with-require",
  setup(build) {
    build.onResolve({ filter: REQUIRED }, (args) =>
      args.namespace === "required" ? undefined : { path: args.path, namespace: "required" },
    );
    build.onLoad({ filter: /.*/, namespace: "required" }, async (args) => ({
      contents: await requiredModule(args.path),
      resolveDir: ROOT,
      loader: "js",
    }));
  },
};

/** Builds scripts/cli.ts into `outDir`; concurrent first runs each build to their own folder and one rename wins. */
async function build(outDir) {
  const esbuild = await import("esbuild");
  const staging = `${outDir}.tmp-${process.pid}`;
  await esbuild.build({
    // The workers are started by file (scripts/shared/worker-entry.ts), so each is an entry of its own, beside cli.js.
    entryPoints: [path.join(SCRIPTS_DIR, "cli.ts"), path.join(SCRIPTS_DIR, "import", "page-worker.ts")],
    entryNames: "[name]",
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    plugins: [loadWithRequire],
    logLevel: "error",
  });
  await rename(staging, outDir).catch(async (error) => {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(path.join(outDir, "cli.js")))) throw error;
  });
  // Builds of older sources are never started again, but a run that started one before scripts/ changed may still
  // be importing its stages: only builds no run has started for an hour are removed (each run touches its build).
  for (const name of await readdir(BUILDS_DIR)) {
    if (name === path.basename(outDir) || name.includes(".tmp-")) continue;
    const build = path.join(BUILDS_DIR, name);
    const { mtimeMs } = await stat(build).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > IDLE_BUILD_MS) await rm(build, { recursive: true, force: true });
  }
}

/** How long a build no run has started is kept (see build). */
const IDLE_BUILD_MS = 60 * 60 * 1000;

const outDir = path.join(BUILDS_DIR, await sourceKey());
const entry = path.join(outDir, "cli.js");
if (!(await exists(entry))) await build(outDir);
else await utimes(outDir, new Date(), new Date()).catch(() => undefined);
const { runCli, reportUncaughtFailures } = await import(pathToFileURL(entry).href);
reportUncaughtFailures();
process.exitCode = await runCli(process.argv.slice(2));
