/**
 * The README's "Use it from your app", followed as a user would: a fresh npm workspace holding this repository under
 * packages/bctrl-api and an app depending on `"bctrl-api": "*"`, with the files and code the README shows, then only
 * `npm install`. The app's code must then type-check (`--strict`, moduleResolution bundler, node16 and nodenext) and
 * run from TypeScript (tsx), plain Node ESM and CommonJS against a loopback server.
 *
 * One liberty, so that the test needs no network: the workspace gets a lockfile made from this repository's (the
 * versions `npm ci` already put in the npm cache) and installs with `--offline`. Everything else is the README's.
 */
import { execFile } from "node:child_process";
import { access, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SEED_CONNECTION } from "../support/seeds.ts";

const run = promisify(execFile);
const KEY = "workspace-test-key";
/** npm install and compilers on a loaded machine: generous, since speed is the benchmark's business. */
const SLOW_MS = 300_000;

/** The README's section between `## Use it from your app` and the next `## ` heading. */
function appSection(readme: string): string {
  const start = readme.indexOf("\n## Use it from your app\n");
  if (start === -1) throw new Error('README has no "## Use it from your app" section');
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Fenced blocks whose info string names a file (```json app/package.json), as [file, content]. */
function namedBlocks(markdown: string): [string, string][] {
  const blocks: [string, string][] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const [, file] = /^```\w+ (\S+)$/.exec(lines[i] ?? "") ?? [];
    if (file === undefined) continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push([file, `${lines.slice(i + 1, end).join("\n")}\n`]);
    i = end;
  }
  return blocks;
}

interface Lockfile {
  packages: Record<string, Record<string, unknown>>;
}

/** This repository's lockfile re-rooted at a workspace holding it under packages/bctrl-api beside `app`. */
function workspaceLockfile(
  own: Lockfile,
  rootManifest: object,
  appManifest: Record<string, unknown>,
): Lockfile {
  const { workspaces: _nested, ...bctrlApi } = own.packages[""] ?? {};
  const packages: Lockfile["packages"] = {
    "": rootManifest as Record<string, unknown>,
    "packages/bctrl-api": bctrlApi,
    "node_modules/bctrl-api": { resolved: "packages/bctrl-api", link: true },
    app: { name: appManifest.name, dependencies: appManifest.dependencies },
    "node_modules/app": { resolved: "app", link: true },
  };
  for (const [key, entry] of Object.entries(own.packages))
    if (key.startsWith("node_modules/") && !entry.link) packages[key] = entry;
  return { ...own, packages } as Lockfile;
}

/** The environment of a fresh shell: none of the npm_* variables `npm test` sets for this repository. */
function freshEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")),
    ),
    ...extra,
  };
}

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
}

function startServer(requests: Recorded[]): Promise<Server> {
  const server = createServer((request: IncomingMessage, response) => {
    requests.push({
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization,
    });
    request.resume();
    const found = request.url === "/v1/spaces/space-1/runtimes/runtime-1/connections";
    response.writeHead(found ? 200 : 404, { "content-type": "application/json", "x-request-id": "req-404" });
    response.end(JSON.stringify(found ? SEED_CONNECTION : { message: "no such runtime" }));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let workspace: string;
let server: Server;
const requests: Recorded[] = [];
let origin: string;
let readme: string;
/** The last type-check's program, whose parsed declaration files the next one reuses. */
let previous: ts.Program | undefined;

beforeAll(async () => {
  readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  workspace = await mkdtemp(path.join(tmpdir(), "bctrl-workspace-"));
  // "put this repository under packages/bctrl-api": its files as a clone has them (dist/ and node_modules/ are not).
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const clone = path.join(workspace, "packages/bctrl-api");
  const tracked = stdout.split("\0").filter((file) => file !== "");
  const present = await Promise.all(
    tracked.map((file) =>
      access(path.join(ROOT, file)).then(
        () => file,
        () => "",
      ),
    ),
  );
  for (const file of present.filter((file) => file !== ""))
    await cp(path.join(ROOT, file), path.join(clone, file), { recursive: true });
  for (const [file, content] of namedBlocks(appSection(readme))) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await writeFile(path.join(workspace, file), content);
  }
  const own = JSON.parse(await readFile(path.join(ROOT, "package-lock.json"), "utf8")) as Lockfile;
  const rootManifest = JSON.parse(await readFile(path.join(workspace, "package.json"), "utf8")) as object;
  const appManifest = JSON.parse(await readFile(path.join(workspace, "app/package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  await writeFile(
    path.join(workspace, "package-lock.json"),
    `${JSON.stringify(workspaceLockfile(own, rootManifest, appManifest), null, 2)}\n`,
  );
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund"], {
    cwd: workspace,
    env: freshEnvironment(),
    maxBuffer: 16 * 1024 * 1024,
  });
  server = await startServer(requests);
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
}, SLOW_MS);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe("the README's app section", () => {
  it("shows the workspace root, the app's manifest and its code, as files", () => {
    expect(namedBlocks(appSection(readme)).map(([file]) => file)).toEqual([
      "package.json",
      "app/package.json",
      "app/src/main.ts",
    ]);
  });
});

describe("a fresh workspace after only `npm install`", () => {
  it("has the package built by its prepare step and linked by name", async () => {
    const resolved = ts.resolveModuleName(
      "bctrl-api",
      path.join(workspace, "app/src/main.ts"),
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      ts.sys,
    ).resolvedModule;
    expect(resolved?.resolvedFileName).toBe(path.join(workspace, "packages/bctrl-api/dist/src/index.d.ts"));
    await expect(
      access(path.join(workspace, "packages/bctrl-api/dist/src/index.js")),
    ).resolves.toBeUndefined();
  });

  it.each([
    {
      resolution: "bundler",
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
    { resolution: "node16", module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
    {
      resolution: "nodenext",
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    },
  ])(
    "type-checks the README's code under --strict with moduleResolution $resolution",
    async ({ module, moduleResolution }) => {
      const rootNames = [path.join(workspace, "app/src/main.ts")];
      // A CommonJS file importing the package: TypeScript allows require(esm) under nodenext only.
      if (moduleResolution === ts.ModuleResolutionKind.NodeNext) {
        const cts = path.join(workspace, "app/src/require.cts");
        await writeFile(
          cts,
          'import { BctrlApiError, createBctrlClient } from "bctrl-api";\nexport const client = createBctrlClient();\nexport const isApiError = (error: unknown): error is BctrlApiError => error instanceof BctrlApiError;\n',
        );
        rootNames.push(cts);
      }
      // skipLibCheck, as most apps have it: the package's declarations are tsc's own output from strict sources; what
      // is checked is that the app's code compiles against them, resolved by name.
      const program = ts.createProgram({
        rootNames,
        options: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: ts.ScriptTarget.ES2022,
          lib: ["lib.es2022.d.ts"],
          types: ["node"],
          module,
          moduleResolution,
        },
        ...(previous ? { oldProgram: previous } : {}),
      });
      previous = program;
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      expect(problems).toEqual([]);
      expect(program.getSourceFiles().map((file) => path.relative(workspace, file.fileName))).toContain(
        "packages/bctrl-api/dist/src/index.d.ts",
      );
    },
    SLOW_MS,
  );

  it(
    "runs the README's code from TypeScript (tsx) and, compiled, from plain Node ESM, against a local server",
    async () => {
      const source = await readFile(path.join(workspace, "app/src/main.ts"), "utf8");
      const compiled = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      await writeFile(path.join(workspace, "app/src/main.mjs"), compiled);
      const env = freshEnvironment({ BCTRL_API_KEY: KEY, BCTRL_BASE_URL: origin });
      const runs = await Promise.all(
        [
          [path.join(workspace, "node_modules/.bin/tsx"), "src/main.ts"],
          [process.execPath, "src/main.mjs"],
        ].map(([command, file]) =>
          run(command as string, [file as string], { cwd: path.join(workspace, "app"), env }),
        ),
      );
      for (const { stdout, stderr } of runs) {
        expect(stdout).toBe(`connection ${SEED_CONNECTION.id}: websocket\n`);
        expect(stderr).toBe("HTTP 404 (request req-404)\n");
      }
      const sent = requests.filter((request) => request.authorization === `Bearer ${KEY}`);
      expect(sent.map((request) => [request.method, request.url])).toEqual(
        Array.from({ length: 2 }, () => [
          ["POST", "/v1/spaces/space-1/runtimes/runtime-1/connections"],
          ["POST", "/v1/workspaces/workspace-1/runtimes/main/stop"],
        ]).flat(),
      );
    },
    SLOW_MS,
  );

  it(
    "loads with require() from CommonJS (Node 20.19+ require(esm)), errors and all",
    async () => {
      await writeFile(
        path.join(workspace, "app/src/main.cjs"),
        [
          'const { BctrlApiError, createBctrlClient } = require("bctrl-api");',
          "createBctrlClient({ baseUrl: process.env.BCTRL_BASE_URL })",
          '  .workspaces.runtimes.stop({ path: { id: "workspace-1", alias: "gone" } })',
          "  .catch((error) => console.log(error instanceof BctrlApiError, error.status, error.requestId));",
          "",
        ].join("\n"),
      );
      const { stdout, stderr } = await run(process.execPath, ["src/main.cjs"], {
        cwd: path.join(workspace, "app"),
        env: freshEnvironment({ BCTRL_API_KEY: KEY, BCTRL_BASE_URL: origin }),
      });
      expect(stdout).toBe("true 404 req-404\n");
      expect(stderr).toBe("");
      expect(requests.at(-1)).toEqual({
        method: "POST",
        url: "/v1/workspaces/workspace-1/runtimes/gone/stop",
        authorization: `Bearer ${KEY}`,
      });
    },
    SLOW_MS,
  );
});
