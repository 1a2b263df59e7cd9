/**
 * Whole commands, as a user and CI wait for them: each run is a fresh process started the way `npm run` starts it
 * (`node scripts/run.mjs generate …`), timed from outside with GNU time (wall, user + system CPU, peak RSS), next to
 * openapi-typescript's own CLI on the same merged document in the same rounds. The stage table measures inside one
 * process and misses start-up, module loading and exit; this one does not.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./spawn.ts";
import { median, ratio } from "./stats.ts";

export interface ProcessSample {
  wallMs: number;
  /** User + system CPU time of the process and its children, ms. */
  cpuMs: number;
  /** Peak resident set size, bytes. */
  peakRss: number;
}

const COMMANDS = ["generate", "check", "noop", "npmNoop", "ots"] as const;
export type CommandKind = (typeof COMMANDS)[number];

export interface CommandSamples {
  label: string;
  runs: Partial<Record<CommandKind, ProcessSample[]>>;
  problems: string[];
}

export interface CommandStats {
  wallMs?: number;
  cpuMs?: number;
  peakRss?: number;
}

export interface CommandSummary {
  label: string;
  stats: Partial<Record<CommandKind, CommandStats>>;
  /** Full generate / openapi-typescript's CLI: wall, CPU and peak RSS. */
  generateRatio?: number;
  generateCpuRatio?: number;
  rssRatio?: number;
  /** `--check` with nothing changed / openapi-typescript's CLI, wall and CPU. */
  checkRatio?: number;
  checkCpuRatio?: number;
  problems: string[];
}

const GNU_TIME = "/usr/bin/time";

/** Runs `command args` in `cwd` under GNU time; rejects with the last stderr lines when it exits non-zero. */
export async function timeProcess(
  command: string,
  args: readonly string[],
  cwd = ROOT,
): Promise<ProcessSample> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-time-"));
  const report = path.join(dir, "time.txt");
  try {
    const start = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(GNU_TIME, ["-f", "%U %S %M", "-o", report, command, ...args], {
        cwd,
        stdio: ["ignore", "ignore", "pipe"],
      });
      const chunks: Buffer[] = [];
      child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, stderr: Buffer.concat(chunks).toString("utf8") }));
    });
    const wallMs = performance.now() - start;
    if (code !== 0)
      throw new Error(
        `${path.basename(command)} ${args.join(" ")} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`,
      );
    // GNU time writes "Command exited with non-zero status" first when it fails; the figures are the last line.
    const fields = (await readFile(report, "utf8")).trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
    const [user = Number.NaN, system = Number.NaN, maxKib = Number.NaN] = fields;
    return { wallMs, cpuMs: (user + system) * 1000, peakRss: maxKib * 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Collection {
  label: string;
  specsDir: string;
  /** Scratch folder for this collection's outputs. */
  workDir: string;
}

const RUNNER = path.join(ROOT, "scripts", "run.mjs");
const OTS_CLI = path.join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");

/**
 * `runs` rounds of: a full generate into an empty folder, openapi-typescript's CLI on the openapi.yaml it wrote,
 * `--check`, the no-op through node and through npm. Interleaved, so a burst of other load hits every command alike.
 */
export async function measureCommands(collection: Collection, runs: number): Promise<CommandSamples> {
  const out = path.join(collection.workDir, "cli-out");
  const generateArgs = [RUNNER, "generate", "--specs", collection.specsDir, "--out", out];
  const samples: CommandSamples = { label: collection.label, runs: {}, problems: [] };
  const steps: [CommandKind, () => Promise<ProcessSample>][] = [
    [
      "generate",
      async () => {
        await rm(out, { recursive: true, force: true });
        return timeProcess(process.execPath, generateArgs);
      },
    ],
    [
      "ots",
      () =>
        timeProcess(process.execPath, [
          OTS_CLI,
          path.join(out, "openapi.yaml"),
          "-o",
          path.join(collection.workDir, "ots-schema.ts"),
        ]),
    ],
    ["check", () => timeProcess(process.execPath, [...generateArgs, "--check"])],
    ["noop", () => timeProcess(process.execPath, generateArgs)],
    [
      "npmNoop",
      () =>
        timeProcess("npm", [
          "run",
          "--silent",
          "generate",
          "--",
          "--specs",
          collection.specsDir,
          "--out",
          out,
        ]),
    ],
  ];
  for (let round = 0; round < runs; round++) {
    for (const [kind, step] of steps) {
      try {
        const list = samples.runs[kind] ?? [];
        list.push(await step());
        samples.runs[kind] = list;
      } catch (error) {
        samples.problems.push(
          `${collection.label}: ${kind}: ${error instanceof Error ? error.message : error}`,
        );
        if (kind === "generate") return samples;
      }
    }
  }
  return samples;
}

function statsOf(samples: readonly ProcessSample[] | undefined): CommandStats | undefined {
  if (!samples || samples.length === 0) return undefined;
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRss: Math.max(...samples.map((s) => s.peakRss)),
  };
}

export function summarizeCommands(samples: CommandSamples): CommandSummary {
  const stats = Object.fromEntries(
    COMMANDS.flatMap((kind) => {
      const summary = statsOf(samples.runs[kind]);
      return summary ? [[kind, summary]] : [];
    }),
  ) as CommandSummary["stats"];
  const { generate, check, ots } = stats;
  return {
    label: samples.label,
    stats,
    generateRatio: ratio(generate?.wallMs, ots?.wallMs),
    generateCpuRatio: ratio(generate?.cpuMs, ots?.cpuMs),
    rssRatio: ratio(generate?.peakRss, ots?.peakRss),
    checkRatio: ratio(check?.wallMs, ots?.wallMs),
    checkCpuRatio: ratio(check?.cpuMs, ots?.cpuMs),
    problems: samples.problems,
  };
}
