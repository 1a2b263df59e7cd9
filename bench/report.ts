/** Renders the bench results as Markdown (bench/RESULTS.md) and as a console table. */
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
    "Each run is a fresh process. _render_ builds the output texts, _write_ puts them in place atomically.",
    "_openapi-typescript alone_ reads the merged openapi.yaml, generates and writes its types, in a fresh process.",
    "_generate_ is a full `generate()` into an empty folder (first run only); _no-op_ is `generate()` again on",
    "unchanged specs (first run: same process; later runs: a fresh process);",
    "_hash + check_ is the no-op decision alone (hash the inputs, verify the outputs), the floor for _no-op_.",
    "",
    table(SIZE_HEADER, results.sizes.map(sizeRow)),
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
    table(["target", "goal", "measured", "verdict"], results.targets.map(targetRow)),
  ].join("\n");
}
