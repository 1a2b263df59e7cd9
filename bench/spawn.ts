/**
 * Runs a bench script in a fresh Node process (through tsx), so each measurement starts cold and its peak RSS is its
 * own. The script reads one JSON argument and prints one JSON line as its last line of output.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);

export interface SpawnOptions {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  cwd?: string;
}

export function runScript<Output>(
  script: string,
  input: unknown,
  options: SpawnOptions = {},
): Promise<Output> {
  const args = [
    ...(options.nodeArgs ?? []),
    "--import",
    "tsx",
    path.join(BENCH_DIR, script),
    JSON.stringify(input),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = Buffer.concat(stdout).toString("utf8").trim().split("\n");
      const last = lines[lines.length - 1] ?? "";
      if (code !== 0 || !last.startsWith("{")) {
        const detail = Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-5).join("\n");
        reject(new Error(`${script} exited with ${code}: ${detail}`));
        return;
      }
      resolve(JSON.parse(last) as Output);
    });
  });
}

/** For the child side: the JSON argument it was given. */
export function scriptInput<Input>(): Input {
  return JSON.parse(process.argv[2] ?? "{}") as Input;
}

/** For the child side: peak resident set size so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
