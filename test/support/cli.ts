/**
 * Runs the command line the two ways a test needs it. `runCliInProcess` calls scripts/cli.ts's `runCli` with captured
 * streams: the same code path, arguments and output as `npm run …`, without starting Node and loading the stages
 * again per test. `spawnCli` starts the real process the way `npm run` does (`node scripts/run.mjs`, the generator
 * prebuilt once per content of scripts/ and shared by every spawn), for what only a process shows: its exit code.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { runCli } from "../../scripts/cli.ts";
import { ROOT } from "./seeds.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in this process; `cwd` is where relative paths and the default config file resolve. */
export async function runCliInProcess(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  });
  return { code, stdout, stderr };
}

/**
 * What `npm run <command>` starts: `node` with this file and the command's arguments. It runs the generator prebuilt
 * to JavaScript in this same process, so a SIGKILL on the spawned process stops the generator itself.
 */
export const CLI_RUNNER = path.join(ROOT, "scripts/run.mjs");

const execFileAsync = promisify(execFile);

/** Runs one command line as its own Node process, as `npm run <command> -- …` does. */
export function spawnCli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return execFileAsync(process.execPath, [CLI_RUNNER, ...args], { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}
