/** Sync's output: the change listing and summary line (plain text, the same on a terminal or in a log) and the
 * progress line shown on a terminal while pages download. */
import { formatProblem } from "../shared/openapi.ts";
import type { SyncResult } from "./sync.ts";

export interface ReportOptions {
  outDir: string;
  prune: boolean;
  dryRun: boolean;
  keepGoing: boolean;
}

/** Lines for stdout (what changed, then one summary line) and for stderr (one `error:` line per failed page). */
export function formatReport(
  result: SyncResult,
  options: ReportOptions,
): { lines: string[]; errors: string[] } {
  const { plan } = result;
  const lines = [
    ...plan.added.map((name) => `added        ${name} (from ${result.sources.get(name)})`),
    ...plan.changed.map((name) => `changed      ${name} (from ${result.sources.get(name)})`),
    ...plan.unchanged.map((name) => `unchanged    ${name}`),
    ...plan.notOnSite.map((name) => `not on site  ${name} (${notOnSiteFate(result, options)})`),
    ...result.skipped.map((url) => `skipped      ${url} (no \`## OpenAPI Specification\` block)`),
    summaryLine(result, options),
  ];
  return { lines, errors: result.failures.map((problem) => `error: ${formatProblem(problem)}`) };
}

function notOnSiteFate(result: SyncResult, options: ReportOptions): string {
  if (result.pruned.length > 0) return "deleted";
  if (!options.prune) return "kept; --prune deletes it";
  if (result.failures.length > 0) return "kept: not pruning while pages fail";
  return "would be deleted";
}

export function summaryLine(result: SyncResult, options: ReportOptions): string {
  const { plan, failures, skipped } = result;
  const counts = [
    `${plan.added.length} added`,
    `${plan.changed.length} changed`,
    `${plan.unchanged.length} unchanged`,
    `${plan.notOnSite.length} not on site`,
    `${failures.length} failed`,
    ...(skipped.length > 0 ? [`${skipped.length} skipped`] : []),
  ].join(", ");
  return `sync: ${counts}; ${outcome(result, options)}`;
}

function outcome(result: SyncResult, options: ReportOptions): string {
  const failed = result.failures.length;
  if (result.written)
    return `wrote ${options.outDir}${failed > 0 ? ` (without the ${plural(failed)} that failed)` : ""}`;
  if (options.dryRun) return "dry run, nothing written";
  if (failed > 0 && !options.keepGoing)
    return `nothing written because ${plural(failed)} failed (--keep-going writes the rest)`;
  if (failed > 0) return "nothing to write for the pages that synced";
  return `${options.outDir} is up to date`;
}

function plural(pages: number): string {
  return pages === 1 ? "1 page" : `${pages} pages`;
}

/** The minimal surface of a terminal stream the progress line needs. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A single self-overwriting `[done/total] /page/path.md` line on a terminal; nothing at all on a pipe or file. */
export function createProgressLine(stream: ProgressStream): {
  update: (done: number, total: number, url: string) => void;
  clear: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  // A pseudo-terminal may report 0 columns; the line must still fit, so fall back to 80.
  const width = Math.max(20, (stream.columns || 80) - 1);
  return {
    update: (done, total, url) =>
      stream.write(`\r\x1b[2K${`[${done}/${total}] ${new URL(url).pathname}`.slice(0, width)}`),
    clear: () => stream.write("\r\x1b[2K"),
  };
}
