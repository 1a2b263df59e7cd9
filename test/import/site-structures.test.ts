/**
 * The eighteenth pass's model change (docs/import.md): a response's header names are never status codes
 * (openapi-model.ts). The responses are a trimmed copy of journy.io's (APIs.guru), every one ending with its
 * rate-limit headers, so the next response's code could be read as one more header.
 */
import { describe, expect, it } from "vitest";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { getting } from "./support/one-operation.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

const message = {
  description: "The message specifies what is done",
  properties: { message: { type: "string" } },
  type: "object",
};
const rateLimit = {
  "X-RateLimit-Limit": { description: "Request limit per minute.", schema: { type: "integer" } },
  "X-RateLimit-Remaining": {
    description: "The number of requests left for the time window.",
    schema: { type: "integer" },
  },
};

describe("a response's headers are never named like a status code (openapi-model.ts)", () => {
  it("reads the next response's code after a response's last header as the response, with no evidence", () => {
    const document = {
      ...getting({}),
      paths: {
        "/accounts/users/remove": {
          post: {
            responses: {
              "400": { description: "Bad request", headers: rateLimit },
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
