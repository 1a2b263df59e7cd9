/**
 * A small invented page for cases no real page shows yet (a reviewer's pages): `GET /pets` answering the component
 * `Pet`, read back from its scrape with the evidence the page alone gives.
 */
import { rulesFor } from "../../../scripts/import/import-evidence.ts";
import { type Recovery, recoverCollapsed } from "../../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../../scripts/import/render-yaml.ts";
import { scrape, scrapeValues } from "./scrape.ts";

/** The document, with `media` added to the response's `application/json` media type (e.g. its `examples`). */
export function petsDocument(pet: Record<string, unknown>, media: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "Pets", version: "1.0.0" },
    paths: {
      "/pets": {
        get: {
          operationId: "getPet",
          responses: {
            "200": {
              description: "OK",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" }, ...media } },
            },
          },
        },
      },
    },
    components: { schemas: { Pet: pet } },
  };
}

/** The document rendered in the site's style, scraped, and read back; `expected` is what an exact reading gives. */
export function readScraped(document: unknown): { recovered: Recovery; expected: unknown } {
  const text = scrape(renderSiteYaml(document));
  return {
    recovered: recoverCollapsed(text, { rules: rulesFor(undefined, text, text) }),
    expected: scrapeValues(document),
  };
}
