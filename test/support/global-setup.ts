/**
 * Runs once before any test file, so files running in parallel share the work instead of racing to do it:
 * - builds the package (`npm run build`, dist/) that the consumer and packaging tests use as a user gets it;
 * - builds the generator the way `npm run generate` does (scripts/run.mjs, cached by the content of scripts/) for
 *   the files that spawn the real command.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CLI_RUNNER } from "./cli.ts";
import { ROOT } from "./seeds.ts";

const run = promisify(execFile);

export default async function buildOnce(): Promise<void> {
  await Promise.all([
    run("npm", ["run", "build"], { cwd: ROOT }),
    run(process.execPath, [CLI_RUNNER, "--help"], { cwd: ROOT }),
  ]);
}
