/**
 * States that can never end in a whole document are cut where that becomes certain, not at the end of the page
 * (reading-stack.ts missesRequiredKey, missesReferencedComponent, opensResponseDefault). The shapes are APIs.guru's
 * (up.com.au, soundcloud.com, plaid.com), where one early wrong choice made the reader search every reading of what
 * followed it and the page was refused over its budget. A budget is given in steps here, so the tests count work,
 * not time.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { getting } from "./support/one-operation.ts";
import { type RealPage, realPages } from "./support/real-pages.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

/** Far fewer than the default budget (200 000): before the cuts each page below needed more than that. */
const STEPS = 20_000;

/** Page 067's budget for each of its two readings: fewer than 20 000 steps each now; 24 000 were too few before. */
const STEPS_067 = 20_000;

function read(document: object) {
  return recoverCollapsed(scrape(renderSiteYaml(document)), { steps: STEPS });
}

describe("an object missing a key its kind requires, with no word left that reads as that key, is dead", () => {
  // up.com.au: the response's `description` could be its schema's (3.1 allows it beside `$ref`); read so, the
  // response can only close if a later word is `description:`, and none is before `components:`.
  const item = (id: string) => ({
    id,
    relationships: {
      transactions: { links: { related: `https://api.example.com/v1/transactions?filter%5Btag%5D=${id}` } },
    },
    type: "tags",
  });
  const page = (example: object) => ({
    openapi: "3.1.0",
    info: { title: "Up API", version: "v1" },
    paths: {
      "/tags": {
        get: {
          responses: {
            "200": {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Tags" } } },
              description: "Successful Response",
              "x-up:example": example,
            },
          },
        },
      },
    },
    components: { schemas: { Tags: { type: "object", title: "Tags" } } },
  });

  it("refuses an example of nested items as ambiguous (the model cannot tell its nesting) within the budget", () => {
    const recovered = read(page({ response: { data: [item("Holiday"), item("Pizza"), item("Beach")] } }));
    expect(recovered.ok ? "read" : recovered.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "type:"\)/,
    );
  });
});

describe("a component the reading refers to that can no longer be defined is dead", () => {
  // soundcloud.com: an example component whose value is `$ref: '#/components/examples/Track/value'` (a pointer into a
  // component the page does not copy) can take the next component's name as one of its keys; the reference to that
  // component then dangles, which the final check found only after every reading of the schemas after it.
  const document = {
    ...getting(
      {},
      {
        content: {
          "application/json": {
            examples: {
              default: { $ref: "#/components/examples/Unauthorized" },
              list: { $ref: "#/components/examples/TracksList" },
            },
            schema: { $ref: "#/components/schemas/Error" },
          },
        },
      },
    ),
    components: {
      examples: {
        TracksList: {
          description: "Deprecated, use Tracks instead.",
          value: { $ref: "#/components/examples/Track/value" },
        },
        Unauthorized: { value: { code: 401, message: "Detailed message of errors, when available" } },
      },
      schemas: {
        Error: {
          properties: {
            code: { type: "integer" },
            error: { deprecated: true, nullable: true, type: "string" },
            errors: { items: {}, type: "array" },
            link: { type: "string" },
            message: { type: "string" },
            status: { type: "string" },
          },
          type: "object",
          title: "Error",
        },
      },
    },
  };

  it("reads the page exactly within the budget", () => {
    const recovered = read(document);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(document));
  });

  it("still refuses a page whose reference truly dangles (the cut only moves the failure earlier)", () => {
    const { Unauthorized: _, ...examples } = document.components.examples;
    const recovered = read({ ...document, components: { ...document.components, examples } });
    expect(recovered.ok ? "read" : recovered.message).toMatch(/^cannot read word \d+/);
  });
});

describe("a response schema's `default` whose first key is a Response's `content` is dead as it opens", () => {
  // plaid.com: the 200 response's schema is a `$ref`, and the responses' `default:` after it could be that schema's
  // `default` keyword. Its value's first key, `content:`, was not judged (later keys were), so the value took the
  // default response, the request body and every reading of their texts before the page's end ruled it out.
  const property = (description: string) => ({ description, type: "string" });
  const document = {
    openapi: "3.1.0",
    info: { title: "The Plaid API", version: "2020-09-14_1.345.1" },
    paths: {
      "/bank_transfer/migrate_account": {
        post: {
          operationId: "bankTransferMigrateAccount",
          responses: {
            "200": {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Migrated" } } },
              description: "OK",
            },
            default: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Migrated" } } },
              description: "Error response",
            },
          },
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  properties: {
                    account_number: property("The user's account number."),
                    account_type: property("The type of the bank account (`checking` or `savings`)."),
                    routing_number: property("The user's routing number."),
                  },
                  required: ["account_number", "routing_number", "account_type"],
                  type: "object",
                },
              },
            },
            required: true,
          },
        },
      },
    },
    components: { schemas: { Migrated: { type: "object", title: "Migrated" } } },
  };

  it("reads the page exactly within the budget", () => {
    const recovered = read(document);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(document));
  });
});

describe("a long page whose choices repeat settles them without searching every rule each time", () => {
  // Twilio's api_v2010, the bench's half-clean sample: page 067 (a call's recordings, 23 KB) holds hundreds of choices
  // of the same few shapes (each example value's keys, each enum's items). Each rival is ruled out by one rule soon
  // after it; the reader used to try some twenty rules for 32 steps each before that one, and the page ran over its
  // CPU budget. Evidence as the import gathers it from the clean half of the pages (the even ones). The page is read
  // twice (its examples' evidence decides an ambiguity of the first reading), each within the budget.
  it("reads Twilio's page 067 exactly within STEPS_067 steps a reading", () => {
    const pages = realPages("twilio-v2010");
    const evidence = emptyEvidence();
    for (const [index, page] of pages.entries())
      if (index % 2 === 0) learnFrom(evidence, parse((extractSpec(page.clean) as { yaml: string }).yaml));
    const page = pages[67] as RealPage;
    const yaml = (
      (extractSpec(page.collapsed) as { candidates: { yaml: string }[] }).candidates[0] as { yaml: string }
    ).yaml;
    const read = recoverCollapsed(yaml, {
      rules: rulesFor(evidence, page.collapsed, yaml),
      requiredKeys: ["paths"],
      steps: STEPS_067,
    });
    expect(read.ok ? read.document : read.message).toEqual(page.expected);
  });
});
