/**
 * Import recovery on real-shaped pages (test/import/support/real-pages.ts: AssemblyAI and Twilio specs cut into the
 * docs site's pages): the share of collapsed pages read back exactly, refused, written wrong, crashed or over budget,
 * with every page collapsed, with one clean page per API and with half of them clean, and the batch's peak RSS at half
 * and at all of the pages
 * (flat in the page count when pages are read one at a time in reused workers). `npm run bench` runs it after the
 * generator's sizes; `tsx bench/import-recovery.ts [PAGES]` runs it alone.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { importPages } from "../scripts/import/import-pages.ts";
import { type RealPage, realPages } from "../test/import/support/real-pages.ts";
import { visibleValues } from "../test/import/support/scrape.ts";
import { BENCH_DIR } from "./spawn.ts";

export interface RecoveryScenario {
  name: string;
  pages: number;
  collapsed: number;
  exact: number;
  refused: number;
  wrong: number;
  crashed: number;
  overBudget: number;
  decidedByEvidence: number;
  peakRssMiB: number;
  seconds: number;
}

const WORK = path.join(BENCH_DIR, ".work", "import-recovery");

function corpus(limit?: number): RealPage[] {
  const pages = [...realPages("twilio"), ...realPages("assemblyai")];
  return limit === undefined ? pages : pages.slice(0, limit);
}

/** `keepOut`: the `--out` folder keeps the specs the previous scenario wrote (a re-import into an existing specs/). */
async function runScenario(
  name: string,
  pages: readonly RealPage[],
  clean: (index: number) => boolean,
  keepOut = false,
) {
  const dir = path.join(WORK, "pages");
  const out = path.join(WORK, "out");
  await rm(keepOut ? dir : WORK, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [index, page] of pages.entries())
    await writeFile(path.join(dir, page.name), clean(index) ? page.clean : page.collapsed);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const summary = await importPages({ inputs: [dir], outDir: out, evidenceDirs: [] }).finally(() =>
    clearInterval(sampler),
  );
  const result: RecoveryScenario = {
    name,
    pages: pages.length,
    collapsed: pages.filter((_, index) => !clean(index)).length,
    exact: 0,
    refused: 0,
    wrong: 0,
    crashed: 0,
    overBudget: 0,
    decidedByEvidence: 0,
    peakRssMiB: Math.round(peak / 2 ** 20),
    seconds: Math.round((performance.now() - started) / 1000),
  };
  const byName = new Map(pages.map((page) => [page.name, page]));
  for (const report of summary.pages) {
    if (report.decided === "clean page") continue;
    const message = report.problem?.message ?? "";
    if (report.problem) {
      if (/crashed|the reader stopped/.test(message)) result.crashed += 1;
      else if (/budget|still reading|too many/.test(message)) result.overBudget += 1;
      else result.refused += 1;
      continue;
    }
    const page = byName.get(path.basename(report.source)) as RealPage;
    const written = parse(await readFile(path.join(out, report.fileName as string), "utf8"));
    // A value the evidence knows from a clean page keeps the clean page's whitespace, which the scrape made one space
    // (the scrape's loss is idempotent, so a written document equal to the expected one passes too); whitespace at a
    // value's ends is lost on the page as well (visibleValues).
    if (JSON.stringify(visibleValues(written)) === JSON.stringify(visibleValues(page.expected)))
      result.exact += 1;
    else result.wrong += 1;
    if (report.decided?.includes("decided by")) result.decidedByEvidence += 1;
  }
  return result;
}

export async function measureImportRecovery(
  log: (message: string) => void,
  limit?: number,
): Promise<RecoveryScenario[]> {
  const pages = corpus(limit);
  // Every other page: the same mix of small and large pages as the whole corpus, so that the two peak RSS figures
  // show whether the batch's memory grows with the page count (not with the size of its largest pages).
  const half = pages.filter((_, index) => index % 2 === 1);
  const firstOfEachApi = new Set(["twilio-000.md", "assemblyai-000.md"]);
  const results: RecoveryScenario[] = [];
  log(`import recovery: ${half.length} pages, every page collapsed`);
  results.push(await runScenario("every page collapsed (every other page)", half, () => false));
  log(`import recovery: ${pages.length} pages, every page collapsed`);
  results.push(await runScenario("every page collapsed", pages, () => false));
  log(`import recovery: ${pages.length} pages, one clean page per API`);
  results.push(
    await runScenario("one clean page per API", pages, (index) =>
      firstOfEachApi.has((pages[index] as RealPage).name),
    ),
  );
  log(`import recovery: ${pages.length} pages, half of them clean`);
  results.push(await runScenario("half of the pages clean", pages, (index) => index % 2 === 0));
  // A spec the reader was never tuned on: how the shares above hold up on an API outside the corpus.
  const untuned = realPages("twilio-v2010").slice(0, limit);
  log(`import recovery: Twilio api_v2010, ${untuned.length} pages, half of them clean`);
  results.push(
    await runScenario("Twilio api_v2010 (not tuned on), half clean", untuned, (index) => index % 2 === 0),
  );
  // What a later import of the same site meets: specs/ (here `--out`) already holds what the import above wrote.
  log(`import recovery: Twilio api_v2010, ${untuned.length} pages, every page collapsed, --out from above`);
  results.push(
    await runScenario(
      "Twilio api_v2010, every page collapsed, re-imported into the `--out` the half-clean import wrote",
      untuned,
      () => false,
      true,
    ),
  );
  // The other half clean: the same pages, each collapsed where the half-clean scenario had it clean (a wrong page was
  // found this way that the first split never showed).
  log(`import recovery: Twilio api_v2010, ${untuned.length} pages, the other half clean`);
  results.push(
    await runScenario(
      "Twilio api_v2010 (not tuned on), the other half clean",
      untuned,
      (index) => index % 2 === 1,
    ),
  );
  log(`import recovery: Twilio api_v2010, ${untuned.length} pages, one clean page`);
  results.push(
    await runScenario("Twilio api_v2010 (not tuned on), one clean page", untuned, (index) => index === 0),
  );
  await rm(WORK, { recursive: true, force: true });
  return results;
}

const share = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((100 * part) / whole)} %`);

export function renderImportRecovery(results: readonly RecoveryScenario[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.pages} | ${r.collapsed} | ${r.exact} (${share(r.exact, r.collapsed)}) | ${r.refused} | ${r.overBudget} | **${r.wrong}** | ${r.crashed} | ${r.decidedByEvidence} | ${r.peakRssMiB} MiB | ${r.seconds} s |`,
  );
  return [
    "## Import: collapsed pages recovered (real-shaped pages, bench/import-recovery.ts)",
    "",
    "| scenario | pages | collapsed | exact | refused | over budget | written wrong | crashed | decided by evidence | peak RSS | time |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const limit = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const results = await measureImportRecovery(
    (message) => process.stderr.write(`[bench] ${message}\n`),
    limit,
  );
  console.log(renderImportRecovery(results));
}
