/**
 * The aliases stage reads openapi-typescript's output as tokens (scripts/aliases/type-tokens.ts) instead of parsing
 * it. The reading must be the parser's: the same declarations, spans and references, whatever names, descriptions
 * and enum values the spec holds.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { scanSource } from "../../scripts/aliases/scan-source.ts";
import { listOperations } from "../../scripts/aliases/spec-index.ts";
import { loadSpecs, parseSpec } from "../../scripts/load/load.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";
import { CORPUS_DIR } from "../hostile/support/hostile.ts";
import { SPECS_DIR } from "../support/seeds.ts";
import { parsedScan } from "./support/parsed-scan.ts";

/** What a scan found, as text: easier to read in a failure than offsets. */
function readable(text: string) {
  const scan = scanSource(text, []);
  return {
    declared: [...scan.declaredNames],
    schemas: Object.fromEntries(
      [...scan.schemaTypes].map(([name, span]) => [name, text.slice(span.start, span.end)]),
    ),
    references: scan.references.map((reference) => [
      reference.schema,
      text.slice(reference.start, reference.end),
    ]),
  };
}

const CASES: { name: string; given: string; want: ReturnType<typeof readable> }[] = [
  {
    name: "references in comments and string literals are not references",
    given: [
      "export interface components {",
      "    schemas: {",
      '        /** @description see components["schemas"]["B"] */',
      '        A: "components[\\"schemas\\"][\\"B\\"]" | components["schemas"]["B"];',
      '        // components["schemas"]["A"]',
      '        B: { x: components["schemas"]["A"][]; };',
      "    };",
      "}",
    ].join("\n"),
    want: {
      declared: ["components"],
      schemas: {
        A: '"components[\\"schemas\\"][\\"B\\"]" | components["schemas"]["B"]',
        B: '{ x: components["schemas"]["A"][]; }',
      },
      references: [
        ["B", 'components["schemas"]["B"]'],
        ["A", 'components["schemas"]["A"]'],
      ],
    },
  },
  {
    name: "quoted, numeric, keyword and readonly property names; index signatures are not properties",
    given: [
      "export type $defs = Record<string, never>;",
      "export interface components {",
      "    schemas: {",
      '        "a \\u00e9\\"b": string;',
      "        200: number;",
      "        delete?: never;",
      "        readonly get: { [key: string]: unknown; };",
      "        readonly: boolean;",
      "        [key: string]: unknown;",
      "        method(): void;",
      "    };",
      "}",
      "export type webhooks = Record<string, never>;",
    ].join("\n"),
    want: {
      declared: ["$defs", "components", "webhooks"],
      schemas: {
        'a é"b': "string",
        "200": "number",
        delete: "never",
        get: "{ [key: string]: unknown; }",
        readonly: "boolean",
      },
      references: [],
    },
  },
  {
    name: "a nested type that is not a bare type literal has no members",
    given: [
      "export interface components {",
      "    schemas: {",
      '        A: ({ b: string; }) | components["schemas"]["Deep"]["properties"]["x"];',
      "    } | null;",
      "}",
    ].join("\n"),
    want: { declared: ["components"], schemas: {}, references: [["Deep", 'components["schemas"]["Deep"]']] },
  },
];

describe("the token reading of printed declarations", () => {
  it.each(CASES)("$name", ({ given, want }) => {
    expect(readable(given)).toEqual(want);
  });

  it.each(CASES)("agrees with the compiler's parse: $name", ({ given }) => {
    expect(scanSource(given, [])).toEqual(parsedScan(given, []));
  });
});

async function mergedFolder(dir: string): Promise<OpenAPI3> {
  return mergeSpecs(await loadSpecs(dir)).document;
}

function expectParserReading(document: OpenAPI3): void {
  const text = generateTypes(document);
  const operations = listOperations(document);
  expect(scanSource(text, operations)).toEqual(parsedScan(text, operations));
}

describe("the token reading of openapi-typescript's output agrees with the compiler's parse", () => {
  it("for the seed specs", async () => {
    expectParserReading(await mergedFolder(SPECS_DIR));
  });

  it("for 150 generated endpoints in the docs site's style", () => {
    const files = generateCorpus({ endpoints: 150, seed: 5 });
    expectParserReading(mergeSpecs(files.map((file) => parseSpec(file.file, file.text))).document);
  });

  it("for every hostile corpus case that generates", async () => {
    const names = (await readdir(CORPUS_DIR)).filter((name) => name.startsWith("generates-")).sort();
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expectParserReading(await mergedFolder(path.join(CORPUS_DIR, name, "specs")));
  });
});
