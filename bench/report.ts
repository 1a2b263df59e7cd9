/** Renders the bench results as Markdown (bench/RESULTS.md) and as a console table. */
import type { CommandStats, CommandSummary } from "./commands.ts";
import type { StageProfile } from "./profile.ts";
import { STAGES } from "./stages.ts";
import { formatBytes, formatMiB, formatMs, formatRatio, ratio } from "./stats.ts";
import type { BenchResults, SizeSummary, Target } from "./summary.ts";

/** A Markdown table with padded columns, as the project's formatter (Biome) writes them. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, 3, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

const SIZE_HEADER = [
  "N",
  ...STAGES,
  "total",
  "openapi-typescript alone",
  "total / ots",
  "same, CPU time",
  "peak RSS",
  "generate",
  "no-op",
  "hash + check",
];

export function sizeRow(size: SizeSummary): string[] {
  return [
    String(size.endpoints),
    ...STAGES.map((stage) => formatMs(size.stages[stage])),
    formatMs(size.total),
    formatMs(size.typesOnly),
    formatRatio(size.ratio),
    formatRatio(size.cpuRatio),
    formatMiB(size.peakRss),
    formatMs(size.generateMs),
    formatMs(size.noopMs),
    formatMs(size.noopCheckMs),
  ];
}

const COMMAND_HEADER = [
  "collection",
  "full generate",
  "openapi-typescript CLI",
  "generate / ots (wall; CPU; RSS)",
  "`--check`",
  "check / ots (wall; CPU)",
  "no-op (node)",
  "no-op (`npm run`)",
];

/** `1.23 s, 1.10 s CPU, 180 MiB`: one command's medians (peak RSS: the highest run). */
function commandCell(stats: CommandStats | undefined): string {
  if (stats?.wallMs === undefined) return "–";
  return `${formatMs(stats.wallMs)}, ${formatMs(stats.cpuMs)} CPU, ${formatMiB(stats.peakRss)}`;
}

export function commandRow(commands: CommandSummary): string[] {
  const { stats } = commands;
  return [
    commands.label,
    commandCell(stats.generate),
    commandCell(stats.ots),
    `${formatRatio(commands.generateRatio)}; ${formatRatio(commands.generateCpuRatio)}; ${formatRatio(commands.rssRatio)}`,
    commandCell(stats.check),
    `${formatRatio(commands.checkRatio)}; ${formatRatio(commands.checkCpuRatio)}`,
    commandCell(stats.noop),
    commandCell(stats.npmNoop),
  ];
}

function targetRow(target: Target): string[] {
  const verdict = target.met === undefined ? "not measured" : target.met ? "met" : "**missed**";
  return [target.name, target.goal, target.measured, verdict];
}

function profileSection(profile: NonNullable<BenchResults["profile"]>): string {
  const shares = (items: StageProfile["packages"]) =>
    items.map((item) => `${item.name} ${formatMs(item.ms)}`).join("; ");
  const rows = profile.stages.map((stage) => [
    stage.stage,
    formatMs(stage.ms),
    shares(stage.packages),
    shares(stage.functions.slice(0, 4)),
  ]);
  return [
    `## Profile (N = ${profile.endpoints}, one run under \`node --cpu-prof\`, self time)`,
    "",
    "Samples are attributed to a stage by time; within a stage, to the package (or our file) and function that was",
    "on top of the stack. `(garbage collector)` and `(program)` are V8's own time.",
    "",
    table(["stage", "CPU", "top packages", "top functions"], rows),
  ].join("\n");
}

export function renderResultsMarkdown(results: BenchResults, analysis?: string): string {
  const problems = [
    ...results.sizes.flatMap((size) => [
      ...(size.failure ? [`N = ${size.endpoints}: the pipeline failed at ${size.failure}`] : []),
      ...size.problems.map((problem) => `N = ${size.endpoints}: ${problem}`),
    ]),
    ...results.commands.flatMap((commands) => commands.problems),
    ...results.client.problems,
  ];
  const typeChecks = results.sizes
    .filter((size) => size.typeCheck)
    .map((size) => [
      String(size.endpoints),
      formatMs(size.typeCheck?.aliasedMs),
      formatMs(size.typeCheck?.plainMs),
      formatRatio(size.typeCheck?.ratio),
    ]);
  const { client } = results;
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand — the analysis at the end comes from",
    "bench/analysis.md.",
    "",
    `- Date: ${results.date}`,
    `- CPU: ${results.cpu} (${results.cores} cores)`,
    `- Node: ${results.node}`,
    `- Load average (1 min) at start / end: ${results.load[0].toFixed(2)} / ${results.load[1].toFixed(2)}` +
      " — other processes on the machine inflate wall times; the CPU-time ratio is less affected",
    `- Runs per measurement: ${results.runs} (medians; peak RSS is the highest run); corpus seed ${results.seed}`,
    `- Whole bench: ${formatMs(results.durationMs)}`,
    "",
    "## Targets at N = 1000",
    "",
    table(["target", "goal", "measured", "verdict"], results.targets.map(targetRow)),
    "",
    "## Pipeline, per stage",
    "",
    "Each run is a fresh process. _render_ builds the output texts, _self-check_ type-checks the generated TypeScript in memory, _write_ puts them in place atomically.",
    "_openapi-typescript alone_ reads the merged openapi.yaml, generates and writes its types, in a fresh process.",
    "_generate_ is a full `generate()` into an empty folder (first run only); _no-op_ is `generate()` again on",
    "unchanged specs (first run: same process; later runs: a fresh process);",
    "_hash + check_ is the no-op decision alone (hash the inputs, verify the outputs), the floor for _no-op_.",
    "",
    table(SIZE_HEADER, results.sizes.map(sizeRow)),
    "",
    "## Whole commands",
    "",
    "What a user and CI wait for: each a fresh process started as `npm run` starts it (`node scripts/run.mjs",
    "generate --specs DIR --out DIR`, the generator prebuilt once per content of scripts/), timed from outside with",
    "GNU time: wall time, user + system CPU time, peak RSS. _full generate_ writes into an empty folder (the parse",
    "cache in node_modules/.cache is warm after the first round); _openapi-typescript CLI_ is",
    "`openapi-typescript openapi.yaml -o schema.ts` on the document the generator wrote; _`--check`_ regenerates in",
    "memory and compares; _no-op_ is `generate` again with nothing changed, started by node and by `npm run --silent`.",
    "Rounds interleave the commands, so a burst of other load hits all of them alike; ratios come from the same rounds.",
    "",
    results.commands.length > 0 ? table(COMMAND_HEADER, results.commands.map(commandRow)) : "Not measured.",
    "",
    "## Consumer type-check (`tsc --noEmit`, 20 operations)",
    "",
    typeChecks.length > 0
      ? table(["N", "through the aliases", "openapi-typescript plain", "ratio"], typeChecks)
      : "Not measured (no size produced a schema).",
    "",
    "## Client",
    "",
    table(
      ["measure", "bctrl-api", "baseline", "ratio / difference"],
      [
        [
          "requests/s, loopback (createBctrlClient vs fetch)",
          client.client?.rps.toFixed(0) ?? "–",
          client.fetch?.rps.toFixed(0) ?? "–",
          formatRatio(client.rpsRatio),
        ],
        [
          "CPU per request in the calling process",
          formatMs(client.client?.cpuMsPerRequest),
          formatMs(client.fetch?.cpuMsPerRequest),
          formatRatio(ratio(client.client?.cpuMsPerRequest, client.fetch?.cpuMsPerRequest)),
        ],
        [
          "bare openapi-fetch, for reference: requests/s; CPU per request",
          `${client.openapiFetch?.rps.toFixed(0) ?? "–"}; ${formatMs(client.openapiFetch?.cpuMsPerRequest)}`,
          `${client.fetch?.rps.toFixed(0) ?? "–"}; ${formatMs(client.fetch?.cpuMsPerRequest)}`,
          formatRatio(ratio(client.openapiFetch?.rps, client.fetch?.rps)),
        ],
        [
          "min+gz bytes (src/index.ts, openapi-fetch external, vs openapi-fetch)",
          formatBytes(client.bundle?.clientGzip),
          formatBytes(client.bundle?.openapiFetchGzip),
          client.bundle ? `+${formatBytes(client.bundle.clientGzip)}` : "–",
        ],
        ...(client.bundle?.withTable
          ? [
              [
                `min+gz bytes with the operation table of N = ${client.bundle.withTable.endpoints}`,
                formatBytes(client.bundle.withTable.clientGzip),
                formatBytes(client.bundle.openapiFetchGzip),
                `+${formatBytes(client.bundle.withTable.clientGzip)}`,
              ],
            ]
          : []),
      ],
    ),
    "",
    ...(client.bundle
      ? [
          `Minified bytes per input of the client bundle (seed specs): ${client.bundle.inputs
            .map((input) => `${input.file} ${input.bytes.toLocaleString("en-US")}`)
            .join("; ")}.`,
          "",
        ]
      : []),
    ...(problems.length > 0
      ? ["## Problems met while measuring", "", ...problems.map((p) => `- ${p}`), ""]
      : []),
    ...(results.profile ? [profileSection(results.profile), ""] : []),
    ...(analysis ? [analysis.trim(), ""] : []),
  ].join("\n");
}

/** A compact console view: the size table and the targets. */
export function renderConsole(results: BenchResults): string {
  return [
    table(SIZE_HEADER, results.sizes.map(sizeRow)),
    "",
    table(COMMAND_HEADER, results.commands.map(commandRow)),
    "",
    table(["target", "goal", "measured", "verdict"], results.targets.map(targetRow)),
  ].join("\n");
}
