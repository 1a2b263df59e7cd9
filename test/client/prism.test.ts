/**
 * The contract suite: Prism serves generated/openapi.yaml (started as `npm run mock` starts it, on a free port) and
 * every operation method is called against it. Prism checks each request against the spec; a request it reports as
 * invalid fails the test.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { operations, servers } from "../../generated/operations.ts";
import { parseMockArgs, prismArguments } from "../../scripts/mock/command.ts";
import type { OpenAPI3, OperationObject, PathItemObject } from "../../scripts/shared/openapi.ts";
import { BctrlApiError, type BctrlClient, createBctrlClient } from "../../src/index.ts";
import { GENERATED_DIR } from "../support/seeds.ts";
import { type RunningPrism, startPrism } from "./support/prism.ts";
import { sampleInput } from "./support/sample.ts";

type Leaf = readonly [string, string, string];
interface Table {
  readonly [name: string]: Leaf | Table;
}

/** Every generated method as [dotted name, leaf]. */
function leaves(table: Table, prefix: string[] = []): [string, Leaf][] {
  return Object.entries(table).flatMap(([name, node]) =>
    Array.isArray(node)
      ? [[[...prefix, name].join("."), node as Leaf]]
      : leaves(node as Table, [...prefix, name]),
  );
}

function methodAt(client: BctrlClient, dotted: string): (input: unknown) => Promise<unknown> {
  const parts = dotted.split(".");
  const owner = parts
    .slice(0, -1)
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], client);
  const method = (owner as Record<string, (input: unknown) => Promise<unknown>>)[parts.at(-1) as string];
  return (input) => (method as (input: unknown) => Promise<unknown>).call(owner, input);
}

/** Lines where Prism reports a request that breaks the spec. */
const violations = (log: string) =>
  log.split("\n").filter((line) => /did not pass the validation rules|✖/.test(line));

let prism: RunningPrism;
let document: OpenAPI3;
beforeAll(async () => {
  document = parse(await readFile(path.join(GENERATED_DIR, "openapi.yaml"), "utf8")) as OpenAPI3;
  prism = await startPrism(["--errors"]);
});
afterAll(async () => {
  await prism?.stop();
});

describe("npm run mock", () => {
  it("serves generated/openapi.yaml on the spec's local server, http://localhost:8787", async () => {
    const args = prismArguments(parseMockArgs([]));
    const local = new URL(servers[1]);
    expect(args).toContain("generated/openapi.yaml");
    expect(args[args.indexOf("--port") + 1]).toBe(local.port);
    expect(["localhost", "127.0.0.1"]).toContain(args[args.indexOf("--host") + 1]);
  });
});

describe("every operation method against Prism", () => {
  const all = leaves(operations as unknown as Table);

  it("covers every operation in the merged spec", () => {
    const inSpec = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as PathItemObject).filter((op) => (op as OperationObject)?.responses),
    );
    expect(all).toHaveLength(inSpec.length);
  });

  it.each(all)(
    "%s sends a request Prism accepts and gets the mocked body",
    async (dotted, [method, route]) => {
      const { paths = {} } = document;
      const operation = (paths[route] as Record<string, OperationObject>)[method] as OperationObject;
      const bctrl = createBctrlClient({ apiKey: "prism-test-key", baseUrl: prism.origin, retry: false });
      const before = prism.log().length;
      const result = await methodAt(bctrl, dotted)(sampleInput(operation, document));
      expect(result).toBeTypeOf("object");
      expect(result).not.toBeNull();
      expect(violations(prism.log().slice(before))).toEqual([]);
    },
  );

  it("would fail on a request Prism finds invalid (the check above can fail)", async () => {
    const bctrl = createBctrlClient({ apiKey: "prism-test-key", baseUrl: prism.origin, retry: false });
    const before = prism.log().length;
    const error = await bctrl.spaces.runtimes.connections
      .create({ path: { id: "s", runtimeId: "r" }, body: { protocol: "ssh" as "cdp" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlApiError);
    expect(error).toMatchObject({ status: 422 });
    expect(violations(prism.log().slice(before)).join("\n")).toMatch(/protocol/);
    const unauthenticated = createBctrlClient({ apiKey: "", baseUrl: prism.origin, retry: false });
    const saved = process.env.BCTRL_API_KEY;
    delete process.env.BCTRL_API_KEY;
    try {
      await expect(
        unauthenticated.workspaces.runtimes.stop({ path: { id: "w", alias: "a" } }),
      ).rejects.toMatchObject({
        status: 401,
      });
    } finally {
      if (saved !== undefined) process.env.BCTRL_API_KEY = saved;
    }
  });
});
