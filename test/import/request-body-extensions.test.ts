/**
 * A request body is Swagger 2's body parameter converted, and carries the extensions a site writes on its parameters
 * (site-style.ts `styleRefusalRule`): Azure's `requestBody: … required: true x-ms-parameter-location: method`, on a site
 * whose clean pages (its GET operations) show no request body, was refused as an extension on a class seldom shown.
 */
import { describe, expect, it } from "vitest";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";

/** Azure's QnA Maker: a GET and a PUT per resource; the API version a client-level parameter, the body a method one. */
function qnaMakerSpec() {
  const apiVersion = {
    description: "Client API version.",
    in: "query",
    name: "api-version",
    required: true,
    schema: { type: "string" },
    "x-ms-parameter-location": "client",
  };
  const kbId = {
    description: "Knowledgebase id.",
    in: "path",
    name: "kbId",
    required: true,
    schema: { type: "string" },
    "x-ms-parameter-location": "method",
  };
  const item = (resource: string) => ({
    get: {
      operationId: `${resource}_Get`,
      parameters: [kbId, apiVersion],
      responses: { "200": { description: `The ${resource.toLowerCase()} of the knowledgebase.` } },
    },
    put: {
      operationId: `${resource}_Replace`,
      parameters: [kbId, apiVersion],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              description: `The ${resource.toLowerCase()} to replace.`,
              properties: {
                items: {
                  description: `Collection of ${resource.toLowerCase()}.`,
                  type: "array",
                  items: { type: "string" },
                },
              },
              type: "object",
            },
          },
        },
        description: `New ${resource.toLowerCase()} data.`,
        required: true,
        "x-ms-parameter-location": "method",
      },
      responses: { "204": { description: "Replaced." } },
    },
  });
  const paths: Record<string, unknown> = {};
  for (const resource of ["Alterations", "Endpoints", "Synonyms"]) {
    const { get, put } = item(resource);
    paths[`/knowledgebases/{kbId}/${resource.toLowerCase()}`] = { get };
    paths[`/knowledgebases/{kbId}/${resource.toLowerCase()}/replace`] = { put };
  }
  return {
    openapi: "3.1.0",
    info: { title: "QnAMaker Client", version: "4.0" },
    servers: [{ url: "https://westus.api.cognitive.microsoft.com/qnamaker/v4.0" }],
    paths,
  };
}

describe("an extension the site writes on its parameters, on a request body", () => {
  const pages = pagesOf(qnaMakerSpec() as never, "qnamaker");
  const getsClean = { clean: (at: number) => at % 2 === 0 };

  it.each([1, 3, 5])("PUT page %i, the GET pages clean, reads exactly", (index) => {
    const { page, recovered } = readAmongCleanNeighbours(pages, index, {}, getsClean);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
  });
});
