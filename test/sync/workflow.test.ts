import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../support/seeds.ts";

const run = promisify(execFile);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}
interface Workflow {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

describe(".github/workflows/sync.yml", () => {
  let workflow: Workflow;
  let steps: Step[];
  beforeAll(async () => {
    workflow = parse(await readFile(path.join(ROOT, ".github/workflows/sync.yml"), "utf8")) as Workflow;
    steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  });

  it("runs weekly and on demand", () => {
    expect(workflow.on.schedule?.map((entry) => entry.cron.split(" ").slice(2))).toEqual([["*", "*", "1"]]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  it("pins every action to a full commit SHA", () => {
    const uses = steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action, action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it("syncs, then regenerates, reports and opens the pull request only when specs changed", () => {
    const scripts = steps.map((step) => step.run ?? "");
    const at = (pattern: RegExp) => scripts.findIndex((script) => pattern.test(script));
    expect(at(/npm run --silent sync -- /)).toBeGreaterThan(-1);
    expect(at(/npm run generate/)).toBeGreaterThan(at(/npm run --silent sync -- /));
    expect(at(/npm run --silent diff -- /)).toBeGreaterThan(at(/npm run --silent sync -- /));
    expect(at(/gh pr create .*--body-file/)).toBeGreaterThan(at(/npm run --silent diff -- /));
    for (const step of steps.filter((s) => /npm run generate|gh pr create/.test(s.run ?? "")))
      expect(step.if).toBe("steps.changes.outputs.changed == 'true'");
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("has shell steps that bash can parse", async () => {
    for (const step of steps.filter((s) => s.run !== undefined)) {
      await expect(run("bash", ["-n", "-c", step.run ?? ""]), step.name ?? step.run).resolves.toBeDefined();
    }
  });
});
