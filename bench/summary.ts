/** Turns the bench's raw samples into medians, ratios and target checks. */
import type { BundleSizes } from "./bundle-size.ts";
import type { Rate, ThroughputSample } from "./client-rps.ts";
import type { CommandSummary } from "./commands.ts";
import type { StageProfile } from "./profile.ts";
import type { PipelineSample, TypesOnlySample } from "./samples.ts";
import { STAGES, type Stage } from "./stages.ts";
import { median, medianByKey, ratio } from "./stats.ts";

export interface TypeCheckSample {
  aliasedMs: number;
  plainMs: number;
}

export interface SizeSamples {
  endpoints: number;
  pipeline: PipelineSample[];
  typesOnly: TypesOnlySample[];
  typeCheck: TypeCheckSample[];
  /** Problems met while measuring this size (not failures of the pipeline itself). */
  problems: string[];
}

export interface SizeSummary {
  endpoints: number;
  stages: Partial<Record<Stage, number>>;
  total?: number;
  typesOnly?: number;
  /** total / openapi-typescript alone */
  ratio?: number;
  /** The same ratio on CPU time, which other processes on a shared machine disturb less. */
  cpuRatio?: number;
  /** Highest peak RSS over the runs, bytes. */
  peakRss?: number;
  generateMs?: number;
  noopMs?: number;
  noopCheckMs?: number;
  typeCheck?: { aliasedMs: number; plainMs: number; ratio: number };
  failure?: string;
  problems: string[];
}

export interface ClientSummary {
  /** Medians, per sender. */
  client?: Rate;
  fetch?: Rate;
  openapiFetch?: Rate;
  /** client / fetch requests per second */
  rpsRatio?: number;
  bundle?: BundleSizes;
  problems: string[];
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met?: boolean;
}

export function summarizeSize(samples: SizeSamples): SizeSummary {
  const completed = samples.pipeline.filter((s) => !s.failure);
  const failed = samples.pipeline.find((s) => s.failure)?.failure;
  const totals = completed.map((s) => STAGES.reduce((sum, stage) => sum + (s.timings[stage] ?? 0), 0));
  const total = median(totals);
  const typesOnly = median(samples.typesOnly.map((s) => s.ms));
  const aliasedMs = median(samples.typeCheck.map((s) => s.aliasedMs));
  const plainMs = median(samples.typeCheck.map((s) => s.plainMs));
  const rss = samples.pipeline.map((s) => s.peakRss);
  return {
    endpoints: samples.endpoints,
    stages: medianByKey(
      samples.pipeline.map((s) => s.timings),
      STAGES,
    ),
    total,
    typesOnly,
    ratio: ratio(total, typesOnly),
    cpuRatio: ratio(
      median(completed.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]))),
      median(samples.typesOnly.map((s) => s.cpuMs)),
    ),
    peakRss: rss.length > 0 ? Math.max(...rss) : undefined,
    generateMs: median(completed.flatMap((s) => (s.generateMs === undefined ? [] : [s.generateMs]))),
    noopMs: median(completed.flatMap((s) => (s.noopMs === undefined ? [] : [s.noopMs]))),
    noopCheckMs: median(completed.flatMap((s) => (s.noopCheckMs === undefined ? [] : [s.noopCheckMs]))),
    ...(aliasedMs !== undefined && plainMs !== undefined
      ? { typeCheck: { aliasedMs, plainMs, ratio: aliasedMs / plainMs } }
      : {}),
    ...(failed ? { failure: `${failed.stage}: ${failed.message}` } : {}),
    problems: [...new Set([...samples.problems, ...samples.pipeline.flatMap((s) => s.problems)])],
  };
}

function medianRate(rates: readonly Rate[]): Rate | undefined {
  const rps = median(rates.map((r) => r.rps));
  const cpu = median(rates.map((r) => r.cpuMsPerRequest));
  return rps === undefined || cpu === undefined ? undefined : { rps, cpuMsPerRequest: cpu };
}

export function summarizeClient(
  throughput: readonly ThroughputSample[],
  bundle: BundleSizes | undefined,
  problems: string[],
): ClientSummary {
  const rates = {
    client: medianRate(throughput.map((s) => s.client)),
    fetch: medianRate(throughput.map((s) => s.fetch)),
    openapiFetch: medianRate(throughput.map((s) => s.openapiFetch)),
  };
  return {
    ...Object.fromEntries(Object.entries(rates).filter(([, rate]) => rate !== undefined)),
    rpsRatio: ratio(rates.client?.rps, rates.fetch?.rps),
    ...(bundle ? { bundle } : {}),
    problems,
  };
}

const GIB = 1024 ** 3;

function check(value: number | undefined, limit: number, atLeast = false): boolean | undefined {
  if (value === undefined) return undefined;
  return atLeast ? value >= limit : value <= limit;
}

const fmt = (value: number | undefined, unit: (v: number) => string) =>
  value === undefined ? "not measured" : unit(value);
const times = (v: number) => `${v.toFixed(2)}×`;
const seconds = (v: number) => `${(v / 1000).toFixed(2)} s`;
const mib = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MiB`;

/** Whole-process targets (issue #19) for one collection measured as commands. */
function commandTargets(commands: CommandSummary): Target[] {
  const { noop, npmNoop } = commands.stats;
  return [
    {
      name: `${commands.label}: no-op, \`npm run generate\` in all`,
      goal: "≤ 1 s",
      measured: fmt(npmNoop?.wallMs, seconds),
      met: check(npmNoop?.wallMs, 1000),
    },
    {
      name: `${commands.label}: no-op, the generator's process`,
      goal: "≤ 0.5 s, ≤ 120 MiB",
      measured:
        noop?.wallMs === undefined ? "not measured" : `${seconds(noop.wallMs)}, ${fmt(noop.peakRss, mib)}`,
      met:
        noop?.wallMs === undefined || noop.peakRss === undefined
          ? undefined
          : noop.wallMs <= 500 && noop.peakRss <= 120 * 1024 * 1024,
    },
    {
      name: `${commands.label}: \`--check\` vs openapi-typescript's CLI`,
      goal: "≤ 1.5×",
      measured: fmt(commands.checkRatio, times),
      met: check(commands.checkRatio, 1.5),
    },
    {
      name: `${commands.label}: full generate vs openapi-typescript's CLI`,
      goal: "≤ 1.5×",
      measured: fmt(commands.generateRatio, times),
      met: check(commands.generateRatio, 1.5),
    },
    {
      name: `${commands.label}: peak RSS vs openapi-typescript's CLI`,
      goal: "≤ 2×",
      measured: fmt(commands.rssRatio, times),
      met: check(commands.rssRatio, 2),
    },
  ];
}

/**
 * The issues' targets, checked on the summary for N = 1000 (undefined `met` when not measured); the whole-process
 * ones on the N = 1000 corpus and on the real collection.
 */
export function checkTargets(
  size: SizeSummary | undefined,
  client: ClientSummary,
  commands: readonly CommandSummary[] = [],
): Target[] {
  const extraGzip = client.bundle ? client.bundle.clientGzip : undefined;
  return [
    {
      name: "Total vs openapi-typescript alone",
      goal: "≤ 1.5×",
      measured: fmt(size?.ratio, (v) => `${v.toFixed(2)}×`),
      met: check(size?.ratio, 1.5),
    },
    {
      name: "Peak RSS",
      goal: "≤ 1 GiB",
      measured: fmt(size?.peakRss, (v) => `${(v / 1024 / 1024).toFixed(0)} MiB`),
      met: check(size?.peakRss, GIB),
    },
    {
      name: "No-op regeneration",
      goal: "≤ 1 s",
      measured: fmt(size?.noopMs, (v) => `${(v / 1000).toFixed(2)} s`),
      met: check(size?.noopMs, 1000),
    },
    {
      name: "Consumer type-check, aliases vs plain",
      goal: "≤ 1.1×",
      measured: fmt(size?.typeCheck?.ratio, (v) => `${v.toFixed(2)}×`),
      met: check(size?.typeCheck?.ratio, 1.1),
    },
    {
      name: "Client requests/s vs bare openapi-fetch",
      goal: "≥ 1×",
      measured: fmt(ratio(client.client?.rps, client.openapiFetch?.rps), times),
      met: check(ratio(client.client?.rps, client.openapiFetch?.rps), 1, true),
    },
    {
      name: "Client requests/s vs plain fetch",
      goal: "≥ 0.95×",
      measured: fmt(client.rpsRatio, (v) => `${v.toFixed(2)}×`),
      met: check(client.rpsRatio, 0.95, true),
    },
    {
      name: "Client runtime over openapi-fetch (min+gz)",
      goal: "≤ 2 KB (2,048 B)",
      measured: fmt(extraGzip, (v) => `+${v.toLocaleString("en-US")} B`),
      met: check(extraGzip, 2048),
    },
    ...commands
      .filter((c) => c.label === `corpus N = ${size?.endpoints}` || !c.label.startsWith("corpus"))
      .flatMap(commandTargets),
  ];
}

export interface BenchResults {
  date: string;
  cpu: string;
  cores: number;
  /** 1-minute load average when the bench started and ended (other work on the machine skews wall times). */
  load: [number, number];
  node: string;
  runs: number;
  seed: number;
  sizes: SizeSummary[];
  /** Whole commands per collection (the corpus sizes and the real collection). */
  commands: CommandSummary[];
  client: ClientSummary;
  targets: Target[];
  profile?: { endpoints: number; stages: StageProfile[] };
  durationMs: number;
}
