/**
 * AutoRest's parameter extensions on collapsed pages with no clean page: a parameter's `x-ms-parameter-location`
 * after its `x-ms-parameter-grouping` (azureDocumentedKeysRule), and the grouping on the parameter, not its schema
 * (azureParameterLocationRule).
 */
import { describe, expect, it } from "vitest";
import { azureDocumentedKeysRule } from "../../scripts/import/schema-habits.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { expectDecidedOnlyBy } from "./support/rule-readings.ts";

/** Azure Search's data sources: grouped options, a client-level endpoint variable. */
function searchSpec(groupingFirst = true) {
  const requestId = {
    description: "The tracking ID sent with the request to help with debugging.",
    in: "header",
    name: "client-request-id",
    required: false,
    schema: { $ref: "#/components/schemas/RequestId" },
    ...(groupingFirst
      ? {
          "x-ms-client-request-id": true,
          "x-ms-parameter-grouping": { name: "request-options" },
          "x-ms-parameter-location": "method",
        }
      : { "x-ms-parameter-location": "method" }),
  };
  return {
    openapi: "3.1.0",
    info: { title: "SearchServiceClient", version: "2019-05-06" },
    servers: [{ url: "https://search.azure.local" }],
    paths: {
      "/datasources('{dataSourceName}')": {
        delete: {
          operationId: "DataSources_Delete",
          parameters: [
            {
              description: "The name of the datasource to delete.",
              in: "path",
              name: "dataSourceName",
              required: true,
              schema: { type: "string" },
            },
            requestId,
          ],
          responses: { "204": { description: "No Content" } },
        },
      },
    },
    components: { schemas: { RequestId: { format: "uuid", type: "string" } } },
  };
}

describe("AutoRest's `x-ms-parameter-grouping` holds `name` and `postfix` (azureDocumentedKeysRule)", () => {
  const rule = azureDocumentedKeysRule();
  const parameter = ["paths", "/a", "get", "parameters", 1];
  it.each([
    ["the group's name", [...parameter, "x-ms-parameter-grouping"], "name", 0],
    ["the group's postfix", [...parameter, "x-ms-parameter-grouping"], "postfix", 0],
    [
      "the parameter's location in the group",
      [...parameter, "x-ms-parameter-grouping"],
      "x-ms-parameter-location",
      1,
    ],
    ["the location on the parameter", parameter, "x-ms-parameter-location", 0],
  ] as const)("judges %s", (_, path, key, count) => {
    expect(rule.keyProblems?.([...path], [], key)).toHaveLength(count);
    expect(rule.rank?.([...path], [], key, "scalar")).toBe(count);
  });
});

describe("Azure Search's page, every page collapsed", () => {
  it("reads exactly: the grouping and the location as AutoRest writes them", () => {
    const { page, recovered } = readAmongCleanNeighbours(
      pagesOf(searchSpec() as never, "search"),
      0,
      {},
      { clean: () => false },
    );
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
  });

  it("is decided by the grouping's keys where the location follows the grouping", () => {
    expectDecidedOnlyBy(
      searchSpec(),
      "AutoRest's `x-ms-enum` and `x-ms-parameter-grouping` hold their documented keys",
      /ambiguous at word \d+ .*"x-ms-parameter-location:"/,
    );
  });
});
