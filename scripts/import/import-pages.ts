/**
 * Import stage: docs pages (Markdown, collapsed scrapes, or plain YAML specs) in, one spec file per endpoint out.
 * `importPageText` is pure; `importPages` is the file I/O edge used by the CLI: it reads the clean pages first (and the
 * clean specs already in the output folder and specs/), learns the site's style and components from them, then reads
 * the collapsed pages in workers, each within its budget (page-pool.ts), with that evidence.
 */
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { compareStrings, parseSpec } from "../load/load.ts";
import { GeneratorError, isRecord, type Problem } from "../shared/openapi.ts";
import { learnRequiredScopesFromText } from "./batch-scopes.ts";
import { type CollapsedCandidate, extractSpec } from "./extract-page.ts";
import { portableCollision, specFileName } from "./file-name.ts";
import { emptyEvidence, type ImportEvidence, learnFrom, readingOptions } from "./import-evidence.ts";
import { DEFAULT_MAX_PAGE_BYTES, readPage } from "./page-file.ts";
import { DEFAULT_PAGE_BUDGET, type PageBudget, readInWorkers } from "./page-pool.ts";
import { endpointUrl } from "./page-rules.ts";
import { recoverCollapsed } from "./recover-collapsed.ts";
import { renderSiteYaml } from "./render-yaml.ts";
import { holdsUnclosedFenceOfItsOwn } from "./scrape-damage-rules.ts";
import { learnSdkBody } from "./sdk-example.ts";

export type ImportOutcome =
  | {
      ok: true;
      fileName: string;
      yaml: string;
      /** How the document was obtained: a clean page, or a collapsed one and what decided its reading. */
      decided: string;
    }
  | { ok: false; problem: Problem; exhausted?: boolean };

/** One page's outcome, for the summary (every page is listed). */
export interface PageReport {
  source: string;
  /** Written file, relative to the output folder. */
  fileName?: string;
  decided?: string;
  problem?: Problem;
}

export interface ImportSummary {
  imported: { source: string; fileName: string; decided: string }[];
  failed: Problem[];
  pages: PageReport[];
}

export interface PageOptions {
  /** What the run knows beyond this page (import-evidence.ts). */
  readonly evidence?: ImportEvidence;
  /** Polled while a collapsed page is read: true when its time budget is spent. */
  readonly expired?: () => boolean;
  /** Told the furthest character offset read in the page. */
  readonly onProgress?: (offset: number) => void;
}

/** The fence that ends a collapsed page's block, with the space before it. */
const FENCE = " ```";
const PAGE_EXTENSIONS = new Set([".md", ".txt", ".yaml", ".yml", ".markdown"]);
const CLEAN = "clean page";

/** Pure: one page's (or plain YAML spec's) text in, the spec file to write out. */
export function importPageText(source: string, text: string, options: PageOptions = {}): ImportOutcome {
  const extracted = extractSpec(text);
  switch (extracted.kind) {
    case "problem":
      return failure({ file: source, line: extracted.line, message: extracted.message });
    case "markdown":
    case "yaml":
      return checkedSpec(source, extracted.yaml, CLEAN);
    case "collapsed":
      return recoverPage(source, text, extracted.candidates, options);
  }
}

function failure(problem: Problem, exhausted = false): ImportOutcome {
  return {
    ok: false,
    problem: problem.line === undefined ? { file: problem.file, message: problem.message } : problem,
    ...(exhausted ? { exhausted } : {}),
  };
}

/** The YAML as published, once it is known to be an OpenAPI document. */
function checkedSpec(source: string, yaml: string, decided: string): ImportOutcome {
  try {
    const { document } = parseSpec(source, yaml);
    return {
      ok: true,
      fileName: specFileName(document as unknown as Record<string, unknown>),
      yaml,
      decided,
    };
  } catch (error) {
    if (error instanceof GeneratorError) return failure(error.problems[0] as Problem);
    throw error;
  }
}

/**
 * A collapsed page's block may end at any ``` followed by a heading: the earliest extent that reads as a document is
 * the block (a later one would need a fence and a Markdown heading inside one of its values). The recovered document
 * is written in the site's style, ending with the blank line the site's blocks end with.
 */
function recoverPage(
  source: string,
  page: string,
  candidates: CollapsedCandidate[],
  options: PageOptions,
): ImportOutcome {
  const readings: {
    candidate: CollapsedCandidate;
    document: Record<string, unknown>;
    cost: number;
    decidedBy: string[];
  }[] = [];
  let refusal:
    | { at: number; end: number; whole: boolean; problem: Problem; exhausted: boolean; ambiguous: boolean }
    | undefined;
  const endpointPage = endpointUrl(page) !== undefined;
  for (const candidate of candidates) {
    const end = candidate.offset + candidate.yaml.length;
    // An extent holding an unclosed code fence ends inside a Markdown code block of one of its texts (`… Create one:
    // ``` POST /a ``` # Errors …`, a fence followed by a heading, where a block could end): it is not the page's
    // block, whatever it would read as, and is not read. A fence the site's own text leaves open (clean pages write it)
    // is that text's.
    const recovered = holdsUnclosedFenceOfItsOwn(candidate.yaml, options.evidence?.ownTexts)
      ? undefined
      : recoverCollapsed(candidate.yaml, {
          ...readingOptions(options.evidence, page, candidate.yaml),
          ...(endpointPage ? { requiredKeys: ["paths"] } : {}),
          ...(options.expired ? { expired: options.expired } : {}),
          ...(options.onProgress
            ? { onProgress: (offset: number) => options.onProgress?.(candidate.offset + offset) }
            : {}),
        });
    if (recovered?.ok) {
      readings.push({ candidate, ...recovered });
      break;
    }
    const at = recovered ? candidate.offset + recovered.offset : end;
    const message =
      recovered?.message ?? "the block would end inside a code block of one of its texts (an unclosed ```)";
    const exhausted = recovered?.exhausted === true;
    const ambiguous = recovered?.readings !== undefined;
    // The problem told is the first extent's, unless that one could not be read and a longer one was, or read past
    // its end: the first was then cut short at a code fence inside a Markdown text, and its failure says nothing of
    // the page. (A longer extent failing at the fence that ends the first, or in the SDK examples after it, tells
    // nothing either.)
    const whole = ambiguous || recovered?.message.startsWith("refused") === true;
    if (refusal === undefined || (!refusal.whole && (whole || at > refusal.end + FENCE.length)))
      refusal = {
        at,
        end,
        whole,
        problem: { file: source, message: `collapsed page at character ${at}: ${message}` },
        exhausted,
        ambiguous,
      };
    // An ambiguous or exhausted extent refuses the page whatever the longer ones read as.
    if (exhausted || ambiguous) break;
  }
  if (readings.length === 0 || refusal?.exhausted || refusal?.ambiguous)
    return refusal
      ? failure(refusal.problem, refusal.exhausted)
      : failure({ file: source, message: "no spec block" });
  const { document, decidedBy } = readings[0] as (typeof readings)[number];
  const yaml = `${renderSiteYaml(document)}\n`;
  const reparsed: unknown = parseYaml(yaml);
  if (!isRecord(reparsed) || JSON.stringify(reparsed) !== JSON.stringify(document))
    return failure({ file: source, message: "recovered document does not survive rendering as YAML" });
  const decided =
    decidedBy.length === 0
      ? "collapsed page, reading unique under the model"
      : `collapsed page, decided by ${decidedBy.join("; ")}`;
  return checkedSpec(source, yaml, decided);
}

export interface ImportOptions {
  inputs: string[];
  outDir: string;
  /** Budget for reading one collapsed page (default DEFAULT_PAGE_BUDGET). */
  budget?: PageBudget;
  /** Largest page read, in bytes (default DEFAULT_MAX_PAGE_BYTES). */
  maxPageBytes?: number;
  /** Clean specs to learn from besides the output folder (default: specs/ when it exists). */
  evidenceDirs?: string[];
}

/** File I/O edge: reads pages/folders, writes each spec into outDir. */
export async function importPages(options: ImportOptions): Promise<ImportSummary> {
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const summary: ImportSummary = { imported: [], failed: [], pages: [] };
  const writer = specWriter(options.outDir, summary);
  const evidence = emptyEvidence();
  for (const dir of [options.outDir, ...(options.evidenceDirs ?? ["specs"])])
    await learnFromSpecs(evidence, dir, maxPageBytes);
  const collapsed: string[] = [];
  for (const input of options.inputs) {
    const pages = await listPages(input).catch((error: NodeJS.ErrnoException) => {
      writer.fail({ file: input, message: `cannot read: ${error.code ?? error.message}` });
      return [] as string[];
    });
    for (const page of pages) {
      const text = await readPage(page, maxPageBytes);
      if (typeof text !== "string") {
        writer.fail({ file: page, message: text.message });
        continue;
      }
      const extracted = extractSpec(text);
      if (extracted.kind === "collapsed") {
        collapsed.push(page);
        for (const candidate of extracted.candidates)
          learnRequiredScopesFromText(evidence.requiredScopes, candidate.yaml);
        continue;
      }
      const outcome = importPageText(page, text);
      if (outcome.ok) {
        const document = parseYaml(outcome.yaml);
        learnFrom(evidence, document);
        learnSdkBody(evidence.sdkBodies, text, document);
      }
      await writer.take(page, outcome);
    }
  }
  await readCollapsed(collapsed, evidence, options, maxPageBytes, (page, outcome) =>
    writer.take(page, outcome),
  );
  summary.pages.sort((a, b) => compareStrings(a.source, b.source));
  return summary;
}

/**
 * Reads the collapsed pages in rounds: a page recovered in a round is evidence for the others (its components, the
 * site's style), so the pages refused in a round are read again with it, until a round recovers nothing. A page over
 * its budget is not read again.
 */
async function readCollapsed(
  pages: readonly string[],
  evidence: ImportEvidence,
  options: ImportOptions,
  maxPageBytes: number,
  take: (page: string, outcome: ImportOutcome) => Promise<void>,
): Promise<void> {
  let pending = [...pages];
  for (;;) {
    const refused = new Map<string, ImportOutcome>();
    let learnt = 0;
    await readInWorkers(
      pending,
      {
        // What the round started with: a worker started mid-round (after one was stopped) reads with the same.
        evidence: structuredClone(evidence),
        budget: options.budget ?? DEFAULT_PAGE_BUDGET,
        maxPageBytes,
        lanes: Math.min(2, availableParallelism()),
      },
      async (page, outcome) => {
        if (!outcome.ok && !outcome.exhausted) {
          refused.set(page, outcome);
          return;
        }
        if (outcome.ok) {
          learnFrom(evidence, parseYaml(outcome.yaml), { recovered: true });
          learnt += 1;
        }
        await take(page, outcome);
      },
    );
    pending = pending.filter((page) => refused.has(page));
    if (learnt === 0 || pending.length === 0) {
      for (const page of pending) await take(page, refused.get(page) as ImportOutcome);
      return;
    }
  }
}

/** Learns from every clean spec under `dir` (a missing folder teaches nothing). */
async function learnFromSpecs(evidence: ImportEvidence, dir: string, maxPageBytes: number): Promise<void> {
  const files = await listPages(dir).catch(() => [] as string[]);
  for (const file of files.filter((name) => /\.ya?ml$/i.test(name))) {
    const text = await readPage(file, maxPageBytes);
    if (typeof text !== "string") continue;
    try {
      learnFrom(evidence, parseYaml(text));
    } catch {
      // A spec that does not parse is no evidence; `generate` reports it.
    }
  }
}

/**
 * Writes outcomes as they come, refusing a page whose file another page of the run already wrote with different
 * content, or whose name differs only in letter case from one written in this run or already in the folder.
 */
function specWriter(outDir: string, summary: ImportSummary) {
  const written = new Map<string, { source: string; fileName: string; yaml: string }>();
  const fail = (problem: Problem) => {
    summary.failed.push(problem);
    summary.pages.push({ source: problem.file, problem });
  };
  return {
    fail,
    async take(page: string, outcome: ImportOutcome): Promise<void> {
      if (!outcome.ok) return fail(outcome.problem);
      const key = outcome.fileName.toLowerCase();
      const previous = written.get(key);
      if (previous && (previous.yaml !== outcome.yaml || previous.fileName !== outcome.fileName))
        return fail({
          file: page,
          message:
            previous.fileName === outcome.fileName
              ? `would overwrite ${outcome.fileName}, imported in this run with different content`
              : `${outcome.fileName} differs only in letter case from ${previous.fileName}, imported in this run`,
          otherFile: previous.source,
        });
      const existing = await portableCollision(outDir, outcome.fileName);
      if (existing)
        return fail({
          file: page,
          message: `${outcome.fileName} differs only in letter case from ${existing}, already in ${outDir}`,
        });
      await writeSpec(outDir, outcome.fileName, outcome.yaml);
      written.set(key, { source: page, fileName: outcome.fileName, yaml: outcome.yaml });
      summary.imported.push({ source: page, fileName: outcome.fileName, decided: outcome.decided });
      summary.pages.push({ source: page, fileName: outcome.fileName, decided: outcome.decided });
    },
  };
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
