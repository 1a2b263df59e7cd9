/**
 * Reads collapsed pages in worker threads (page-worker.ts), each page within its budget: CPU time (checked by the
 * reader on the thread's own clock), memory (the worker's V8 heap limit) and a wall-clock backstop. A page that
 * exhausts a budget, or crashes its worker, is refused with its furthest position; the worker is replaced and the
 * other pages go on. Workers are reused from page to page, so the batch's memory does not grow with the page count.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../shared/worker-entry.ts";
import type { ImportEvidence } from "./import-evidence.ts";
import type { ImportOutcome } from "./import-pages.ts";
import type { PageRequest, WorkerSetup } from "./page-worker.ts";

export interface PageBudget {
  /** CPU time for reading one page, in ms. */
  readonly cpuMs: number;
  /** Heap for reading one page (the worker's old generation), in MB. */
  readonly memoryMb: number;
}

export const DEFAULT_PAGE_BUDGET: PageBudget = { cpuMs: 2_000, memoryMb: 256 };

export interface PoolOptions {
  readonly evidence: ImportEvidence;
  readonly budget: PageBudget;
  readonly maxPageBytes: number;
  /** Workers reading at once. */
  readonly lanes: number;
}

interface Lane {
  readonly worker: Worker;
  readonly progress: Int32Array;
}

/** Reads every page, calling `onOutcome` in the order pages finish; never rejects for a page's sake. */
export async function readInWorkers(
  pages: readonly string[],
  options: PoolOptions,
  onOutcome: (page: string, outcome: ImportOutcome) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runLane = async () => {
    let lane: Lane | undefined;
    try {
      for (let index = next++; index < pages.length; index = next++) {
        const page = pages[index] as string;
        lane ??= startLane(options);
        const result = await readOne(lane, page, options.budget);
        if (!result.healthy) {
          await lane.worker.terminate();
          lane = undefined;
        }
        await onOutcome(page, result.outcome);
      }
    } finally {
      await lane?.worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.lanes, pages.length)) }, runLane));
}

/** One lane: a worker that reads pages one at a time within the budget. */
function startLane(options: PoolOptions): Lane {
  const progress = new SharedArrayBuffer(4);
  const setup: WorkerSetup = {
    evidence: options.evidence,
    cpuMs: options.budget.cpuMs,
    maxPageBytes: options.maxPageBytes,
    progress,
  };
  const { entry, eval: isSource } = workerEntry("page-worker", import.meta.url);
  const worker = new Worker(entry, {
    eval: isSource,
    workerData: setup,
    // A deep stack: the reader recurses once per open choice point, and long pages have thousands.
    resourceLimits: { maxOldGenerationSizeMb: options.budget.memoryMb, stackSizeMb: 256 },
  });
  worker.unref();
  return { worker, progress: new Int32Array(progress) };
}

/** Wall-clock backstop: generous, since the machine may be busy; the CPU budget is the real bound. */
function backstopMs(budget: PageBudget): number {
  return budget.cpuMs * 10 + 20_000;
}

function readOne(
  lane: Lane,
  page: string,
  budget: PageBudget,
): Promise<{ outcome: ImportOutcome; healthy: boolean }> {
  Atomics.store(lane.progress, 0, 0);
  const refused = (message: string) => ({
    healthy: false,
    outcome: {
      ok: false as const,
      exhausted: true,
      problem: {
        file: page,
        message: `collapsed page: ${message}; furthest reading reached character ${Atomics.load(lane.progress, 0)}`,
      },
    },
  });
  return new Promise((resolve) => {
    const { worker } = lane;
    const done = (result: { outcome: ImportOutcome; healthy: boolean }) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(result);
    };
    const onMessage = (outcome: ImportOutcome) => done({ outcome, healthy: true });
    const onError = (error: Error & { code?: string }) =>
      done(
        refused(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `over its memory budget of ${budget.memoryMb} MB (--page-memory-mb)`
            : `the reader crashed (${error.message})`,
        ),
      );
    const onExit = (code: number) => done(refused(`the reader stopped (exit code ${code})`));
    const timer = setTimeout(
      () => done(refused(`still reading after ${backstopMs(budget)} ms of wall-clock time`)),
      backstopMs(budget),
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ page } satisfies PageRequest);
  });
}
