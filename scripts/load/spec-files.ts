/**
 * Which files are specs, and how a file the system refuses to read is reported. Apart from load.ts so the no-op
 * path (scripts/output/input-hash.ts) can list and hash the specs without loading the YAML parser.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { GeneratorError } from "../shared/openapi.ts";

/** YAML, and JSON (YAML 1.2 reads it as it is): most public specs are published as JSON. */
const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Spec-named entries under `dir`, recursively, as sorted `/`-separated relative paths: regular files and links. */
export async function listSpecEntries(dir: string): Promise<{ files: string[]; links: string[] }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const named = entries.filter((entry) => SPEC_EXTENSIONS.has(path.extname(entry.name).toLowerCase()));
  const relative = (entry: (typeof entries)[number]) =>
    path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
  return {
    files: named
      .filter((entry) => entry.isFile())
      .map(relative)
      .sort(compareStrings),
    links: named
      .filter((entry) => entry.isSymbolicLink())
      .map(relative)
      .sort(compareStrings),
  };
}

/**
 * Lists the `.yaml`/`.yml`/`.json` files under `dir`, recursively, as sorted `/`-separated relative paths.
 * Symbolic links are not followed (a link is neither a file nor a folder here), so nothing outside `dir` is read.
 */
export async function findSpecFiles(dir: string): Promise<string[]> {
  return (await listSpecEntries(dir)).files;
}

/** Code-unit order, independent of locale, so output never depends on the machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A spec (or the specs folder) the file system refused to read, as one problem: `cannot read: permission denied`. */
export function unreadableSpec(file: string, error: unknown): GeneratorError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === undefined ? String(error) : (FS_REASONS[code] ?? code);
  return new GeneratorError([
    { file, message: `cannot read: ${reason}${code && FS_REASONS[code] ? ` (${code})` : ""}` },
  ]);
}

const FS_REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "not a folder",
  EISDIR: "a folder, not a file",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
  EMFILE: "too many open files",
};
