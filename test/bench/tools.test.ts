import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CommandSummary, timeProcess } from "../../bench/commands.ts";
import {
  type ConsumerOperation,
  pickConsumerOperations,
  renderConsumer,
  responseAlias,
} from "../../bench/consumer.ts";
import { BENCH_HELP, DEFAULT_OPTIONS, parseBenchArgs } from "../../bench/options.ts";
import { type CpuProfile, ownerOf, summarizeProfile } from "../../bench/profile.ts";
import { renderResultsMarkdown } from "../../bench/report.ts";
import { runStages } from "../../bench/stages.ts";
import { median } from "../../bench/stats.ts";
import { checkTargets, type SizeSummary } from "../../bench/summary.ts";
import { buildOutputs } from "../../scripts/generate.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { SPECS_DIR } from "../support/seeds.ts";

describe("bench options", () => {
  it("--help lists exactly the options the parser takes", () => {
    const listed = [...BENCH_HELP.matchAll(/^ {2}(--[a-z-]+)( \S+)?/gm)].map(([, flag, value]) => [
      flag,
      value,
    ]);
    expect(listed.map(([flag]) => flag).sort()).toEqual(
      ["--no-profile", "--out", "--runs", "--seed", "--sizes", "--write"].sort(),
    );
    for (const [flag, value] of listed) {
      const args =
        value === undefined ? [flag as string] : [flag as string, flag === "--sizes" ? "5,6" : "2"];
      expect(() => parseBenchArgs(args)).not.toThrow();
    }
  });

  it("leaves the committed bench/RESULTS.md alone unless asked (--write or --out)", () => {
    expect(parseBenchArgs([]).write).toBe(false);
    expect(parseBenchArgs(["--sizes", "10", "--no-profile"]).write).toBe(false);
  });

  it.each([
    { given: [], want: DEFAULT_OPTIONS },
    { given: ["--sizes", "10,250"], want: { ...DEFAULT_OPTIONS, sizes: [10, 250] } },
    { given: ["--sizes=5", "--runs=7"], want: { ...DEFAULT_OPTIONS, sizes: [5], runs: 7 } },
    { given: ["--no-profile", "--seed", "9"], want: { ...DEFAULT_OPTIONS, profile: false, seed: 9 } },
    { given: ["--out", "x.md"], want: { ...DEFAULT_OPTIONS, out: "x.md", write: true } },
    { given: ["--write"], want: { ...DEFAULT_OPTIONS, write: true } },
  ])("$given → parsed", ({ given, want }) => {
    expect(parseBenchArgs(given)).toEqual(want);
  });

  it.each([
    { given: ["--runs", "0"], error: "--runs needs a positive integer" },
    { given: ["--sizes", "10,x"], error: "--sizes needs a positive integer" },
    { given: ["--fast"], error: "unknown bench option --fast" },
  ])("$given → error", ({ given, error }) => {
    expect(() => parseBenchArgs(given)).toThrow(error);
  });
});

describe("median", () => {
  it.each([
    { given: [], want: undefined },
    { given: [3], want: 3 },
    { given: [5, 1, 3], want: 3 },
    { given: [4, 1, 3, 2], want: 2.5 },
  ])("$given → $want", ({ given, want }) => {
    expect(median(given)).toBe(want);
  });
});

describe("profile summary", () => {
  it.each([
    {
      url: "file:///x/node_modules/@redocly/openapi-core/lib/walk.js",
      fn: "walk",
      want: "@redocly/openapi-core",
    },
    { url: "file:///x/node_modules/a/node_modules/js-yaml/dist/js-yaml.mjs", fn: "parse", want: "js-yaml" },
    { url: "node:internal/fs/promises", fn: "readFile", want: "node core" },
    { url: "", fn: "(garbage collector)", want: "(garbage collector)" },
    { url: "", fn: "JSON.parse", want: "(native)" },
  ])("$url → $want", ({ url, fn, want }) => {
    expect(ownerOf(url, fn)).toBe(want);
  });

  it("attributes each sample's time to the stage whose span holds it, then to package and function", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("parseNode", "file:///r/node_modules/js-yaml/index.js") },
        { id: 2, callFrame: frame("walk", "file:///r/node_modules/@redocly/openapi-core/walk.js") },
        { id: 3, callFrame: frame("(idle)", "") },
      ],
      startTime: 1000,
      samples: [1, 1, 2, 3, 2],
      timeDeltas: [100, 200, 300, 400, 500],
    };
    // Sample times: 1100, 1300, 1600, 2000 (idle, ignored), 2500.
    const stages = summarizeProfile(profile, { load: [1000, 1400], validate: [1500, 1700] });
    expect(stages).toEqual([
      {
        stage: "load",
        ms: 0.3,
        packages: [{ name: "js-yaml", ms: 0.3 }],
        functions: [{ name: "parseNode (js-yaml)", ms: 0.3 }],
      },
      {
        stage: "validate",
        ms: 0.3,
        packages: [{ name: "@redocly/openapi-core", ms: 0.3 }],
        functions: [{ name: "walk (@redocly/openapi-core)", ms: 0.3 }],
      },
      {
        stage: "outside stages",
        ms: 0.5,
        packages: [{ name: "@redocly/openapi-core", ms: 0.5 }],
        functions: [{ name: "walk (@redocly/openapi-core)", ms: 0.5 }],
      },
    ]);
  });
});

describe("whole-process timing", () => {
  it("reports a process's CPU time and peak RSS, and rejects one that exits non-zero with its stderr", async () => {
    // Busy for 200 ms of its own CPU time (not wall time, which a loaded machine stretches) and holding a 64 MiB
    // buffer, so both figures have a floor to check.
    const busy = "const b = Buffer.alloc(64 * 2 ** 20, 1); while (process.cpuUsage().user < 200000);";
    const sample = await timeProcess(process.execPath, ["-e", busy]);
    expect(sample.cpuMs).toBeGreaterThanOrEqual(150);
    expect(sample.wallMs).toBeGreaterThanOrEqual(sample.cpuMs * 0.5);
    expect(sample.peakRss).toBeGreaterThan(64 * 2 ** 20);
    await expect(
      timeProcess(process.execPath, ["-e", "console.error('boom'); process.exit(3)"]),
    ).rejects.toThrow(/exited with 3: boom/);
  });
});

describe("targets", () => {
  const size = (over: Partial<SizeSummary>): SizeSummary => ({
    endpoints: 1000,
    stages: {},
    problems: [],
    ...over,
  });
  const verdicts = (s: SizeSummary | undefined, client: Parameters<typeof checkTargets>[1]) =>
    checkTargets(s, client).map((t) => t.met);

  it.each([
    {
      given: "every measure inside its target",
      size: size({
        ratio: 1.5,
        peakRss: 1024 ** 3,
        noopMs: 1000,
        typeCheck: { aliasedMs: 11, plainMs: 10, ratio: 1.1 },
      }),
      client: {
        client: { rps: 100, cpuMsPerRequest: 1 },
        openapiFetch: { rps: 100, cpuMsPerRequest: 1 },
        rpsRatio: 0.95,
        bundle: { clientGzip: 2048, openapiFetchGzip: 3000, inputs: [] },
        problems: [],
      },
      want: [true, true, true, true, true, true, true],
    },
    {
      given: "every measure just outside",
      size: size({
        ratio: 1.51,
        peakRss: 1024 ** 3 + 1,
        noopMs: 1001,
        typeCheck: { aliasedMs: 12, plainMs: 10, ratio: 1.2 },
      }),
      client: {
        client: { rps: 99, cpuMsPerRequest: 1 },
        openapiFetch: { rps: 100, cpuMsPerRequest: 1 },
        rpsRatio: 0.94,
        bundle: { clientGzip: 2049, openapiFetchGzip: 3000, inputs: [] },
        problems: [],
      },
      want: [false, false, false, false, false, false, false],
    },
    {
      given: "nothing measured",
      size: undefined,
      client: { problems: [] },
      want: [undefined, undefined, undefined, undefined, undefined, undefined, undefined],
    },
  ])("$given", ({ size, client, want }) => {
    expect(verdicts(size, client)).toEqual(want);
  });

  const commands = (over: Partial<CommandSummary>): CommandSummary => ({
    label: "corpus N = 1000",
    stats: {},
    problems: [],
    ...over,
  });
  const commandVerdicts = (c: CommandSummary) =>
    checkTargets(size({}), { problems: [] }, [c, { ...c, label: "corpus N = 10" }, { ...c, label: "real" }])
      .slice(7)
      .map((t) => [t.name.split(":")[0], t.met]);

  it.each([
    {
      given: "whole commands inside their targets",
      commands: commands({
        stats: { npmNoop: { wallMs: 1000 }, noop: { wallMs: 500, peakRss: 120 * 1024 * 1024 } },
        checkRatio: 1.5,
        generateRatio: 1.5,
        rssRatio: 2,
      }),
      met: true,
    },
    {
      given: "whole commands just outside",
      commands: commands({
        stats: { npmNoop: { wallMs: 1001 }, noop: { wallMs: 500, peakRss: 120 * 1024 * 1024 + 1 } },
        checkRatio: 1.51,
        generateRatio: 1.51,
        rssRatio: 2.01,
      }),
      met: false,
    },
  ])("$given: checked on N = 1000 and the real collection, not other corpus sizes", ({ commands, met }) => {
    const expected = ["corpus N = 1000", "real"].flatMap((label) => Array(5).fill([label, met]));
    expect(commandVerdicts(commands)).toEqual(expected);
  });
});

describe("results report", () => {
  const size: SizeSummary = {
    endpoints: 1000,
    stages: {
      load: 1200,
      merge: 900,
      validate: 500,
      types: 2000,
      aliases: 800,
      render: 400,
      "self-check": 600,
      write: 20,
    },
    total: 5820,
    typesOnly: 2500,
    ratio: 2.328,
    cpuRatio: 2.1,
    peakRss: 500 * 1024 * 1024,
    generateMs: 6000,
    noopMs: 2400,
    noopCheckMs: 300,
    typeCheck: { aliasedMs: 3000, plainMs: 2900, ratio: 3000 / 2900 },
    problems: ["something odd"],
  };
  const client = {
    client: { rps: 900, cpuMsPerRequest: 1.5 },
    fetch: { rps: 1000, cpuMsPerRequest: 1 },
    openapiFetch: { rps: 950, cpuMsPerRequest: 1.2 },
    rpsRatio: 0.9,
    bundle: { clientGzip: 2500, openapiFetchGzip: 2900, inputs: [{ file: "src/client.ts", bytes: 1000 }] },
    problems: [],
  };
  const wholeCommands: CommandSummary = {
    label: "corpus N = 1000",
    stats: {
      generate: { wallMs: 3000, cpuMs: 3500, peakRss: 300 * 1024 * 1024 },
      ots: { wallMs: 2000, cpuMs: 2500, peakRss: 200 * 1024 * 1024 },
      check: { wallMs: 2800, cpuMs: 3300, peakRss: 290 * 1024 * 1024 },
      noop: { wallMs: 150, cpuMs: 140, peakRss: 60 * 1024 * 1024 },
      npmNoop: { wallMs: 450, cpuMs: 400, peakRss: 60 * 1024 * 1024 },
    },
    generateRatio: 1.5,
    generateCpuRatio: 1.4,
    rssRatio: 1.5,
    checkRatio: 1.4,
    checkCpuRatio: 1.32,
    problems: ["corpus N = 1000: npmNoop: exited with 1"],
  };
  const markdown = renderResultsMarkdown(
    {
      date: "2026-01-01T00:00:00.000Z",
      cpu: "Test CPU",
      cores: 2,
      load: [0.5, 1.5],
      node: "v20.0.0",
      runs: 3,
      seed: 1,
      sizes: [size],
      commands: [wholeCommands],
      client,
      targets: checkTargets(size, client, [wholeCommands]),
      durationMs: 120_000,
    },
    "## Analysis\n\nWhy.",
  );

  it("gives every table row as many cells as its header", () => {
    const tables = markdown.split("\n\n").filter((block) => block.startsWith("| "));
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const block of tables) {
      const widths = block.split("\n").map((line) => line.split(" | ").length);
      expect(new Set(widths).size, block).toBe(1);
    }
  });

  it.each([
    { given: "the machine", want: "- CPU: Test CPU (2 cores)" },
    {
      given: "the N = 1000 row",
      want: "| 1000 | 1.20 s | 900 ms | 500 ms | 2.00 s | 800 ms | 400 ms | 600 ms | 20.0 ms | 5.82 s |",
    },
    { given: "a missed target", want: "| Total vs openapi-typescript alone | ≤ 1.5× | 2.33× | **missed** |" },
    { given: "a met target", want: "| Peak RSS | ≤ 1 GiB | 500 MiB | met |" },
    { given: "problems", want: "- N = 1000: something odd" },
    {
      given: "whole commands",
      want: "| corpus N = 1000 | 3.00 s, 3.50 s CPU, 300 MiB | 2.00 s, 2.50 s CPU, 200 MiB | 1.50×; 1.40×; 1.50× |",
    },
    { given: "a whole-command problem", want: "- corpus N = 1000: npmNoop: exited with 1" },
    {
      given: "a whole-command target",
      want: "| corpus N = 1000: no-op, the generator's process | ≤ 0.5 s, ≤ 120 MiB | 0.15 s, 60 MiB | met |",
    },
    { given: "the analysis", want: "## Analysis\n\nWhy." },
  ])("shows $given", ({ want }) => {
    // Table cells are padded to their column's width; compare with runs of spaces collapsed.
    expect(markdown.replace(/ {2,}/g, " ")).toContain(want);
  });

  it("pads each table column to one width, as the Markdown formatter does", () => {
    const sizeTable = markdown.split("\n\n").find((block) => block.startsWith("| N "));
    const lengths = new Set(sizeTable?.split("\n").map((line) => line.length));
    expect(lengths.size).toBe(1);
  });
});

describe("consumer", () => {
  const document = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a/{id}": {
        get: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } },
            },
          },
        },
        post: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/B" } } },
            },
          },
        },
        delete: {
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
      "/b": {
        delete: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/C" } } },
            },
          },
        },
      },
    },
  } as unknown as OpenAPI3;

  it("calls operations without a request body whose 200 response is a schema reference", () => {
    expect(pickConsumerOperations(document, 20)).toEqual([
      { method: "get", path: "/a/{id}", pathParams: ["id"], responseSchema: "A" },
      { method: "delete", path: "/b", pathParams: [], responseSchema: "C" },
    ]);
    expect(pickConsumerOperations(document, 1)).toHaveLength(1);
  });

  it.each([
    { given: "an operation slot", lock: [["GET /a/{id}#response", "AResponse"]], want: "AResponse" },
    { given: "only the schema", lock: [["A", "ASchema"]], want: "ASchema" },
    { given: "no entry", lock: [], want: undefined },
  ])("finds the response alias from $given", ({ lock, want }) => {
    const operation: ConsumerOperation = {
      method: "get",
      path: "/a/{id}",
      pathParams: ["id"],
      responseSchema: "A",
    };
    expect(responseAlias(new Map(lock as [string, string][]), operation)).toBe(want);
  });

  it("spells each response type as told and passes the path parameters", () => {
    const source = renderConsumer(
      [{ method: "get", path: "/a/{id}", pathParams: ["id"], responseSchema: "A" }],
      ["paths", "AResponse"],
      () => "AResponse",
    );
    expect(source).toContain(`import type { paths, AResponse } from "./schema.js";`);
    expect(source).toContain(`Promise<AResponse | undefined>`);
    expect(source).toContain(`client.GET("/a/{id}", { params: { path: { "id": "x" } } })`);
  });
});

describe("staged pipeline", () => {
  it("produces the same files as buildOutputs on the seed specs (so the bench times the real pipeline)", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "bench-stages-"));
    try {
      const run = await runStages(SPECS_DIR, outDir);
      expect(run.failure).toBeUndefined();
      const { files } = await buildOutputs(SPECS_DIR);
      expect(new Map(run.files)).toEqual(new Map(files));
      expect(Object.keys(run.timings).sort()).toEqual([
        "aliases",
        "load",
        "merge",
        "render",
        "self-check",
        "types",
        "validate",
        "write",
      ]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
