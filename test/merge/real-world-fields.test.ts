/**
 * The fields real published specs use beyond the docs site's pages: auth schemes other than the bearer header,
 * path-item summaries, descriptions and extensions, externalDocs, top-level extensions and webhooks.
 */
import { describe, expect, it } from "vitest";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { GeneratorError, type OpenAPI3, type SpecFile } from "../../scripts/shared/openapi.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";
import { page } from "./support/pages.ts";

type Json = Record<string, unknown>;

/** A page whose only auth is `scheme`, required on the whole page, and no Authorization header. */
function securedPage(file: string, path: string, name: string, scheme: Json): SpecFile {
  return page(file, {
    path,
    operation: { operationId: `get-${file}`, parameters: [] },
    top: { security: [{ [name]: name === "oauth" ? ["read"] : [] }] },
    securitySchemes: { [name]: scheme },
  });
}

const SCHEMES: { name: string; scheme: Json }[] = [
  { name: "basicAuth", scheme: { type: "http", scheme: "basic" } },
  { name: "apiKeyHeader", scheme: { type: "apiKey", in: "header", name: "X-Api-Key" } },
  { name: "apiKeyQuery", scheme: { type: "apiKey", in: "query", name: "api_key" } },
  { name: "apiKeyCookie", scheme: { type: "apiKey", in: "cookie", name: "session" } },
  {
    name: "oauth",
    scheme: {
      type: "oauth2",
      flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: { read: "Read" } } },
    },
  },
];

function pathItem(document: OpenAPI3, path: string): Json {
  return (document.paths?.[path] ?? {}) as Json;
}

describe("auth other than the bearer header", () => {
  it.each(SCHEMES)("$name shared by every page is stated once, at the top", async ({ name, scheme }) => {
    const specs = [
      securedPage("a.yaml", "/v1/a", name, scheme),
      securedPage("b.yaml", "/v1/b", name, scheme),
    ];
    const { document, sources } = mergeSpecs(specs);
    expect(document.security).toEqual([{ [name]: name === "oauth" ? ["read"] : [] }]);
    expect(document.components?.securitySchemes?.[name]).toEqual(scheme);
    for (const path of ["/v1/a", "/v1/b"])
      expect(pathItem(document, path).get).not.toHaveProperty("security");
    await expect(validateDocument(document, sources)).resolves.toBeUndefined();
  });

  it("stays on each operation when pages use different schemes", () => {
    const [basic, key] = SCHEMES as [(typeof SCHEMES)[0], (typeof SCHEMES)[0]];
    const { document } = mergeSpecs([
      securedPage("a.yaml", "/v1/a", basic.name, basic.scheme),
      securedPage("b.yaml", "/v1/b", key.name, key.scheme),
    ]);
    expect(document.security).toBeUndefined();
    expect(pathItem(document, "/v1/a").get).toHaveProperty("security", [{ basicAuth: [] }]);
    expect(pathItem(document, "/v1/b").get).toHaveProperty("security", [{ apiKeyHeader: [] }]);
  });

  it("fails validation when a requirement names no defined scheme, but not when an operation has none", async () => {
    const spec = page("a.yaml", { operation: { parameters: [], security: [{ missing: [] }] } });
    const { document, sources } = mergeSpecs([
      spec,
      page("b.yaml", { path: "/v1/open", operation: { parameters: [] } }),
    ]);
    const error = await validateDocument(document, sources).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message).toBe(
      'a.yaml#/paths/~1v1~1things/get/security/0/missing: security scheme "missing" is not defined in components.securitySchemes (after merging)',
    );
  });
});

describe("path items", () => {
  const withItemFields = (file: string, fields: Json) => {
    const spec = page(file);
    Object.assign(pathItem(spec.document, "/v1/things"), fields);
    return spec;
  };

  it("keeps summary, description and x- extensions on the merged path item", () => {
    const fields = { summary: "Things", description: "Every thing.", "x-twilio": { mountName: "things" } };
    const { document, report } = mergeSpecs([withItemFields("a.yaml", fields)]);
    expect(pathItem(document, "/v1/things")).toEqual(expect.objectContaining(fields));
    expect(report.warnings).toEqual([]);
  });

  it("keeps the first file's when two files describe the same path differently, with a warning", () => {
    const { document, report } = mergeSpecs([
      withItemFields("a.yaml", { description: "One." }),
      withItemFields("b.yaml", { description: "Two." }),
    ]);
    expect(pathItem(document, "/v1/things").description).toBe("One.");
    expect(report.warnings).toEqual([
      "b.yaml#/paths/~1v1~1things/description: differs from a.yaml; kept a.yaml's",
    ]);
  });

  it("still refuses a path item $ref (another file's path item cannot be merged)", () => {
    const spec = withItemFields("a.yaml", { $ref: "#/components/pathItems/Things" });
    (spec.document.components as Json).pathItems = { Things: { summary: "Things" } };
    expect(() => mergeSpecs([spec])).toThrow(
      /^a\.yaml#\/paths\/~1v1~1things\/\$ref: path item field "\$ref" is not supported by the merge$/,
    );
  });
});

describe("document-level fields", () => {
  const docs = { url: "https://docs.example.com", description: "Guides" };

  it("carries externalDocs and top-level x- extensions, the first page's where pages differ", () => {
    const { document, report } = mergeSpecs([
      page("a.yaml", { path: "/v1/a", top: { externalDocs: docs, "x-logo": { url: "a.png" } } }),
      page("b.yaml", { path: "/v1/b", top: { externalDocs: { url: "https://other" }, "x-tier": "beta" } }),
    ]);
    expect(document.externalDocs).toEqual(docs);
    expect(document).toHaveProperty("x-logo", { url: "a.png" });
    expect(document).toHaveProperty("x-tier", "beta");
    expect(report.warnings).toEqual(["b.yaml: externalDocs differs from a.yaml; kept a.yaml's"]);
  });

  it("merges webhooks like paths: equal copies once, different ones a conflict naming both files", async () => {
    const webhook = {
      post: {
        operationId: "thingCreated",
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": { description: "ok" } },
      },
    };
    const specs = [
      page("a.yaml", { path: "/v1/a", top: { webhooks: { thingCreated: webhook } } }),
      page("b.yaml", { path: "/v1/b", top: { webhooks: { thingCreated: webhook } } }),
    ];
    const { document, sources } = mergeSpecs(specs);
    expect(document.webhooks).toEqual({ thingCreated: webhook });
    await expect(validateDocument(document, sources)).resolves.toBeUndefined();

    const changed = structuredClone(webhook);
    changed.post.responses = { "204": { description: "ok" } } as never;
    const conflicting = page("c.yaml", { path: "/v1/c", top: { webhooks: { thingCreated: changed } } });
    expect(() => mergeSpecs([specs[0] as SpecFile, conflicting])).toThrow(
      /^c\.yaml#\/webhooks\/thingCreated\/post\/responses.*\(conflicts with a\.yaml\)$/,
    );
  });
});
