/**
 * A habit of real specs that decides between two readings the model leaves open: what real schemas' and operations'
 * texts never hold (text-rules.ts `schemaTypeTextRule`). The page is shaped like the APIs.guru page the rule was found
 * on, refused as ambiguous before it, and read again without the rule to show the rule is what decides; the reviews'
 * pages that a habit of this pass wrote wrong are refused or read exactly.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Entries, EvidenceRule, Path } from "../../scripts/import/evidence.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { enumDashRule, exampleListDashRule } from "../../scripts/import/list-rules.ts";
import { pageTitleRule } from "../../scripts/import/page-rules.ts";
import { type Recovery, recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import {
  additionalPropertiesAfterRule,
  compositionReferenceRule,
  describedPropertiesRule,
  itemsReferenceRule,
} from "../../scripts/import/schema-habits.ts";
import { headerRemainsTextRule } from "../../scripts/import/scrape-damage-rules.ts";
import {
  exampleEndingTextRule,
  extensionUrlRule,
  holdsSpacedExtensionUrl,
  infoFieldTextRule,
  keywordEndingTextRule,
  patternKeyRule,
  schemaTypeTextRule,
} from "../../scripts/import/text-rules.ts";
import { spawnCli } from "../support/cli.ts";
import { queryParameter, returning } from "./support/one-operation.ts";
import { pagesOf, type RealPage, readAmongCleanNeighbours, realPages } from "./support/real-pages.ts";
import {
  expectDecidedOnlyBy,
  expectEveryPageImportedCollapsed,
  expectRefusedOrExact,
  problemsOf,
  readBothWays,
  readPageBothWays,
} from "./support/rule-readings.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

/** Places inside values whose keys are free, where the text habits judge nothing. */
const FREE_VALUE_PLACES = [
  ["a schema's example", ["components", "schemas", "Error", "example", "error"]],
  [
    "an Example object's value",
    ["paths", "/a", "get", "responses", "422", "content", "application/json", "examples", "e", "value"],
  ],
  ["a default", ["components", "schemas", "Filter", "default"]],
  ["an extension's value", ["info", "x-notes"]],
] as const;

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

  it.each(FREE_VALUE_PLACES)("judges no text inside %s, whose keys are free", (_, path) => {
    expect(problemsOf(schemaTypeTextRule(), path, [["message", "The field must have type: string"]])).toEqual(
      [],
    );
  });

  it.each([
    [
      "a property named like a free value, a schema",
      ["components", "schemas", "Order", "properties", "example"],
    ],
    ["the responses' `default` response", ["paths", "/a", "get", "responses", "default"]],
  ] as const)("judges the text of %s", (_, path) => {
    const problems = problemsOf(schemaTypeTextRule(), path, [["description", "Always of type: string"]]);
    expect(problems).toHaveLength(1);
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
    expectDecidedOnlyBy(document, schemaTypeTextRule().name, /^ambiguous at word \d+ .*"type:"/);
  });

  it("reads such a page among clean ones as a whole `npm run import` process, and names what decided it", async () => {
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
      // Among clean pages, the clean pages' component under another name rules the same rivals out, and the reader
      // tries first the rules that decided the page's latest choices, so that one is named; the schema-type rule's own
      // need is the test above's (the page alone, read without it, is ambiguous).
      expect(line).toMatch(
        /\(collapsed page, decided by components known from clean pages under another name \(1 on this page\); site style \(\d+ objects on clean pages\)\)$/,
      );
      const written = /-> (\S+) \(/.exec(line)?.[1] as string;
      expect(parse(await readFile(written, "utf8"))).toEqual(third.expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a text holds no field of `info` (infoFieldTextRule)", () => {
  const at = ["info"];
  it.each([
    ["info's terms", "The API. termsOfService: https://example.com/terms", 1],
    ["a licence object", "The API. license: name: MIT", 1],
    ["a contact object", "The API. contact: email: support@example.com", 1],
    ["terms in prose", "Use of the API is subject to our terms of service", 0],
    ["a licence named in prose", "Published under the MIT license: see the repository", 0],
    // Other fields prose could name: left out after a review wrote pages wrong through them.
    ["a style (left out)", "Comma-separated, i.e. style: form", 0],
    ["an operationId (left out)", "Replaced by operationId: listWidgetsV2", 0],
    ["a parameter's place (left out)", "The cursor parameter in: query", 0],
    ["a format (left out)", "When it was updated, in the same form as createdAt, format: date-time", 0],
    ["a length (left out)", "Must be 1-64 chars. maxLength: 64", 0],
  ] as const)("%s", (_, text, count) => {
    expect(problemsOf(infoFieldTextRule(), at, [["description", text]])).toHaveLength(count);
  });

  it.each(FREE_VALUE_PLACES)("judges no text inside %s, whose keys are free", (_, path) => {
    expect(
      problemsOf(infoFieldTextRule(), path, [["message", "See termsOfService: https://a.example"]]),
    ).toEqual([]);
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const text = "See termsOfService: https://a.example";
    expect(problemsOf(infoFieldTextRule(new Set([text])), at, [["description", text]])).toEqual([]);
  });

  it("imports an API whose every page is collapsed, `info` ending `description, termsOfService, title`, as a whole process", async () => {
    // APIs.guru writes `info`'s keys in order: its description may run on past `termsOfService:` as far as `title:`.
    const spec = {
      openapi: "3.1.0",
      info: {
        contact: { email: "support@beanstream.com", name: "Beanstream Support" },
        description: "Payment processing for online businesses. Take payments, void them and return them.",
        termsOfService: "https://www.beanstream.com/terms",
        title: "Payments",
        version: "1.0.0",
      },
      servers: [{ url: "https://www.beanstream.com/api/v1" }],
      paths: {
        "/payments/{transId}/void": {
          post: {
            operationId: "voidPayment",
            parameters: [{ in: "path", name: "transId", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "Voided" } },
          },
        },
        "/payments/{transId}/returns": {
          post: {
            operationId: "returnPayment",
            parameters: [{ in: "path", name: "transId", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "Returned" } },
          },
        },
      },
    };
    await expectEveryPageImportedCollapsed(
      pagesOf(spec as never, "beanstream"),
      "texts hold no field of `info`",
    );
  });
});

describe("example lists hold single words, not joined by ` - ` (exampleListDashRule)", () => {
  const schema = ["components", "schemas", "Article"];
  it.each([
    // Figshare's (APIs.guru) `tags` example, read as one value.
    { given: "a schema's example joined", path: schema, entry: ["example", ["tag1 - tag2"]], want: 1 },
    { given: "a default joined", path: schema, entry: ["default", ["noun", "verb - adverb"]], want: 1 },
    { given: "a schema's examples joined", path: schema, entry: ["examples", ["code128 - isbn"]], want: 1 },
    {
      given: "a list inside an example object",
      path: [...schema, "example"],
      entry: ["labels", ["foo", "bar - baz"]],
      want: 1,
    },
    // A review's pairs, read as four values: the known limit (no real example list joins single words).
    { given: "pairs of single words", path: schema, entry: ["example", ["LHR - JFK", "CDG - FRA"]], want: 1 },
    { given: "an extension's list", path: ["info"], entry: ["x-keywords", ["sms - voice"]], want: 0 },
    { given: "values with no ` - `", path: schema, entry: ["example", ["tag1", "tag2"]], want: 0 },
    // BeezUP's `x-tags` (APIs.guru): split, `Customer` would repeat; several words.
    {
      given: "values that would repeat a word",
      path: ["paths", "/a", "get"],
      entry: ["x-tags", ["Customer - Global", "Customer - Account"]],
      want: 0,
    },
    { given: "values of several words", path: schema, entry: ["example", ["some link - Hello"]], want: 0 },
    { given: "a range of numbers", path: schema, entry: ["example", ["1610024528 - 1610110928"]], want: 0 },
    // A review's ranges.
    {
      given: "a range of date-times",
      path: schema,
      entry: ["example", ["2024-01-01T00:00:00Z - 2024-01-31T23:59:59Z"]],
      want: 0,
    },
    { given: "a range of prices", path: schema, entry: ["example", ["$0 - $49", "$50 - $99"]], want: 0 },
    { given: "an enum (enumDashRule's)", path: schema, entry: ["enum", ["tag1 - tag2"]], want: 0 },
    {
      given: "a property named `example`",
      path: [...schema, "properties"],
      entry: ["example", ["a - b"]],
      want: 0,
    },
  ] as const)("$given: $want problem(s)", ({ path, entry, want }) => {
    const [key, values] = entry;
    expect(problemsOf(exampleListDashRule(), [...path], [[key, [...values]]])).toHaveLength(want);
  });

  it("leaves alone a value the site's clean pages write (it is the site's own)", () => {
    expect(
      problemsOf(exampleListDashRule(new Set(["Mon - Fri"])), schema, [["example", ["Mon - Fri"]]]),
    ).toEqual([]);
  });

  // Api2Pdf's (APIs.guru) merge request: the `urls` example lists three links.
  const merge = {
    openapi: "3.1.0",
    info: { title: "Api2Pdf - PDF Generation, Powered by AWS Lambda", version: "1.0.0" },
    paths: {
      "/merge": {
        post: {
          operationId: "mergePost",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  properties: {
                    inlinePdf: { example: true, type: "boolean" },
                    urls: {
                      example: ["link-to-pdf1", "link-to-pdf2", "link-to-pdf3"],
                      items: { type: "string" },
                      type: "array",
                    },
                  },
                  type: "object",
                },
              },
            },
            required: true,
          },
          responses: { "200": { description: "A JSON object containing the url to the PDF" } },
        },
      },
    },
  };

  it("reads Api2Pdf's merge request, ambiguous at the example's ` - ` without the rule", () => {
    expectDecidedOnlyBy(
      merge,
      exampleListDashRule().name,
      /^ambiguous at word \d+ .*"-"\): it reads as text ending before `- ` \(a new item\)/,
    );
  });
});

describe("an enum's values are single words, not joined by ` - ` (enumDashRule)", () => {
  const at = ["components", "schemas", "TravelerType"];
  it.each([
    ["single words joined", ["ADULT - CHILD", "SENIOR"], 1],
    ["media types joined", ["application/json - text/html"], 1],
    ["values with no ` - `", ["ADULT", "CHILD", "SENIOR"], 0],
    // Open Banking's (APIs.guru): split, `GB` would be four values.
    [
      "values that would repeat a word",
      ["UK", "EEA", "EU", "EFTA", "GB - ENG", "GB - NIR", "GB - SCT", "IRL"],
      0,
    ],
    // daniweb's (APIs.guru): split, a value would still hold a space.
    ["values of several words", ["Self-employed", "2 - 9 Employees", "10 - 49 Employees", "Don't Know"], 0],
    ["a joined value beside one of several words", ["Mon - Fri", "every day"], 0],
    ["a range of numbers (a review's)", ["1 - 5", "6 - 10", "11+"], 0],
    ["a range of dates (a review's)", ["2023-01-01 - 2023-06-30", "2023-07-01 - 2023-12-31"], 0],
  ] as const)("%s", (_, values, count) => {
    expect(problemsOf(enumDashRule(), at, [["enum", [...values]]])).toHaveLength(count);
  });

  it.each([
    ["x-enumNames", 1],
    ["x-enum-varnames", 1],
    ["x-enum-descriptions", 0],
  ] as const)("judges the code names of an enum's values (`%s`): %i problem(s)", (key, count) => {
    expect(problemsOf(enumDashRule(), at, [[key, ["Customer - Supplier", "Project"]]])).toHaveLength(count);
  });

  it.each(FREE_VALUE_PLACES)("judges no enum inside %s, whose keys are free", (_, path) => {
    expect(problemsOf(enumDashRule(), path, [["enum", ["ADULT - CHILD"]]])).toEqual([]);
  });

  it("leaves alone a value the site's clean pages write (it is the site's own)", () => {
    expect(problemsOf(enumDashRule(new Set(["Mon - Fri"])), at, [["enum", ["Mon - Fri", "Sat"]]])).toEqual(
      [],
    );
  });

  // Amadeus' (APIs.guru) traveler types: with no clean page of the site, `SEATED_INFANT - STUDENT` read as well.
  const traveler = returning("Traveler", {
    Traveler: {
      type: "object",
      properties: {
        id: { type: "string" },
        travelerType: {
          description: "traveler type",
          enum: ["ADULT", "CHILD", "SENIOR", "YOUNG", "HELD_INFANT", "SEATED_INFANT", "STUDENT"],
          type: "string",
        },
      },
      title: "Traveler",
    },
  });

  it("reads Amadeus' traveler types, ambiguous at every ` - ` without the rule", () => {
    expectDecidedOnlyBy(
      traveler,
      enumDashRule().name,
      /^ambiguous at word \d+ .*"-"\): it reads as text ending before `- ` \(a new item\)/,
    );
  });

  it("never splits a value the site's clean pages write joined (refused or read exactly)", () => {
    const days = returning("Opening", {
      Opening: {
        type: "object",
        properties: { days: { enum: ["Mon - Fri", "Sat", "Sun"], type: "string" } },
        title: "Opening",
      },
    });
    const spec = { ...days, paths: { ...days.paths, "/b": days.paths["/a"] } };
    const { page, recovered, rules } = readAmongCleanNeighbours(pagesOf(spec as never, "opening"), 0);
    if (recovered.ok) expect(recovered.document).toEqual(page.expected);
    else expect(recovered.message).toMatch(/^ambiguous at word \d+ .*"-"/);
    // Without the clean page's value, the habit splits it: the limit of a habit of real specs.
    const yaml =
      (extractSpec(page.collapsed) as { candidates: { yaml: string }[] }).candidates[0]?.yaml ?? "";
    const unknown = rules.map((rule) => (rule.name === enumDashRule().name ? enumDashRule() : rule));
    const alone = recoverCollapsed(yaml, { rules: unknown, requiredKeys: ["paths"] });
    expect(alone.ok && JSON.stringify(alone.document)).toContain('"enum":["Mon","Fri","Sat","Sun"]');
  });

  it("never splits a value a clean page writes only as an example (refused or read exactly; a review's)", () => {
    const answering = (schema: object) => ({
      responses: { "200": { description: "OK", content: { "application/json": { schema } } } },
    });
    const spec = {
      openapi: "3.1.0",
      info: { title: "Opening hours", version: "1.0.0" },
      paths: {
        "/openings": {
          get: {
            operationId: "listOpenings",
            parameters: [
              queryParameter("days", "Opening days", { enum: ["Mon - Fri", "Sat", "Sun"], type: "string" }),
            ],
            ...answering({ type: "string" }),
          },
        },
        "/hours": {
          get: {
            operationId: "getHours",
            ...answering({ type: "object", properties: { days: { type: "string", example: "Mon - Fri" } } }),
          },
        },
      },
    };
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "hours"), 0);
    expect(page.name).toBe("hours-000.md");
    if (recovered.ok) expect(recovered.document).toEqual(page.expected);
    else expect(recovered.message).toMatch(/^ambiguous at word \d+ .*"-"/);
  });

  it("imports an API whose every page is collapsed as a whole `npm run import` process, and says so", async () => {
    const spec = {
      ...traveler,
      info: { title: "Flight Offers Search", version: "2.0.0" },
      servers: [{ url: "https://test.api.amadeus.com/v2" }],
      paths: {
        "/shopping/travelers": { get: { operationId: "listTravelers", ...traveler.paths["/a"].get } },
        "/shopping/travelers/{id}": {
          get: {
            operationId: "getTraveler",
            parameters: [{ in: "path", name: "id", required: true, schema: { type: "string" } }],
            ...traveler.paths["/a"].get,
          },
        },
      },
    };
    await expectEveryPageImportedCollapsed(pagesOf(spec as never, "amadeus"), "enum values are single words");
  });

  it.each([
    [
      "Open Banking's regions",
      ["UK", "EEA", "EU", "EFTA", "GB - ENG", "GB - NIR", "GB - SCT", "GB - WLS", "IRL"],
    ],
    ["daniweb's company sizes", ["Self-employed", "2 - 9 Employees", "10 - 49 Employees", "5000+ Employees"]],
  ])("refuses or reads exactly %s (real enums holding ` - `), never writes them split", (_, values) => {
    const document = returning("Company", {
      Company: { type: "object", properties: { kind: { enum: values, type: "string" } }, title: "Company" },
    });
    expectRefusedOrExact(document, /^(ambiguous|undecided|refused|cannot read)/);
  });
});

describe("the reviews' pages written wrong through this pass's habits, dropped or narrowed: refused or read exactly", () => {
  const refusedOrExact = (recovered: Recovery, expected: unknown) => {
    if (recovered.ok) expect(recovered.document).toEqual(expected);
    else expect(recovered.message).toMatch(/^(ambiguous|undecided|refused|cannot read)/);
  };
  // A validation error example whose message ends `… type: string` (a review's): read with the message cut short
  // and `type: string` as a key of the example while the text rule judged examples' texts.
  const message =
    "The request body could not be validated, as the field metadata.order_ref must have type: string";
  const orders = {
    openapi: "3.1.0",
    info: { title: "Orderly API", version: "3.1.0" },
    servers: [{ url: "https://api.orderly.io/v3" }],
    paths: {
      "/orders/{id}": {
        patch: {
          operationId: "updateOrder",
          summary: "Update an order",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "422": {
              description: "Invalid request",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      error: {
                        type: "object",
                        properties: {
                          code: { type: "string" },
                          param: { type: "string" },
                          message: { type: "string" },
                        },
                      },
                      request_id: { type: "string" },
                    },
                    example: {
                      request_id: "req_8Hq2",
                      error: { code: "validation_failed", param: "metadata.order_ref", message },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  // A product-analytics event whose `properties` repeat the event's `distinct_id` (a review's): read with `properties`
  // moved into the last list item while an example holding a `properties` that names its own keys was ruled out.
  const analytics = {
    openapi: "3.1.0",
    info: { title: "Beacon Analytics API", version: "1.0.0" },
    servers: [{ url: "https://eu.beacon-analytics.com/api" }],
    paths: {
      "/events/{id}": {
        get: {
          operationId: "getEvent",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The event",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Event: {
          type: "object",
          properties: {
            id: { type: "string" },
            distinct_id: { type: "string" },
            elements: {
              type: "array",
              items: {
                type: "object",
                properties: { tag_name: { type: "string" }, text: { type: "string" } },
              },
            },
            properties: { type: "object", additionalProperties: true },
          },
          example: {
            id: "0190a7b5-4f1e-7c8d-9a2b-3c4d5e6f7a8b",
            distinct_id: "user_8412",
            elements: [{ tag_name: "button", text: "Start free trial" }],
            properties: { distinct_id: "user_8412" },
          },
        },
      },
    },
  };
  // A content type's JSON Schema as an example (a review's): its `title` property beside its `title` keyword.
  const cms = returning("ContentTypeSchema", {
    ContentTypeSchema: {
      type: "object",
      description: "A JSON Schema (draft 2020-12) that every entry of the content type must satisfy.",
      additionalProperties: true,
      example: {
        title: "Article",
        type: "object",
        properties: { title: { type: "string", maxLength: 120 }, body: { type: "string" } },
      },
    },
  });

  it.each([
    ["a validation error example ending `… type: string`", orders],
    ["an analytics event whose `properties` repeat its `distinct_id`", analytics],
    ["a JSON Schema example with a property named like a keyword", cms],
  ] as const)("%s, alone on its page", (_, document) => {
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(document as never, "review"), 0);
    refusedOrExact(recovered, page.expected);
  });
});

describe("a text ending with another schema keyword (a review of the wider rule, dropped): refused, read exactly, or a known limit", () => {
  // Texts ending with `format:`, a bound, a length or a flag, measured in no real text of 549 specs. Taking them as
  // evidence like the type gained 14 of 570 pages, and a review wrote these pages wrong: ordinary prose runs on into
  // `format:` after a quote, a code word or a link, and constraint notes end sentences (docs/import.md, fourteenth
  // pass). Each was refused before and must stay so.
  const thing = (property: Record<string, unknown>) =>
    returning("Thing", {
      Thing: {
        type: "object",
        properties: { id: { type: "string" }, value: property, other: { type: "string" } },
      },
    });
  it.each([
    [
      "a format named in backticks before its description",
      {
        type: "string",
        description: "The identifier, always returned in the `uuid` format: lowercase hex digits",
      },
    ],
    [
      "a date pattern in quotes before `format:`",
      {
        type: "string",
        description: 'The date of birth, given in the "YYYY-MM-DD" format: for example 1990-04-23',
      },
    ],
    [
      "a Markdown link before `format:` (Plaid's end_date without its quotes)",
      {
        type: "string",
        description: "The end date, in [ISO 8601](https://wikipedia.org/wiki/ISO_8601) format: yyyy-mm-dd",
      },
    ],
    [
      "a field name before `format:`",
      {
        type: "string",
        description: "When it was updated, in the same form as createdAt, format: date-time",
      },
    ],
  ] as const)("%s", (_, property) => {
    const document = thing(property);
    expectRefusedOrExact(document, /^(ambiguous|undecided)/);
  });

  // Known limit (session 26): a text really ending a sentence with a registry format, a bound or a flag, which no
  // string of the 2 639 APIs.guru specs does, is written with the field taken from it (keywordEndingTextRule), as schemaTypeTextRule
  // writes a text really ending with a type. Since session 29, after a word too (the second review's prose).
  it.each([
    [
      "a registry format after a word",
      "When the record was last updated by any user or process, as a timestamp string in RFC 3339 format: date-time",
      "string",
      "format",
      "date-time",
    ],
    [
      "a bound after a word",
      "How many records one page of the results holds; larger values are silently clamped to the server maximum: 100",
      "integer",
      "maximum",
      100,
    ],
    [
      "a registry format after a sentence",
      "When the record was last updated by any user or process, in UTC. format: date-time",
      "string",
      "format",
      "date-time",
    ],
    [
      "a constraint note after a sentence",
      "The customer's full name as it appears on invoices. Must be 1-64 chars. maxLength: 64",
      "string",
      "maxLength",
      64,
    ],
    [
      "a bound after a sentence",
      "Length of the aggregation window in days, counted back from today. Defaults to 7. maximum: 90",
      "integer",
      "maximum",
      90,
    ],
    [
      "a flag after a sentence",
      "Time at which the object was created, in seconds since the Unix epoch. readOnly: true",
      "integer",
      "readOnly",
      true,
    ],
  ] as const)(
    "known limit: %s is written with the field taken from the text",
    (_, description, type, key, value) => {
      const text = scrape(renderSiteYaml(thing({ type, description })));
      const recovered = recoverCollapsed(text, { rules: rulesFor(undefined, text, text) });
      const property =
        recovered.ok &&
        (
          recovered.document as {
            components: { schemas: { Thing: { properties: { value: Record<string, unknown> } } } };
          }
        ).components.schemas.Thing.properties.value;
      expect(property).toEqual({
        type,
        description: description.slice(0, description.lastIndexOf(` ${key}:`)),
        [key]: value,
      });
    },
  );
});

describe("a URL in an extension is one word (extensionUrlRule)", () => {
  const rule = extensionUrlRule();
  it.each([
    [
      "a folded URL run on past a key",
      ["info", "x-origin", 0],
      "url",
      "https://example.com/api.yml version: '3.0'",
      1,
    ],
    ["a URL alone", ["info", "x-origin", 0], "url", "https://example.com/api.yml", 0],
    ["an `href` run on", ["info", "x-links", "docs"], "href", "https://example.com/docs title: Docs", 1],
    ["a key of another name", ["info", "x-origin", 0], "note", "https://example.com see: this", 0],
    ["an example's data inside an extension", ["info", "x-samples", "example"], "url", "lorem ipsum", 0],
    ["a model object (the model's own rule judges it)", ["servers", 0], "url", "https://a.example b", 0],
    [
      "an extension whose value is a URL, run on past a key",
      ["info"],
      "x-permalink",
      "https://github.com/mailchimp/spec/marketing.json x-providerName: mailchimp.com",
      1,
    ],
    ["an extension whose value is a URL alone", ["info"], "x-permalink", "https://github.com/a/b.json", 0],
    ["an extension of prose naming a URL", ["info"], "x-note", "see https://example.com for more", 0],
  ] as const)("%s", (_, path, key, value, count) => {
    expect(problemsOf(rule, path as unknown as Path, [[key, value]])).toHaveLength(count);
  });

  it("leaves alone a URL the site's clean pages write (VTEX's `…/Catalog API Seller Portal.json`)", () => {
    const url =
      "https://raw.githubusercontent.com/vtex/openapi-schemas/master/VTEX - Catalog API Seller Portal.json";
    const at: Path = ["info", "x-origin", 0];
    expect(problemsOf(rule, at, [["url", url]])).toHaveLength(1);
    expect(problemsOf(extensionUrlRule(new Set([url])), at, [["url", url]])).toEqual([]);
    expect(holdsSpacedExtensionUrl(at, "url", url)).toBe(true);
    expect(holdsSpacedExtensionUrl(at, "url", "https://example.com/api.yml")).toBe(false);
  });

  it("reads restful4up's `info` (APIs.guru), whose folded `x-origin` URL could run on past `version:`", () => {
    // Every page of the API copies this `info`; with no clean page, every one was refused at `version:`.
    const document = {
      ...returning("Result", { Result: { type: "object", properties: { ok: { type: "boolean" } } } }),
      info: {
        description: "RESTful API 4 Unipacker",
        title: "RESTful4Up",
        version: "1.0.0",
        "x-apisguru-categories": ["developer_tools"],
        "x-origin": [
          {
            format: "openapi",
            url: "https://raw.githubusercontent.com/rpgeeganage/restful4up/master/app/spec/api.yml",
            version: "3.0",
          },
        ],
        "x-providerName": "restful4up.local",
      },
    };
    const { page, withRule, withoutRule } = readPageBothWays(document, "restful4up", rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(page.expected);
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"version:"/,
    );
  });

  it("reads Mailchimp's `info` (APIs.guru), whose folded `x-permalink` could run on past `x-providerName:`", () => {
    const document = {
      ...returning("Result", { Result: { type: "object", properties: { ok: { type: "boolean" } } } }),
      info: {
        contact: { email: "apihelp@mailchimp.com", name: "Mailchimp API Support" },
        title: "Mailchimp Marketing API",
        version: "3.0.55",
        "x-apisguru-categories": ["messaging"],
        "x-permalink":
          "https://github.com/mailchimp/mailchimp-client-lib-codegen/blob/main/spec/marketing.json",
        "x-providerName": "mailchimp.com",
      },
    };
    const { page, withRule, withoutRule } = readPageBothWays(document, "mailchimp", rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(page.expected);
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"x-providerName:"/,
    );
  });
});

describe("the page's title is its operation's summary (pageTitleRule)", () => {
  const page = (title: string) =>
    `> For clean Markdown of any page, append .md to the page URL.\n\n# ${title}\n\nGET https://api.example.com/a\n\nReference: https://docs.example.com/a\n\n## OpenAPI Specification\n\n\`\`\`yaml\nopenapi: 3.1.0\n\`\`\`\n`;
  const operation = ["paths", "/a", "get"];
  it.each([
    ["the summary that is the title", "Get the domain in JSON format", "Get the domain in JSON format", 0],
    [
      "a summary run on past the next keys",
      "Get the domain in JSON format",
      "Get the domain in JSON format tags: - misc",
      1,
    ],
    [
      "a site that titles otherwise (bctrl's)",
      "Revoke Connection",
      "Revoke a runtime connection lease (idempotent)",
      1,
    ],
  ] as const)("%s", (_, title, summary, count) => {
    const rule = pageTitleRule(page(title).replace(/\s+/g, " "));
    expect(
      rule?.problems(
        operation,
        [
          ["summary", summary],
          ["responses", {}],
        ],
        true,
      ),
    ).toHaveLength(count);
  });

  it("is no rule on a page without a heading before its endpoint line", () => {
    expect(pageTitleRule("openapi: 3.1.0 info: title: A")).toBeUndefined();
  });

  it("reads SwaggerHub's getDomainJsonDefinition (APIs.guru), whose folded summary could run on past `tags:`", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "SwaggerHub Registry API", version: "1.0.66" },
      servers: [{ url: "https://api.swaggerhub.com" }],
      paths: {
        "/domains/{owner}/{domain}/{version}/domain.json": {
          get: {
            operationId: "getDomainJsonDefinition",
            summary: "Get the OpenAPI definition for the specified domain version in JSON format",
            tags: ["subpackage_misc"],
            parameters: ["owner", "domain", "version"].map((name) => ({
              name,
              in: "path",
              required: true,
              schema: { type: "string" },
            })),
            responses: { "200": { description: "OK" } },
          },
        },
      },
    };
    const { page, withRule, withoutRule } = readPageBothWays(
      document,
      "swaggerhub",
      "the page's title (the operation's summary)",
    );
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(page.expected);
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"tags:"/,
    );
  });
});

describe("a text holds no folded header's dash glued to a word (headerRemainsTextRule)", () => {
  const at = ["paths", "/a", "get", "parameters", 0];
  it.each([
    ["a header's dash after a cut", "maximum (5 - more than 5 chars; 55,- If exact=true", 1],
    ["a dash between words", "self-signed or issuer-signed", 0],
    ["a list item", "one of: - a - b", 0],
    ["a range with spaces", "from 5 - 10", 0],
    ["a block header kept in a text (swallowedYamlTextRule's)", "items: $ref: >- #/components/schemas/A", 0],
  ] as const)("%s", (_, text, count) => {
    expect(problemsOf(headerRemainsTextRule(), at, [["description", text]])).toHaveLength(count);
  });

  it("judges no `pattern`", () => {
    expect(
      problemsOf(headerRemainsTextRule(), ["components", "schemas", "A"], [["pattern", "^[a-]- $"]]),
    ).toEqual([]);
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const text = "as illustrated in following steps- Find bio-active compounds";
    expect(problemsOf(headerRemainsTextRule(new Set([text])), at, [["description", text]])).toEqual([]);
  });

  it("knows the text read from a double-quoted value, whose escaped line breaks read back (phantauth's `info`)", () => {
    const read =
      "documentation sites:\n\n- [apiary](https://phantauth.docs.apiary.io) in a second- or third level";
    const known = new Set([
      "documentation sites: - [apiary](https://phantauth.docs.apiary.io) in a second- or third level",
    ]);
    expect(problemsOf(headerRemainsTextRule(known), at, [["description", read]])).toEqual([]);
    expect(problemsOf(headerRemainsTextRule(), at, [["description", read]])).toHaveLength(1);
  });

  it("refuses oxforddictionaries' word_length parameter (APIs.guru), whose `<10` ran two parameters into one", () => {
    const parameter = (name: string, description: string, schema?: object) =>
      queryParameter(name, description, schema, { required: false });
    const document = {
      openapi: "3.0.0",
      info: { title: "Oxford Dictionaries", version: "1.11.0" },
      paths: {
        "/wordlist/{source_lang}": {
          get: {
            parameters: [
              parameter(
                "word_length",
                "Parameter to speficy the minimum (>), exact or maximum (<) length of the words required. E.g., >5 - more than 5 chars; <4 - less than 4 chars; >5<10 - from 5 to 10 chars; 3 - exactly 3 chars.",
                { default: ">5,<10", type: "string" },
              ),
              parameter("prefix", "Filter words that start with prefix parameter", {
                default: "goal",
                type: "string",
              }),
              parameter(
                "exact",
                "If exact=true wordlist returns a list of entries that exactly matches the search string. Otherwise wordlist lists entries that start with prefix string.",
                { default: "false", enum: ["false", "true"], type: "boolean" },
              ),
              parameter(
                "limit",
                "Limit the number of results per response. Default and maximum limit is 5000.",
              ),
            ],
            responses: { "200": { description: "Success" } },
          },
        },
      },
    };
    const text = scrape(renderSiteYaml(document));
    expect(text).toContain("5 - more than 5 chars; 55,- If exact=true");
    const rules = rulesFor(undefined, text, text);
    const withoutRule = recoverCollapsed(text, {
      rules: rules.filter((rule) => rule.name !== headerRemainsTextRule().name),
    });
    const parameters = withoutRule.ok
      ? (withoutRule.document.paths as Record<string, { get: { parameters: unknown[] } }>)[
          "/wordlist/{source_lang}"
        ]?.get.parameters
      : [];
    // Four parameters, written as two (the first holding the third's text) under every other rule.
    expect(parameters).toHaveLength(2);
    const withRule = recoverCollapsed(text, { rules });
    expect(withRule.ok ? "written" : withRule.message).toBe(
      "refused: paths//wordlist/{source_lang}/get/parameters/0/description: text holds a dash glued to a word (the scrape may have removed `<…>` across values)",
    );
  });
});

describe("a schema's text ends with no `example:` key after a sentence (exampleEndingTextRule)", () => {
  const at = ["components", "schemas", "Problem", "properties", "type"];
  const rule = exampleEndingTextRule();
  const judged = (text: string, ...more: Entries) => problemsOf(rule, at, [["description", text], ...more]);
  it.each([
    ["a key after a sentence", "Identifies the problem type. example: https://example.com/errors/", 1],
    ["a key after a bracket", "The heading of the antenna (compass point) example: north", 1],
    ["a value of several words", "A summary of the problem. example: Resource Not Found", 1],
    [
      "a key after a word (MineSkin's; prose may lead so)",
      "for implementation examples example: ExampleApp/v1.0",
      0,
    ],
    ["words leading into it (a review's)", "The time. See this example: 2024-01-01", 0],
    ["`For example:`", "A list of currency pairs. For example: USD/CAD,USD/EUR", 0],
    ["an abbreviation's full stop (a review's)", "Quote it to support (e.g. example: req_123)", 0],
    ["a comma's `example:` (greenpeace's)", "the site the users are registered on, example: netherlands", 0],
    ["an `example:` the text goes on after", "The mode. example: fast: it is quicker", 0],
    ["`Example:`, not the key", "The mode. Example: fast", 0],
  ] as const)("%s", (_, text, count) => {
    expect(judged(text, ["type", "string"])).toHaveLength(count);
  });

  it.each([
    ["a value of the schema's type", "integer", [], 1],
    ["a value of another type (`+14155550100` on a string: a number, so the text's own)", "string", [], 0],
    ["a value outside the schema's enum", "integer", [["enum", [1, 2]]], 0],
    ["a value in the schema's enum", "integer", [["enum", [50, 100]]], 1],
    ["a schema with an example of its own", "integer", [["example", 20]], 0],
  ] as const)("judges %s", (_, type, more, count) => {
    expect(
      judged("Between 1 and 100. example: 50", ["type", type], ...(more as unknown as Entries)),
    ).toHaveLength(count);
  });

  it.each([
    ["a parameter, by its schema", [["schema", { type: "integer" }]], 1],
    ["a parameter whose schema has an example", [["schema", { type: "integer", example: 5 }]], 0],
    ["an object with no type", [], 0],
  ] as const)("judges %s", (_, more, count) => {
    expect(judged("Between 1 and 100. example: 50", ...(more as unknown as Entries))).toHaveLength(count);
  });

  it.each([
    ["a summary", "summary", 1],
    ["a title", "title", 1],
    ["an extension's text", "x-note", 0],
  ] as const)("judges %s", (_, key, count) => {
    expect(
      problemsOf(rule, at, [
        [key, "The mode. example: fast"],
        ["type", "string"],
      ]),
    ).toHaveLength(count);
  });

  it.each(FREE_VALUE_PLACES)("judges no text inside %s, whose keys are free", (_, path) => {
    expect(
      problemsOf(rule, path, [
        ["description", "The mode. example: fast"],
        ["type", "string"],
      ]),
    ).toEqual([]);
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const text = "The mode. example: fast";
    expect(
      problemsOf(exampleEndingTextRule(new Set([text])), at, [
        ["description", text],
        ["type", "string"],
      ]),
    ).toEqual([]);
  });

  it("reads Mailchimp's problem details (APIs.guru), whose folded descriptions end before `example:`", () => {
    // Each property's description could end before its `example:` or run on past it as far as `title:`; with no clean
    // page, every page of the API was refused there.
    const property = (description: string, example: unknown, title: string, type: string) => ({
      description,
      example,
      title,
      type,
    });
    const document = returning("Problem", {
      Problem: {
        description:
          "An error generated by the Mailchimp API. Conforms to IETF draft 'draft-nottingham-http-problem-06'.",
        properties: {
          detail: property(
            "A human-readable explanation specific to this occurrence of the problem. [Learn more about errors](/developer/guides/get-started-with-mailchimp-api-3/#Errors).",
            "The requested resource could not be found.",
            "Error Message",
            "string",
          ),
          status: property(
            "The HTTP status code (RFC2616, Section 6) generated by the origin server for this occurrence of the problem.",
            404,
            "HTTP Status Code",
            "integer",
          ),
          type: property(
            "An absolute URI that identifies the problem type. When dereferenced, it should provide human-readable documentation for the problem type.",
            "https://mailchimp.com/developer/marketing/docs/errors/",
            "Problem Type",
            "string",
          ),
        },
        required: ["type", "status", "detail"],
        type: "object",
      },
    });
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"example:"/);
  });

  it("imports SureVoIP's pages (APIs.guru), every one collapsed, as a whole `npm run import` process", async () => {
    // A query parameter's folded description could end before its `example:` or run on past it as far as `in:`.
    const number = {
      description:
        "Validate a phone number by calling it for one ring. Note; not 100% proof the number is in service.",
      example: "441224900123",
      in: "query",
      name: "number",
      schema: { type: "string" },
    };
    const operation = (operationId: string, summary: string) => ({
      operationId,
      summary,
      parameters: [number],
      responses: { "200": { description: "OK" } },
    });
    const spec = {
      openapi: "3.1.0",
      info: { title: "SureVoIP API", version: "1.0.0" },
      servers: [{ url: "https://api.surevoip.co.uk" }],
      paths: {
        "/calls": { get: operation("listCalls", "List calls") },
        "/calls/validate": { get: operation("validateNumber", "Validate a number") },
      },
    };
    await expectEveryPageImportedCollapsed(pagesOf(spec as never, "surevoip"), rule.name);
  });

  it.each([
    [
      "a number kept as text (`+14155550100` on a string)",
      "The number, with its leading plus sign. example: +14155550100",
      { type: "string" },
    ],
    [
      "a value outside the enum",
      "The carrier the parcel is packed for. example: fedex",
      { enum: ["dhl", "ups"], type: "string" },
    ],
    [
      "words leading into it",
      "The time, in UTC, as in this example: 2024-01-01T00:00:00Z",
      { type: "string" },
    ],
  ] as const)("refuses or reads exactly the review's page with %s", (_, description, schema) => {
    const document = returning("Parcel", {
      Parcel: { properties: { value: { description, ...schema } }, type: "object" },
    });
    expectRefusedOrExact(document, /^ambiguous/);
  });

  it("reads exactly, or refuses, a parameter whose text every clean neighbour writes so (the site's own; a review's)", () => {
    const limit = {
      description:
        "The number of results to return per page, between 1 and 100; defaults to 20 when omitted. example: 50",
      in: "query",
      name: "limit",
      schema: { type: "integer" },
    };
    const operation = (operationId: string) => ({
      operationId,
      parameters: [limit],
      responses: { "200": { description: "OK" } },
    });
    const spec = {
      openapi: "3.1.0",
      info: { title: "Acme Jobs API", version: "2.3.0" },
      servers: [{ url: "https://api.acme.io/v2" }],
      paths: {
        "/jobs": { get: operation("listJobs") },
        "/runs": { get: operation("listRuns") },
        "/tasks": { get: operation("listTasks") },
      },
    };
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "acme"), 0);
    if (recovered.ok) expect(recovered.document).toEqual(page.expected);
    else expect(recovered.message).toMatch(/^ambiguous/);
  });
});

describe("a string ends with no schema field (keywordEndingTextRule)", () => {
  const rule = keywordEndingTextRule();
  const name = rule.name;
  const at = ["components", "schemas", "Account", "properties", "createdAt"];
  it.each([
    ["a registry format after a sentence (Up's)", "The date-time it was first opened. format: date-time", 1],
    ["a registry format after a comma (a review's)", "In the same form as createdAt, format: date-time", 0],
    ["a registry format after an abbreviation", "A timestamp, i.e. format: date-time", 0],
    // After any word (session 29): no string of the 2 639 APIs.guru specs ends so either. The reviews' invented prose
    // (`… in RFC 3339 format: date-time`) is the known limit, written with the field taken from it.
    ["a flag after a word leading into it (a review's)", "It is required: true", 0],
    ["an enum after a word leading into it (a review's)", "The values of this enum: - cat", 0],
    [
      "a registry format after a word (Figshare's)",
      "Reserved to institutions with access to groups format: int64",
      1,
    ],
    ["a flag after a name (FEC's)", "Keyword search for filer name or ID explode: true", 1],
    ["a format after closing bold (Mux's)", "It is returned only once.** format: byte", 1],
    ["an enum after a quote (Browshot's)", 'One of "error", "ok" or "in_queue" enum: - error - ok', 1],
    [
      "a standard's name before `format:` (a review's)",
      "A timestamp string in RFC 3339 format: date-time",
      1,
    ],
    ["a bound after a word (a review's)", "Larger values are silently clamped to the server maximum: 100", 1],
    ["a bound after a colon", "The largest page size: maximum: 100", 0],
    [
      "a title after words (a review's)",
      "Shown when it is published, e.g. the section title: Getting Started",
      0,
    ],
    ["a title after a word", "The applicant's job title: Engineer", 0],
    // English leads into an example list with words (session 29's review): only after a sentence.
    [
      "an example list after a word (a review's)",
      "Two-letter ISO 3166-1 alpha-2 codes example: - US - CA",
      0,
    ],
    [
      "an examples list after a word (a review's)",
      "Or a cron expression. Common examples: - daily - weekly",
      0,
    ],
    [
      "an enum after `following` (a review's)",
      "One of the values of the following enum: - ACTIVE - PAUSED",
      0,
    ],
    [
      "an example list after a sentence (Figshare's)",
      "Keywords can be used instead. example: - tag1 - tag2",
      1,
    ],
    ["an example list of code", "The account's name. example: - `Liability.Current.VAT`", 0],
    [
      "a numbered list's item (a review's)",
      "Checked before it is saved: 1. minLength: 3 2. maxLength: 12",
      0,
    ],
    ["a sentence ending with a number", "Between 1 and 100. maximum: 100", 1],
    ["a text ending with a line break", "The time it was opened. format: date-time ", 1],
    [
      "a date pattern in quotes (Plaid's)",
      'In [ISO 8601](https://wikipedia.org/wiki/ISO_8601) format: "yyyy-mm-dd"',
      0,
    ],
    ["a word no format registry names", "Given as format: YYYY-MM-DD", 0],
    ["a format the text goes on after", "Given in format: date-time, in UTC", 0],
    ["a flag (OSF's)", "When it was created. readOnly: true", 1],
    ["a parameter's flag (Getty's)", "Fields to return. explode: false", 1],
    ["a flag's word with another value", "Whether it may be empty. nullable: yes", 0],
    ["a bound (Elmah.io's)", "Can be markdown or clear text. maxLength: 8192", 1],
    ["a bound as a Markdown item (Unicourt's)", "The page number. - minimum: 1 - maximum: 100", 0],
    ["a bound with a unit (Adyen's)", "The code. * maxLength: 3 characters", 0],
    [
      "an enum of single words (Up's)",
      "Returned values are `INDIVIDUAL` and `JOINT`. enum: - INDIVIDUAL - JOINT",
      1,
    ],
    [
      "an enum of quoted single words (Twilio api_v2010's page 099)",
      "Default is `false`. enum: - 'true' - 'false'",
      1,
    ],
    ["an enum of several quoted words", "One of these. enum: - 'in progress' - done", 0],
    ["an enum of several words", "One of these. enum: - in progress - done", 0],
    ["a title (Mailchimp's)", "The code sent to verify. title: Verification Code", 1],
    ["`Title:`, not the key", "The book. Title: The Hobbit", 0],
    ["`format:` inside the text", "The format: date-time is used throughout", 0],
    // Session 30: no string of the 2 639 APIs.guru specs ends with three keys in a row.
    [
      "three keys in a row with no value (GitLab's)",
      "Gets a list of members viewable by the authenticated user. content: application/json: schema:",
      1,
    ],
    ["two keys in a row", "Give it as name: value:", 0],
    // Tried in session 30 and dropped (no real string ends so either, but its review wrote invented prose wrong):
    // a scalar example after a word, a format named as a JSON type, a field after a URL's closing slash.
    ["a scalar example after a word (the review's)", "The country's alpha-2 code example: US", 0],
    ["a format named as a JSON type (the review's)", "Kept in the old-style format: string", 0],
    ["a field after a URL (the review's)", "Posted to https://hooks.example.com/ required: true", 0],
  ] as const)("judges %s", (_, text, want) => {
    expect(problemsOf(rule, at, [["description", text]])).toHaveLength(want);
  });

  it("judges no regex (Seldon's `pattern`)", () => {
    expect(problemsOf(rule, at, [["pattern", ".* maxLength: 2097152"]])).toEqual([]);
  });

  it.each([
    ["an example's sentence", "Deleted the old record. readOnly: true", 1],
    [
      "a search example's `name: value` words (a review's)",
      "project: MOBILE assignee: jane.doe title: Login fails",
      0,
    ],
  ] as const)("judges %s", (_, value, want) => {
    expect(problemsOf(rule, [...at, "example"], [["value", value]])).toHaveLength(want);
  });

  it("leaves a text the site's clean pages write alone", () => {
    const text = "The date-time it was first opened. format: date-time";
    expect(problemsOf(keywordEndingTextRule(new Set([text])), at, [["description", text]])).toEqual([]);
  });

  it("decides Up's page, which the model leaves ambiguous at `format:`", () => {
    const document = returning("Account", {
      Account: {
        properties: {
          createdAt: {
            description: "The date-time at which this account was first opened.\n",
            format: "date-time",
            type: "string",
          },
          displayName: {
            description: "The name associated with the account in the Up application.\n",
            type: "string",
          },
        },
        type: "object",
      },
    });
    const { withRule, withoutRule } = readBothWays(document, name);
    expect(withRule.ok && withRule.document).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? "written" : withoutRule.message).toMatch(/^ambiguous .*"format:"/);
  });
});

describe("a pattern holds no key (patternKeyRule)", () => {
  const rule = patternKeyRule();
  const at = ["components", "schemas", "Gateway", "properties", "GatewayArn", "allOf", 0];
  it.each([
    [
      "a bound after an anchored regex (backup-gateway's)",
      "^arn:aws:backup-gateway(:[a-zA-Z-0-9]+){3}$ minLength: 50",
      1,
    ],
    ["a bound after a character class (identitystore's)", "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{12} minLength: 1", 1],
    ["a description after a regex", "^[a-z]+$ description: The name", 1],
    ["a word after an anchor, with a colon and a space", "^Bearer: [A-Za-z0-9]+$", 0],
    ["a regex with a colon and no space", "^urn:[a-z]+:[0-9]+$", 0],
    ["a regex with a space", "^[A-Z][a-z]+ [A-Z][a-z]+$", 0],
    ["a regex holding an escaped colon before a space", "^a\\: b$", 0],
  ] as const)("judges %s", (_, pattern, want) => {
    expect(problemsOf(rule, at, [["pattern", pattern]])).toHaveLength(want);
  });

  it("judges no text but a pattern, and no pattern inside example data", () => {
    expect(problemsOf(rule, at, [["description", "The gateway. minLength: 50"]])).toEqual([]);
    expect(problemsOf(rule, [...at, "example"], [["pattern", "^a$ minLength: 1"]])).toEqual([]);
  });

  it("leaves a pattern the site's clean pages write alone (Seldon's `.* maxLength: 2097152`)", () => {
    const seldon = ".* maxLength: 2097152";
    expect(problemsOf(patternKeyRule(new Set([seldon])), at, [["pattern", seldon]])).toEqual([]);
  });

  it("decides AWS's folded pattern before a property's bounds, which the model leaves ambiguous at `minLength:`", () => {
    const document = returning("Gateway", {
      Gateway: {
        type: "object",
        properties: {
          GatewayArn: {
            allOf: [
              {
                type: "string",
                pattern: "^arn:(aws|aws-cn|aws-us-gov):backup-gateway(:[a-zA-Z-0-9]+){3}\\/[a-zA-Z-0-9]+$",
                minLength: 50,
                maxLength: 500,
              },
              { description: "The Amazon Resource Name (ARN) of the gateway." },
            ],
          },
        },
      },
    });
    expect(scrape(renderSiteYaml(document))).toContain("pattern: >-");
    const { withRule, withoutRule } = readBothWays(document, rule.name);
    expect(withRule.ok && withRule.document).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? "written" : withoutRule.message).toMatch(/^ambiguous .*"minLength:"/);
  });
});

describe("a schema with described properties is not described after them (describedPropertiesRule)", () => {
  const rule = describedPropertiesRule();
  const at = ["components", "schemas", "Balance"];
  const described = (text: string) => ({ type: "string", description: text });
  const twoDescribed = [
    "properties",
    { currency: described("The units"), balance: described("The balance") },
  ];
  it.each([
    ["a `description` after two described properties", at, [twoDescribed, ["description", "d"]], 1],
    ["a `format` after them", at, [["type", "object"], twoDescribed, ["format", "uri"]], 1],
    ["a `description` before them", at, [["description", "d"], twoDescribed], 0],
    ["a `title` after them", at, [twoDescribed, ["title", "Balance"]], 0],
    [
      "a `description` after one described property (AWS writes its schemas' texts after `properties`)",
      at,
      [
        ["properties", { a: described("A"), b: { type: "string" } }],
        ["description", "d"],
      ],
      0,
    ],
    [
      "a property's own `description`",
      [...at, "properties", "currency"],
      [
        ["type", "string"],
        ["description", "d"],
      ],
      0,
    ],
    ["example data", [...at, "example"], [twoDescribed, ["description", "d"]], 0],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it.each([
    ["`description` after two described properties", [twoDescribed], "description", 1],
    ["`title` after them", [twoDescribed], "title", 0],
    ["`description` with no `properties` before it", [["type", "object"]], "description", 0],
  ] as const)("finds opening %s a problem at once (keyProblems)", (_, entries, key, count) => {
    expect(rule.keyProblems?.(at, entries as unknown as Entries, key)).toHaveLength(count);
  });

  it("reads Twilio's FetchAuthorizedConnectApp page with one clean page, and refuses it at `description:` without", () => {
    // `uri: type: string nullable: true description: The URI of the resource … title:`: the last property's text or
    // the schema's; with every page but one collapsed, nothing else tells them apart.
    const pages = realPages("twilio-v2010");
    const read = (keep: (rule: EvidenceRule) => boolean) =>
      readAmongCleanNeighbours(pages, 14, {}, { clean: (index) => index === 0, keep }).recovered;
    const withRule = read(() => true);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(pages[14]?.expected);
    expect(withRule.ok && withRule.decidedBy).toContain(rule.name);
    const withoutRule = read((other) => other.name !== rule.name);
    expect(withoutRule.ok ? "written" : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"description:"/,
    );
  });

  it("has a known limit: a schema that describes itself after described properties is written with the text on its last property", () => {
    // None of the 3 014 such schemas of the real specs that keep their key order does; an invented one.
    const property = { type: "string", description: "d" };
    const document = returning("C", {
      C: {
        type: "object",
        properties: { a: property, b: property, last: { type: "string" } },
        description: "The schema's",
      },
    });
    const { withRule, withoutRule } = readBothWays(document, rule.name);
    const schemas = withRule.ok
      ? (withRule.document.components as { schemas: Record<string, unknown> }).schemas
      : withRule.message;
    expect(schemas).toEqual({
      C: {
        type: "object",
        properties: { a: property, b: property, last: { type: "string", description: "The schema's" } },
      },
    });
    expect(withoutRule.ok ? "written" : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"description:"/,
    );
  });
});

describe("a schema's `additionalProperties` schema comes before its `properties` (additionalPropertiesAfterRule)", () => {
  const rule = additionalPropertiesAfterRule();
  const at = ["paths", "/tags", "post", "requestBody", "content", "application/json", "schema"];
  const properties = ["properties", { name: { type: "string" } }];
  const map = { type: "string" };
  it.each([
    ["a schema after `properties`", at, [properties, ["additionalProperties", map]], 1],
    ["a schema before them (sorted keys)", at, [["additionalProperties", map], properties], 0],
    ["`false` after them", at, [properties, ["additionalProperties", false]], 0],
    ["`{}` after them", at, [properties, ["additionalProperties", {}]], 0],
    [
      "a map with no `properties`",
      at,
      [
        ["type", "object"],
        ["additionalProperties", map],
      ],
      0,
    ],
    ["example data", [...at, "example"], [properties, ["additionalProperties", map]], 0],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it.each([
    ["a mapping after `properties`", [properties], "object", 1],
    ["a scalar after them", [properties], "scalar", 0],
    ["a mapping with no `properties` before it", [["type", "object"]], "object", 0],
  ] as const)("finds opening %s a problem at once (keyProblems)", (_, entries, value, count) => {
    expect(rule.keyProblems?.(at, entries as unknown as Entries, "additionalProperties", value)).toHaveLength(
      count,
    );
  });

  /**
   * AWS's tagging request (APIs.guru's mq): five described string fields, then `tags: description: … type: object
   * additionalProperties: type: string`, on a site whose clean pages show 60 string fields and no map, so that the
   * site's key sets take the map's `additionalProperties` for the request schema's.
   */
  function taggingSite() {
    const field = (index: number, at: number) => [
      `field${index}x${at}`,
      { description: `Field ${at} of ${index}.`, type: "string" },
    ];
    const tags = {
      description: "The key-value pair for the resource tag.",
      type: "object",
      additionalProperties: { type: "string" },
    };
    const operation = (index: number) => ({
      post: {
        operationId: `createThing${index}`,
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: Object.fromEntries([
                  ...Array.from({ length: 5 }, (_, at) => field(index, at)),
                  ...(index === 12 ? [["tags", tags]] : []),
                ]),
              },
            },
          },
        },
        responses: { "200": { description: "OK" } },
      },
    });
    return {
      openapi: "3.1.0",
      info: { title: "Things", version: "1" },
      servers: [{ url: "https://api.example.com" }],
      paths: Object.fromEntries(
        Array.from({ length: 13 }, (_, index) => [`/things${index}`, operation(index)]),
      ),
    };
  }

  it("refuses the tagging page its clean neighbours' key sets would write wrong, and vetoes them to do so", () => {
    const pages = pagesOf(taggingSite() as never, "things");
    const read = (rules: (given: EvidenceRule[]) => EvidenceRule[]) => {
      const { yaml, rules: given } = readAmongCleanNeighbours(
        pages,
        12,
        {},
        { clean: (index) => index !== 12 },
      );
      return recoverCollapsed(yaml, { requiredKeys: ["paths"], rules: rules(given) });
    };
    const refusal = /^ambiguous at word \d+ \(character \d+, "additionalProperties:"\)/;
    const withRule = read((given) => given);
    expect(withRule.ok ? "written" : withRule.message).toMatch(refusal);
    // Without the habit, or with it but no veto, the key sets decide: the map's schema is written on the request's.
    const written = (recovered: Recovery) =>
      recovered.ok
        ? JSON.stringify(recovered.document).includes('"additionalProperties":{"type":"string"}}}}')
        : false;
    const withoutRule = read((given) => given.filter((other) => other.name !== rule.name));
    expect(withoutRule.ok && withoutRule.decidedBy).toContain(
      "the sets of keys the site writes each class of object with",
    );
    expect(written(withoutRule)).toBe(true);
    const withoutVeto = read((given) =>
      given.map((other) => (other.name === rule.name ? { ...other, vetoes: false } : other)),
    );
    expect(written(withoutVeto)).toBe(true);
  });

  it("refuses a tagging page whose map property the clean pages' fragments show as a plain object (the veto before the rival is read)", () => {
    // A second review's site: every other create operation's `tags` is a map, the others' a plain object with the same
    // text; with the plain ones clean, the known fragment `tags: description: Tags to attach. type: object` ended the
    // property before `additionalProperties:`, decided before the rival's own reading was searched, past the veto.
    const names = ["queue", "broker", "user", "topic", "stream", "bucket"];
    const operation = (name: string, index: number) => ({
      post: {
        operationId: `create${name}`,
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  name: { type: "string", description: "The name." },
                  kind: { type: "string", description: "The kind." },
                  tags: {
                    description: "Tags to attach.",
                    type: "object",
                    ...(index % 2 === 0 ? { additionalProperties: { type: "string" } } : {}),
                  },
                },
              },
            },
          },
        },
        responses: { "200": { description: "OK" } },
      },
    });
    const site = {
      openapi: "3.1.0",
      info: { title: "Frag", version: "1" },
      servers: [{ url: "https://api.frag.test" }],
      paths: Object.fromEntries(names.map((name, index) => [`/${name}s`, operation(name, index)])),
    };
    const pages = pagesOf(site as never, "frag");
    for (const index of [0, 2, 4]) {
      const { recovered } = readAmongCleanNeighbours(pages, index, {}, { clean: (at) => at % 2 === 1 });
      if (recovered.ok) expect(recovered.document).toEqual(pages[index]?.expected);
      else
        expect(recovered.message).toMatch(
          /^ambiguous at word \d+ \(character \d+, "additionalProperties:"\)/,
        );
    }
  });

  it("has a known limit: a schema with an `additionalProperties` schema after its `properties` gives it to its last property", () => {
    // No real spec writes one; an invented one, with no clean page.
    const document = returning("C", {
      C: {
        type: "object",
        properties: { a: { type: "string" }, b: { type: "object" } },
        additionalProperties: { type: "string" },
      },
    });
    const { withRule } = readBothWays(document, rule.name);
    expect(withRule.ok ? withRule.document.components : withRule.message).toEqual({
      schemas: {
        C: {
          type: "object",
          properties: {
            a: { type: "string" },
            b: { type: "object", additionalProperties: { type: "string" } },
          },
        },
      },
    });
  });
});

describe("a composition's reference holds nothing beside it (compositionReferenceRule)", () => {
  const rule = compositionReferenceRule();
  const part = ["components", "schemas", "Registration", "allOf", 0];
  const reference = ["$ref", "#/components/schemas/TrackedResource"] as const;
  it.each([
    ["an `allOf` reference holding a description", part, [reference, ["description", "x"]], 1],
    [
      "a `oneOf` reference holding a type",
      [...part.slice(0, -2), "oneOf", 1],
      [reference, ["type", "object"]],
      1,
    ],
    ["a reference alone", part, [reference], 0],
    [
      "an inline part",
      part,
      [
        ["description", "x"],
        ["type", "object"],
      ],
      0,
    ],
    [
      "a property named `allOf`",
      ["components", "schemas", "A", "properties", "allOf", 0],
      [reference, ["description", "x"]],
      0,
    ],
    [
      "an example's data",
      ["components", "schemas", "A", "example", "allOf", 0],
      [reference, ["description", "x"]],
      0,
    ],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it.each([
    ["a key after the reference", [reference], "description", 1],
    ["the reference itself", [], "$ref", 0],
    ["a key of an inline part", [["type", "object"]], "description", 0],
  ] as const)("ranks last %s", (_, entries, key, rank) => {
    expect(rule.rank?.(part, entries as unknown as Entries, key, "scalar")).toBe(rank);
  });

  it("reads Azure's registration (APIs.guru azurestack), whose `description` after `allOf: - $ref:` is the schema's", () => {
    // Sorted keys: `allOf: - $ref: … description: … properties: …`; the description read as well on the reference.
    const document = returning("Registration", {
      Registration: {
        allOf: [{ $ref: "#/components/schemas/TrackedResource" }],
        description: "Registration information.",
        properties: {
          etag: {
            description: "The entity tag used for optimistic concurrency when modifying the resource.",
            type: "string",
          },
        },
        type: "object",
      },
      TrackedResource: { properties: { id: { readOnly: true, type: "string" } }, type: "object" },
    });
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"description:"/);
  });
});

describe("an `items` reference holds nothing beside it (itemsReferenceRule)", () => {
  const rule = itemsReferenceRule();
  const input = ["components", "schemas", "Result", "properties", "input"];
  const reference = { $ref: "#/components/schemas/InputImage" };
  it.each([
    [
      "an array whose items' reference holds a key it lacks",
      input,
      [["items", { ...reference, nullable: true }]],
      1,
    ],
    [
      "an array holding that key itself",
      input,
      [
        ["items", { ...reference, nullable: true }],
        ["nullable", true],
      ],
      0,
    ],
    [
      "an array whose items' reference holds readOnly",
      input,
      [["items", { ...reference, readOnly: true }]],
      1,
    ],
    [
      "an array whose items' reference holds writeOnly",
      input,
      [["items", { ...reference, writeOnly: true }]],
      1,
    ],
    [
      "an array whose items' reference holds a title (FastAPI's sorted `detail`)",
      input,
      [["items", { ...reference, title: "Detail" }]],
      1,
    ],
    ["an array whose items' reference holds nothing more", input, [["items", reference]], 0],
    ["inline items", input, [["items", { type: "string", nullable: true }]], 0],
    ["an example's data", [...input, "example"], [["items", { ...reference, nullable: true }]], 0],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it.each([
    ["a key after an items reference", [...input, "items"], [["$ref", reference.$ref]], "nullable", 1],
    ["`readOnly` after an items reference", [...input, "items"], [["$ref", reference.$ref]], "readOnly", 1],
    ["`title` after an items reference", [...input, "items"], [["$ref", reference.$ref]], "title", 1],
    ["the reference itself", [...input, "items"], [], "$ref", 0],
    ["a key of inline items", [...input, "items"], [["type", "string"]], "nullable", 0],
    [
      "a key after a property named `items`",
      ["components", "schemas", "List", "properties", "items"],
      [["$ref", reference.$ref]],
      "title",
      0,
    ],
  ] as const)("ranks last %s", (_, path, entries, key, rank) => {
    expect(rule.rank?.([...path], entries as unknown as Entries, key, "scalar")).toBe(rank);
  });

  it("reads FastAPI's validation error (APIs.guru ljaero), whose `title` after its items' reference is the array's", () => {
    // Sorted keys: `detail: items: $ref: … title: Detail type: array`; the title read as well on the reference.
    const document = returning("HTTPValidationError", {
      HTTPValidationError: {
        properties: {
          detail: { items: { $ref: "#/components/schemas/ValidationError" }, title: "Detail", type: "array" },
        },
        title: "HTTPValidationError",
        type: "object",
      },
      ValidationError: {
        properties: { msg: { title: "Message", type: "string" } },
        required: ["msg"],
        title: "ValidationError",
        type: "object",
      },
    });
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"title:"/);
  });

  it("reads FaceCheck's `input` (APIs.guru), whose `nullable` after its items' reference is the array's", () => {
    // Sorted keys: `items: $ref: … nullable: true type: array`; the key read as well on the reference.
    const document = returning("Result", {
      InputImage: { properties: { id_pic: { type: "string" } }, type: "object" },
      Result: {
        properties: {
          input: { items: { $ref: "#/components/schemas/InputImage" }, nullable: true, type: "array" },
          message: { type: "string" },
        },
        type: "object",
      },
    });
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"nullable:"/);
  });

  it("reads Azure's error `details` (APIs.guru digitaltwins), whose `readOnly` after its items' reference is the array's", () => {
    const document = returning("ErrorDefinition", {
      ErrorDefinition: {
        properties: {
          code: {
            description: "Service specific error code which serves as the substatus for the HTTP error code.",
            readOnly: true,
            type: "string",
          },
          details: {
            description: "Internal error details.",
            items: { $ref: "#/components/schemas/ErrorDefinition" },
            readOnly: true,
            type: "array",
          },
        },
        type: "object",
      },
    });
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"readOnly:"/);
  });

  it("has a known limit: a reference the writer made `nullable` beside it is read with the array `nullable`", () => {
    // 8 of 15 848 real items references are `nullable` (OpenAPI 3.0 ignored it); the array is not here.
    const document = returning("Result", {
      InputImage: { properties: { id_pic: { type: "string" } }, type: "object" },
      Result: {
        properties: { input: { items: { ...reference, nullable: true }, type: "array" } },
        type: "object",
      },
    });
    const { withRule } = readBothWays(document, rule.name);
    const schemas = withRule.ok
      ? (withRule.document.components as { schemas: Record<string, unknown> }).schemas
      : undefined;
    expect(schemas?.Result).toEqual({
      properties: { input: { items: reference, nullable: true, type: "array" } },
      type: "object",
    });
  });

  it("refuses or reads exactly the review's array parameter whose own scalar example follows its items' reference", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "Acme Jobs API", version: "2.3.0" },
      paths: {
        "/jobs": {
          get: {
            operationId: "listJobs",
            parameters: [
              {
                name: "status",
                in: "query",
                schema: {
                  type: "array",
                  items: { $ref: "#/components/schemas/Status" },
                  example: "open,closed",
                },
              },
            ],
            responses: { "200": { description: "OK" } },
          },
        },
      },
      components: { schemas: { Status: { type: "string", enum: ["open", "closed"] } } },
    };
    expectRefusedOrExact(document, /^ambiguous/);
  });

  it("refuses or reads exactly the review's array whose own description precedes its items' (no move to the schema)", () => {
    const document = returning("Pet", {
      Tag: { properties: { name: { type: "string" } }, type: "object" },
      Pet: {
        properties: {
          tags: {
            description: "The pet's tags",
            items: { $ref: "#/components/schemas/Tag", description: "One tag" },
          },
        },
        type: "object",
      },
    });
    expectRefusedOrExact(document, /^ambiguous/);
  });
});
