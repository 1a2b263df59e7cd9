/**
 * The types stage calls openapi-typescript's transform directly, without `openapiTS`'s own redocly lint and bundle
 * (scripts/types/types.ts says why). Two things must hold for that: the output is what `openapiTS` prints for the same
 * validated document, and every document `openapiTS`'s lint or bundle refused is refused by the validate stage first.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { loadSpecs, parseSpec } from "../../scripts/load/load.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { GeneratorError, type OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes, TYPES_OPTIONS } from "../../scripts/types/types.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";
import { CORPUS_DIR } from "../hostile/support/hostile.ts";
import { SPECS_DIR } from "../support/seeds.ts";

async function printedByOpenapiTS(document: OpenAPI3): Promise<string> {
  return astToString(await openapiTS(structuredClone(document), TYPES_OPTIONS));
}

async function mergedFolder(dir: string): Promise<OpenAPI3> {
  const { document, sources } = mergeSpecs(await loadSpecs(dir));
  await validateDocument(document, sources);
  return document;
}

const info = { title: "t", version: "1" };
/** A body with `schema`; a response needs the description and an operation security, or validate refuses them. */
const json = (schema: unknown) => ({ description: "body", content: { "application/json": { schema } } });

/** Test documents are written loosely (OpenAPI3's schema type wants `type` where JSON Schema does not). */
const asDocument = (value: object) => value as OpenAPI3;

/** Shapes whose output depends on the context openapi-typescript builds (discriminators are patched in place). */
const INLINE: Record<string, OpenAPI3> = {
  "discriminator with a mapping, used through allOf": asDocument({
    openapi: "3.1.0",
    info,
    security: [],
    paths: {
      "/pets": {
        get: { operationId: "listPets", responses: { "200": json({ $ref: "#/components/schemas/Pet" }) } },
      },
    },
    components: {
      schemas: {
        Pet: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        Base: {
          type: "object",
          properties: { kind: { type: "string" } },
          discriminator: { propertyName: "kind" },
        },
        Cat: {
          allOf: [
            { $ref: "#/components/schemas/Base" },
            { type: "object", properties: { purrs: { type: "boolean" } } },
          ],
        },
        Dog: {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string" }, barks: { type: "boolean" } },
        },
      },
    },
  }),
  "defaults, nullable types, enums, additionalProperties and a $ref to a property": asDocument({
    openapi: "3.1.0",
    info,
    security: [],
    paths: {
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        post: {
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/Thing/properties/tags" }) },
          responses: {
            "201": json({ $ref: "#/components/schemas/Thing" }),
            default: { description: "error" },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: "object",
          required: ["id"],
          properties: {
            id: { type: "string" },
            label: { type: "string", default: "x" },
            size: { type: ["integer", "null"] },
            mode: { enum: ["a", "b", null] },
            tags: { type: "array", items: { type: "string" } },
            extra: { type: "object", additionalProperties: { type: "number" } },
          },
        },
      },
    },
  }),
};

describe("the types stage prints what openapiTS prints", () => {
  it.each(Object.entries(INLINE))("for %s", async (_name, document) => {
    await validateDocument(document);
    expect(generateTypes(document)).toBe(await printedByOpenapiTS(document));
  });

  it("for the seed specs", async () => {
    const document = await mergedFolder(SPECS_DIR);
    expect(generateTypes(document)).toBe(await printedByOpenapiTS(document));
  });

  it("for 150 generated endpoints in the docs site's style", async () => {
    const files = generateCorpus({ endpoints: 150, seed: 3 });
    const { document } = mergeSpecs(files.map((file) => parseSpec(file.file, file.text)));
    await validateDocument(document);
    expect(generateTypes(document)).toBe(await printedByOpenapiTS(document));
  });

  it("for every hostile corpus case that generates", async () => {
    const names = (await readdir(CORPUS_DIR)).filter((name) => name.startsWith("generates-")).sort();
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const document = await mergedFolder(path.join(CORPUS_DIR, name, "specs"));
      expect({ name, types: generateTypes(document) }).toEqual({
        name,
        types: await printedByOpenapiTS(document),
      });
    }
  });

  it("leaves the document it is given unchanged (openapi-typescript patches discriminators in place)", () => {
    const document = INLINE["discriminator with a mapping, used through allOf"] as OpenAPI3;
    const before = structuredClone(document);
    generateTypes(document);
    expect(document).toEqual(before);
  });
});

const operation = (operationId: string, schema: unknown) => ({
  operationId,
  responses: { "200": json(schema) },
});

/** Documents openapiTS's own lint (operationId uniqueness) or bundle (unresolvable `$ref`) refuses. */
const REFUSED: { name: string; document: OpenAPI3; problem: RegExp }[] = [
  {
    name: "two operations with one operationId",
    document: asDocument({
      openapi: "3.1.0",
      info,
      security: [],
      paths: {
        "/a": { get: operation("same", { type: "string" }) },
        "/b": { get: operation("same", { type: "string" }) },
      },
    }),
    problem: /operationId/i,
  },
  {
    name: "a $ref to a missing component",
    document: asDocument({
      openapi: "3.1.0",
      info,
      security: [],
      paths: { "/a": { get: operation("a", { $ref: "#/components/schemas/Missing" }) } },
    }),
    problem: /resolve|Missing/i,
  },
  {
    name: "a $ref to another file",
    document: asDocument({
      openapi: "3.1.0",
      info,
      security: [],
      paths: { "/a": { get: operation("a", { $ref: "other.yaml#/components/schemas/Thing" }) } },
    }),
    problem: /resolve|other\.yaml/i,
  },
];

describe("what openapiTS refused, the validate stage refuses first", () => {
  it.each(REFUSED)("$name", async ({ document, problem }) => {
    await expect(printedByOpenapiTS(document)).rejects.toThrow();
    const refused = await validateDocument(document).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(GeneratorError);
    expect((refused as GeneratorError).message).toMatch(problem);
  });
});
