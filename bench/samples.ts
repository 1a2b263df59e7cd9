/** What the bench's child processes take and report. */
import type { ConsumerOperation } from "./consumer.ts";
import type { Stage } from "./stages.ts";

export interface PipelineInput {
  specsDir: string;
  workDir: string;
  /** Only the timed stages (no `generate()` runs): for profiling. */
  stagesOnly?: boolean;
  /** Start the output folder afresh with a full `generate()` before the no-op one. */
  firstRun?: boolean;
}

export interface PipelineSample {
  timings: Partial<Record<Stage, number>>;
  spans: Partial<Record<Stage, [number, number]>>;
  failure?: { stage: Stage; message: string };
  /** CPU time of all stages, ms (less sensitive than wall time to other processes on a shared machine). */
  cpuMs?: number;
  /** Peak RSS of the process after the staged run, in bytes. */
  peakRss: number;
  /** The first `generate()` on an empty output folder (first run only). */
  generateMs?: number;
  /** The second `generate()` on unchanged specs. */
  noopMs?: number;
  /** Hashing the inputs and checking the outputs alone: the least a no-op regeneration must do. */
  noopCheckMs?: number;
  /** Operations the type-check consumer calls (from the merged document). */
  operations?: ConsumerOperation[];
  problems: string[];
}

export interface TypesOnlyInput {
  /** The merged openapi.yaml the pipeline wrote. */
  yamlFile: string;
  outFile: string;
}

export interface TypesOnlySample {
  ms: number;
  cpuMs: number;
  peakRss: number;
}
