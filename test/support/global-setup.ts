/**
 * Runs once before any test file: builds the generator the way `npm run generate` does (scripts/run.mjs, cached by
 * the content of scripts/), so the files that spawn the real command share that one build instead of racing to
 * make it in parallel.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CLI_RUNNER } from "./cli.ts";
import { ROOT } from "./seeds.ts";

export default async function buildGeneratorOnce(): Promise<void> {
  await promisify(execFile)(process.execPath, [CLI_RUNNER, "--help"], { cwd: ROOT });
}
