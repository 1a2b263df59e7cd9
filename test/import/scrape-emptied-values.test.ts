/**
 * Values the scrape left empty or long: a text field whose whole value was `<…>` markup (`description: <p/>`, 812
 * descriptions of 124 APIs.guru specs, 55 of them AWS's) shows on a collapsed page as a key followed at once by the next
 * key, and the text before it could run on past it; an enum of many single words (AWS's 23 regions on every page,
 * Seldon's 47 data types) could join any two of its values. Pages shaped like the APIs.guru pages each was found on
 * (AWS SSM's `CancelCommand`, Seldon's `TensorflowDataType`), cut the site's way.
 */
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { enumDashRule, exampleListDashRule } from "../../scripts/import/list-rules.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { keywordEndingTextRule } from "../../scripts/import/text-rules.ts";
import { returning } from "./support/one-operation.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { scrape, scrapeValues, visibleValues } from "./support/scrape.ts";

const COMMANDS = ["CancelCommand", "DeleteQueue", "GetCommand", "ListCommands", "SendCommand", "StopCommand"];

/** AWS's shape (APIs.guru's ssm.json): each request schema ends with a description of `<p/>` only. */
function awsSpec(extra: { servers?: unknown[]; enumValues?: string[] } = {}) {
  const request = (name: string) => ({
    type: "object",
    required: ["CommandId"],
    title: `${name}Request`,
    properties: {
      CommandId: {
        allOf: [
          { type: "string", minLength: 36, maxLength: 36 },
          {
            description: `The ID of the command you want to ${name}. If not provided, the command is canceled on every node on which it was requested.`,
          },
        ],
      },
      ...(extra.enumValues ? { Status: { type: "string", enum: extra.enumValues } } : {}),
    },
    description: "<p/>",
  });
  return {
    openapi: "3.0.0",
    info: { title: "Amazon Simple Systems Manager (SSM)", version: "2014-11-06" },
    servers: extra.servers ?? [{ url: "https://ssm.amazonaws.com" }],
    paths: Object.fromEntries(
      COMMANDS.map((name) => [
        `/#X-Amz-Target=AmazonSSM.${name}`,
        {
          post: {
            operationId: name,
            summary: name,
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Request` } } },
            },
            responses: { "200": { description: "Success" } },
          },
        },
      ]),
    ),
    components: { schemas: Object.fromEntries(COMMANDS.map((name) => [`${name}Request`, request(name)])) },
  };
}

/** Four operations, each returning its own schema built from `schema` (the reviews' shop). */
function shop(schema: object, extra: Record<string, unknown> = {}) {
  const names = ["Ticket", "Survey", "Visit", "Shift"];
  return {
    openapi: "3.1.0",
    info: { title: "Shop API", version: "1.0.0" },
    servers: [{ url: "https://api.shop.example.com" }],
    paths: Object.fromEntries(
      names.map((name) => [
        `/${name.toLowerCase()}s/{id}`,
        {
          get: {
            operationId: `shop-get${name}`,
            summary: `Get ${name.toLowerCase()}`,
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": {
                description: `The ${name.toLowerCase()}`,
                content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
              },
            },
          },
        },
      ]),
    ),
    ...extra,
    components: {
      ...(extra.components as object),
      schemas: Object.fromEntries(names.map((name) => [name, { type: "object", ...schema }])),
    },
  };
}

/** `pages[at]` read collapsed among its neighbours, the even ones clean or none: `exact`, `wrong` or the refusal. */
function outcome(spec: object, at: number, cleanNeighbours: boolean): string {
  const pages = pagesOf(spec as never, "aws");
  const { page, recovered } = readAmongCleanNeighbours(
    pages,
    at,
    {},
    { clean: (index) => cleanNeighbours && index % 2 === 0 },
  );
  if (!recovered.ok) return recovered.message;
  return JSON.stringify(visibleValues(recovered.document)) === JSON.stringify(visibleValues(page.expected))
    ? "exact"
    : "wrong";
}

describe("a text field the scrape emptied (`description: <p/>`)", () => {
  it("reads AWS SSM's request schema exactly where clean pages show the site's request bodies", () => {
    expect(outcome(awsSpec(), 1, true)).toBe("exact");
    expect(outcome(awsSpec(), 3, true)).toBe("exact");
  });

  // Before, the property's text ran on past `description:` (no text field could be left empty) and the page was
  // written with `… on which it was requested. description:` as the property's description.
  it("refuses the page with no clean page, where several objects could take the emptied description", () => {
    expect(outcome(awsSpec(), 1, false)).toMatch(/^ambiguous at word \d+ \(character \d+, "description:"\)/);
  });

  it("keeps a property named `description` whose schema holds `description: …` (googleapis workflows')", () => {
    const document = returning("Workflow", {
      Workflow: {
        properties: {
          createTime: {
            description: "Output only. When it was created.",
            format: "google-datetime",
            type: "string",
          },
          description: { description: "Description of the workflow provided by the user.", type: "string" },
          name: { description: "The resource name of the workflow.", type: "string" },
        },
        type: "object",
      },
    });
    const text = scrape(renderSiteYaml(document));
    const recovered = recoverCollapsed(text);
    expect(recovered.ok && recovered.document).toEqual(scrapeValues(document));
  });

  it("empties no list item: a security requirement after a scope list (SLMonitor's `- Pin: []`)", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "SLMonitor", version: "2.1" },
      paths: {
        "/api/v2.1/users/{id}": {
          get: {
            operationId: "Api_GetUser2",
            security: [{ EmailLogin: ["CompanyAdministrator", "CompanyMonitor"] }, { Pin: [] }],
            responses: { "200": { description: "OK" } },
          },
        },
      },
      components: {
        securitySchemes: {
          EmailLogin: {
            type: "oauth2",
            flows: {
              password: {
                tokenUrl: "https://api.slmonitor.com/token",
                scopes: { CompanyAdministrator: "Administrator", CompanyMonitor: "Monitor" },
              },
            },
          },
          Pin: { type: "apiKey", name: "pin", in: "header" },
        },
      },
    };
    const text = scrape(renderSiteYaml(document));
    expect(text).toContain("- CompanyMonitor - Pin: []");
    const recovered = recoverCollapsed(text, { rules: rulesFor(undefined, text, text) });
    expect(recovered.ok && recovered.document).toEqual(document);
  });

  // A review's pages: each written wrong by this change's first form (emptied summaries, titles and map entries; the
  // open-list rule stopping at any word ending with `:`), refused or read exactly before it.
  it.each([
    [
      "a property described by a bold label only",
      { seats: { description: "<strong>Seats:</strong>", type: "integer", minimum: 1 } },
    ],
    [
      "an enum whose last value is quoted and holds a colon",
      { hours: { type: "string", enum: ["Tue - Thu", "Sun", "Other: by appointment"] } },
    ],
    [
      "an example list whose last item is a map",
      { stops: { type: "array", items: {}, example: ["Mon - Fri", { city: "Leeds", at: "09:00" }] } },
    ],
    // A second review's: where nothing but the emptied reading reads, it was written.
    [
      "a description starting with a field's label (`<b>default:</b> 20`)",
      { limit: { description: "<b>default:</b> 20", type: "integer", maximum: 100 } },
    ],
    [
      "an emptied description before a property named `description`",
      { name: { type: "string", description: "<p></p>" }, description: { type: "string", maxLength: 500 } },
    ],
    [
      "a plain description ending with `description:` once its markup is gone",
      {
        blurb: { type: "string", description: "Shown above the full description:<br/>" },
        rank: { type: "integer" },
      },
    ],
  ])("never writes wrong %s", (_, properties) => {
    const spec = shop({ properties });
    for (const at of [0, 1, 2, 3])
      for (const clean of [false, true]) expect(outcome(spec, at, clean), `page ${at}`).not.toBe("wrong");
  });

  it.each([
    [
      "`info`'s description ending with `summary:` once its image is gone",
      {
        info: {
          title: "Boards",
          version: "3.2.1",
          description:
            'Every change to a card shows up in the board\'s activity summary:<img src="https://example.com/a.png"/>',
        },
      },
    ],
    [
      "OAuth scopes described by bold labels",
      {
        components: {
          securitySchemes: {
            oauth: {
              type: "oauth2",
              flows: {
                implicit: {
                  authorizationUrl: "https://example.com/auth",
                  scopes: {
                    admin: "<b>Warning:</b> full access to every site",
                    read: "Read access",
                    write: "<b>Note:</b> also grants read",
                  },
                },
              },
            },
          },
        },
        security: [{ oauth: ["read"] }],
      },
    ],
  ])("never writes wrong a page with %s", (_, extra) => {
    const spec = shop({ properties: { name: { type: "string" } } }, extra);
    for (const at of [0, 1, 2, 3])
      for (const clean of [false, true]) expect(outcome(spec, at, clean), `page ${at}`).not.toBe("wrong");
  });

  // AWS's `info` (APIs.guru's s3, kafkaconnect: 9 specs): `title: … description: x-logo: url: …`, no text before the
  // emptied description that could run on past it. Before, no reading was left and every page of such a spec was
  // refused at `x-logo:`.
  const awsInfo = {
    version: "2006-03-01",
    "x-release": "v4",
    title: "Amazon Simple Storage Service",
    description: "<p/>",
    "x-logo": { url: "https://twitter.com/awscloud/profile_image?size=original", backgroundColor: "#FFFFFF" },
    termsOfService: "https://aws.amazon.com/service-terms/",
  };
  it("reads AWS's `info` whose description is `<p/>` before its `x-logo` exactly", () => {
    const spec = shop({ properties: { name: { type: "string" } } }, { info: awsInfo });
    expect(scrape(renderSiteYaml(spec))).toContain("description: x-logo: url:");
    for (const at of [0, 1, 2, 3])
      for (const clean of [false, true]) expect(outcome(spec, at, clean), `page ${at}`).toBe("exact");
  });

  // A text that starts with a header's name in code (`<code>x-request-id</code>: …`) bares an extension key once its
  // markup is gone. The site's writer quotes a short one and folds a long one (`>- x-request-id: …`), so it never
  // reads as an emptied description before an extension.
  it.each([
    [
      "short",
      "<code>x-request-id</code>: the request's id",
      "description: 'x-request-id: the request''s id'",
    ],
    [
      "long",
      "<code>x-request-id</code>: the request's id, which support asks for when a request fails or takes too long",
      "description: >- x-request-id: the request's id",
    ],
  ])("never writes wrong a property described by a header's name in code (%s)", (_, description, shown) => {
    const spec = shop({ properties: { requestId: { description, type: "string" } } });
    expect(scrape(renderSiteYaml(spec))).toContain(shown);
    for (const at of [0, 1, 2, 3])
      for (const clean of [false, true]) expect(outcome(spec, at, clean), `page ${at}`).not.toBe("wrong");
  });

  const ending = keywordEndingTextRule();
  it.each([
    ["an emptied description after a sentence (AWS SSM's)", "… on which it was requested. description:", 1],
    // Only `description` is read as emptied (the scrape empties no real summary or title), so only it is judged.
    ["`summary:` after a word", "Returns the node summary:", 0],
    ["`title:` after a word", "The queue's title:", 0],
    ["`description:` after a word leading into it", "Uses the following description:", 0],
    ["`description:` after a word (a second review's)", "Searches the product name and description:", 0],
    ["`description:` inside the text", "The description: kept as given", 0],
  ] as const)("judges a text ending with %s", (_, text, want) => {
    const at = ["components", "schemas", "Queue", "properties", "name"];
    expect(ending.problems(at, [["description", text]], true)).toHaveLength(want);
  });
});

describe("an open list whose items join single words (enumDashRule, exampleListDashRule)", () => {
  // Before, a rival joining two values was searched through every way of reading the values after it (twice the steps
  // for each value further from the list's end), and past the rival's step limit the page was refused as ambiguous.
  it("reads an enum of 30 single words on a schema (Seldon's `TensorflowDataType`), half of the pages clean", () => {
    const values = Array.from({ length: 30 }, (_, index) => `DT_TYPE_${index}`);
    expect(outcome(awsSpec({ enumValues: values }), 1, true)).toBe("exact");
  });

  const words = (text: string) => () => text.split(" ");
  const at = ["components", "schemas", "Status", "enum"];
  const rule = enumDashRule();
  it.each([
    ["later items single words", ["a", "b - c"], "- d - e", 1],
    ["no joined item yet", ["a", "b"], "- c - d", 0],
    ["later items ending at the next key", ["a - b"], "- c - d default: a", 1],
    ["a later item of several words", ["a - b"], "- c d - e", 0],
    ["a later repeat (Open Banking's `GB - ENG`, `GB - NIR`)", ["GB - ENG"], "- GB - NIR", 0],
    ["a later number (a range)", ["a - b"], "- 1 - 5", 0],
    ["a later quoted item", ["a - b"], "- 'c d'", 0],
    [
      "a later quoted item holding a colon (a review's)",
      ["Mon - Fri"],
      "- Sat - 'Other: by appointment' title: Hours",
      0,
    ],
    ["a later item that is a map (a review's)", ["Mon - Fri"], "- Note: any day", 0],
    ["a later item that is a list", ["a - b"], "- - c", 0],
  ] as const)("judges an open enum with %s", (_, items, rest, want) => {
    expect(rule.openListProblems?.(at, items, words(rest))).toHaveLength(want);
  });

  it("leaves a value the site's clean pages write alone", () => {
    const known = enumDashRule(new Set(["c - d"]));
    expect(known.openListProblems?.(at, ["a - b"], words("- c - d"))).toEqual([]);
  });

  it("judges example lists inside example data only", () => {
    const examples = exampleListDashRule();
    const tags = ["components", "schemas", "Post", "example", "tags"];
    expect(examples.openListProblems?.(tags, ["tag1 - tag2"], words("- tag3"))).toHaveLength(1);
    expect(examples.openListProblems?.(at, ["a - b"], words("- c"))).toEqual([]);
  });
});
