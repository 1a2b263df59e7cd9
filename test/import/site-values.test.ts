/**
 * Evidence across pages about values, from APIs.guru's APIs cut into pages (session 13): a clean text's unclosed `<`
 * (the scrape's removal ran across values from there) refuses the page; and the pages two reviews wrote to break the
 * habits this session tried and dropped (a typed class's `format`, `example` or `description`; an enum value joining
 * values the site lists one by one), refused or read exactly. Session 25: a text clean pages write whole ends there on
 * a collapsed page, and is the site's own for the code-span refusal. Session 26: a code fence it leaves open is its own.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collapse } from "../../scripts/import/evidence.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { importPageText } from "../../scripts/import/import-pages.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import {
  codeSpanTextRule,
  cutAtUnclosedTag,
  holdsUnclosedFenceOfItsOwn,
} from "../../scripts/import/scrape-damage-rules.ts";
import { cleanTextEndRule, keywordEndingTextRule } from "../../scripts/import/text-rules.ts";
import { queryParameter } from "./support/one-operation.ts";
import { pagesOf, type RealPage, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { scrape } from "./support/scrape.ts";

describe("a text holding half a code span is refused (codeSpanTextRule)", () => {
  // bulksms.com's GET /messages: the scrape's `<…>` removal starts inside `` `<` `` and runs to the `>` of the third
  // parameter's folded description, taking the first parameter's keys and the whole second parameter with it. What is
  // left reads as one parameter, under the model the only reading, and wrong.
  const document = {
    openapi: "3.1.0",
    info: { title: "BulkSMS JSON REST API", version: "1.0.0" },
    paths: {
      "/messages": {
        get: {
          parameters: [
            queryParameter(
              "limit",
              "The maximum number of messages that are returned. The way to make sure that there are no more messages is to submit a new call using the `id` filter field with the `<` operator (described below).",
              { format: "int", type: "number" },
            ),
            queryParameter("filter", "See the message filtering for more information."),
            queryParameter(
              "sortOrder",
              "The default value is DESCENDING\n\n\nIf the `sortOrder` is DESCENDING, the newest messages be first in the result.  ASCENDING places the oldest messages on top of the response.\n",
            ),
          ],
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));

  it("is read as one parameter, wrong, under the model alone", () => {
    const recovered = recoverCollapsed(text);
    const operation = recovered.ok
      ? (recovered.document.paths as Record<string, { get: { parameters: unknown[] } }>)
      : {};
    expect(operation["/messages"]?.get.parameters).toHaveLength(1);
  });

  it("is refused, naming the text", () => {
    const recovered = recoverCollapsed(text, { rules: [codeSpanTextRule()] });
    expect(recovered.ok ? "written" : recovered.message).toBe(
      "refused: paths//messages/get/parameters/0/description: text holds half a code span (the scrape may have removed `<…>` across values)",
    );
  });

  it.each([
    { given: "code spans whole", text: "Use `limit` with `id`.", want: 0 },
    { given: "a lone backtick", text: "Use `limit with `id`.", want: 1 },
    { given: "a regex `pattern`", key: "pattern", text: "^[a-z`]+$", want: 0 },
  ])("judges a text with $given", ({ key = "description", text: value, want }) => {
    expect(codeSpanTextRule().problems(["components", "schemas", "A"], [[key, value]], true)).toHaveLength(
      want,
    );
  });

  // Open Targets (APIs.guru): its `info` text, copied on every page, really holds a lone backtick (a typo).
  const typo =
    "Alternative output formats are not supported in the interface below, where the response will be always in `JSON.\n\nUse a `POST` request instead of `GET` for large queries.";
  const spec = {
    openapi: "3.1.0",
    info: { title: "Open Targets Platform REST API", version: "3.0.0", description: typo },
    servers: [{ url: "https://platform-api.opentargets.io/v3/platform" }],
    paths: Object.fromEntries(
      ["/public/utils/ping", "/public/utils/version"].map((route) => [
        route,
        { get: { operationId: route.slice(14), responses: { "200": { description: "OK" } } } },
      ]),
    ),
  };

  it("reads a text clean pages write with a lone backtick, which it refuses with no clean page", () => {
    const { page, recovered, rules, yaml } = readAmongCleanNeighbours(
      pagesOf(spec as never, "opentargets"),
      0,
    );
    expect(recovered.ok && recovered.document).toEqual(page.expected);
    const unknown = rules.map((rule) => (rule.name === codeSpanTextRule().name ? codeSpanTextRule() : rule));
    const alone = recoverCollapsed(yaml, { requiredKeys: ["paths"], rules: unknown });
    expect(alone.ok ? "written" : alone.message).toMatch(/info\/description: text holds half a code span/);
  });
});

describe("a code fence a clean text leaves open is the text's, not the block's end (holdsUnclosedFenceOfItsOwn)", () => {
  // Firestore (APIs.guru): a field's `name` text writes a backtick as a code span of three (```` ``` (backtick) ````),
  // an odd fence on every page that shows the schema: a block holding it would end inside a code block.
  const fieldName =
    "A field name of the form `projects/{project_id}/databases/{database_id}/collectionGroups/{collection_id}/fields/{field_path}`. Special characters in field paths that must be quoted include: `*`, `.`, ``` (backtick), `[`, `]`, as well as any ascii symbolic characters.";
  const field = {
    description: "A single field.",
    properties: { name: { description: fieldName, type: "string" } },
    type: "object",
  };
  const spec = {
    openapi: "3.1.0",
    info: { title: "Cloud Firestore API", version: "v1beta2" },
    servers: [{ url: "https://firestore.googleapis.com" }],
    paths: Object.fromEntries(
      ["get", "patch"].map((method) => [
        `/v1beta2/${method}`,
        {
          [method]: {
            operationId: `fields.${method}`,
            responses: {
              "200": {
                description: "OK",
                content: {
                  "application/json": {
                    schema: { $ref: "#/components/schemas/GoogleFirestoreAdminV1beta2Field" },
                  },
                },
              },
            },
          },
        },
      ]),
    ),
    components: { schemas: { GoogleFirestoreAdminV1beta2Field: field } },
  };
  const [collapsed, clean] = pagesOf(spec as never, "firestore") as [RealPage, RealPage];
  const evidence = emptyEvidence();
  const extracted = extractSpec(clean.clean);
  if (extracted.kind === "markdown") learnFrom(evidence, parse(extracted.yaml));

  it("reads the page among clean neighbours, which it refuses alone", () => {
    const read = importPageText(collapsed.name, collapsed.collapsed, { evidence });
    expect(read.ok ? parse(read.yaml) : read.problem.message).toEqual(collapsed.expected);
    const alone = importPageText(collapsed.name, collapsed.collapsed);
    expect(alone.ok ? "written" : alone.problem.message).toMatch(/would end inside a code block/);
  });

  it.each([
    { given: "a fence of its own", yaml: "a: ``` b", want: true },
    { given: "the clean text's fence", yaml: `d: ${collapse(fieldName)} e: f`, want: false },
    {
      given: "the clean text's fence and one of its own",
      yaml: `d: ${collapse(fieldName)} e: \`\`\` f`,
      want: true,
    },
    {
      given: "the clean text up to its fence",
      yaml: `d: ${collapse(fieldName).split("(backtick)")[0]}`,
      want: true,
    },
  ])("judges an extent holding $given", ({ yaml, want }) => {
    expect(holdsUnclosedFenceOfItsOwn(yaml, evidence.ownTexts)).toBe(want);
  });
});

describe("a text holding a clean text up to its unclosed `<` is refused (unclosedTagTextRule)", () => {
  // meteosource.com (APIs.guru): `matter d < 2.5 µm` in one parameter's description, `[+-]<number>` in the next
  // one's; the scrape removed everything between, and the page read as one parameter joining the two.
  const parameter = (name: string, description: string) => ({
    description,
    in: "query",
    name,
    schema: { description, title: name, type: "string" },
  });
  const parameters = [
    parameter(
      "variable",
      "Name of the variable for your map, e.g. `pm2.5`: Particulate matter d < 2.5 µm (PM2.5)",
    ),
    parameter("datetime", "Offset from current time in `[+-]<number><unit>` format, e.g. `+10minutes`"),
    parameter("key", "Your unique API key. You can either specify it here, or set it in `X-API-Key` header."),
  ];
  const spec = {
    openapi: "3.1.0",
    info: { title: "Meteosource", version: "1.0" },
    servers: [{ url: "https://www.meteosource.com/api/v1/flexi" }],
    paths: Object.fromEntries(
      ["/map", "/map_tiles"].map((route) => [
        route,
        { get: { operationId: route.slice(1), parameters, responses: { "200": { description: "OK" } } } },
      ]),
    ),
  };
  const pages = pagesOf(spec as never, "meteosource");

  it("refuses the collapsed page a clean page shows the text of, naming the value", () => {
    const { recovered, rules, yaml } = readAmongCleanNeighbours(pages, 0);
    // The text also runs into its sibling (mergedSiblingTextRule): `… matter d - Name of the variable … matter d -
    // Offset …`, the next page's copy of it first; that refusal is named first.
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /parameters\/0\/description: text runs into a sibling value after ` - `/,
    );
    const alone = recoverCollapsed(yaml, {
      requiredKeys: ["paths"],
      rules: rules.filter((rule) => !rule.name.includes("sibling")),
    });
    expect(alone.ok ? "written" : alone.message).toMatch(
      /parameters\/0\/description: text holds a clean page's text up to its unclosed `<`/,
    );
  });

  it("is a page the other evidence writes wrong without the two rules", () => {
    const { page, rules, yaml } = readAmongCleanNeighbours(pages, 0);
    const others = rules.filter((rule) => !rule.name.includes("unclosed") && !rule.name.includes("sibling"));
    const written = recoverCollapsed(yaml, { requiredKeys: ["paths"], rules: others });
    expect(written.ok && written.document).not.toEqual(page.expected);
    expect(written.ok && written.document).toMatchObject({
      paths: { "/map": { get: { parameters: [{ name: "datetime" }, { name: "key" }] } } },
    });
  });

  it.each([
    ["a lone `<`", "Particulate matter d < 2.5 µm (PM2.5)", "Particulate matter d"],
    ["a closed `<…>` before it, removed", "Use <b>bold</b>  text where d < 2.5", "Use bold text where d"],
    ["a `<` closed later", "Offset in `[+-]<number>` format", undefined],
    ["a text too short to tell", "d < 2.5", undefined],
    ["no `<`", "Plain text, long enough to be told apart", undefined],
  ])("cuts %s", (_, text, cut) => {
    expect(cutAtUnclosedTag(text)).toBe(cut);
  });
});

describe("a text clean pages write with a dash glued to a word is the site's own (ImportEvidence.ownTexts)", () => {
  // PhantAuth (APIs.guru): its `info` text, copied on every page, holds a suspended hyphen (`second- or third level`),
  // which the glued-dash refusal takes for what a later `>-` header leaves. Its `info` is 47 761 characters long: too
  // long to be kept as a known fragment, so only the run's own texts tell that the site writes it so.
  const paragraph =
    "[FreeDNS](https://freedns.afraid.org/) allows you to create DNS records within a second- or third level domain that is shared with other users.";
  const sections = Array.from({ length: 160 }, (_, index) => `## Section ${index}\n\n${paragraph}\n`);
  const spec = {
    openapi: "3.1.0",
    info: { title: "PhantAuth", version: "1.0.0", description: sections.join("\n") },
    servers: [{ url: "https://phantauth.net" }],
    paths: Object.fromEntries(
      ["/user/{username}", "/client/{client_id}"].map((route) => [
        route,
        { get: { operationId: route.split("/")[1], responses: { "200": { description: "OK" } } } },
      ]),
    ),
  };

  it("reads the page among clean neighbours, which it refuses alone", () => {
    const pages = pagesOf(spec as never, "phantauth");
    const { page, recovered, yaml } = readAmongCleanNeighbours(pages, 0);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    const alone = recoverCollapsed(yaml, {
      requiredKeys: ["paths"],
      rules: rulesFor(undefined, page.collapsed, yaml),
    });
    expect(alone.ok ? "written" : alone.message).toMatch(
      /info\/description: text holds a dash glued to a word/,
    );
  });
});

describe("a text clean pages write whole ends there on a collapsed page (cleanTextEndRule)", () => {
  // fec.gov (APIs.guru): the `cycle` query parameter's text, clean on one page, is the `cycle` property's text on
  // another, where the folded description could end before `format:` or run on past it to `type:`.
  const cycle =
    "Filter records to only those that were applicable to a given two-year period.The cycle begins with an odd year and is named for its ending, even year.";
  const total = "Total amount received from contributors of this size.";
  const spec = {
    openapi: "3.1.0",
    info: { title: "OpenFEC", version: "1.0" },
    servers: [{ url: "https://api.open.fec.gov/v1" }],
    paths: {
      "/schedules/schedule_a/by_size/": {
        get: {
          operationId: "by_size",
          responses: {
            "200": {
              description: "OK",
              content: {
                "application/json": {
                  schema: {
                    properties: {
                      cycle: { description: cycle, format: "int32", type: "integer" },
                      total: { description: total, format: "double", type: "number" },
                    },
                    type: "object",
                  },
                },
              },
            },
          },
        },
      },
      "/committee/{committee_id}/history/": {
        get: {
          operationId: "history",
          parameters: [
            queryParameter("cycle", cycle, { items: { format: "int32", type: "integer" }, type: "array" }),
          ],
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
  const pages = pagesOf(spec as never, "fec");

  // Its text ends a sentence before `format: int32`, which keywordEndingTextRule (session 26) decides too.
  const fieldEnding = keywordEndingTextRule().name;

  it("reads the property's text as the clean parameter's, exactly", () => {
    const { page, recovered, rules, yaml } = readAmongCleanNeighbours(pages, 0);
    expect(recovered.ok && recovered.document).toEqual(page.expected);
    const others = rules.filter((rule) => rule.name !== fieldEnding);
    const read = recoverCollapsed(yaml, { requiredKeys: ["paths"], rules: others });
    expect(read.ok && read.document).toEqual(page.expected);
    expect(read.ok && read.decidedBy).toContain("texts end where clean pages end them");
  });

  it("is a page the other evidence leaves ambiguous at `format:`", () => {
    const { rules, yaml } = readAmongCleanNeighbours(pages, 0);
    const others = rules.filter(
      (rule) => rule.name !== "texts end where clean pages end them" && rule.name !== fieldEnding,
    );
    const read = recoverCollapsed(yaml, { requiredKeys: ["paths"], rules: others });
    expect(read.ok ? "written" : read.message).toMatch(/^ambiguous at word \d+ \(character \d+, "format:"\)/);
  });

  const rule = cleanTextEndRule(new Set([cycle, "Account"]));
  it.each([
    { given: "the clean text", text: cycle, want: 0 },
    { given: "the clean text run on into a key", text: `${cycle} format: int32`, want: 1 },
    { given: "the clean text run on into capitalised prose", text: `${cycle} Note: see below`, want: 0 },
    { given: "the clean text run on into words", text: `${cycle} Defaults to 2024.`, want: 0 },
    { given: "a short clean text run on", text: "Account type: checking", want: 0 },
  ])("judges $given: $want problem(s)", ({ text, want }) => {
    const schema = ["components", "schemas", "A"];
    expect(rule?.problems(schema, [["description", text]], true)).toHaveLength(want);
  });

  it("leaves texts inside an example alone", () => {
    const inExample = ["components", "schemas", "A", "example", "data"];
    expect(rule?.problems(inExample, [["description", `${cycle} format: int32`]], true)).toEqual([]);
  });
});

/** A request body's schema at `route`, for the review's pages. */
function posting(route: string, schema: Record<string, unknown>) {
  const operationId = route.replace(/\W/g, "");
  return [
    route,
    {
      post: {
        tags: ["Orders"],
        operationId,
        requestBody: { content: { "application/json": { schema } } },
        responses: { "200": { description: "Success" } },
      },
    },
  ] as const;
}

function reviewApi(title: string, paths: (readonly [string, unknown])[]) {
  return {
    openapi: "3.0.1",
    info: { title, version: "v1" },
    servers: [{ url: "https://api.example.com" }],
    paths: Object.fromEntries(paths),
  };
}

const integer = (description: string, format: string) => ({ type: "integer", description, format });

const described = (description: string, extra: Record<string, unknown> = {}) => ({
  type: "string",
  description,
  ...extra,
});

/**
 * Session 13's reviews wrote these pages wrong through habits tried and dropped: a typed class's always-held key (a
 * `format`, `description` or `example` moved between a schema and its parent, parameter, example or prose), and an
 * enum value joining values the site lists one by one. Each is refused, or read exactly.
 */
const REVIEW_PAGES = [
  [
    "a string's description ending `for example: +14155550100` where the site's strings hold `example`",
    reviewApi("Contoso CRM", [
      posting("/customers", {
        type: "object",
        properties: {
          firstName: described("The customer's first name.", { example: "Jane" }),
          age: integer("Age in years.", "int32"),
        },
      }),
      posting("/leads", {
        type: "object",
        properties: {
          email: described("The customer's email address.", { example: "jane@example.com" }),
          score: integer("Lead score.", "int32"),
        },
      }),
      posting("/contacts", {
        type: "object",
        properties: {
          phoneNumber: described(
            "The contact's phone number in E.164 international format, for example: +14155550100",
          ),
          priority: integer("Priority of the contact.", "int32"),
        },
      }),
    ]),
    2,
  ],
  [
    "a springdoc schema's `description` after its `properties`, its last string undescribed",
    reviewApi("Fabrikam Orders", [
      posting("/orders", {
        type: "object",
        properties: { orderRef: described("Your reference for the order."), gift: { type: "boolean" } },
        description: "An order to create.",
      }),
      posting("/returns", {
        type: "object",
        properties: { returnReason: described("Why the goods are returned."), restock: { type: "boolean" } },
      }),
      posting("/notes", {
        type: "object",
        properties: { urgent: { type: "boolean" }, noteText: { type: "string" } },
        description: "A note to add to the order's history.",
      }),
    ]),
    2,
  ],
  [
    "a parameter's `example` beside a schema without one, where the site's integer schemas hold `example` (and a string parameter holds its own)",
    {
      ...reviewApi("Northwind Orders", []),
      paths: {
        "/orders": {
          get: {
            operationId: "ListOrders",
            parameters: [
              { name: "page", in: "query", schema: { type: "integer", format: "int32", example: 1 } },
              { name: "pageSize", in: "query", schema: { type: "integer", format: "int32", example: 25 } },
              { name: "customer", in: "query", schema: { type: "string" }, example: "ALFKI" },
            ],
            responses: { "200": { description: "Success" } },
          },
        },
        "/orders/{orderId}": {
          get: {
            operationId: "GetOrder",
            parameters: [
              {
                name: "orderId",
                in: "path",
                description: "The order's identifier.",
                required: true,
                schema: { type: "integer", format: "int32" },
                example: 10248,
              },
              {
                name: "expand",
                in: "query",
                description: "Related entities to include.",
                schema: { type: "string" },
              },
            ],
            responses: { "200": { description: "Success" } },
          },
        },
      },
    },
    1,
  ],
  [
    "an enum of language pairs `en - de` where other pages list `en` and `de` (and `more formal`)",
    {
      ...reviewApi("Lingo Translate", []),
      paths: Object.fromEntries(
        [
          ["/translate", ["en", "de", "fr", "es"], ["more formal", "less formal", "default"]],
          ["/glossaries", ["en", "de", "fr", "es"], undefined],
          ["/glossary-language-pairs", ["en - de", "en - fr", "de - en"], undefined],
        ].map(([route, values, formality]) => [
          route,
          {
            get: {
              operationId: String(route).slice(1),
              parameters: [
                {
                  name: "lang",
                  in: "query",
                  description: "A language.",
                  schema: { type: "string", enum: values },
                },
                ...(formality
                  ? [{ name: "formality", in: "query", schema: { type: "string", enum: formality } }]
                  : []),
              ],
              responses: { "200": { description: "OK" } },
            },
          },
        ]),
      ),
    },
    2,
  ],
  [
    "an integer's description really ending `format: int64`, where the site's integers all hold `format`",
    reviewApi("Contoso Billing", [
      posting("/a", {
        type: "object",
        properties: {
          count: integer("Count.", "int32"),
          size: integer("Size.", "int64"),
          name: described("Name."),
        },
      }),
      posting("/b", {
        type: "object",
        properties: {
          total: integer("Total.", "int32"),
          weight: integer("Weight.", "int64"),
          label: described("Label."),
        },
      }),
      posting("/c", {
        type: "object",
        properties: {
          amount: {
            type: "integer",
            description:
              "Amount in the smallest currency unit (cents); serialized as a JSON number, format: int64",
          },
          note: described("Note."),
        },
      }),
    ]),
    2,
  ],
  [
    "a media type's example ending `format: csv` after an integer without `format`, where the site's integers hold one",
    reviewApi("Contoso Reports", [
      posting("/customers", {
        type: "object",
        properties: { name: { type: "string", example: "Jane" }, age: { type: "integer", format: "int32" } },
      }),
      posting("/invoices", {
        type: "object",
        properties: {
          number: { type: "string", example: "INV-1" },
          total: { type: "integer", format: "int64" },
        },
      }),
      [
        "/exports",
        {
          post: {
            tags: ["Reports"],
            operationId: "CreateExport",
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      format: described("The file format: csv, json or xlsx."),
                      maxRows: { type: "integer" },
                    },
                  },
                  example: { maxRows: 1000, format: "csv" },
                },
              },
            },
            responses: { "200": { description: "Success" } },
          },
        },
      ] as const,
    ]),
    2,
  ],
] as const;

describe("the reviews' pages, written wrong through the habits this pass tried and dropped", () => {
  it.each(REVIEW_PAGES)("%s: refused, or read exactly", (_, spec, index) => {
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "review"), index);
    if (recovered.ok) expect(recovered.document).toEqual(page.expected);
    else expect(recovered.message).toMatch(/^(ambiguous|refused)/);
  });
});
