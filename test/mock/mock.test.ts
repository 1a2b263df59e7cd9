/**
 * `npm run mock`: its arguments (`--port`, `--host`, Prism's own options), its environment (NO_COLOR), and one real
 * `npm run mock -- --port N` serving the spec on that port with plain, uncoloured output in a log.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  MOCK_DEFAULTS,
  parseMockArgs,
  prismArguments,
  prismEnvironment,
} from "../../scripts/mock/command.ts";
import { freePort } from "../support/free-port.ts";
import { ROOT } from "../support/seeds.ts";

describe("mock arguments", () => {
  it.each([
    { given: [], want: { host: "127.0.0.1", port: 8787, prismOptions: [] } },
    { given: ["--port", "8899"], want: { host: "127.0.0.1", port: 8899, prismOptions: [] } },
    {
      given: ["--errors", "--port=9000", "--host", "0.0.0.0", "--dynamic"],
      want: { host: "0.0.0.0", port: 9000, prismOptions: ["--errors", "--dynamic"] },
    },
  ])("$given → $want", ({ given, want }) => {
    expect(parseMockArgs(given)).toEqual(want);
  });

  it.each([[["--port", "http"]], [["--port"]], [["--port", "70000"]], [["--port", "-1"]]])(
    "%j is refused with a message naming --port",
    (given) => {
      expect(() => parseMockArgs(given)).toThrow(/--port needs a port number/);
    },
  );

  it("starts prism mock on the host and port given, Prism's options passed through, the spec last", () => {
    expect(prismArguments(parseMockArgs(["--port", "8899", "--errors"]))).toEqual([
      "mock",
      "--host",
      "127.0.0.1",
      "--port",
      "8899",
      "--errors",
      MOCK_DEFAULTS.spec,
    ]);
  });
});

describe("mock colours", () => {
  it("turns Prism's colours off under NO_COLOR, unless FORCE_COLOR says otherwise", () => {
    expect(prismEnvironment({ NO_COLOR: "1" }).FORCE_COLOR).toBe("0");
    expect(prismEnvironment({ NO_COLOR: "1", FORCE_COLOR: "1" }).FORCE_COLOR).toBe("1");
    expect(prismEnvironment({}).FORCE_COLOR).toBeUndefined();
    expect(prismEnvironment({ NO_COLOR: "" }).FORCE_COLOR).toBeUndefined();
  });
});

function listening(child: ChildProcess, output: () => string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output().includes(`Prism is listening on http://127.0.0.1:${port}`)) resolve();
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => reject(new Error(`npm run mock exited with ${code}:\n${output()}`)));
  });
}

describe("npm run mock -- --port N", () => {
  it("serves the merged spec on that port, with no escape codes when the output is a log", async () => {
    const port = await freePort();
    const { FORCE_COLOR: _forced, ...env } = process.env;
    // Its own process group, so that stopping it stops npm, tsx and Prism together.
    const child = spawn("npm", ["run", "--silent", "mock", "--", "--port", String(port)], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await listening(child, () => output, port);
      const response = await fetch(`http://127.0.0.1:${port}/v1/workspaces/w-1/runtimes/main/stop`, {
        method: "POST",
        headers: { authorization: "Bearer mock-test-key" },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty("summary");
      expect(output).not.toContain("\x1b");
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  }, 180_000);
});
