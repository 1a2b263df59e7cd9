/**
 * Sync, step 5: read the local specs, and apply a plan all-or-nothing. The new tree is built in a temporary sibling
 * folder (a full copy of the old one plus the changes) and swapped in with two renames, so the specs folder holds
 * either the old tree or the new one, never a half-written mix.
 */
import { randomBytes } from "node:crypto";
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { findSpecFiles } from "../load/load.ts";
import type { SyncChanges } from "./plan.ts";

/** Every `.yaml`/`.yml` under `dir` by relative `/`-separated name; empty when the folder does not exist yet. */
export async function readLocalSpecs(dir: string): Promise<Map<string, string>> {
  const exists = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  const specs = new Map<string, string>();
  if (!exists) return specs;
  for (const name of await findSpecFiles(dir)) specs.set(name, await readFile(path.join(dir, name), "utf8"));
  return specs;
}

/**
 * A spec file name that stays inside the specs folder: relative, `/`-separated, plain segments, ending in `.yaml`.
 * Names come from downloaded documents, so they are checked before anything is written.
 */
export function isSafeSpecName(name: string): boolean {
  const segments = name.split("/");
  return name.endsWith(".yaml") && segments.every((segment) => /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(segment));
}

/** Writes and deletes `changes` in `outDir` as one step. Files sync does not touch are carried over unchanged. */
export async function applyChanges(outDir: string, changes: SyncChanges): Promise<void> {
  const target = path.resolve(outDir);
  const suffix = randomBytes(4).toString("hex");
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.sync-${suffix}`);
  const retired = path.join(path.dirname(target), `.${path.basename(target)}.old-${suffix}`);
  try {
    const hadOld = await stat(target).then(
      () => true,
      () => false,
    );
    if (hadOld) await cp(target, staging, { recursive: true, errorOnExist: true, force: false });
    else await mkdir(staging, { recursive: true });
    for (const [name, text] of changes.write) {
      await mkdir(path.dirname(path.join(staging, name)), { recursive: true });
      await writeFile(path.join(staging, name), text);
    }
    for (const name of changes.remove) {
      await rm(path.join(staging, name), { force: true });
      await removeEmptyParents(staging, path.dirname(name));
    }
    await swapIn(target, staging, retired, hadOld);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function swapIn(target: string, staging: string, retired: string, hadOld: boolean): Promise<void> {
  if (!hadOld) {
    await rename(staging, target);
    return;
  }
  await rename(target, retired);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(retired, target);
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

/** Pruning the last spec of a folder removes the folder too, so the tree matches a fresh import. */
async function removeEmptyParents(root: string, relativeDir: string): Promise<void> {
  for (let dir = relativeDir; dir !== "." && dir !== ""; dir = path.dirname(dir)) {
    const full = path.join(root, dir);
    if ((await readdir(full).catch(() => ["?"])).length > 0) return;
    await rmdir(full);
  }
}
