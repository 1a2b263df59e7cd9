/**
 * The package's own folders. Found by walking up from this module to the nearest package.json rather than by a fixed
 * `../..`, because the same code also runs bundled from node_modules/.cache (see scripts/run.mjs), where a relative
 * path from the module would point inside the cache.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function packageRootAbove(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** The bctrl-api package's root folder (where package.json and package-lock.json are). */
export const PACKAGE_ROOT = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));

/** The generator's source: the TypeScript files whose content the inputs hash and the parse cache cover. */
export const SCRIPTS_DIR = path.join(PACKAGE_ROOT, "scripts");

/** The generator's caches (parsed specs, the inputs' stat index): node_modules/.cache, which tools keep out of git. */
export const CACHE_DIR = path.join(PACKAGE_ROOT, "node_modules", ".cache", "bctrl-api");
