import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateCorpus } from "../../bench/corpus.ts";
import { checkEquivalence, formatDifference } from "../../scripts/merge/equivalence.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import type { OpenAPI3, SpecFile } from "../../scripts/shared/openapi.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";
import { buildSourceSpec } from "../support/source-spec.ts";
import { splitSpec } from "../support/split-spec.ts";

const source = buildSourceSpec();
const pages = splitSpec(source);

describe("split into docs-site pages and merged back", () => {
  const { document, report, sources } = mergeSpecs(pages);

  it("covers a collection of 300+ per-endpoint documents with the site's quirks", () => {
    expect(pages.length).toBeGreaterThanOrEqual(300);
    expect(report.operations).toBe(pages.length);
    // Shared enums hoisted once per page fold back; reused page operationIds are renamed.
    expect(report.foldedSchemas.length).toBeGreaterThan(50);
    expect(report.renames.length).toBeGreaterThan(250);
    expect(report.warnings).toHaveLength(1);
  });

  it("means the same as every page, operation by operation", () => {
    expect(checkEquivalence(pages, document).map(formatDifference)).toEqual([]);
  });

  it("means the same as the source document the pages were cut from", () => {
    const differences = checkEquivalence([{ file: "source.yaml", document: source }], document);
    expect(differences.map(formatDifference)).toEqual([]);
  });

  it("is valid OpenAPI 3.1", async () => {
    await expect(validateDocument(document, sources)).resolves.toBeUndefined();
  });
});

describe("the bench corpus (per-endpoint documents as the site writes them), merged", () => {
  const corpus: SpecFile[] = generateCorpus({ endpoints: 320, seed: 7 }).map(({ file, text }) => ({
    file,
    document: parse(text) as OpenAPI3,
  }));

  it("means the same as every one of its 320 documents", () => {
    const { document, report } = mergeSpecs(corpus);
    expect(report.operations).toBe(320);
    expect(checkEquivalence(corpus, document).map(formatDifference)).toEqual([]);
  });
});

describe("the equivalence check", () => {
  const small = splitSpec(buildSourceSpec({ resources: 2 }));
  type Mutation = { name: string; mutate: (document: OpenAPI3) => void; want: RegExp };
  const schemaOf = (document: OpenAPI3, name: string) =>
    ((document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>)[name] as Record<
      string,
      unknown
    >;
  const anyOperation = (document: OpenAPI3, path: string, method: string) =>
    ((document.paths?.[path] ?? {}) as Record<string, Record<string, unknown>>)[method] as Record<
      string,
      unknown
    >;
  const mutations: Mutation[] = [
    {
      name: "an enum value changed in a folded schema",
      mutate: (document) => {
        const [name] = Object.entries(document.components?.schemas ?? {}).find(([, s]) =>
          JSON.stringify(s).includes('"stopped"'),
        ) as [string, unknown];
        schemaOf(document, name).enum = ["active", "stopped"];
      },
      want: /responses differs|requestBody differs/,
    },
    {
      name: "a query parameter dropped",
      mutate: (document) => {
        const list = anyOperation(document, "/v1/spaces/{id}/runtimes", "get");
        list.parameters = (list.parameters as { name: string }[]).filter((p) => p.name !== "cursor");
      },
      want: /\/parameters\/query:cursor: parameter query:cursor missing from the merge/,
    },
    {
      name: "a required flag lost in a request body",
      mutate: (document) => {
        const body = anyOperation(document, "/v1/spaces/{id}/runtimes", "post").requestBody as Record<
          string,
          unknown
        >;
        delete body.required;
      },
      want: /\/requestBody\/required: requestBody differs/,
    },
    {
      name: "bearer auth no longer required",
      mutate: (document) => {
        anyOperation(document, "/v1/spaces/{id}/runtimes/{runtimeId}", "get").security = [];
      },
      want: /\/security: effective security \[\] instead of \[\{"bearerAuth":\[\]\}\]/,
    },
    {
      name: "a recursive schema's items changed",
      mutate: (document) => {
        const node = schemaOf(document, "Node");
        node.properties = {
          ...(node.properties as object),
          children: { type: "array", items: { type: "string" } },
        };
      },
      want: /responses differs/,
    },
    {
      name: "an operation removed",
      mutate: (document) => {
        delete ((document.paths?.["/v1/health"] ?? {}) as Record<string, unknown>).get;
      },
      want: /operation missing from the merged document/,
    },
  ];

  it.each(mutations)("finds $name", ({ mutate, want }) => {
    const { document } = mergeSpecs(small);
    expect(checkEquivalence(small, document)).toEqual([]);
    const broken = structuredClone(document);
    mutate(broken);
    const found = checkEquivalence(small, broken).map(formatDifference);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(want);
  });

  it("ignores titles and the merge's own extensions, but not a property named title", () => {
    const { document } = mergeSpecs(small);
    const retitled = structuredClone(document);
    for (const schema of Object.values(retitled.components?.schemas ?? {}) as Record<string, unknown>[]) {
      schema.title = "Anything";
      schema["x-bctrl-also-named"] = ["Else"];
    }
    expect(checkEquivalence(small, retitled)).toEqual([]);
    const [errorName] = Object.entries(retitled.components?.schemas ?? {}).find(([name]) =>
      /_Response_4\d\d$/.test(name),
    ) as [string, unknown];
    const error = schemaOf(retitled, errorName);
    error.properties = { ...(error.properties as object), title: { type: "integer" } };
    expect(checkEquivalence(small, retitled).map(formatDifference).join("\n")).toMatch(/properties\/title/);
  });
});
