/**
 * Load stage: find every per-endpoint YAML document under a folder and parse it.
 * js-yaml parses here because the benchmark measured it ~8x faster than `yaml` on this input; `yaml` writes output.
 * The specs come from docs pages and pull requests, so every limit in LOAD_LIMITS is enforced before a document
 * reaches a stage that recurses or expands it (see scripts/load/guard.ts).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import * as jsYaml from "js-yaml";
import { createLimiter } from "../shared/limiter.ts";
import {
  GeneratorError,
  HTTP_METHODS,
  isRecord,
  type OpenAPI3,
  type Problem,
  pointer,
  type SpecFile,
} from "../shared/openapi.ts";
import { decodeUtf8 } from "../shared/utf8.ts";
import { exactNumberSchema, guardDocument, LOAD_LIMITS, YAML_LOAD_OPTIONS } from "./guard.ts";
import {
  contentHash,
  type ParsedByHash,
  parserIdentity,
  readParseCache,
  writeParseCache,
} from "./parse-cache.ts";
import { parseOnThreads, parseThreads, type YamlInput, type YamlOutcome } from "./parse-threads.ts";
import { listSpecEntries, unreadableSpec } from "./spec-files.ts";

export { compareStrings, findSpecFiles, unreadableSpec } from "./spec-files.ts";

/** Parses one document's text; throws a GeneratorError naming the file and line when it is not OpenAPI 3.x YAML. */
export function parseSpec(file: string, text: string): SpecFile {
  return specOf(file, parseYamlText(file, text));
}

const EXACT_NUMBERS = exactNumberSchema(jsYaml);

/** js-yaml's reading of one text, with a failure as a message instead of an exception (as the threads report it). */
function parseYamlText(file: string, text: string): YamlOutcome {
  try {
    return { value: jsYaml.load(text, { filename: file, schema: EXACT_NUMBERS, ...YAML_LOAD_OPTIONS }) };
  } catch (error) {
    if (error instanceof jsYaml.YAMLException)
      return { message: `invalid YAML: ${error.reason}`, line: error.mark ? error.mark.line + 1 : undefined };
    return { message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The spec a parse gave, once it passes the guard and looks like OpenAPI 3.x; else throws a GeneratorError. */
function specOf(file: string, parsed: YamlOutcome): SpecFile {
  if (!("value" in parsed)) {
    const { message } = parsed;
    throw new GeneratorError(["line" in parsed ? { file, line: parsed.line, message } : { file, message }]);
  }
  const problem = guardDocument(file, parsed.value) ?? checkOpenApiShape(file, parsed.value);
  if (problem) throw new GeneratorError([problem]);
  return { file, document: parsed.value as OpenAPI3 };
}

function checkOpenApiShape(file: string, value: unknown): Problem | undefined {
  if (!isRecord(value)) return { file, pointer: "", message: "not an OpenAPI document (expected a mapping)" };
  const version = value.openapi;
  if (typeof version !== "string" || !/^3\.\d+(\.\d+)?$/.test(version)) {
    const found =
      value.swagger === undefined ? JSON.stringify(version ?? null) : `swagger ${String(value.swagger)}`;
    return { file, pointer: "/openapi", message: `not an OpenAPI 3.x document (found ${found})` };
  }
  // OpenAPI 3.1 lets a document describe only webhooks (a docs page for one event has no paths).
  if (value.paths === undefined && version.startsWith("3.1") && isRecord(value.webhooks)) return undefined;
  if (!isRecord(value.paths)) return { file, pointer: "/paths", message: "missing `paths` mapping" };
  return checkPathItems(file, value.paths);
}

/** Later stages skip what is not a mapping, so a malformed path item or operation would vanish silently. */
function checkPathItems(file: string, paths: Record<string, unknown>): Problem | undefined {
  for (const [route, item] of Object.entries(paths)) {
    if (!route.startsWith("/"))
      return { file, pointer: pointer("paths", route), message: "a path must start with /" };
    if (!isRecord(item))
      return { file, pointer: pointer("paths", route), message: "a path item must be a mapping" };
    for (const method of HTTP_METHODS) {
      if (item[method] !== undefined && !isRecord(item[method]))
        return { file, pointer: pointer("paths", route, method), message: "an operation must be a mapping" };
    }
  }
  return undefined;
}

/** Reads one file's text, refusing files over the size limit (checked before reading) and bytes that are not UTF-8. */
async function readSpecText(dir: string, file: string): Promise<string> {
  const full = path.join(dir, file);
  const { size } = await stat(full).catch((error: unknown) => {
    throw unreadableSpec(file, error);
  });
  if (size > LOAD_LIMITS.maxFileBytes) {
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    throw new GeneratorError([
      { file, message: `file is ${mib(size)}, over the ${mib(LOAD_LIMITS.maxFileBytes)} limit for one spec` },
    ]);
  }
  const decoded = decodeUtf8(
    await readFile(full).catch((error: unknown) => {
      throw unreadableSpec(file, error);
    }),
  );
  if ("text" in decoded) return decoded.text;
  throw new GeneratorError([
    { file, message: `not UTF-8 text (is this a binary file?): invalid byte at offset ${decoded.invalidAt}` },
  ]);
}

export interface LoadOptions {
  /** A folder for the parsed-spec cache (see scripts/load/parse-cache.ts); without it every spec is parsed. */
  cacheDir?: string;
  /**
   * Worker threads that parse YAML (0: parse on the calling thread). Default: one per core when there are enough
   * bytes to parse for threads to pay off (see scripts/load/parse-threads.ts).
   */
  threads?: number;
}

/** How many spec files are read at once: enough to overlap the reads, far below any open-files limit. */
const READ_CONCURRENCY = 32;

/** The parse cache as one load uses it: its folder, the parser identity it is keyed by, what it held before. */
interface OpenParseCache {
  dir: string;
  identity: string;
  cached: ParsedByHash;
}

async function openParseCache(dir: string | undefined): Promise<OpenParseCache | undefined> {
  if (dir === undefined) return undefined;
  const identity = await parserIdentity();
  return { dir, identity, cached: await readParseCache(dir, identity) };
}

/** Whether the cache must be rewritten: a spec was parsed fresh, or one it held is gone. */
function isStale(cached: ParsedByHash, parsed: ParsedByHash): boolean {
  return cached.size !== parsed.size || [...parsed.keys()].some((hash) => !cached.has(hash));
}

type ReadResult = { text: string } | { problems: readonly Problem[] };

async function readOrProblems(dir: string, file: string): Promise<ReadResult> {
  try {
    return { text: await readSpecText(dir, file) };
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    return { problems: error.problems };
  }
}

/** js-yaml's reading of every input: on threads when there is enough to gain from them, else on this one. */
async function parseYamlTexts(inputs: readonly YamlInput[], threads?: number): Promise<YamlOutcome[]> {
  const count = threads ?? parseThreads(inputs.reduce((sum, input) => sum + input.text.length, 0));
  if (count > 0 && inputs.length > 0) return parseOnThreads(inputs, count);
  return inputs.map(({ file, text }) => parseYamlText(file, text));
}

/** Reads and parses every spec under `dir`; collects all problems and throws once. */
export async function loadSpecs(dir: string, options: LoadOptions = {}): Promise<SpecFile[]> {
  const { files, links } = await listSpecEntries(dir).catch((error: NodeJS.ErrnoException) => {
    throw unreadableSpec(error.path ?? dir, error);
  });
  // A link could lead anywhere (`/etc/…`, another checkout); saying so beats skipping it silently.
  const problems: Problem[] = links.map((file) => ({
    file,
    message: "a symbolic link: specs must be files inside the specs folder (links are not followed)",
  }));
  if (files.length === 0 && problems.length === 0)
    throw new GeneratorError([{ file: dir, message: "no .yaml, .yml or .json spec files found" }]);
  const limitReads = createLimiter(READ_CONCURRENCY);
  const [texts, cache] = await Promise.all([
    Promise.all(files.map((file) => limitReads(() => readOrProblems(dir, file)))),
    openParseCache(options.cacheDir),
  ]);

  // Cache hits first; what is left is parsed in one go, so it can be spread over threads.
  const outcomes: (YamlOutcome | readonly Problem[])[] = new Array(files.length);
  // Without a cache nothing is hashed, and no document is kept for writing one.
  const hashes: (string | undefined)[] = new Array(files.length);
  const served = new Set<string>();
  const misses: (YamlInput & { index: number })[] = [];
  files.forEach((file, index) => {
    const read = texts[index] as ReadResult;
    if ("problems" in read) {
      outcomes[index] = read.problems;
      return;
    }
    if (cache) {
      const hash = contentHash(read.text);
      hashes[index] = hash;
      const hit = cache.cached.get(hash);
      // Two files with the same bytes still get a document each, as without the cache.
      if (hit && !served.has(hash)) {
        served.add(hash);
        outcomes[index] = { value: hit };
        return;
      }
    }
    misses.push({ index, file, text: read.text });
  });
  const parsedMisses = await parseYamlTexts(misses, options.threads);
  misses.forEach(({ index }, position) => {
    outcomes[index] = parsedMisses[position] as YamlOutcome;
  });

  const specs: SpecFile[] = [];
  const parsed = new Map<string, OpenAPI3>();
  files.forEach((file, index) => {
    const outcome = outcomes[index] as YamlOutcome | readonly Problem[];
    if (Array.isArray(outcome)) {
      problems.push(...outcome);
      return;
    }
    try {
      const spec = specOf(file, outcome as YamlOutcome);
      const hash = hashes[index];
      if (hash !== undefined && !parsed.has(hash)) parsed.set(hash, spec.document);
      specs.push(spec);
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      problems.push(...error.problems);
    }
  });
  if (problems.length > 0) throw new GeneratorError(problems);
  // Rewritten when a spec was parsed or one was removed, so the cache holds exactly the current specs.
  if (cache && isStale(cache.cached, parsed)) await writeParseCache(cache.dir, cache.identity, parsed);
  return specs;
}
