/**
 * Habits of real specs that place a text (session 40): no string holds a structural key after a sentence
 * (text-rules.ts `sentenceKeyTextRule`), no string ends with a format generators write (Google's `google-duration`,
 * keywordEndingTextRule); and such text habits `reorder`: a preferred reading whose text breaks one, where the rival's
 * keeps it, is read again held to it (recover-collapsed.ts overrulingRule, session 41). Each page is shaped like the
 * APIs.guru page the habit was found on, refused before it, and read again without the rule.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EvidenceRule } from "../../scripts/import/evidence.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { danglingDashRule } from "../../scripts/import/list-rules.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { keywordEndingTextRule, sentenceKeyTextRule } from "../../scripts/import/text-rules.ts";
import { returning } from "./support/one-operation.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import {
  describeNeverWrong,
  expectDecidedOnlyBy,
  expectEveryPageImportedCollapsed,
  problemsOf,
  readBothWays,
} from "./support/rule-readings.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

const REVIEW_PAGES = path.join(import.meta.dirname, "fixtures/sentence-keys");
const LONE_DASH_PAGES = path.join(import.meta.dirname, "fixtures/lone-dash");
const DESCRIPTION = ["components", "schemas", "Invalidation", "allOf", 1];

describe("texts hold no structural key after a sentence (sentenceKeyTextRule)", () => {
  const rule = sentenceKeyTextRule();
  it.each([
    [
      "a description after a sentence",
      "… see Invalidation Complex Type. description: The returned result.",
      1,
    ],
    ["a title after a question", "Is it on? title: Switch", 1],
    ["properties after a parenthesis", "The body (JSON). properties: name: type: string", 1],
    ["a reference after a sentence", "See the item. $ref: '#/components/schemas/Item'", 1],
    ["a key after a word, as prose leads into one", "the product name and description: free text", 0],
    [
      "a lower-case meaning, as prose lists values (a review's)",
      "Which field matched. sku: the stock keeping unit. description: the long product description.",
      0,
    ],
    ["a lower-case summary after a sentence", "short: a single sentence. summary: a paragraph", 0],
    ["an abbreviation's full stop", "some keys, e.g. description: x", 0],
    ["a constraint note, as prose writes one", "Defaults to 7. maximum: 90", 0],
    ["a format note, as prose writes one", "A date in ISO 8601. format: YYYY-MM-DD", 0],
    ["a deprecation note", "Lists the items. deprecated: use `watch` instead", 0],
    ["a key at the text's start", "description: x", 0],
    [
      "an extension opening a map (AWS's logo)",
      "… features programmatically. x-logo: url: https://x.example",
      1,
    ],
    [
      "an extension opening a map after a word, as API tools' docs quote one (a review's)",
      "Branding is read from the definition, for example x-logo: url: https://x.example as Redoc describes",
      0,
    ],
    ["an extension with a value, as S3's headers are named", "To set the ACL. x-amz-acl: private", 0],
  ] as const)("judges %s", (_, text, count) => {
    expect(problemsOf(rule, DESCRIPTION, [["description", text]])).toHaveLength(count);
  });

  it("judges no text inside an example, nor a text the site's clean pages write", () => {
    const text = "Done. description: x";
    expect(problemsOf(rule, ["components", "schemas", "A", "example"], [["note", text]])).toEqual([]);
    expect(problemsOf(sentenceKeyTextRule(new Set([text])), DESCRIPTION, [["description", text]])).toEqual(
      [],
    );
  });

  it("reads CloudFront's invalidation (APIs.guru), whose schema's description follows its allOf part's text", () => {
    // The part's text `… Complex Type.` could run on past `description:` to the schema's `title:`.
    const document = invalidationDocument();
    expectDecidedOnlyBy(document, rule.name, /^ambiguous at word \d+ .*"description:"/);
  });

  it("refuses CloudFront's real shape, its property described by an `allOf` part, between the property and the schema", () => {
    const { withRule } = readBothWays(invalidationDocument("allOf"), rule.name);
    expect(withRule.ok ? "written" : withRule.message).toMatch(
      /^ambiguous at word \d+ .*Invalidation\/description or as .*GetInvalidationResult\/description$/,
    );
  });

  it("imports the CloudFront-shaped page collapsed as a whole `npm run import`, with no clean page known", async () => {
    await expectEveryPageImportedCollapsed(
      pagesOf(invalidationDocument() as never, "cloudfront"),
      rule.name,
      true,
    );
  });

  it("known limit: an invented text really holding a key after a sentence is written with the key taken from it", () => {
    // The CloudFront page above with the schema's text kept inside the part's: read as that page.
    const document = returning("GetInvalidationResult", {
      GetInvalidationResult: {
        type: "object",
        properties: {
          Invalidation: {
            type: "object",
            description:
              "The invalidation's information. For more information, see Invalidation Complex Type. description: The returned result of the corresponding request.",
          },
        },
        title: "GetInvalidationResult",
      },
    });
    const { withRule, withoutRule } = readBothWays(document, rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).not.toEqual(scrapeValues(document));
    expect(withRule.ok ? withRule.document : withRule.message).toMatchObject({
      components: {
        schemas: {
          GetInvalidationResult: { description: "The returned result of the corresponding request." },
        },
      },
    });
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(/^ambiguous at word \d+ /);
  });
});

describe("texts end with no format generators write (keywordEndingTextRule, WRITERS_FORMATS)", () => {
  const rule = keywordEndingTextRule();
  it.each([
    ["Google's duration", "… between 30 minutes and 7 days, inclusive. format: google-duration", 1],
    [
      "Google's field mask after code",
      'the default mask is used: `paths: "bindings, etag"` format: google-fieldmask',
      1,
    ],
    ["an unsigned integer after a sentence", "The size in bytes, which can exceed 2^53. format: uint64", 1],
    [
      "a format after a word, as prose names one (a review's)",
      "… can exceed 2^53. Integer format: uint64",
      0,
    ],
    ["a date pattern, as prose writes one", "Use this date format: YYYY-MM-DD", 0],
    ["a format prose names", "in the format: PROJECT_ID.appspot.com", 0],
  ] as const)("judges %s", (_, text, count) => {
    expect(problemsOf(rule, DESCRIPTION, [["description", text]])).toHaveLength(count);
  });

  it("reads Firebase App Check's token TTL (APIs.guru), whose `format: google-duration` follows its text", () => {
    const document = returning("DeviceCheckConfig", {
      DeviceCheckConfig: {
        properties: {
          keyId: { description: "Required. The key identifier of a private key.", type: "string" },
          tokenTtl: {
            description:
              "Specifies the duration for which App Check tokens will be valid. Must be between 30 minutes and 7 days, inclusive.",
            format: "google-duration",
            type: "string",
          },
        },
        type: "object",
      },
    });
    const { withRule } = readBothWays(document, rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
  });
});

/**
 * CloudFront's invalidation result (APIs.guru): its property's text, then the schema's own `description`. CloudFront
 * describes the property by an `allOf` part (`allOf: [$ref, {description}]`); `described` gives that real shape, which
 * is refused between the property and the schema (describedCompositionRule blocks); described on itself, only the
 * text's end is left to decide.
 */
function invalidationDocument(described: "allOf" | "itself" = "itself") {
  const text = "The invalidation's information. For more information, see Invalidation Complex Type.";
  const result = (invalidation: Record<string, unknown>) => ({
    type: "object",
    properties: { Invalidation: invalidation },
    description: "The returned result of the corresponding request.",
    title: "GetInvalidationResult",
  });
  return described === "allOf"
    ? returning("GetInvalidationResult", {
        GetInvalidationResult: result({
          allOf: [{ $ref: "#/components/schemas/Invalidation" }, { description: text }],
        }),
        Invalidation: { properties: { Id: { type: "string" } }, type: "object" },
      })
    : returning("GetInvalidationResult", {
        GetInvalidationResult: result({ type: "object", description: text }),
      });
}

describeNeverWrong(
  "the review's pages: a text's keys and formats, exact or refused, never wrong (session 40's review)",
  REVIEW_PAGES,
  [
    "template-fields",
    "field-attributes",
    "article-summary",
    "unsigned-formats",
    "lab-notes",
    "matched-in",
    "headline-title",
    "map-help-text",
  ],
);

describe("a text habit reorders: the preferred reading whose text swallowed keys is read again held to it", () => {
  // APIs.guru's plaid.com: a request body schema's sorted `additionalProperties: true description: …`, where the site's
  // style tried the schema last for `description`. Read onto the request body, the text ran on over the schema's
  // `properties: client_id: description: >- … type: string`; the schema's own reading kept every text habit, and the page
  // was refused as ambiguous (3 pages of the half-clean APIs.guru samples so).
  const document = {
    openapi: "3.0.0",
    info: { title: "The Plaid API", version: "2020-09-14" },
    paths: {
      "/credit/bank_income/refresh": {
        post: {
          operationId: "creditBankIncomeRefresh",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  additionalProperties: true,
                  description:
                    "CreditBankIncomeRefreshRequest defines the request schema for `/credit/bank_income/refresh`.",
                  properties: {
                    client_id: {
                      description:
                        "Your Plaid API `client_id`. The `client_id` is required and may be provided either in the `PLAID-CLIENT-ID` header or as part of a request body.",
                      title: "ClientID",
                      type: "string",
                    },
                    user_token: {
                      description: "The user token associated with the User data is being requested for.",
                      title: "UserToken",
                      type: "string",
                    },
                  },
                  required: ["user_token"],
                  title: "CreditBankIncomeRefreshRequest",
                  type: "object",
                },
              },
            },
            required: true,
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));
  // What plaid's clean pages did: try a media type's schema last for a `description` (a site's rank, no problem).
  const bodyDescribedLast: EvidenceRule = {
    name: "a site whose style tries a body schema last for its description",
    exact: false,
    problems: () => [],
    rank: (path, _entries, key) => (key === "description" && path.at(-1) === "schema" ? 1 : 0),
  };
  const rules = [bodyDescribedLast, ...rulesFor(undefined, text, text)];

  it("is read exactly, the text habits reordering the readings", () => {
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(document));
  });

  it("is refused as ambiguous where the habits only decide", () => {
    const deciding = rules.map((rule) => ({ ...rule, reorders: false }));
    const recovered = recoverCollapsed(text, { rules: deciding });
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /^ambiguous at word \d+ .*requestBody\/description/,
    );
  });
});

describe("values end with no lone dash (danglingDashRule)", () => {
  const rule = danglingDashRule();
  const ITEMS = ["components", "schemas", "Series", "properties", "MetricValueList", "allOf", 0, "items"];
  it.each([
    ["a format run on into the next part's dash", ITEMS, ["format", "double -"], 1],
    ["a format", ITEMS, ["format", "double"], 0],
    ["a text ending with a dash, as 5 real descriptions do", ITEMS, ["description", "The list of data -"], 0],
    ["a pattern ending with a dash", ITEMS, ["pattern", "a-z, A-Z, 0-9, /, _, -"], 0],
    ["an example's value", [...ITEMS, "example"], ["unit", "m -"], 0],
    ["a dash alone (an enum's `-`)", ITEMS, ["format", "-"], 0],
    ["a schema's own example, a free value (a review's open range)", ITEMS, ["example", "2019 -"], 0],
    ["a schema's default and an extension, free values", ITEMS, ["x-display-name", "Model -"], 0],
    ["a comment, a text", ITEMS, ["$comment", "Floor 3 -"], 0],
  ] as const)("%s", (_name, path, entry, want) => {
    expect(problemsOf(rule, [...path], [[entry[0], entry[1]]])).toHaveLength(want);
  });

  // APIs.guru's amazonaws.com/lookoutmetrics (held-out seed 7, half clean): `MetricValueList: allOf: - type: array items:
  // type: number format: double - description: The values for the metric.` was written with the format `double -` and
  // the part's text on the first part, as the site's style decided. Here an invented site of the same shape: the value
  // could end before the next part's `- ` or run on past its dash.
  const part = (type: Record<string, unknown>, text: string) => ({ allOf: [type, { description: text }] });
  const operation = (name: string, values: Record<string, unknown>) => ({
    post: {
      operationId: name,
      responses: {
        "200": {
          description: "Success",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  TimeSeriesId: part(
                    { type: "string", maxLength: 520 },
                    `The ID of the ${name} time series.`,
                  ),
                  DimensionList: part(
                    { type: "array", items: { type: "string" } },
                    "The dimensions of the metric.",
                  ),
                  MetricValueList: part(values, "The values for the metric."),
                },
                description: `Details about a ${name} metric.`,
              },
            },
          },
        },
      },
    },
  });
  const names = [
    "ListAnomalyGroupTimeSeries",
    "ListMetrics",
    "DescribeMetricSet",
    "GetFeedback",
    "ListAlerts",
  ];
  const spec = {
    openapi: "3.0.0",
    info: { title: "Amazon Lookout for Metrics", version: "2017-07-25" },
    paths: Object.fromEntries(
      names.map((name, index) => [
        `/${name}`,
        operation(name, {
          type: "array",
          items: index === 0 ? { type: "number", format: "double" } : { type: "string" },
        }),
      ]),
    ),
  };
  const pages = pagesOf(spec as never, "lookoutmetrics");
  const read = (keep: (rule: EvidenceRule) => boolean) =>
    readAmongCleanNeighbours(pages, 0, {}, { clean: (at) => at !== 0, keep }).recovered;

  it("is refused, never written with the next part's dash in the format", () => {
    const recovered = read(() => true);
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word \d+ .*text running on/);
  });

  it("refuses a reading whose value ends with a lone dash, naming the value", () => {
    // No list is open after the operation's id, so the model reads `listValues -` whole: the one reading, and a value no
    // real spec writes (the rule refuses, never decides).
    const document = {
      openapi: "3.1.0",
      info: { title: "Values", version: "1" },
      paths: {
        "/values": { get: { operationId: "listValues -", responses: { "200": { description: "OK" } } } },
      },
    };
    const text = scrape(renderSiteYaml(document));
    const rules = rulesFor(undefined, text, text);
    const refused = recoverCollapsed(text, { rules });
    expect(refused.ok ? "written" : refused.message).toBe(
      "refused: paths//values/get/operationId: text ends with a lone dash",
    );
    const written = recoverCollapsed(text, { rules: rules.filter((other) => other.name !== rule.name) });
    expect(written.ok ? written.document : written.message).toEqual(scrapeValues(document));
  });
});

describeNeverWrong(
  "a review's pages whose free values and comments really end with a lone dash (danglingDashRule, session 41)",
  LONE_DASH_PAGES,
  ["labels", "printers", "catalog"],
);
