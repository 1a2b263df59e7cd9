/** `npm run sync`: runs a sync with the default fetch policy and prints its report. Exit code 1 when a page failed. */
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from "./fetcher.ts";
import { createProgressLine, formatReport, type ProgressStream } from "./report.ts";
import { sync } from "./sync.ts";

export interface SyncCommandOptions {
  from: string;
  out: string;
  prune: boolean;
  dryRun: boolean;
  keepGoing: boolean;
}

export interface SyncIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
}

export async function runSyncCommand(
  options: SyncCommandOptions,
  io: SyncIo = { stdout: process.stdout, stderr: process.stderr },
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
): Promise<number> {
  const progress = createProgressLine(io.stderr);
  const result = await sync({
    from: options.from,
    outDir: options.out,
    prune: options.prune,
    dryRun: options.dryRun,
    keepGoing: options.keepGoing,
    policy,
    onProgress: progress.update,
  }).finally(progress.clear);
  const report = formatReport(result, {
    outDir: options.out,
    prune: options.prune,
    dryRun: options.dryRun,
    keepGoing: options.keepGoing,
  });
  for (const line of report.errors) io.stderr.write(`${line}\n`);
  for (const line of report.lines) io.stdout.write(`${line}\n`);
  return result.failures.length > 0 ? 1 : 0;
}
