/**
 * Alias names are stable across runs (the lock in the output folder), pinned by the config's overrides, freed when
 * their schema goes, and independent of spec file names and order.
 */
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildOutputs, generate } from "../../scripts/generate.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { ROOT, SPECS_DIR } from "../support/seeds.ts";

const SEEDS = [
  "spaces/runtimes-connections-create.yaml",
  "spaces/runtimes-connections-delete.yaml",
  "workspaces/runtimes-stop.yaml",
];
const CONTESTED = path.join(ROOT, "test/aliases/fixtures/keeps-a-locked-name-when-a-stronger-claim-arrives");
const REQUEST_MODE = "V1ThingsPostRequestBodyContentApplicationJsonSchemaMode";
const RESPONSE_MODE = "V1ThingsThingIdGetResponsesContentApplicationJsonSchemaMode";

const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<{ specs: string; out: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "bctrl-aliases-"));
  temporary.push(root);
  await mkdir(path.join(root, "specs"));
  return { specs: path.join(root, "specs"), out: path.join(root, "generated") };
}

async function copySpec(from: string, specs: string, as = path.basename(from)): Promise<void> {
  await mkdir(path.dirname(path.join(specs, as)), { recursive: true });
  await cp(from, path.join(specs, as));
}

async function lockOf(out: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(path.join(out, "aliases.lock.json"), "utf8")).aliases;
}

describe("stability", () => {
  it.each(SEEDS)("adding %s to the other two seed pages renames no existing alias", async (added) => {
    const { specs, out } = await workspace();
    for (const seed of SEEDS.filter((s) => s !== added))
      await copySpec(path.join(SPECS_DIR, seed), specs, seed);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const before = await lockOf(out);
    await copySpec(path.join(SPECS_DIR, added), specs, added);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const after = await lockOf(out);
    expect(Object.keys(before).length).toBeGreaterThan(3);
    expect(Object.keys(after).length).toBeGreaterThan(Object.keys(before).length);
    for (const [key, alias] of Object.entries(before)) expect(after[key], key).toBe(alias);
  });

  it("keeps a locked name when a later spec has the stronger claim to it", async () => {
    const { specs, out } = await workspace();
    await copySpec(path.join(CONTESTED, "before/things-create.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    expect((await lockOf(out))[REQUEST_MODE]).toBe("ThingMode");
    await copySpec(path.join(CONTESTED, "added/things-get.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const locked = await lockOf(out);
    expect(locked[REQUEST_MODE]).toBe("ThingMode");
    expect(locked[RESPONSE_MODE]).toBe("GetThingMode");
    // Without the lock, the response-side enum wins the plain name: the lock is what keeps it.
    const fresh = JSON.parse((await buildOutputs(specs)).files.get("aliases.lock.json") ?? "").aliases;
    expect(fresh[RESPONSE_MODE]).toBe("ThingMode");
    expect(fresh[REQUEST_MODE]).toBe("CreateThingMode");
  });

  it("says in the change report when names change because the lock was deleted", async () => {
    const { specs, out } = await workspace();
    await copySpec(path.join(CONTESTED, "before/things-create.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    await copySpec(path.join(CONTESTED, "added/things-get.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const note = "Aliases renamed because aliases.lock.json was deleted.";
    expect(await readFile(path.join(out, "CHANGES.md"), "utf8")).not.toContain(note);
    await rm(path.join(out, "aliases.lock.json"));
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const changes = await readFile(path.join(out, "CHANGES.md"), "utf8");
    expect(changes).toContain(note);
    expect(changes).toContain("CreateThingMode");
    expect((await lockOf(out))[REQUEST_MODE]).toBe("CreateThingMode");
  });

  it("frees the name of a removed schema", async () => {
    const { specs, out } = await workspace();
    await copySpec(path.join(CONTESTED, "before/things-create.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    await rm(path.join(specs, "things-create.yaml"));
    await copySpec(path.join(CONTESTED, "added/things-get.yaml"), specs);
    await generate({ specsDir: specs, outDir: out, parseCache: false });
    const locked = await lockOf(out);
    expect(locked[REQUEST_MODE]).toBeUndefined();
    expect(locked[RESPONSE_MODE]).toBe("ThingMode");
  });
});

describe("overrides", () => {
  it("pin schema and operation slot names, by operationId or by method and route", async () => {
    const { files } = await buildOutputs(SPECS_DIR, {
      aliases: {
        V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaSummaryLaunchMode:
          "BrowserLaunchMode",
        "runtimes-stop#response": "StoppedRuntime",
        "POST /v1/spaces/{id}/runtimes/{runtimeId}/connections#operation": "OpenConnection",
      },
    });
    const schema = files.get("schema.ts") ?? "";
    for (const alias of [
      "BrowserLaunchMode",
      "StoppedRuntime",
      "OpenConnectionParams",
      "OpenConnectionRequest",
      "OpenConnectionResponse",
    ])
      expect(schema).toContain(`\nexport type ${alias} = `);
    expect(schema).toContain("launchMode?: BrowserLaunchMode;");
    expect(schema).not.toContain("export type LaunchMode");
  });

  it.each([
    ["an invalid name", { "runtimes-stop#response": "stopped runtime" }, "/aliases/runtimes-stop#response"],
    ["an unknown key", { NoSuchSchema: "Anything" }, "/aliases/NoSuchSchema"],
    ["a global type name", { "runtimes-stop#params": "Record" }, "/aliases/runtimes-stop#params"],
    [
      "a name used twice",
      { "runtimes-stop#params": "Twice", "runtimes-stop#response": "Twice" },
      "/aliases/runtimes-stop#response",
    ],
  ])("reject %s with one line naming the config key", async (_case, aliases, where) => {
    const error = await buildOutputs(SPECS_DIR, { aliases }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    const message = (error as GeneratorError).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(`bctrl-api.config.json#${where}`);
  });
});

describe("determinism", () => {
  it("gives byte-identical schema.ts and lock for the same specs under other file names and order", async () => {
    const first = await workspace();
    const second = await workspace();
    for (const seed of SEEDS) await copySpec(path.join(SPECS_DIR, seed), first.specs, seed);
    for (const [index, seed] of [...SEEDS].reverse().entries())
      await copySpec(path.join(SPECS_DIR, seed), second.specs, `renamed/${index}-page.yml`);
    await generate({ specsDir: first.specs, outDir: first.out, parseCache: false });
    await generate({ specsDir: second.specs, outDir: second.out, parseCache: false });
    for (const file of ["schema.ts", "aliases.lock.json"])
      expect(await readFile(path.join(second.out, file), "utf8")).toBe(
        await readFile(path.join(first.out, file), "utf8"),
      );
  });
});
