/** The generated method signatures and their JSDoc, on small documents that isolate one rule each. */
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { commentLines, exampleOf } from "../../scripts/client-table/method-docs.ts";
import { referencedNames, renderMethodsModule } from "../../scripts/client-table/method-types.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { ROOT } from "../support/seeds.ts";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

function documentWith(operation: Record<string, unknown>, path = "/things/{id}"): OpenAPI3 {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { [path]: { post: { operationId: "things-create", ...operation } } },
  } as unknown as OpenAPI3;
}

/** The one method's declaration line of a rendered module. */
const declaration = (source: string) =>
  source.split("\n").find((line) => /^\s*[a-zA-Z]+[<(]/.test(line)) ?? "";

describe("a method's signature", () => {
  it("names the aliases of its slots, keeps optional kinds optional and requires a required body", () => {
    const document = documentWith({
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "dryRun", in: "query", schema: { type: "boolean" } },
      ],
      requestBody: { required: true, ...json({ type: "object" }) },
      responses: { 201: json({ type: "object" }), 404: json({ $ref: "#/components/schemas/Problem" }) },
    });
    const lock = new Map([
      ["POST /things/{id}#params", "CreateThingParams"],
      ["POST /things/{id}#request", "CreateThingRequest"],
      ["POST /things/{id}#response", "CreateThingResponse"],
      ["Problem", "Problem"],
    ]);
    const source = renderMethodsModule(document, lock);
    expect(declaration(source).trim()).toBe(
      'create(input: { query?: CreateThingParams["query"]; path: CreateThingParams["path"]; body: CreateThingRequest }, options?: Options): Promise<CreateThingResponse>;',
    );
    expect(source).toContain('  "things-create": Problem;');
    expect(source).toContain('"/things/{id}": { data: CreateThingResponse; error: Problem };');
  });

  it("without aliases reads each type from `paths`; no input when there is none; no content resolves to undefined", () => {
    const document = documentWith({ responses: { 200: json({ type: "object" }), 204: {} } }, "/ping");
    const source = renderMethodsModule(document, new Map());
    expect(declaration(source).trim()).toBe(
      'thingsCreate(options?: Options): Promise<schema.paths["/ping"]["post"]["responses"]["200"]["content"]["application/json"] | undefined>;',
    );
    expect(source).not.toContain("OperationErrors {\n  ");
  });

  it("writes an alias that clashes with the module's own names through the namespace", () => {
    const document = documentWith({ responses: { 200: json({ type: "object" }) } });
    const source = renderMethodsModule(document, new Map([["POST /things/{id}#response", "Promise"]]));
    expect(declaration(source)).toContain("Promise<schema.Promise>");
  });
});

describe("the JSDoc", () => {
  it("keeps hostile text inside the comment and starts no tag", () => {
    expect(commentLines("a */ b\n@deprecated {@link x}\u2028c")).toEqual([
      "a *\\/ b",
      "\\@deprecated {\\@link x}",
      "c",
    ]);
    const evil = "*/ console.log(1) /*\n@example";
    const document = documentWith({
      summary: evil,
      description: evil,
      parameters: [{ name: evil, in: "query", required: true, schema: { type: "string", example: evil } }],
      responses: { 200: json({ type: "object" }) },
    });
    const source = renderMethodsModule(document, new Map());
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
    const code: string[] = [];
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan())
      if (kind === ts.SyntaxKind.Identifier) code.push(scanner.getTokenText());
    expect(code).not.toContain("console");
    expect(ts.transpileModule(source, { reportDiagnostics: true }).diagnostics).toEqual([]);
  });

  it("builds example values from the schema: its example, enum, required properties, formats", () => {
    const document = { components: { schemas: { Kind: { enum: ["cdp", "vnc"] } } } } as unknown as OpenAPI3;
    const schema = {
      type: "object",
      required: ["kind", "at", "size", "tags"],
      properties: {
        kind: { $ref: "#/components/schemas/Kind" },
        at: { type: "string", format: "date-time" },
        size: { type: "integer" },
        tags: { type: "array", items: { type: "string", example: "blue" } },
        optional: { type: "string" },
      },
    };
    expect(exampleOf(document, schema)).toEqual({
      kind: "cdp",
      at: "2026-01-01T00:00:00Z",
      size: 0,
      tags: ["blue"],
    });
  });
});

describe("the module's imports", () => {
  it("imports only what the signatures use: no `schema` namespace when every type has an alias", () => {
    const document = documentWith({ responses: { 200: json({ type: "object" }) } });
    const aliased = renderMethodsModule(
      document,
      new Map([["POST /things/{id}#response", "ThingsCreateResponse"]]),
    );
    expect(aliased).not.toContain("import type * as schema");
    expect(aliased).toContain('import type { ThingsCreateResponse } from "./schema.js";');
    const bare = renderMethodsModule(document, new Map());
    expect(bare).toContain('import type * as schema from "./schema.js";');
    expect(bare).not.toContain("import type {");
  });

  it.each([
    ["a member's type", "interface I { readonly a: Alias; }", ["I", "Alias"], ["a"]],
    [
      "a method and its parameters",
      "interface I { m<O>(input: { body: Body }, options?: O): Promise<R>; }",
      ["Body", "Promise", "R", "O"],
      ["m", "input", "body", "options"],
    ],
    ["a conditional's branches", "type T = O extends X ? Alias : Other;", ["Alias", "Other", "X"], []],
    ["a generic argument after a comma", "type T = Record<string, Alias<Y>>;", ["Alias", "Y"], []],
    ["a namespace", "type T = schema.paths;", ["schema"], []],
  ])("finds the names %s refers to", (_, body, referred, declared) => {
    const names = referencedNames(body);
    for (const name of referred) expect(names).toContain(name);
    for (const name of declared) expect(names).not.toContain(name);
  });

  it.each([["generated/"], ["test/client/fixtures/kinds/generated/"]])(
    "%s compiles under noUnusedLocals and noUnusedParameters (a consumer may compile it)",
    (folder) => {
      const files = ["schema.ts", "methods.ts", "operations.ts"].map((file) => path.join(ROOT, folder, file));
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: [],
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map(
          (diagnostic) =>
            `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`,
        );
      expect(problems).toEqual([]);
    },
  );
});
