/**
 * A worker thread that reads collapsed pages for the import (page-pool.ts starts it): each page within a CPU-time
 * budget measured on this thread's own clock, the furthest position reached kept in shared memory so that the pool
 * can still name it when the thread is stopped for its memory or its wall-clock backstop.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { ImportEvidence } from "./import-evidence.ts";
import { type ImportOutcome, importPageText } from "./import-pages.ts";
import { readPage } from "./page-file.ts";

export interface WorkerSetup {
  readonly evidence: ImportEvidence;
  readonly cpuMs: number;
  readonly maxPageBytes: number;
  /** One Int32: the furthest character offset read in the current page. */
  readonly progress: SharedArrayBuffer;
}

export interface PageRequest {
  readonly page: string;
}

/** This thread's CPU time in ms (Linux: /proc/thread-self/stat; elsewhere wall-clock time, a looser bound). */
function threadCpuMs(): number {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return performance.now();
  }
}

async function readOne(setup: WorkerSetup, request: PageRequest): Promise<ImportOutcome> {
  const progress = new Int32Array(setup.progress);
  const text = await readPage(request.page, setup.maxPageBytes);
  if (typeof text !== "string") return { ok: false, problem: { file: request.page, message: text.message } };
  const start = threadCpuMs();
  const outcome = importPageText(request.page, text, {
    evidence: setup.evidence,
    expired: () => threadCpuMs() - start > setup.cpuMs,
    onProgress: (offset) => Atomics.store(progress, 0, Math.max(Atomics.load(progress, 0), offset)),
  });
  if (outcome.ok || !outcome.exhausted) return outcome;
  const message = outcome.problem.message.replace(
    /time budget spent after \d+ steps/,
    `over its CPU-time budget of ${setup.cpuMs} ms (--page-cpu-ms)`,
  );
  return { ...outcome, problem: { ...outcome.problem, message } };
}

const setup = workerData as WorkerSetup;
parentPort?.on("message", (request: PageRequest) => {
  readOne(setup, request).then(
    (outcome) => parentPort?.postMessage(outcome),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        problem: { file: request.page, message: `crashed: ${String(error)}` },
      }),
  );
});
