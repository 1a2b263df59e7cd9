/**
 * A schema alias never disappears behind a name the package root exports itself (issue #15): src/index.ts
 * re-exports every alias with `export type *`, and its own exports win silently, so the aliases stage treats them as
 * taken (scripts/aliases/package-exports.ts). Checked against the real src/index.ts and through the package root.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { addAliases } from "../../scripts/aliases/aliases.ts";
import { PACKAGE_EXPORTS } from "../../scripts/aliases/package-exports.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";
import { ROOT } from "../support/seeds.ts";

const INDEX = path.join(ROOT, "src/index.ts");

/** The names src/index.ts exports by name (`export { … }` and declarations), not the aliases it re-exports. */
function ownExports(): string[] {
  const source = ts.createSourceFile(INDEX, readFileSync(INDEX, "utf8"), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause))
        names.push(...clause.elements.map((element) => element.name.text));
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node))
      names.push((statement.name as ts.Identifier).text);
  }
  return names.sort();
}

describe("the package root's own exports", () => {
  it("are the names the aliases stage treats as taken (update scripts/aliases/package-exports.ts)", () => {
    expect([...PACKAGE_EXPORTS].sort()).toEqual(ownExports());
  });

  it("never hide a schema's alias: it gets another name, importable from the package root", async () => {
    const page = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/v1/settings": {
          get: {
            responses: {
              "200": {
                description: "OK",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        retry: { $ref: "#/components/schemas/RetryOptions" },
                        client: { $ref: "#/components/schemas/BctrlClient" },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          RetryOptions: {
            type: "object",
            properties: { attempts: { type: "integer" } },
            required: ["attempts"],
          },
          BctrlClient: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        },
      },
    };
    const { document } = mergeSpecs([{ file: "page.yaml", document: page as unknown as OpenAPI3 }]);
    const result = addAliases(await generateTypes(document), document);
    expect(result.lock.get("RetryOptions")).toBe("ApiRetryOptions");
    expect(result.lock.get("BctrlClient")).toBe("ApiBctrlClient");
    const consumer = path.join(ROOT, "test/aliases/consumer.ts");
    const program = inMemoryProgram({
      [path.join(ROOT, "generated/schema.ts")]: result.source,
      [consumer]: [
        'import type { ApiBctrlClient, ApiRetryOptions, RetryOptions } from "../../src/index.js";',
        "export const options: ApiRetryOptions = { attempts: 3 };",
        'export const client: ApiBctrlClient = { name: "x" };',
        "export const wrong: ApiRetryOptions = { attempts: 'three' };",
        "export type Client = RetryOptions;",
      ].join("\n"),
    });
    expect(program.diagnostics(consumer)).toEqual(["Type 'string' is not assignable to type 'number'."]);
  });
});
