/**
 * Name rules at scale: the aliases stage on a generated collection of 320 endpoints in the docs site's style
 * (bench/corpus.ts), where the same resources recur under both scopes, under /v2, and with reused operationIds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { type AliasResult, addAliases } from "../../scripts/aliases/aliases.ts";
import { parseSpec } from "../../scripts/load/load.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";

const ENDPOINTS = 320;

/** With `renamed`, every file gets a name that sorts in the opposite order, so the merge reads them reversed. */
async function aliasCorpus(
  names: "as-generated" | "renamed",
): Promise<{ document: OpenAPI3; result: AliasResult }> {
  const files = generateCorpus({ endpoints: ENDPOINTS, seed: 7 });
  const specs = files.map((file, index) =>
    parseSpec(
      names === "renamed" ? `${String(files.length - index).padStart(4, "0")}/page.yaml` : file.file,
      file.text,
    ),
  );
  const { document } = mergeSpecs(specs);
  return { document, result: addAliases(await generateTypes(document), document) };
}

let document: OpenAPI3;
let result: AliasResult;
let names: string[];

beforeAll(async () => {
  ({ document, result } = await aliasCorpus("as-generated"));
  names = result.aliases.map((alias) => alias.name);
});

describe(`aliases of ${ENDPOINTS} generated endpoints`, () => {
  it("are PascalCase identifiers of at most 40 characters", () => {
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]{0,39}$/);
  });

  it("are unique", () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it("are short in the median (24 characters or less)", () => {
    const lengths = names.map((name) => name.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThanOrEqual(24);
  });

  it("cover every schema and every operation's parameters, request body and success response", () => {
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.values(item ?? {}));
    expect(operations).toHaveLength(ENDPOINTS);
    const slots = [...result.lock.keys()].filter((key) => key.includes("#"));
    expect(slots.filter((key) => key.endsWith("#params"))).toHaveLength(ENDPOINTS);
    expect(slots.filter((key) => key.endsWith("#response"))).toHaveLength(ENDPOINTS);
    const withBody = operations.filter((operation) => operation && "requestBody" in operation).length;
    expect(slots.filter((key) => key.endsWith("#request"))).toHaveLength(withBody);
    for (const schema of Object.keys(document.components?.schemas ?? {}))
      expect(result.lock.get(schema)).toBeDefined();
    expect(result.source).not.toContain('components["schemas"]');
  });

  it("produce a declaration file that compiles", () => {
    const program = inMemoryProgram({ "/corpus/schema.ts": result.source });
    expect(program.diagnostics("/corpus/schema.ts")).toEqual([]);
  });

  it("do not depend on the names or order of the spec files", async () => {
    expect((await aliasCorpus("renamed")).result.source).toBe(result.source);
  });
});
