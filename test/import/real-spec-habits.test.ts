/**
 * Habits of real specs that decide between two readings the model leaves open: what real texts and real example values
 * almost never hold (text-rules.ts `schemaTypeTextRule`, example-rules.ts `exampleHoldsNoSchemaRule`). Each page is
 * shaped like the APIs.guru page the rule was found on, refused as ambiguous before it; each test also reads the page
 * without its rule, to show the rule is what decides.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Entries, EvidenceRule, Path } from "../../scripts/import/evidence.ts";
import { exampleHoldsNoSchemaRule } from "../../scripts/import/example-rules.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { emptyStyle, learnNullStyle, writesEmptyValues } from "../../scripts/import/site-style.ts";
import { schemaTypeTextRule } from "../../scripts/import/text-rules.ts";
import { spawnCli } from "../support/cli.ts";
import { returning } from "./support/one-operation.ts";
import { pagesOf, type RealPage } from "./support/real-pages.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

/** Reads `document`'s collapsed page with the page's own rules, and again without the rule named `without`. */
function readBothWays(document: object, without: string) {
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);
  expect(rules.map((rule) => rule.name)).toContain(without);
  return {
    withRule: recoverCollapsed(text, { rules }),
    withoutRule: recoverCollapsed(text, { rules: rules.filter((rule) => rule.name !== without) }),
  };
}

function problemsOf(rule: EvidenceRule, path: Path, entries: Entries): string[] {
  return rule.problems(path, entries, true);
}

describe("a text holds no schema type (schemaTypeTextRule)", () => {
  const at = ["components", "schemas", "User", "properties", "verified"];
  it.each([
    ["a type after prose", "Whether it is set (always false) type: boolean", 1],
    ["a type with more text after it", "The name type: string and more", 1],
    ["a type word in prose", "The type of the value: string or number", 0],
    ["`type:` followed by a word that is no JSON type", "Event type: created or deleted", 0],
    ["a JSON type inside a word", "Its type: objects of the site", 0],
  ] as const)("%s", (_, text, count) => {
    expect(problemsOf(schemaTypeTextRule(), at, [["description", text]])).toHaveLength(count);
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const text = "Data type: string";
    expect(problemsOf(schemaTypeTextRule(new Set([text])), at, [["description", text]])).toEqual([]);
  });

  it("reads VictorOps' `verified` property (APIs.guru), whose folded description ends before `type: boolean`", () => {
    // The rival readings run the description on past `type: boolean`: the property then takes `type: object` and its
    // schema goes untyped, or the property goes untyped. Both hold a schema's type in a text: 1 of 1.4 million real
    // texts does.
    const document = returning("User", {
      User: {
        description: "Some info about the user",
        properties: {
          username: { type: "string" },
          verified: {
            description: "Whether or not this user has set their password (will always be false)",
            type: "boolean",
          },
        },
        type: "object",
        title: "User",
      },
    });
    const { withRule, withoutRule } = readBothWays(document, schemaTypeTextRule().name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"type:"/,
    );
  });
});

describe("an example holds no schema (exampleHoldsNoSchemaRule)", () => {
  const rule = exampleHoldsNoSchemaRule();
  const schema = ["paths", "/send", "post", "requestBody", "content", "application/json", "schema"];
  const example = [...schema, "example"];
  it.each([
    [
      "`properties` naming the example's own key",
      example,
      [
        ["to", 1],
        ["properties", { to: {} }],
      ],
      1,
    ],
    [
      "`properties` naming a key on the way to it",
      [...example, "data", 0],
      [["properties", { data: {} }]],
      1,
    ],
    [
      "in an Example object's value",
      ["components", "examples", "E", "value"],
      [
        ["id", 1],
        ["properties", { id: {} }],
      ],
      1,
    ],
    [
      "the schema's own `properties`",
      schema,
      [
        ["title", "to"],
        ["properties", { title: {} }],
      ],
      0,
    ],
    [
      "an example that is a JSON Schema document",
      example,
      [
        ["type", "object"],
        ["properties", { owner: {} }],
      ],
      0,
    ],
    [
      "a property named `example` (a schema)",
      [...schema, "properties", "example"],
      [
        ["id", 1],
        ["properties", { id: {} }],
      ],
      0,
    ],
    [
      "an example's `properties` that is a text",
      example,
      [
        ["to", 1],
        ["properties", "to"],
      ],
      0,
    ],
    [
      "a `schema:` in an example holding a `$ref`",
      [...example, 1, "schema"],
      [["$ref", "#/components/schemas/A"]],
      1,
    ],
    ["a `schema:` in an example holding a JSON type", [...example, "schema"], [["type", "integer"]], 1],
    [
      "a `schema:` in an example holding other keys",
      [...example, "schema"],
      [
        ["name", "db"],
        ["type", "sql"],
      ],
      0,
    ],
    ["a media type's own `schema`", schema, [["$ref", "#/components/schemas/A"]], 0],
  ] as const)("%s", (_, path, entries, count) => {
    expect(problemsOf(rule, path, entries)).toHaveLength(count);
  });

  it("reads d7networks' request schema (APIs.guru), whose example is followed by the schema's `properties:`", () => {
    // The rival reading puts `properties`, `required`, `title` and `type` into the example, beside its keys.
    const document = {
      openapi: "3.1.0",
      info: { title: "D7 SMS", version: "1" },
      paths: {
        "/send": {
          post: {
            responses: { "200": { description: "ok" } },
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    description: "Send SMS Request",
                    example: { content: "Send single SMS Testing", from: "SignSMS", to: 971562316353 },
                    properties: {
                      content: { description: "Message Content", type: "string" },
                      from: { description: "Sender ID / Number", type: "string" },
                      to: { description: "Destination Mobile Number", format: "int64", type: "integer" },
                    },
                    required: ["to", "from", "content"],
                    title: "SendSMSRequest",
                    type: "object",
                  },
                },
              },
              description: "Message Body",
              required: true,
            },
          },
        },
      },
    };
    const { withRule, withoutRule } = readBothWays(document, rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"properties:"/,
    );
  });
});

describe("a site whose clean pages write `null` writes no empty value (site-style.ts writesEmptyValues)", () => {
  it.each([
    ["two nulls written as words", ["a: null\nb: ~\n"], { written: 2, empty: 0 }, false],
    ["one null written: too little to go by", ["a: null\nb: 1\n"], { written: 1, empty: 0 }, true],
    [
      "an empty value beside written ones",
      ["a: null\nb: null\n", "c:\nd: 1\n"],
      { written: 2, empty: 1 },
      true,
    ],
    ["an empty list item", ["a: null\nb: null\nc:\n  - \n"], { written: 2, empty: 1 }, true],
    ["the text `null` quoted is no null", ["a: 'null'\nb: \"~\"\n"], { written: 0, empty: 0 }, true],
  ] as const)("%s", (_, texts, nulls, empty) => {
    const style = emptyStyle();
    for (const text of texts) learnNullStyle(style, text);
    expect(style.nulls).toEqual(nulls);
    expect(writesEmptyValues(style)).toBe(empty);
  });

  // dev.to (APIs.guru): a response's example list, then the media type's `schema:`. Read with `schema:` as a key of the
  // example's last item, the item holds a schema (`$ref`), unless `schema:` is left empty and the `$ref` is the item's.
  const devTo = (path: string, id: number) => ({
    get: {
      operationId: `get${id}`,
      responses: {
        "200": {
          description: "A List of followed tags",
          content: {
            "application/json": {
              example: [
                { id, name: "tag3", points: 1 },
                { id: id + 1, name: "tag4", points: null },
              ],
              schema: { $ref: `#/components/schemas/Tags${id}` },
            },
          },
        },
      },
    },
    path,
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "dev.to", version: "1.0.0" },
    servers: [{ url: "https://dev.to" }],
    paths: Object.fromEntries(
      [devTo("/api/follows/tags", 1532), devTo("/api/tags", 2000), devTo("/api/users/tags", 3000)].map(
        ({ path, get }) => [path, { get }],
      ),
    ),
    components: {
      schemas: Object.fromEntries(
        [1532, 2000, 3000].map((id) => [
          `Tags${id}`,
          { type: "array", items: { type: "object", properties: { id: { type: "integer" } } } },
        ]),
      ),
    },
  };

  it("reads a collapsed page of a site whose clean pages write `null`, as a whole `npm run import` process", async () => {
    const pages = pagesOf(spec as never, "devto") as RealPage[];
    const [first, second, third] = pages as [RealPage, RealPage, RealPage];
    const dir = await mkdtemp(path.join(tmpdir(), "nulls-"));
    try {
      await mkdir(path.join(dir, "pages"));
      await writeFile(path.join(dir, "pages", first.name), first.clean);
      await writeFile(path.join(dir, "pages", second.name), second.clean);
      await writeFile(path.join(dir, "pages", third.name), third.collapsed);
      const result = await spawnCli(["import", "--out", path.join(dir, "out"), path.join(dir, "pages")]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const line = result.stdout.split("\n").find((each) => each.includes(third.name)) ?? "";
      expect(line).toMatch(/\(collapsed page, decided by .*an example holds no schema/);
      const written = /-> (\S+) \(/.exec(line)?.[1] as string;
      expect(parse(await readFile(written, "utf8"))).toEqual(third.expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("leaves the page ambiguous where an empty value may be written", () => {
    const page = (pagesOf(spec as never, "devto") as RealPage[])[2] as RealPage;
    const extracted = extractSpec(page.collapsed);
    if (extracted.kind !== "collapsed") throw new Error("expected a collapsed page");
    const text = (extracted.candidates[0] as { yaml: string }).yaml;
    const rules = rulesFor(undefined, page.collapsed, text);
    const read = (emptyValues: boolean) => {
      const recovered = recoverCollapsed(text, { rules, requiredKeys: ["paths"], emptyValues });
      return recovered.ok ? recovered.document : recovered.message;
    };
    expect(read(false)).toEqual(page.expected);
    expect(read(true)).toMatch(/^ambiguous at word \d+ .*"schema:"/);
  });
});
