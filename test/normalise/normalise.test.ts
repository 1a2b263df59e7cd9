/**
 * The normalise stage: each 3.0 idiom and a whole 3.0 document read as 3.1 with the same meaning, one record per
 * rewrite; unknown schema keywords kept, unknown fields elsewhere dropped; `--strict` refuses them all.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOutputs, generate } from "../../scripts/generate.ts";
import { checkEquivalence } from "../../scripts/merge/equivalence.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { normaliseDocument, normaliseSpecs } from "../../scripts/normalise/normalise.ts";
import { summariseNormalisations } from "../../scripts/normalise/warnings.ts";
import { GeneratorError, type OpenAPI3, type SpecFile } from "../../scripts/shared/openapi.ts";

type Json = Record<string, unknown>;

/** A 3.1 page whose one operation answers with `schema` and takes `parameter` (if any). */
function pageWith(
  schema: unknown,
  extra: { parameter?: Json; openapi?: string; operation?: Json } = {},
): SpecFile {
  const document = {
    openapi: extra.openapi ?? "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          ...(extra.parameter ? { parameters: [extra.parameter] } : {}),
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
          },
          ...extra.operation,
        },
      },
    },
    components: { schemas: { Thing: schema } },
  };
  return { file: "a.yaml", document: document as unknown as OpenAPI3 };
}

function getOperation(document: OpenAPI3): Json {
  const item = document.paths?.["/things"] as { get: Json } | undefined;
  if (item === undefined) throw new Error("no /things path item");
  return item.get;
}

function thingOf(document: OpenAPI3): unknown {
  return document.components?.schemas?.Thing;
}

describe("3.0 schema idioms", () => {
  const cases: { name: string; given: Json; want: unknown; kind: string }[] = [
    {
      name: "nullable with a type adds null to the type",
      given: { type: "string", nullable: true },
      want: { type: ["string", "null"] },
      kind: "nullable",
    },
    {
      name: "nullable with an enum adds null to the type and the enum",
      given: { type: "string", enum: ["a", "b"], nullable: true },
      want: { type: ["string", "null"], enum: ["a", "b", null] },
      kind: "nullable",
    },
    {
      name: "nullable on a type list adds null once",
      given: { type: ["integer", "null"], nullable: true },
      want: { type: ["integer", "null"] },
      kind: "nullable",
    },
    {
      name: "nullable without a type wraps the constraints in anyOf with null, annotations outside",
      given: { description: "d", allOf: [{ $ref: "#/components/schemas/Other" }], nullable: true },
      want: {
        description: "d",
        anyOf: [{ allOf: [{ $ref: "#/components/schemas/Other" }] }, { type: "null" }],
      },
      kind: "nullable",
    },
    {
      name: "nullable: false is dropped",
      given: { type: "string", nullable: false },
      want: { type: "string" },
      kind: "nullable",
    },
    {
      name: "boolean exclusiveMinimum and exclusiveMaximum become the bounds",
      given: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
      want: { type: "number", exclusiveMinimum: 0, maximum: 9 },
      kind: "exclusive-bound",
    },
    {
      name: "a schema example becomes an entry of examples",
      given: { type: "string", example: "abc" },
      want: { type: "string", examples: ["abc"] },
      kind: "schema-example",
    },
  ];
  it.each(cases)("$name", ({ given, want, kind }) => {
    const { document, normalisations } = normaliseDocument(pageWith(given));
    expect(thingOf(document)).toEqual(want);
    expect(normalisations).toEqual([{ kind, file: "a.yaml", pointer: "/components/schemas/Thing" }]);
  });

  it("reaches schemas nested in properties, items, parameters and oneOf, and leaves the input untouched", () => {
    const given = {
      type: "object",
      properties: { list: { type: "array", items: { oneOf: [{ type: "string", nullable: true }] } } },
    };
    const spec = pageWith(given, {
      parameter: { name: "q", in: "query", schema: { type: "integer", nullable: true } },
    });
    const before = structuredClone(spec.document);
    const { normalisations } = normaliseDocument(spec);
    expect(normalisations.map((n) => n.pointer)).toEqual([
      "/paths/~1things/get/parameters/0/schema",
      "/components/schemas/Thing/properties/list/items/oneOf/0",
    ]);
    expect(spec.document).toEqual(before);
  });

  it("leaves enum, example and extension data alone even when it looks like a schema", () => {
    const given = {
      type: "object",
      default: { nullable: true },
      "x-meta": { nullable: true },
      enum: [{ nullable: true }],
    };
    const { document, normalisations } = normaliseDocument(pageWith(given));
    expect(thingOf(document)).toEqual(given);
    expect(normalisations).toEqual([]);
  });
});

describe("documents and fields", () => {
  it("reads a 3.0 document as 3.1", () => {
    const { document, normalisations } = normaliseDocument(
      pageWith({ type: "string" }, { openapi: "3.0.3" }),
    );
    expect(document.openapi).toBe("3.1.0");
    expect(normalisations).toEqual([{ kind: "openapi-3.0", file: "a.yaml", pointer: "/openapi" }]);
  });

  it("keeps an unknown keyword in a schema (a JSON Schema annotation) and drops an unknown field elsewhere", () => {
    const spec = pageWith(
      { type: "string" },
      {
        parameter: { name: "q", in: "query", schema: { type: "string", embed: true } },
        operation: { "x-kept": 1, visibility: "public" },
      },
    );
    const { document, normalisations } = normaliseDocument(spec);
    const operation = getOperation(document);
    expect(operation).not.toHaveProperty("visibility");
    expect(operation).toHaveProperty("x-kept", 1);
    expect((operation.parameters as Json[])[0]?.schema).toEqual({ type: "string", embed: true });
    expect(normalisations).toEqual([
      {
        kind: "unknown-field",
        file: "a.yaml",
        pointer: "/paths/~1things/get/visibility",
        field: "visibility",
      },
    ]);
  });

  it("drops a security scheme field its type does not allow", () => {
    const spec = pageWith({ type: "string" });
    (spec.document.components as Json).securitySchemes = {
      key: { type: "apiKey", in: "header", name: "X-Key", scheme: "bearer" },
    };
    const { document } = normaliseDocument(spec);
    expect(document.components?.securitySchemes?.key).toEqual({
      type: "apiKey",
      in: "header",
      name: "X-Key",
    });
  });
});

describe("faithfulness", () => {
  const source = pageWith({ type: "object", properties: { name: { type: "string", nullable: true } } });
  const merged = mergeSpecs(normaliseSpecs([source]).specs).document;

  it("counts a normalisation as equal", () => {
    expect(checkEquivalence([source], merged)).toEqual([]);
  });

  it("counts nothing else as equal: a merge that lost the null differs", () => {
    const lost = structuredClone(merged);
    ((thingOf(lost) as Json).properties as Json).name = { type: "string" };
    expect(checkEquivalence([source], lost).map((d) => d.pointer)).toEqual([
      "/responses/200/content/application~1json/schema/properties/name/type",
    ]);
  });
});

describe("the summary and --strict", () => {
  const temporary: string[] = [];
  afterAll(async () => {
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  });

  it("prints one line per file and kind with a count, then a total", () => {
    const specs = [
      pageWith({
        type: "object",
        properties: { a: { type: "string", nullable: true }, b: { type: "integer", nullable: true } },
      }),
      { ...pageWith({ type: "string", example: "x" }, { openapi: "3.0.1" }), file: "b.yaml" },
    ];
    expect(summariseNormalisations(normaliseSpecs(specs).normalisations)).toEqual([
      "a.yaml: nullable normalised in 2 places",
      "b.yaml: OpenAPI 3.0 document read as 3.1",
      "b.yaml: schema example normalised to examples in 1 place",
      "4 normalisations in 2 files (--strict refuses them)",
    ]);
  });

  it("prints one line for a kind that touches more than five files, naming the first three", () => {
    const nullable = pageWith({ type: "string", nullable: true });
    const specs = ["f.yaml", "a.yaml", "e.yaml", "c.yaml", "b.yaml", "d.yaml"].map((file) => ({
      ...nullable,
      file,
    }));
    specs.push({ ...pageWith({ type: "string", example: "x" }), file: "z.yaml" });
    expect(summariseNormalisations(normaliseSpecs(specs).normalisations)).toEqual([
      "nullable normalised in 6 places in 6 files: a.yaml, b.yaml, c.yaml and 3 more",
      "z.yaml: schema example normalised to examples in 1 place",
      "7 normalisations in 7 files (--strict refuses them)",
    ]);
  });

  it("generates a 3.1 page with `embed: true` in a parameter schema, keeping the keyword in openapi.yaml", async () => {
    const specsDir = await mkdtemp(path.join(tmpdir(), "normalise-embed-"));
    temporary.push(specsDir);
    await writeFile(
      path.join(specsDir, "a.yaml"),
      JSON.stringify(
        pageWith(
          { type: "string", nullable: true },
          { parameter: { name: "q", in: "query", schema: { type: "string", embed: true } } },
        ).document,
      ),
    );
    const { files } = await buildOutputs(specsDir);
    const merged = parse(files.get("openapi.yaml") ?? "") as OpenAPI3;
    const parameters = getOperation(merged).parameters as Json[];
    expect(parameters[0]?.schema).toEqual({ type: "string", embed: true });
    expect(files.get("schema.ts")).toMatch(/\bThing = string \| null;/);
  });

  it("generates a discriminator mapping of bare schema names, spelt as references, with no warning", async () => {
    // From @readme/oas-examples 8.2.2 (MIT), 3.0/json/discriminators.json, "/mapping-of-schema-names".
    const option = (name: string) => ({
      type: "object",
      required: ["discrim"],
      properties: { discrim: { type: "string" }, [`${name}_prop`]: { type: "string" } },
    });
    const spec = pageWith({
      oneOf: [
        { $ref: "#/components/schemas/OptionOneNoDisc" },
        { $ref: "#/components/schemas/OptionTwoNoDisc" },
      ],
      discriminator: {
        propertyName: "discrim",
        mapping: { "Option One": "OptionOneNoDisc", "Option Two": "#/components/schemas/OptionTwoNoDisc" },
      },
    });
    Object.assign(spec.document.components?.schemas ?? {}, {
      OptionOneNoDisc: option("option_one"),
      OptionTwoNoDisc: option("option_two"),
    });
    const specsDir = await mkdtemp(path.join(tmpdir(), "normalise-mapping-"));
    temporary.push(specsDir);
    await writeFile(path.join(specsDir, "a.yaml"), JSON.stringify(spec.document));
    const { files, normalisations } = await buildOutputs(specsDir);
    const merged = parse(files.get("openapi.yaml") ?? "") as OpenAPI3;
    expect((thingOf(merged) as Json).discriminator).toEqual({
      propertyName: "discrim",
      mapping: {
        "Option One": "#/components/schemas/OptionOneNoDisc",
        "Option Two": "#/components/schemas/OptionTwoNoDisc",
      },
    });
    expect(normalisations).toEqual([]);
  });

  it("--strict refuses every normalisation, one line each, and writes nothing", async () => {
    const specsDir = await mkdtemp(path.join(tmpdir(), "normalise-strict-"));
    const outDir = await mkdtemp(path.join(tmpdir(), "normalise-strict-out-"));
    temporary.push(specsDir, outDir);
    await writeFile(
      path.join(specsDir, "a.yaml"),
      JSON.stringify(pageWith({ type: "string", nullable: true }, { openapi: "3.0.3" }).document),
    );
    await generate({ specsDir, outDir, parseCache: false });
    const before = await readFile(path.join(outDir, "schema.ts"), "utf8");
    const error = await generate({ specsDir, outDir, parseCache: false, strict: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message.split("\n")).toEqual([
      "a.yaml#/openapi: OpenAPI 3.0 document read as 3.1; --strict refuses it",
      "a.yaml#/components/schemas/Thing: nullable normalised; --strict refuses it",
    ]);
    expect(await readFile(path.join(outDir, "schema.ts"), "utf8")).toBe(before);
  });
});
