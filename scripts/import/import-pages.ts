/**
 * Import stage: docs pages (Markdown, collapsed scrapes, or plain YAML specs) in, one spec file per endpoint out.
 * `importPageText` is pure; `importPages` is the file I/O edge used by the CLI and the sync command.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { compareStrings, parseSpec } from "../load/load.ts";
import { GeneratorError, isRecord, type Problem } from "../shared/openapi.ts";
import { decodeUtf8 } from "../shared/utf8.ts";
import { type CollapsedCandidate, extractSpec } from "./extract-page.ts";
import { specFileName } from "./file-name.ts";
import { recoverCollapsed } from "./recover-collapsed.ts";
import { renderSiteYaml } from "./render-yaml.ts";

export type ImportOutcome = { ok: true; fileName: string; yaml: string } | { ok: false; problem: Problem };

export interface ImportSummary {
  imported: { source: string; fileName: string }[];
  failed: Problem[];
}

const PAGE_EXTENSIONS = new Set([".md", ".txt", ".yaml", ".yml", ".markdown"]);

/** Pure: one page's (or plain YAML spec's) text in, the spec file to write out. */
export function importPageText(source: string, text: string): ImportOutcome {
  const extracted = extractSpec(text);
  switch (extracted.kind) {
    case "problem":
      return failure({ file: source, line: extracted.line, message: extracted.message });
    case "markdown":
    case "yaml":
      return checkedSpec(source, extracted.yaml);
    case "collapsed":
      return recoverPage(source, extracted.candidates);
  }
}

function failure(problem: Problem): ImportOutcome {
  return {
    ok: false,
    problem: problem.line === undefined ? { file: problem.file, message: problem.message } : problem,
  };
}

/** The YAML as published, once it is known to be an OpenAPI document. */
function checkedSpec(source: string, yaml: string): ImportOutcome {
  try {
    const { document } = parseSpec(source, yaml);
    return { ok: true, fileName: specFileName(document as unknown as Record<string, unknown>), yaml };
  } catch (error) {
    if (error instanceof GeneratorError) return failure(error.problems[0] as Problem);
    throw error;
  }
}

/**
 * A collapsed page's block may end at any ``` followed by a heading; exactly one extent must read as a document.
 * The recovered document is written in the site's style, ending with the blank line the site's blocks end with.
 */
function recoverPage(source: string, candidates: CollapsedCandidate[]): ImportOutcome {
  const readings: { candidate: CollapsedCandidate; document: Record<string, unknown>; cost: number }[] = [];
  let firstProblem: Problem | undefined;
  for (const candidate of candidates) {
    const recovered = recoverCollapsed(candidate.yaml);
    if (recovered.ok) readings.push({ candidate, document: recovered.document, cost: recovered.cost });
    else
      firstProblem ??= {
        file: source,
        message: `collapsed page at character ${candidate.offset + recovered.offset}: ${recovered.message}`,
      };
  }
  if (readings.length === 0) return failure(firstProblem ?? { file: source, message: "no spec block" });
  // As inside the block, text ends at the earliest point that reads: the extent running past fewest keys wins.
  const cheapest = Math.min(...readings.map(({ cost }) => cost));
  const best = readings.filter(({ cost }) => cost === cheapest);
  if (best.length > 1) {
    const ends = best.map(({ candidate }) => candidate.offset + candidate.yaml.length).join(" or ");
    return failure({ file: source, message: `collapsed page: the spec block can end at character ${ends}` });
  }
  const { document } = best[0] as { document: Record<string, unknown> };
  const yaml = `${renderSiteYaml(document)}\n`;
  const reparsed: unknown = parseYaml(yaml);
  if (!isRecord(reparsed) || JSON.stringify(reparsed) !== JSON.stringify(document))
    return failure({ file: source, message: "recovered document does not survive rendering as YAML" });
  return checkedSpec(source, yaml);
}

/** File I/O edge: reads pages/folders, writes each spec into outDir. */
export async function importPages(options: { inputs: string[]; outDir: string }): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: [], failed: [] };
  const written = new Map<string, { source: string; yaml: string }>();
  for (const input of options.inputs) {
    const pages = await listPages(input).catch((error: NodeJS.ErrnoException) => {
      summary.failed.push({ file: input, message: `cannot read: ${error.code ?? error.message}` });
      return [] as string[];
    });
    for (const page of pages) {
      const text = await readPage(page);
      if (typeof text !== "string") {
        summary.failed.push({ file: page, message: text.message });
        continue;
      }
      const outcome = importPageText(page, text);
      if (!outcome.ok) {
        summary.failed.push(outcome.problem);
        continue;
      }
      const previous = written.get(outcome.fileName);
      if (previous && previous.yaml !== outcome.yaml) {
        summary.failed.push({
          file: page,
          message: `would overwrite ${outcome.fileName}, imported in this run with different content`,
          otherFile: previous.source,
        });
        continue;
      }
      await writeSpec(options.outDir, outcome.fileName, outcome.yaml);
      written.set(outcome.fileName, { source: page, yaml: outcome.yaml });
      summary.imported.push({ source: page, fileName: outcome.fileName });
    }
  }
  return summary;
}

/** The page files an input names: the file itself, or a folder's page files (recursively, sorted). */
async function listPages(input: string): Promise<string[]> {
  if (!(await stat(input)).isDirectory()) return [input];
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && PAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort(compareStrings);
}

/** The page's text, or why it cannot be read (invalid UTF-8 included). */
async function readPage(page: string): Promise<string | { message: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(page);
  } catch (error) {
    return { message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const decoded = decodeUtf8(bytes);
  return "text" in decoded ? decoded.text : { message: `not valid UTF-8 (byte ${decoded.invalidAt})` };
}

async function writeSpec(outDir: string, fileName: string, yaml: string): Promise<void> {
  const root = path.resolve(outDir);
  const target = path.resolve(root, fileName);
  if (!target.startsWith(`${root}${path.sep}`))
    throw new Error(`refusing to write outside ${outDir}: ${fileName}`);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  await writeFile(temporary, yaml);
  await rename(temporary, target);
}
