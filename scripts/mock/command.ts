/**
 * `npm run mock`: Prism serving generated/openapi.yaml on the spec's local server (http://127.0.0.1:8787), or on the
 * `--port`/`--host` given. Prism's own options pass through; its colours follow NO_COLOR.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../shared/locations.ts";

export const MOCK_DEFAULTS = { host: "127.0.0.1", port: 8787, spec: "generated/openapi.yaml" } as const;

export interface MockOptions {
  host: string;
  port: number;
  /** Arguments for `prism mock` that this command does not read itself. */
  prismOptions: string[];
}

const PRISM_BIN = path.join(PACKAGE_ROOT, "node_modules/.bin/prism");

/** Reads `--port` and `--host`; every other argument is left for Prism. */
export function parseMockArgs(args: readonly string[]): MockOptions {
  const { values, tokens } = parseArgs({
    args: [...args],
    options: { port: { type: "string" }, host: { type: "string" } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const port =
    values.port === undefined
      ? MOCK_DEFAULTS.port
      : typeof values.port === "string" && /^\d{1,5}$/.test(values.port)
        ? Number(values.port)
        : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new TypeError(`--port needs a port number (0-65535), got ${String(values.port)}`);
  const host = typeof values.host === "string" ? values.host : MOCK_DEFAULTS.host;
  const ours = new Set(
    tokens
      .filter((token) => token.kind === "option" && (token.name === "port" || token.name === "host"))
      .flatMap((token) =>
        token.kind === "option" && !token.inlineValue && token.value !== undefined
          ? [token.index, token.index + 1]
          : [token.index],
      ),
  );
  return { host, port, prismOptions: args.filter((_, index) => !ours.has(index)) };
}

/** The arguments after `prism`. */
export function prismArguments(options: MockOptions): string[] {
  return [
    "mock",
    "--host",
    options.host,
    "--port",
    String(options.port),
    ...options.prismOptions,
    MOCK_DEFAULTS.spec,
  ];
}

/**
 * Prism colours its log through chalk, which reads FORCE_COLOR but not NO_COLOR (https://no-color.org): a non-empty
 * NO_COLOR becomes FORCE_COLOR=0. An explicit FORCE_COLOR still wins, as it does for Node itself.
 */
export function prismEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.NO_COLOR && env.FORCE_COLOR === undefined ? { ...env, FORCE_COLOR: "0" } : env;
}

/** Runs Prism in the foreground until it exits or this process is told to stop; resolves to Prism's exit code. */
export function runMockCommand(options: MockOptions): Promise<number> {
  const child = spawn(PRISM_BIN, prismArguments(options), {
    cwd: PACKAGE_ROOT,
    stdio: "inherit",
    env: prismEnvironment(process.env),
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward).on("SIGTERM", forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      resolve(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
    });
  });
}
