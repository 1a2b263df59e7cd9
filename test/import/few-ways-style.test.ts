/**
 * A key every object of a class holds on the site's clean pages says the site always writes it only where the pages
 * show the class in several distinct objects, or in objects each shown once (site-style.ts `shownFewWays`): googleapis
 * bigquerydatatransfer's clean pages repeat two `additionalProperties` objects, each described, and that "always" read
 * a map property's own `description` onto its values' schema (looker's one object repeated was the first such case,
 * style-classes.test.ts). The site is shaped like bigquerydatatransfer, in APIs.guru's sorted key order.
 */
import { describe, expect, it } from "vitest";
import type { Entries } from "../../scripts/import/evidence.ts";
import { emptyStyle, learnStyle, styleRule } from "../../scripts/import/site-style.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { problemsOf } from "./support/rule-readings.ts";

const ANY_OBJECT = "Properties of the object. Contains field @type with type URL.";
const reference = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const anyObject = (description: string) => ({
  additionalProperties: { description },
  description: "The object's fields.",
  type: "object",
});
const described = (description: string, type = "string") => ({ description, type });

/** bigquerydatatransfer's schemas: maps whose values' schema its converter describes, and `labels`, whose it does not. */
const schemas = {
  ListLocationsResponse: {
    description: "The response message for Locations.ListLocations.",
    properties: {
      locations: { description: "A list of locations.", items: reference("Location"), type: "array" },
      nextPageToken: described("The standard List next-page token."),
    },
    type: "object",
  },
  Location: {
    description: "A resource that represents a Google Cloud location.",
    properties: {
      displayName: described('The friendly name for this location. For example, "Tokyo".'),
      labels: {
        additionalProperties: { type: "string" },
        description: 'Cross-service attributes for the location. For example {"region": "us-east1"}',
        type: "object",
      },
      locationId: described("The canonical id for this location."),
      metadata: anyObject(ANY_OBJECT),
    },
    type: "object",
  },
  Status: {
    description: "The status of a call.",
    properties: {
      code: { description: "The status code.", format: "int32", type: "integer" },
      details: { description: "The error details.", items: anyObject(ANY_OBJECT), type: "array" },
    },
    type: "object",
  },
  TransferConfig: {
    description: "Represents a data transfer configuration.",
    properties: {
      name: described("The resource name of the transfer config."),
      params: anyObject("Properties of the object."),
      status: reference("Status"),
    },
    type: "object",
  },
};

const get = (operationId: string, schema: string) => ({
  get: {
    operationId,
    responses: {
      "200": {
        content: { "application/json": { schema: reference(schema) } },
        description: "Successful response",
      },
    },
  },
});

const bigQueryDataTransfer = {
  openapi: "3.0.0",
  info: { title: "BigQuery Data Transfer API", version: "v1" },
  servers: [{ url: "https://bigquerydatatransfer.googleapis.com/" }],
  paths: {
    "/v1/{name}/locations": get("bigquerydatatransfer.projects.locations.list", "ListLocationsResponse"),
    "/v1/{name}": get("bigquerydatatransfer.projects.transferConfigs.get", "TransferConfig"),
    "/v1/{parent}/transferConfigs": get(
      "bigquerydatatransfer.projects.transferConfigs.create",
      "TransferConfig",
    ),
    "/v1/{name}:startManualRuns": get(
      "bigquerydatatransfer.projects.transferConfigs.startManualRuns",
      "TransferConfig",
    ),
  },
  components: { schemas },
};

describe("a key a class always holds, shown in few distinct objects, only blocks (shownFewWays)", () => {
  const mapValues = ["components", "schemas", "Location", "properties", "labels", "additionalProperties"];
  const lacking: Entries = [["type", "string"]];
  const styleOf = (descriptions: readonly string[]) => {
    const style = emptyStyle();
    for (const description of descriptions)
      learnStyle(style, { components: { schemas: { M: anyObject(description) } } });
    const rule = styleRule(style);
    const always = (rule ? problemsOf(rule, mapValues, lacking) : []).filter((problem) =>
      problem.includes("always"),
    );
    return { always, weak: always.filter((problem) => rule?.blocksOnly?.(problem)) };
  };

  it.each([
    ["one object repeated", ["a", "a", "a", "a"], 1, 1],
    ["two distinct objects, repeated", ["a", "b", "a", "b", "a", "b"], 1, 1],
    ["two distinct objects, each once (as two clean pages show two operations)", ["a", "b"], 1, 0],
    ["three distinct objects", ["a", "b", "c", "c"], 1, 0],
  ] as const)("judges an object lacking the `description` of %s", (_, descriptions, problems, weak) => {
    const found = styleOf(descriptions);
    expect(found.always).toHaveLength(problems);
    expect(found.weak).toHaveLength(weak);
  });

  it("refuses bigquerydatatransfer's locations page among clean pages, where the site's two described map values wrote it wrong", () => {
    // `labels: additionalProperties: type: string description: 'Cross-service …' type: object`: the map's text, or
    // its values'.
    const pages = pagesOf(bigQueryDataTransfer as never, "bigquerydatatransfer");
    const { recovered, rules } = readAmongCleanNeighbours(pages, 0, {}, { clean: (index) => index > 0 });
    expect(rules.map((rule) => rule.name)).toContainEqual(expect.stringMatching(/^site style/));
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word \d+ .*"description:"/);
  });
});
