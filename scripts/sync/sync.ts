/**
 * Sync: refresh the specs folder from the docs site. Reads the page index, downloads the selected pages' Markdown
 * copies through the polite fetcher, turns each into a spec with the import stage, plans the changes against the
 * local specs and applies them all-or-nothing.
 */
import { parse as parseYaml } from "yaml";
import { extractSpec } from "../import/extract-page.ts";
import { emptyEvidence, type ImportEvidence, learnFrom } from "../import/import-evidence.ts";
import { importPageText } from "../import/import-pages.ts";
import { GeneratorError, type Problem } from "../shared/openapi.ts";
import { applyChanges, isSafeSpecName, readLocalSpecs } from "./apply.ts";
import { createFetcher, type Fetcher, type FetchPolicy } from "./fetcher.ts";
import {
  hasCredentials,
  type IndexLink,
  isHttp,
  markdownUrl,
  type PageSelection,
  parseIndex,
  selectPages,
} from "./page-index.ts";
import { changesFor, hasChanges, planChanges, type SyncPlan } from "./plan.ts";

export interface SyncOptions {
  /** The page index (`llms.txt`) URL; http or https only. */
  from: string;
  outDir: string;
  /** Delete local specs the site no longer has. */
  prune: boolean;
  /** Download and plan, write nothing. */
  dryRun: boolean;
  /** Write the pages that did sync even when others failed (never pruning then). */
  keepGoing: boolean;
  policy: FetchPolicy;
  /** Called as each page finishes, in completion order. */
  onProgress?: (done: number, total: number, url: string) => void;
}

export interface SyncResult {
  indexUrl: string;
  selection: PageSelection;
  plan: SyncPlan;
  /** Which page each incoming spec came from. */
  sources: ReadonlyMap<string, string>;
  /** Pages that could not be synced, one problem each, named by their Markdown URL. */
  failures: Problem[];
  /** Pages without an `## OpenAPI Specification` block, when the index does not mark its API reference. */
  skipped: string[];
  /** Local specs actually deleted. */
  pruned: string[];
  /** True when `outDir` was changed. */
  written: boolean;
}

/** One page's outcome. */
type PageResult =
  | { kind: "spec"; url: string; fileName: string; yaml: string }
  | { kind: "page"; url: string; text: string }
  | { kind: "skipped"; url: string }
  | { kind: "failed"; problem: Problem };

const SPEC_HEADING = /(?:^|\s)##[ \t]+OpenAPI Specification(?=\s|$)/;

export async function sync(options: SyncOptions): Promise<SyncResult> {
  const indexUrl = checkIndexUrl(options.from);
  const fetcher = createFetcher(options.policy);
  const index = await fetcher(indexUrl);
  if (!index.ok)
    throw new GeneratorError([{ file: indexUrl, message: `cannot read the index: ${index.message}` }]);
  const selection = selectPages(parseIndex(index.text, index.finalUrl), index.finalUrl);
  if (selection.pages.length === 0)
    throw new GeneratorError([
      { file: indexUrl, message: `the index links to no pages on ${new URL(index.finalUrl).origin}` },
    ]);

  let done = 0;
  const results = await Promise.all(
    selection.pages.map(async (link) => {
      const result = await syncPage(link, fetcher, selection.referenceOnly);
      done += 1;
      options.onProgress?.(done, selection.pages.length, markdownUrl(link.url));
      return result;
    }),
  );
  const localSpecs = await readLocalSpecs(options.outDir);
  const { incoming, sources, failures, skipped } = collect(importDownloaded(results, localSpecs));
  if (incoming.size === 0 && failures.length === 0)
    failures.push({ file: indexUrl, message: "no page holds an `## OpenAPI Specification` block" });

  const plan = planChanges(localSpecs, incoming);
  const changes = changesFor(plan, incoming, options.prune && failures.length === 0);
  const mayWrite = !options.dryRun && (failures.length === 0 || options.keepGoing) && hasChanges(changes);
  if (mayWrite) await applyChanges(options.outDir, changes);
  return {
    indexUrl,
    selection,
    plan,
    sources,
    failures,
    skipped,
    pruned: mayWrite ? [...changes.remove] : [],
    written: mayWrite,
  };
}

function checkIndexUrl(from: string): string {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new GeneratorError([{ file: from, message: "not a URL (expected http:// or https://)" }]);
  }
  if (!isHttp(url))
    throw new GeneratorError([
      { file: from, message: `only http and https URLs are allowed, not ${url.protocol}` },
    ]);
  // Credentials in the URL would be sent to the site and printed in every message naming a page.
  if (hasCredentials(url))
    throw new GeneratorError([{ file: url.host, message: "the index URL must not carry credentials" }]);
  return url.href;
}

/** Downloads one page's Markdown and imports it. */
async function syncPage(link: IndexLink, fetcher: Fetcher, referenceOnly: boolean): Promise<PageResult> {
  const url = markdownUrl(link.url);
  const page = await fetcher(url);
  if (!page.ok) return { kind: "failed", problem: { file: url, message: page.message } };
  if (!SPEC_HEADING.test(page.text)) {
    if (!referenceOnly) return { kind: "skipped", url };
    return {
      kind: "failed",
      problem: {
        file: url,
        message: "listed under the API reference but has no `## OpenAPI Specification` block",
      },
    };
  }
  return { kind: "page", url, text: page.text };
}

/**
 * Imports the downloaded pages as `npm run import` does: clean pages first, then the collapsed ones with what the
 * local specs and the clean pages teach (the site's YAML style, known components), so the same evidence decides a
 * collapsed page's reading in both commands (scripts/import/import-evidence.ts).
 */
function importDownloaded(
  results: readonly PageResult[],
  localSpecs: ReadonlyMap<string, string>,
): PageResult[] {
  const evidence = emptyEvidence();
  for (const text of localSpecs.values()) learnQuietly(evidence, text);
  const isCollapsed = (result: PageResult) =>
    result.kind === "page" && extractSpec(result.text).kind === "collapsed";
  const imported = new Map<PageResult, PageResult>();
  for (const result of results)
    if (result.kind === "page" && !isCollapsed(result)) {
      const done = importPage(result.url, result.text);
      if (done.kind === "spec") learnQuietly(evidence, done.yaml);
      imported.set(result, done);
    }
  for (const result of results)
    if (result.kind === "page" && isCollapsed(result))
      imported.set(result, importPage(result.url, result.text, evidence));
  return results.map((result) => imported.get(result) ?? result);
}

function learnQuietly(evidence: ImportEvidence, yaml: string): void {
  try {
    learnFrom(evidence, parseYaml(yaml));
  } catch {
    // A spec that does not parse teaches nothing; generate reports it.
  }
}

function importPage(url: string, text: string, evidence?: ImportEvidence): PageResult {
  const outcome = importPageText(url, text, evidence ? { evidence } : {});
  if (!outcome.ok) return { kind: "failed", problem: outcome.problem };
  if (!isSafeSpecName(outcome.fileName))
    return {
      kind: "failed",
      problem: { file: url, message: `unsafe spec file name ${JSON.stringify(outcome.fileName)}` },
    };
  return { kind: "spec", url, fileName: outcome.fileName, yaml: outcome.yaml };
}

/** Gathers page results in index order; two pages producing the same spec file is a failure of the later one. */
function collect(results: readonly PageResult[]) {
  const incoming = new Map<string, string>();
  const sources = new Map<string, string>();
  const failures: Problem[] = [];
  const skipped: string[] = [];
  for (const result of results) {
    if (result.kind === "page") continue;
    if (result.kind === "failed") failures.push(result.problem);
    else if (result.kind === "skipped") skipped.push(result.url);
    else if (sources.has(result.fileName))
      failures.push({
        file: result.url,
        message: `produces ${result.fileName}, which an earlier page already produced`,
        otherFile: sources.get(result.fileName),
      });
    else {
      incoming.set(result.fileName, result.yaml);
      sources.set(result.fileName, result.url);
    }
  }
  return { incoming, sources, failures, skipped };
}
