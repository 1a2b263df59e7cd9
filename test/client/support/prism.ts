/**
 * Starts Prism the way `npm run mock` does (its arguments come from scripts/mock/command.ts), on a free loopback port
 * instead of 8787, and collects its log so a test can fail on any request Prism found invalid.
 */

import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { MOCK_DEFAULTS, prismArguments } from "../../../scripts/mock/command.ts";
import { freePort } from "../../support/free-port.ts";
import { ROOT } from "../../support/seeds.ts";

export interface RunningPrism {
  origin: string;
  /** Everything Prism printed so far. */
  log(): string;
  stop(): Promise<void>;
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${output()}`)), timeoutMs);
    const check = () => {
      if (/Prism is listening/.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code}:\n${output()}`));
    });
  });
}

/** Starts Prism with the mock script's arguments, the port replaced by a free one, plus `extra` arguments. */
export async function startPrism(extra: readonly string[] = []): Promise<RunningPrism> {
  const port = await freePort();
  const args = prismArguments({ host: MOCK_DEFAULTS.host, port, prismOptions: [...extra] });
  const child = spawn(path.join(ROOT, "node_modules/.bin/prism"), args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  try {
    await waitForListening(child, () => output, 60_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    log: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
