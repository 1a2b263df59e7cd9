/**
 * Where the pipeline's time goes: one run of the stages under `node --cpu-prof`, its samples attributed to stages
 * (by time: the profile and the stage spans share the monotonic clock) and, within each stage, to packages and
 * functions by self time.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { PipelineInput, PipelineSample } from "./samples.ts";
import { ROOT, runScript } from "./spawn.ts";
import { STAGES, type Stage } from "./stages.ts";

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
}

export interface StageProfile {
  stage: Stage | "outside stages";
  ms: number;
  packages: Share[];
  functions: Share[];
}

/** `node_modules/@redocly/openapi-core/…` → `@redocly/openapi-core`; scripts/x.ts → `scripts/x.ts`; else a kind. */
export function ownerOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "/node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith("node:")) return "node core";
  const local = url.replace(/^file:\/\//, "");
  return local.startsWith(ROOT) ? path.relative(ROOT, local) : local;
}

function functionLabel(node: CpuProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const owner = ownerOf(url, functionName);
  if (url === "") return owner;
  // tsx-compiled files report line 1 for everything; a line number is only worth showing when it is real.
  return `${functionName || "(anonymous)"} (${lineNumber > 0 ? `${owner}:${lineNumber + 1}` : owner})`;
}

function top(totals: Map<string, number>, count: number): Share[] {
  return [...totals.entries()]
    .map(([name, micros]) => ({ name, ms: micros / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

const add = (map: Map<string, number>, key: string, micros: number) =>
  map.set(key, (map.get(key) ?? 0) + micros);

/** Self time per stage, package and function; samples outside every span go to "outside stages". */
export function summarizeProfile(
  profile: CpuProfile,
  spans: Partial<Record<Stage, [number, number]>>,
  topCount = 6,
): StageProfile[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const buckets = new Map<
    string,
    { micros: number; packages: Map<string, number>; functions: Map<string, number> }
  >();
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const node = nodes.get(id);
    if (!node || node.callFrame.functionName === "(idle)") return;
    const stage = STAGES.find(
      (s) => spans[s] && time >= (spans[s]?.[0] ?? 0) && time <= (spans[s]?.[1] ?? 0),
    );
    const key = stage ?? "outside stages";
    const bucket = buckets.get(key) ?? { micros: 0, packages: new Map(), functions: new Map() };
    buckets.set(key, bucket);
    bucket.micros += delta;
    add(bucket.packages, ownerOf(node.callFrame.url, node.callFrame.functionName), delta);
    add(bucket.functions, functionLabel(node), delta);
  });
  const order: string[] = [...STAGES, "outside stages"];
  return [...buckets.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([stage, bucket]) => ({
      stage: stage as StageProfile["stage"],
      ms: bucket.micros / 1000,
      packages: top(bucket.packages, topCount),
      functions: top(bucket.functions, topCount),
    }));
}

/** Profiles one stages-only pipeline run on `specsDir`; the .cpuprofile is left in `workDir/profile`. */
export async function profilePipeline(specsDir: string, workDir: string): Promise<StageProfile[]> {
  const profileDir = path.join(workDir, "profile");
  await rm(profileDir, { recursive: true, force: true });
  const input: PipelineInput = { specsDir, workDir, stagesOnly: true };
  const sample = await runScript<PipelineSample>("child/pipeline.ts", input, {
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir],
  });
  const [file] = (await readdir(profileDir)).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no CPU profile written to ${profileDir}`);
  const profile = JSON.parse(await readFile(path.join(profileDir, file), "utf8")) as CpuProfile;
  return summarizeProfile(profile, sample.spans);
}
