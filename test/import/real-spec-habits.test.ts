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
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { schemaTypeTextRule } from "../../scripts/import/text-rules.ts";
import { spawnCli } from "../support/cli.ts";
import { returning } from "./support/one-operation.ts";
import { pagesOf, type RealPage, readAmongCleanNeighbours } from "./support/real-pages.ts";
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

  it("reads such a page among clean ones as a whole `npm run import` process, and says so", async () => {
    const user = {
      description: "Some info about the user",
      properties: {
        email: { type: "string" },
        verified: {
          description: "Whether or not this user has set their password (will always be false)",
          type: "boolean",
        },
      },
      type: "object",
    };
    const answering = (operationId: string) => ({
      operationId,
      responses: { "200": { description: "OK", content: { "application/json": { schema: user } } } },
    });
    const spec = {
      openapi: "3.1.0",
      info: { title: "VictorOps", version: "0.0.3" },
      servers: [{ url: "https://api.victorops.com" }],
      paths: {
        "/api-public/v1/user": { get: answering("listUsers") },
        "/api-public/v1/user/{user}": { get: answering("getUser"), put: answering("updateUser") },
      },
    };
    const [first, second, third] = pagesOf(spec as never, "victorops") as [RealPage, RealPage, RealPage];
    const dir = await mkdtemp(path.join(tmpdir(), "schema-type-"));
    try {
      await mkdir(path.join(dir, "pages"));
      await writeFile(path.join(dir, "pages", first.name), first.clean);
      await writeFile(path.join(dir, "pages", second.name), second.clean);
      await writeFile(path.join(dir, "pages", third.name), third.collapsed);
      const result = await spawnCli(["import", "--out", path.join(dir, "out"), path.join(dir, "pages")]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const line = result.stdout.split("\n").find((each) => each.includes(third.name)) ?? "";
      expect(line).toMatch(/\(collapsed page, decided by .*texts hold no schema type/);
      const written = /-> (\S+) \(/.exec(line)?.[1] as string;
      expect(parse(await readFile(written, "utf8"))).toEqual(third.expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("an example holds no schema of its own data (exampleHoldsNoSchemaRule)", () => {
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
    // A JSON Schema document as an example (a review's): `title` is a keyword beside its `title` property.
    [
      "a JSON Schema example with a property named like a keyword",
      example,
      [
        ["title", "Article"],
        ["type", "object"],
        ["properties", { title: {}, body: {} }],
      ],
      0,
    ],
    [
      "names under a nested `properties` on the way",
      [...example, "properties", "address"],
      [["properties", { address: {} }]],
      0,
    ],
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

describe("the thirteenth pass's review pages that a kept rule could break: refused or read exactly", () => {
  // A headless CMS whose content types carry a JSON Schema (a review's): the example's `title` property beside its
  // `title` keyword read as the example's own data was written with the example's `properties` as the schema's.
  const jsonSchemaBody = {
    type: "object",
    description: "A JSON Schema (draft 2020-12) that every entry of the content type must satisfy.",
    additionalProperties: true,
    example: {
      title: "Article",
      type: "object",
      properties: { title: { type: "string", maxLength: 120 }, body: { type: "string" } },
    },
  };
  const entryBody = {
    type: "object",
    description:
      "The entry's content type and its field values, which must satisfy the content type's schema.",
    additionalProperties: false,
    properties: { contentType: { type: "string" }, fields: { type: "object", additionalProperties: true } },
    example: { contentType: "ct_article", fields: { title: "Hello, world", body: "First post" } },
  };
  const putting = (operationId: string, schema: object) => ({
    operationId,
    requestBody: { required: true, content: { "application/json": { schema } } },
    responses: { "204": { description: "Done" } },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "Stackpress Content API", version: "3.2.0" },
    servers: [{ url: "https://cms.stackpress.io/api" }],
    paths: {
      "/content-types/{id}/schema": { put: putting("replaceContentTypeSchema", jsonSchemaBody) },
      "/entries": { post: putting("createEntry", entryBody) },
      "/entries/{id}": { patch: putting("updateEntry", { ...entryBody, description: "Fields to change." }) },
    },
  };

  it("a JSON Schema example with a property named like a keyword, among clean pages", () => {
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "cms"), 0);
    if (recovered.ok) expect(recovered.document).toEqual(page.expected);
    else expect(recovered.message).toMatch(/^(ambiguous|undecided|refused|cannot read)/);
  });

  it("the same page alone", () => {
    const { withRule } = readBothWays(
      (pagesOf(spec as never, "cms")[0] as RealPage).expected as object,
      exampleHoldsNoSchemaRule().name,
    );
    if (withRule.ok)
      expect(withRule.document).toEqual((pagesOf(spec as never, "cms")[0] as RealPage).expected);
    else expect(withRule.message).toMatch(/^(ambiguous|undecided|refused|cannot read)/);
  });
});
