/**
 * AutoRest's extensions on collapsed pages with no clean page: a parameter's `x-ms-parameter-location` after its
 * `x-ms-parameter-grouping` (azureGroupingKeysRule), a server variable's `x-ms-skip-url-encoding` after its
 * `x-ms-parameter-location` (siteDocumentRule: the site's servers hold no extension), and a variable's text that could
 * run on past `x-ms-parameter-location: client` (sentenceKeyTextRule: an extension's key after a sentence).
 */
import { describe, expect, it } from "vitest";
import { siteDocumentRule } from "../../scripts/import/page-rules.ts";
import { azureGroupingKeysRule } from "../../scripts/import/schema-habits.ts";
import { sentenceKeyTextRule } from "../../scripts/import/text-rules.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { expectDecidedOnlyBy, problemsOf } from "./support/rule-readings.ts";

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
    servers: [
      { url: "https://search.azure.local" },
      {
        url: "{endpoint}",
        variables: {
          endpoint: {
            default: "none",
            description:
              "The endpoint URL of the search service. For example, https://myservice.search.windows.net.",
            "x-ms-parameter-location": "client",
            "x-ms-skip-url-encoding": true,
          },
        },
      },
    ],
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

describe("AutoRest's `x-ms-parameter-grouping` holds `name` and `postfix` (azureGroupingKeysRule)", () => {
  const rule = azureGroupingKeysRule();
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

describe("the site's servers hold no extension (siteDocumentRule)", () => {
  const rule = siteDocumentRule("# Delete\n\nDELETE https://myservice.search.windows.net/datasources\n");
  it.each([
    ["a server", ["servers", 0], 1],
    ["a server variable", ["servers", 0, "variables", "endpoint"], 0],
    ["an operation", ["paths", "/a", "get"], 0],
  ] as const)("judges an extension on %s", (_, path, count) => {
    expect(rule?.keyProblems?.([...path], [], "x-ms-skip-url-encoding")).toHaveLength(count);
  });
});

describe("a text holds no AutoRest extension's key after a sentence (sentenceKeyTextRule)", () => {
  const at = ["servers", 0, "variables", "endpoint"];
  it.each([
    ["an extension with a scalar value", "The endpoint. x-ms-parameter-location: client", 1],
    ["an extension opening a map", "The endpoint. x-ms-enum: name: Mode", 1],
    ["an HTTP header in capitals", "Send your key. X-Api-Key: your key", 0],
    [
      "another vendor's extension, as S3's texts name its headers",
      "To grant access. x-amz-grant-read: id=1",
      0,
    ],
    ["an extension named mid-sentence", "The namespace x-amz-lex: is reserved", 0],
  ] as const)("%s", (_, text, count) => {
    expect(problemsOf(sentenceKeyTextRule(), at, [["description", text]])).toHaveLength(count);
  });
});

describe("Azure Search's page, every page collapsed", () => {
  it("reads exactly: the grouping, the server variable and its text as AutoRest writes them", () => {
    const { page, recovered } = readAmongCleanNeighbours(
      pagesOf(searchSpec() as never, "search"),
      0,
      {},
      { clean: () => false },
    );
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
  });

  it("is decided by the grouping's keys where the location follows the grouping", () => {
    // The page's YAML alone (no endpoint line, so no site document rule): one server, without variables.
    expectDecidedOnlyBy(
      { ...searchSpec(), servers: [{ url: "https://search.azure.local" }] },
      "AutoRest's `x-ms-parameter-grouping` holds `name` and `postfix`",
      /ambiguous at word \d+ .*"x-ms-parameter-location:"/,
    );
  });
});
