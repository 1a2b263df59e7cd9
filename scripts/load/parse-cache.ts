/**
 * A cache of parsed specs, so a regeneration after editing one spec parses one file instead of every file (parsing
 * is most of the load stage: about 0.6 s of CPU for 1,000 specs against 0.05 s to read this cache back).
 *
 * Correctness rests on three things:
 * - Entries are keyed by the SHA-256 of the file's bytes, so an edited spec never matches its old entry.
 * - The cache file carries the parser's identity (the source of the modules that decide what a parse yields,
 *   js-yaml's version, V8's version and this format's version); a different identity discards the whole file.
 * - Only documents that passed every check in parseSpec are stored, and V8's serializer keeps exactly what js-yaml
 *   built (shared alias targets, NaN, -0), so a hit is the value a fresh parse would give.
 * The cache is an optimisation only: a missing, unreadable or foreign file counts as empty, and a failed write is
 * ignored. Writes go to a temporary file that is renamed into place, so a concurrent reader sees a whole file.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { CACHE_DIR, SCRIPTS_DIR } from "../shared/locations.ts";
import { isRecord, type OpenAPI3 } from "../shared/openapi.ts";

/** Bump when the layout of the cache file changes. */
const CACHE_FORMAT = 1;
const CACHE_FILE = "parsed-specs.v8";
const LOAD_DIR = path.join(SCRIPTS_DIR, "load");
/** The modules whose code decides the parsed value or whether a spec is accepted. */
const PARSER_MODULES = ["load.ts", "guard.ts", "parse-cache.ts", "parse-threads.ts", "../shared/openapi.ts"];

/** The default cache folder: the package's own node_modules/.cache, which tools already keep out of git. */
export const DEFAULT_PARSE_CACHE_DIR = CACHE_DIR;

/** Parsed documents by the SHA-256 (hex) of their file's bytes. */
export type ParsedByHash = ReadonlyMap<string, OpenAPI3>;

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Everything a cached parse depends on besides the file's bytes, as one hash. */
export async function parserIdentity(): Promise<string> {
  const hash = createHash("sha256").update(`${CACHE_FORMAT}\n${process.versions.v8}\n`);
  const jsYaml = createRequire(import.meta.url)("js-yaml/package.json") as { version: string };
  hash.update(`js-yaml ${jsYaml.version}\n`);
  for (const module of PARSER_MODULES)
    hash.update(`${module}\n`).update(await readFile(path.join(LOAD_DIR, module)));
  return hash.digest("hex");
}

/** The cached documents, or an empty map when `dir` holds no cache written by a parser of this `identity`. */
export async function readParseCache(dir: string, identity: string): Promise<ParsedByHash> {
  try {
    const bytes = await readFile(path.join(dir, CACHE_FILE));
    const stored: unknown = deserialize(bytes);
    if (!isRecord(stored) || stored.parser !== identity || !(stored.entries instanceof Map)) return new Map();
    return stored.entries as ParsedByHash;
  } catch {
    return new Map();
  }
}

/** Replaces the cache in `dir` with `entries`; never throws (a cache that cannot be written is only slower). */
export async function writeParseCache(dir: string, identity: string, entries: ParsedByHash): Promise<void> {
  const file = path.join(dir, CACHE_FILE);
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, serialize({ parser: identity, entries }));
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
