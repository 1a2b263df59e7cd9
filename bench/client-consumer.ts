/**
 * The type-check cost of the client itself, as a user pays it: a consumer calling 20 operations through the
 * client's methods and through the openapi-fetch verbs, type-checked with tsc against each of two checkouts' built
 * declarations (src/ and their generator's output for the same corpus, as `npm run build` emits them). Run as
 * `tsx bench/client-consumer.ts --baseline DIR [--endpoints 1000] [--pairs 5]`, where DIR is another checkout (e.g.
 * `git archive main | tar -x -C DIR`, with DIR/node_modules linked to this one's); it prints both medians and the
 * ratio (this checkout / baseline). Timing reuses bench/consumer.ts's `timeTypeCheck` and its compiler options.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { listOperations } from "../scripts/client-table/operations.ts";
import type { OpenAPI3 } from "../scripts/shared/openapi.ts";
import { type ConsumerOperation, pickConsumerOperations, timeTypeCheck } from "./consumer.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";
import { ROOT } from "./spawn.ts";
import { formatMs, formatRatio, median, ratio } from "./stats.ts";

const run = promisify(execFile);

/** One call through a method and the same through the verb, for each picked operation. */
export function renderClientConsumer(document: OpenAPI3, operations: readonly ConsumerOperation[]): string {
  const names = new Map(
    listOperations(document).map((entry) => [`${entry.method} ${entry.path}`, entry.name]),
  );
  const calls = operations.map((op, index) => {
    const params = `{ ${op.pathParams.map((name) => `${JSON.stringify(name)}: "x"`).join(", ")} }`;
    const method = (names.get(`${op.method} ${op.path}`) ?? []).join(".");
    return [
      `export async function call${index}() {`,
      `  const viaMethod = await bctrl.${method}({ path: ${params} });`,
      `  const viaVerb = await bctrl.${op.method.toUpperCase()}(${JSON.stringify(op.path)}, { params: { path: ${params} } });`,
      "  return [viaMethod, viaVerb.data] as const;",
      "}",
    ].join("\n");
  });
  return [
    `import { createBctrlClient } from "./dist/src/index.js";`,
    "",
    `const bctrl = createBctrlClient({ apiKey: "sk_bench_0123456789", baseUrl: "http://127.0.0.1:1" });`,
    "",
    ...calls,
    "",
  ].join("\n");
}

/** How the package's declarations are built (as `npm run build` does): a consumer reads .d.ts, not src/. */
const BUILD_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: ".",
    outDir: "dist",
  },
  include: ["src", "generated"],
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  files: ["main.ts"],
};

/** A consumer project beside `checkout`'s src/ and its generator's output for `specsDir`. */
async function writeProject(checkout: string, specsDir: string, dir: string): Promise<OpenAPI3> {
  await mkdir(dir, { recursive: true });
  const tsx = path.join(checkout, "node_modules/.bin/tsx");
  const out = path.join(dir, "generated");
  await run(tsx, [path.join(checkout, "scripts/cli.ts"), "generate", "--specs", specsDir, "--out", out], {
    cwd: checkout,
    maxBuffer: 64 * 1024 * 1024,
  });
  await cp(path.join(checkout, "src"), path.join(dir, "src"), { recursive: true });
  await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  await writeFile(path.join(dir, "tsconfig.build.json"), JSON.stringify(BUILD_TSCONFIG, null, 2));
  await run(
    process.execPath,
    [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: dir,
    },
  );
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  return parse(await readFile(path.join(out, "openapi.yaml"), "utf8")) as OpenAPI3;
}

async function main(): Promise<void> {
  const args = new Map<string, string>();
  for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? "", process.argv[i + 1] ?? "");
  const baseline = args.get("--baseline");
  if (!baseline)
    throw new Error("usage: tsx bench/client-consumer.ts --baseline DIR [--endpoints N] [--pairs N]");
  const endpoints = Number(args.get("--endpoints") ?? 1000);
  const pairs = Number(args.get("--pairs") ?? 5);
  const work = await mkdtemp(path.join(tmpdir(), "bench-client-consumer-"));
  try {
    const specsDir = path.join(work, "specs");
    await writeCorpus(specsDir, generateCorpus({ endpoints, seed: 1 }));
    const projects = { current: path.join(work, "current"), baseline: path.join(work, "baseline") };
    const document = await writeProject(ROOT, specsDir, projects.current);
    await writeProject(path.resolve(baseline), specsDir, projects.baseline);
    const consumer = renderClientConsumer(document, pickConsumerOperations(document, 20));
    for (const dir of Object.values(projects)) await writeFile(path.join(dir, "main.ts"), consumer);
    const samples = { current: [] as number[], baseline: [] as number[] };
    // Each side goes first in turn, so a burst of other load hits both alike.
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? (["baseline", "current"] as const) : (["current", "baseline"] as const);
      for (const side of order) samples[side].push(await timeTypeCheck(projects[side]));
    }
    const current = median(samples.current);
    const base = median(samples.baseline);
    console.log(
      `N=${endpoints}, ${pairs} pairs: current ${formatMs(current)}, baseline ${formatMs(base)}, ratio ${formatRatio(ratio(current, base))}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "bench/client-consumer.ts"))
  await main();
