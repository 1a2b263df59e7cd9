/**
 * The package as a user gets it: built (`npm run build`, once for the whole suite in test/support/global-setup.ts), then used by name from the example workspace, from
 * TypeScript and from plain Node ESM, against a real local server; and its packaging checked by publint and
 * @arethetypeswrong/cli.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SEED_CONNECTION } from "../support/seeds.ts";
import { type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

const run = promisify(execFile);
const BIN = path.join(ROOT, "node_modules/.bin");
const CONSUMER = path.join(ROOT, "examples/consumer");
const KEY = "consumer-test-key";
/** Compilers and packers under a loaded CI machine: generous, since speed is the benchmark's business. */
const SLOW_MS = 180_000;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer((request) =>
    request.url.endsWith("/connections")
      ? { json: SEED_CONNECTION }
      : { status: 404, headers: { "x-request-id": "req-404" }, json: { message: "no such runtime" } },
  );
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("the example consumer workspace", () => {
  it(
    "type-checks against the built package",
    async () => {
      await expect(run(path.join(BIN, "tsc"), ["-p", CONSUMER], { cwd: ROOT })).resolves.toBeDefined();
    },
    SLOW_MS,
  );

  it.each([
    { how: "TypeScript (tsx src/main.ts)", command: path.join(BIN, "tsx"), file: "src/main.ts" },
    { how: "plain Node ESM (node src/main.mjs)", command: process.execPath, file: "src/main.mjs" },
  ])(
    "runs from $how and reaches the test server",
    async ({ command, file }) => {
      const before = server.requests.length;
      const { stdout } = await run(command, [file], {
        cwd: CONSUMER,
        env: { ...process.env, BCTRL_API_KEY: KEY, BCTRL_BASE_URL: server.origin },
      });
      expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({
        id: SEED_CONNECTION.id,
        status: "active",
        protocol: "cdp",
        stopError: { status: 404, requestId: "req-404" },
      });
      const sent = server.requests.slice(before);
      expect(sent.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
        ["POST", "/v1/spaces/space-1/runtimes/runtime-1/connections", `Bearer ${KEY}`],
        ["POST", "/v1/spaces/space-1/runtimes/runtime-1/connections", `Bearer ${KEY}`],
        ["POST", "/v1/workspaces/workspace-1/runtimes/missing/stop", `Bearer ${KEY}`],
      ]);
      expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ protocol: "cdp" });
    },
    SLOW_MS,
  );
});

describe("packaging", () => {
  it(
    "bundles for browsers (no Node built-ins, no require) and evaluates without a process object",
    async () => {
      const { stdout } = await run(
        path.join(BIN, "esbuild"),
        [
          path.join(ROOT, "dist/src/index.js"),
          "--bundle",
          "--format=esm",
          "--platform=browser",
          "--log-level=error",
        ],
        { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      );
      expect(stdout).not.toMatch(/\brequire\(|from "node:/);
      const script = `delete globalThis.process; const m = await import(${JSON.stringify(`data:text/javascript;base64,${Buffer.from(stdout).toString("base64")}`)}); const c = m.createBctrlClient({ apiKey: "test-key-1234" }); console.log(typeof c.spaces.runtimes.connections.create, typeof c.POST);`;
      const evaluated = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
      expect(evaluated.stdout.trim()).toBe("function function");
    },
    SLOW_MS,
  );

  it(
    "is clean under publint",
    async () => {
      const { stdout } = await run(path.join(BIN, "publint"), ["--strict"], { cwd: ROOT });
      expect(stdout).toContain("All good!");
    },
    SLOW_MS,
  );

  it(
    "resolves to ESM with types under @arethetypeswrong/cli (esm-only profile)",
    async () => {
      // Packed as `attw --pack` packs it, without the prepare step: dist/ is already built, and `npm pack` would
      // otherwise compile the package a second time.
      const packDir = await mkdtemp(path.join(tmpdir(), "consumer-pack-"));
      const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
      const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
      const { stdout } = await run(
        path.join(BIN, "attw"),
        [path.join(packDir, filename), "--profile", "esm-only", "--format", "json"],
        { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 },
      ).finally(() => rm(packDir, { recursive: true, force: true }));
      const report = JSON.parse(stdout) as { analysis: { problems: unknown[] }; problems?: unknown[] };
      const problems = (report.analysis?.problems ?? []).filter(
        (problem) =>
          !["node10", "node16-cjs"].includes((problem as { resolutionKind?: string }).resolutionKind ?? ""),
      );
      expect(problems).toEqual([]);
    },
    SLOW_MS,
  );
});
