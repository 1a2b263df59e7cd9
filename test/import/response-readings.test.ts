/**
 * The eighteenth pass's changes to what the model and the site's style say of responses (docs/import.md): a response's
 * header names are never status codes (openapi-model.ts; the responses are a trimmed copy of journy.io's, every one
 * ending with its rate-limit headers), and an extension on a response is no style evidence (site-style.ts; a review's
 * page).
 */
import { describe, expect, it } from "vitest";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { getting } from "./support/one-operation.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
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

describe("an extension on a response the clean pages never show is no style evidence (site-style.ts)", () => {
  // The review's shop: clean pages answer 404 with a description alone; a collapsed page's 404 carries
  // `x-retryable: false` before its 500, which the responses map could take as well.
  const op = (id: string, notFound: object) => ({
    get: {
      operationId: id,
      summary: id,
      responses: { "200": { description: "OK" }, "404": notFound, "500": { description: "Server error" } },
    },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "Shop API", version: "1.0.0" },
    servers: [{ url: "https://api.shop.example/v1" }],
    paths: {
      "/items": op("listItems", { description: "Not found" }),
      "/orders": op("listOrders", { description: "Not found" }),
      "/carts": op("listCarts", { description: "Not found", "x-retryable": false }),
    },
  };

  it("refuses the page rather than move the extension onto the responses map", () => {
    const { recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "shop"), 2);
    expect(recovered.ok ? recovered.document : recovered.message).toMatch(
      /^ambiguous at word \d+ .*"x-retryable:"\): it reads as \/paths\/~1carts\/get\/responses\/404\/x-retryable or as \/paths\/~1carts\/get\/responses\/x-retryable$/,
    );
  });
});
