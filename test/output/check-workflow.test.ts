/**
 * .github/workflows/generate.yml: parses, runs on the right changes, calls only scripts and targets that exist,
 * pins its actions, and keeps the regenerate job to the default branch.
 */
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
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { paths?: string[]; branches?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const INPUTS = ["specs/**", "scripts/**", "package.json", "package-lock.json"];

describe(".github/workflows/generate.yml", () => {
  let workflow: Workflow;
  let steps: Step[];
  let scripts: string[];
  beforeAll(async () => {
    workflow = parse(await readFile(path.join(ROOT, ".github/workflows/generate.yml"), "utf8")) as Workflow;
    steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    scripts = steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
  });

  it("runs on pull requests and pushes that touch the generator's inputs, and on demand", () => {
    for (const event of ["pull_request", "push"])
      expect(workflow.on[event]?.paths, event).toEqual(expect.arrayContaining(INPUTS));
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("calls only npm scripts that package.json defines and make targets that the Makefile defines", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const makefile = await readFile(path.join(ROOT, "Makefile"), "utf8");
    const npmScripts = scripts.flatMap((script) =>
      [...script.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1] ?? ""),
    );
    const makeTargets = scripts.flatMap((script) =>
      [...script.matchAll(/^\s*make ([\w-]+)/gm)].map((m) => m[1] ?? ""),
    );
    expect(new Set(npmScripts)).toEqual(new Set(["generate", "diff"]));
    expect(makeTargets).toEqual(["test"]);
    for (const name of npmScripts) expect(pkg.scripts, name).toHaveProperty(name);
    for (const target of makeTargets) expect(makefile, target).toMatch(new RegExp(`^${target}:`, "m"));
    expect(scripts.some((s) => s.includes("npm ci"))).toBe(true);
    // `make test` skips its own `npm ci` only if the workflow touches the stamp the Makefile checks.
    const stamp = /^STAMP := (\S+)$/m.exec(makefile)?.[1];
    expect(scripts.join("\n")).toContain(`touch ${stamp}`);
  });

  it("checks drift, tests, and writes the change report to the job summary", () => {
    const check = workflow.jobs.check?.steps.map((step) => step.run ?? "") ?? [];
    const at = (pattern: RegExp) => check.findIndex((script) => pattern.test(script));
    expect(at(/npm run --silent generate -- --check/)).toBeGreaterThan(at(/npm ci/));
    expect(at(/make test/)).toBeGreaterThan(at(/generate -- --check/));
    expect(at(/npm run --silent diff -- "\$BASE" .*--fail-on-breaking/)).toBeGreaterThan(at(/make test/));
    expect(check.join("\n")).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it("caches npm and pins every action to a full commit SHA", () => {
    const uses = steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action, action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    for (const step of steps.filter((s) => s.uses?.startsWith("actions/setup-node@")))
      expect(step.with).toMatchObject({ cache: "npm" });
  });

  it("regenerates only on the default branch or on demand, and opens a pull request instead of pushing to it", () => {
    const regenerate = workflow.jobs.regenerate;
    expect(regenerate?.if).toContain("github.event_name == 'workflow_dispatch'");
    expect(regenerate?.if).toContain("github.ref_name == github.event.repository.default_branch");
    expect(regenerate?.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const body = regenerate?.steps.map((step) => step.run ?? "").join("\n") ?? "";
    expect(body).toContain("npm run generate");
    expect(body).toMatch(/git push --force origin "\$BRANCH"/);
    expect(body).toMatch(/gh pr create .*--body-file/);
    expect(body).not.toMatch(/git push[^\n]*(main|\$BASE)/);
  });

  it("has shell steps that bash can parse", async () => {
    for (const script of scripts)
      await expect(run("bash", ["-n", "-c", script]), script).resolves.toBeDefined();
  });
});
