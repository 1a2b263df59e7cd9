/**
 * The eighteenth pass's evidence (docs/import.md): the nesting of a list a known component shows (renamedComponentsRule
 * `rankItem`), a site's bare `$ref` schemas as a style of their own (site-style.ts), and header names that are never
 * status codes (openapi-model.ts). Pages are cut from a trimmed copy of journy.io's spec (APIs.guru), whose pages each
 * hoist their error responses under their own names, read with their neighbours clean as an import of the site does.
 */
import { describe, expect, it } from "vitest";
import type { EvidenceRule } from "../../scripts/import/evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { emptyStyle, learnStyle, styleRule } from "../../scripts/import/site-style.ts";
import { getting } from "./support/one-operation.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

const meta = {
  description: "The basic response containing the unique ID of the request and the response status",
  properties: { meta: { properties: { requestId: { type: "string" } }, type: "object" } },
  type: "object",
};
const message = {
  description: "The message specifies what is done",
  properties: { message: { type: "string" } },
  type: "object",
};
const errors = {
  description: "Specify the fields and/ or parameters that had errors",
  properties: { errors: { description: "Map that sums up all received values that seemed incorrect" } },
  type: "object",
};
const rateLimit = {
  "X-RateLimit-Limit": { description: "Request limit per minute.", schema: { type: "integer" } },
  "X-RateLimit-Remaining": {
    description: "The number of requests left for the time window.",
    schema: { type: "integer" },
  },
};

/** journy's operations: every 400 is `allOf: [allOf: [meta, message], errors]`, every response ends with headers. */
function journy(routes: readonly string[]) {
  const operation = (route: string) => ({
    operationId: route.slice(1).replace(/\//g, "_"),
    responses: {
      "200": { content: { "application/json": { schema: message } }, description: "OK", headers: rateLimit },
      "400": {
        content: { "application/json": { schema: { allOf: [{ allOf: [meta, message] }, errors] } } },
        description: "Bad request, some fields or parameters are incorrect",
        headers: rateLimit,
      },
      "401": { content: { "application/json": { schema: message } }, description: "Unauthorized" },
    },
  });
  return {
    openapi: "3.1.0",
    info: { title: "journy.io API", version: "1.0.0" },
    servers: [{ url: "https://api.journy.io" }],
    paths: Object.fromEntries(routes.map((route) => [route, { post: operation(route) }])),
  };
}

describe("a known component's list nesting ranks the lists a `- ` item could join (renamedComponentsRule rankItem)", () => {
  const pages = pagesOf(journy(["/accounts/upsert", "/accounts/users/add", "/events"]) as never, "journy");
  const read = readAmongCleanNeighbours(pages, 1);
  const renamed = read.rules.find((rule) => rule.name.startsWith("components known from clean pages under"));

  it("ranks last the list the known component ends there", () => {
    const inner = ["components", "schemas", "add_add_Response_400", "allOf", 0, "allOf"];
    const name = Object.keys(
      (pages[1]?.expected as { components: { schemas: object } }).components.schemas,
    ).find((key) => key.endsWith("_Response_400")) as string;
    inner[2] = name;
    expect(renamed?.rankItem?.(inner, 1)).toBe(0);
    expect(renamed?.rankItem?.(inner, 2)).toBe(1);
    expect(renamed?.rankItem?.(inner.slice(0, 4), 1)).toBe(0);
  });

  it("reads the page's 400 response as its neighbours nest it, which the rule's other evidence cannot decide", () => {
    expect(read.recovered.ok ? read.recovered.document : read.recovered.message).toEqual(pages[1]?.expected);
    const withoutRank = read.rules.map((rule): EvidenceRule => {
      if (rule !== renamed) return rule;
      const { rankItem: _, ...rest } = rule;
      return rest;
    });
    const without = recoverCollapsed(read.yaml, { requiredKeys: ["paths"], rules: withoutRank });
    expect(without.ok ? "read" : without.message).toMatch(
      /^ambiguous at word \d+ .*"-"\): it reads as an item of .*\/allOf\/0\/allOf or as an item of .*\/allOf$/,
    );
  });
});

describe("a site's schemas that refer to a component are a style of their own (site-style.ts)", () => {
  // Clean pages write media type schemas bare (`schema: $ref: …`) and inline ones with a description.
  const style = emptyStyle();
  const inline = { description: "A message", type: "object" };
  for (const schema of [
    { $ref: "#/components/schemas/A" },
    { $ref: "#/components/schemas/B" },
    inline,
    inline,
  ])
    learnStyle(style, getting({}, { content: { "application/json": { schema } } }));
  const rule = styleRule(style) as EvidenceRule;
  const at = ["paths", "/a", "get", "responses", "200", "content", "application/json", "schema"];

  it.each([
    [
      "a `$ref` with a description",
      [
        ["$ref", "#/components/schemas/A"],
        ["description", "d"],
      ],
      ["unseen description"],
    ],
    ["a bare `$ref`", [["$ref", "#/components/schemas/A"]], []],
    [
      "an inline schema with a description",
      [
        ["description", "d"],
        ["type", "object"],
      ],
      [],
    ],
  ] as const)("%s", (_, entries, problems) => {
    expect(rule.problems(at, [...entries], true)).toEqual(problems);
  });

  it("ranks a key after a `$ref` by the site's `$ref` schemas", () => {
    expect(rule.rank?.(at, [["$ref", "#/components/schemas/A"]], "description", "scalar")).toBe(2);
    expect(rule.rank?.(at, [], "description", "scalar")).toBe(0);
  });
});

describe("a response's headers are never named like a status code (openapi-model.ts)", () => {
  it("reads the next response's code after a response's last header as the response, with no evidence", () => {
    const document = {
      ...getting({}, { headers: rateLimit }),
      paths: {
        "/a": {
          get: {
            responses: {
              "200": { description: "ok", headers: rateLimit },
              "401": { content: { "application/json": { schema: message } }, description: "Unauthorized" },
            },
          },
        },
      },
    };
    const recovered = recoverCollapsed(scrape(renderSiteYaml(document)));
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(document));
  });
});
