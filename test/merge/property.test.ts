/**
 * Properties of the merge over random collections of small per-endpoint documents (fast-check, 1,000 runs each):
 * the input order and the file names never change the outcome, and merging is idempotent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { renderOpenApiYaml } from "../../scripts/output/write.ts";
import { GeneratorError, type OpenAPI3, type SpecFile } from "../../scripts/shared/openapi.ts";

const RUNS = 1_000;

const scalarSchema = fc.constantFrom({ type: "string" }, { type: "integer" }, { type: "boolean" });
const schema = fc.oneof(
  scalarSchema,
  fc.record({
    type: fc.constant("object"),
    properties: fc.dictionary(fc.constantFrom("id", "name", "size"), scalarSchema, { maxKeys: 3 }),
  }),
  fc.record({
    type: fc.constant("string"),
    enum: fc.uniqueArray(fc.constantFrom("cdp", "vnc", "rdp"), { minLength: 1, maxLength: 3 }),
  }),
);

/** One docs page: one operation, its response schema, maybe shared schemas, auth as the docs site writes it. */
const page = fc
  .record({
    route: fc.constantFrom("/v1/things", "/v1/items", "/v1/things/stop"),
    method: fc.constantFrom("get", "post", "delete"),
    operationId: fc.constantFrom("list", "create", "stop"),
    summary: fc.constantFrom("List", "Create", "Stop"),
    withAuthorization: fc.boolean(),
    responseName: fc.constantFrom(
      "Thing",
      "Item",
      "V1ThingsGetResponsesContentApplicationJsonSchemaProtocol",
    ),
    response: schema,
    shared: fc.dictionary(fc.constantFrom("Shared", "Protocol"), schema, { maxKeys: 2 }),
    server: fc.constantFrom("https://api.example", "http://localhost:8787"),
    tag: fc.constantFrom("things", "items"),
  })
  .map(
    (p): OpenAPI3 => ({
      openapi: "3.1.0",
      info: { title: "API", version: "1.0.0" },
      servers: [{ url: p.server }] as OpenAPI3["servers"],
      paths: {
        [p.route]: {
          [p.method]: {
            operationId: p.operationId,
            summary: p.summary,
            tags: [p.tag],
            parameters: p.withAuthorization
              ? [{ name: "Authorization", in: "header", required: true, schema: { type: "string" } }]
              : [],
            responses: {
              "200": {
                description: "OK",
                content: {
                  "application/json": { schema: { $ref: `#/components/schemas/${p.responseName}` } },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: { ...p.shared, [p.responseName]: p.response },
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      },
    }),
  );

const collection = fc.array(page, { minLength: 1, maxLength: 5 });

/** The merge's outcome: the rendered document and the operationId renames (which name files), or the problems. */
function outcome(specs: SpecFile[]): { ok: boolean; document: string; renames: string } {
  try {
    const { document, report } = mergeSpecs(structuredClone(specs));
    return { ok: true, document: renderOpenApiYaml(document), renames: JSON.stringify(report.renames) };
  } catch (error) {
    if (error instanceof GeneratorError) return { ok: false, document: error.message, renames: "" };
    throw error;
  }
}

function named(
  documents: OpenAPI3[],
  names: string[] = documents.map((_, i) => `page-${i}.yaml`),
): SpecFile[] {
  return documents.map((document, i) => ({ file: names[i] ?? `page-${i}.yaml`, document }));
}

describe("mergeSpecs", () => {
  it("gives the same outcome whatever the order of the files", () => {
    fc.assert(
      fc.property(
        collection.chain((docs) =>
          fc.tuple(
            fc.constant(docs),
            fc.shuffledSubarray([...docs.keys()], { minLength: docs.length, maxLength: docs.length }),
          ),
        ),
        ([docs, order]) => {
          const specs = named(docs);
          const shuffled = order.map((i) => specs[i] as SpecFile);
          expect(outcome(shuffled)).toEqual(outcome(specs));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("gives the same document whatever the files are called", () => {
    fc.assert(
      fc.property(
        collection.chain((docs) =>
          fc.tuple(
            fc.constant(docs),
            fc.uniqueArray(
              fc
                .tuple(fc.constantFrom("spaces", "a/b", "zz"), fc.nat(999))
                .map(([dir, n]) => `${dir}/page-${n}.yaml`),
              { minLength: docs.length, maxLength: docs.length },
            ),
          ),
        ),
        ([docs, names]) => {
          const before = outcome(named(docs));
          const after = outcome(named(docs, names));
          expect(after.ok).toBe(before.ok);
          if (before.ok) expect(after.document).toBe(before.document);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("is idempotent: the merged document merged alone, with itself or with its sources gives itself", () => {
    let withSourcesChecked = 0;
    fc.assert(
      fc.property(collection, (docs) => {
        const first = mergeSpecsOrUndefined(named(docs));
        fc.pre(first !== undefined);
        const merged = first?.document as OpenAPI3;
        const render = renderOpenApiYaml(merged);
        expect(outcome(named([merged], ["merged.yaml"])).document).toBe(render);
        expect(outcome(named([merged, merged], ["merged.yaml", "copy/merged.yaml"])).document).toBe(render);
        // A renamed operationId, or a folded schema's `x-bctrl-also-named` record, makes the merged copy differ from
        // its page on purpose, so such a collection conflicts with its own merge; every other collection absorbs it.
        if (first?.report.renames.length === 0 && first.report.foldedSchemas.length === 0) {
          withSourcesChecked += 1;
          expect(outcome([...named(docs), ...named([merged], ["merged.yaml"])]).document).toBe(render);
        }
      }),
      { numRuns: RUNS },
    );
    expect(withSourcesChecked).toBeGreaterThan(RUNS / 10);
  });
});

function mergeSpecsOrUndefined(specs: SpecFile[]): ReturnType<typeof mergeSpecs> | undefined {
  try {
    return mergeSpecs(structuredClone(specs));
  } catch (error) {
    if (error instanceof GeneratorError) return undefined;
    throw error;
  }
}
