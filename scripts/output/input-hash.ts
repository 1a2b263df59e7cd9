/**
 * The no-op path's evidence: a content hash of everything the output depends on (spec contents, the generator's
 * code in scripts/, package-lock.json, the configuration), stored with a hash of every file written. When the
 * inputs hash is unchanged and every output file still has its recorded hash, a regeneration would reproduce the
 * folder exactly (generation is idempotent on its own output), so `generate` can stop without writing anything.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { compareStrings, findSpecFiles, unreadableSpec } from "../load/spec-files.ts";
import type { GeneratorConfig } from "../shared/config.ts";
import { SCRIPTS_DIR } from "../shared/locations.ts";
import { GeneratorError, isRecord } from "../shared/openapi.ts";
import { type DigestIndex, openDigestIndex } from "./stat-index.ts";
import type { OutputFiles } from "./write.ts";

/** The generator-owned file in the output folder that records the hashes. */
export const MANIFEST_FILE = ".inputs-hash.json";

/** Bump when the meaning of the hash changes, so old manifests never match. */
const HASH_VERSION = 1;

export interface InputLocations {
  specsDir: string;
  config: GeneratorConfig;
  /** The generator's code; defaults to the package's scripts/ folder. */
  generatorDir?: string;
  /** The lockfile pinning the generator's dependencies; defaults to the package's package-lock.json. */
  lockfile?: string;
}

/** Plain hashing, for callers without a stat index. */
const hashing = (): Promise<DigestIndex> => openDigestIndex(undefined);

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The specs folder's files; a folder that cannot be read is bad input, reported like any other. */
async function specFilesOf(dir: string): Promise<string[]> {
  try {
    return await findSpecFiles(dir);
  } catch (error) {
    throw new GeneratorError([
      { file: dir, message: `cannot read the specs folder: ${(error as Error).message}` },
    ]);
  }
}

/** Every file under `dir` as sorted `/`-separated relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort(compareStrings);
}

/** JSON with object keys sorted, so two equal configurations hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? "null";
  const keys = Object.keys(value).sort(compareStrings);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
}

/**
 * Hashes the generator's inputs. Specs contribute their contents only, as a sorted list of digests, because the
 * output does not depend on spec file names or order; the generator's files contribute paths relative to their
 * folder, so no absolute path reaches the hash. `index` (see ./stat-index.ts) spares reading files whose stat is
 * unchanged since a previous run.
 */
export async function hashInputs(locations: InputLocations, index?: DigestIndex): Promise<string> {
  const digests = index ?? (await hashing());
  const generatorDir = locations.generatorDir ?? SCRIPTS_DIR;
  const lockfile = locations.lockfile ?? path.join(generatorDir, "..", "package-lock.json");
  const specFiles = await specFilesOf(locations.specsDir);
  const outcomes = await Promise.allSettled(
    specFiles.map((file) => digests.digest(path.join(locations.specsDir, file))),
  );
  // The first unreadable spec in file order, whichever read failed first.
  const specs = outcomes.map((outcome, index) => {
    if (outcome.status === "fulfilled") return outcome.value;
    throw unreadableSpec(specFiles[index] as string, outcome.reason);
  });
  const generator = await Promise.all(
    (await filesUnder(generatorDir)).map(async (file) => [
      file,
      await digests.digest(path.join(generatorDir, file)),
    ]),
  );
  const lock = await digests.digest(lockfile).catch(() => null);
  return sha256(
    canonicalJson({
      version: HASH_VERSION,
      specs: specs.sort(compareStrings),
      generator,
      lockfile: lock,
      config: locations.config,
    }),
  );
}

export interface Manifest {
  inputs: string;
  /** Hash of every other output file, by name relative to the output folder. */
  files: Record<string, string>;
}

/** Renders the manifest for `files` (which must not include the manifest itself). */
export function renderManifest(inputs: string, files: OutputFiles): string {
  const hashes = Object.fromEntries(
    [...files.keys()].sort(compareStrings).map((name) => [name, sha256(files.get(name) ?? "")]),
  );
  const manifest = {
    $comment: "Written by bctrl-api's generator so an unchanged regeneration can skip its work. Do not edit.",
    inputs,
    files: hashes,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value) || typeof value.inputs !== "string" || !isRecord(value.files)) return undefined;
    const files = Object.entries(value.files);
    if (!files.every(([, hash]) => typeof hash === "string")) return undefined;
    return { inputs: value.inputs, files: Object.fromEntries(files) as Record<string, string> };
  } catch {
    return undefined;
  }
}

/**
 * True when `outDir` holds exactly what a generation from inputs hashing to `inputs` wrote: the manifest matches,
 * every recorded file has its recorded hash, and no other generator-owned file is present.
 */
export async function outputsIntact(
  outDir: string,
  inputs: string,
  owned: ReadonlySet<string>,
  index?: DigestIndex,
): Promise<boolean> {
  const digests = index ?? (await hashing());
  const text = await readFile(path.join(outDir, MANIFEST_FILE), "utf8").catch(() => undefined);
  const manifest = text === undefined ? undefined : parseManifest(text);
  if (manifest?.inputs !== inputs) return false;
  const intact = await Promise.all(
    Object.entries(manifest.files).map(async ([name, hash]) =>
      digests.digest(path.join(outDir, name)).then(
        (digest) => digest === hash,
        () => false,
      ),
    ),
  );
  if (!intact.every(Boolean)) return false;
  const present = await readdir(outDir).catch(() => [] as string[]);
  return present.every(
    (name) => !owned.has(name) || name === MANIFEST_FILE || Object.hasOwn(manifest.files, name),
  );
}
