/**
 * A TypeScript child script bundled to one self-contained JavaScript file, for tests that start it many times as a
 * plain `node` process: loading it through tsx's loader cost about a second of CPU per start, for the same output.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";

/** Bundles `entry` (its imports included) into a new temporary folder; returns the .mjs file and that folder. */
export async function bundleScript(entry: string): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "bundled-script-"));
  const file = path.join(dir, `${path.basename(entry, path.extname(entry))}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
    // CommonJS dependencies (yaml) require Node built-ins, which an ES module can do only through createRequire.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
  });
  return { file, dir };
}
