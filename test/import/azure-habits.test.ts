/**
 * Habits of Azure's specs as APIs.guru serves them (session 40), read on pages with no clean neighbour: AutoRest's
 * resource markers are on schemas with properties (schema-habits.ts `azureResourceMarkerRule`), and APIs.guru's
 * `x-tags` join no words by ` - ` (apis-guru-rules.ts `apisGuruTagsRule`). Each page is shaped like the Azure page the
 * habit was found on, refused before it, and read again without the rule.
 */
import { describe, expect, it } from "vitest";
import { apisGuruTagsRule } from "../../scripts/import/apis-guru-rules.ts";
import type { Entries } from "../../scripts/import/evidence.ts";
import { azureResourceMarkerRule } from "../../scripts/import/schema-habits.ts";
import { returning } from "./support/one-operation.ts";
import { pagesOf } from "./support/real-pages.ts";
import {
  expectEveryPageImportedCollapsed,
  problemsOf,
  readBothWays,
  readPageBothWays,
} from "./support/rule-readings.ts";
import { scrapeValues } from "./support/scrape.ts";

/** Azure's proxy resource in APIs.guru's sorted key order: its last property is the resource's `type`. */
const PROXY_RESOURCE = {
  description: "Common properties of proxy resource.",
  properties: {
    id: { description: "Resource ID.", readOnly: true, type: "string" },
    name: { description: "Resource name.", readOnly: true, type: "string" },
    sku: { $ref: "#/components/schemas/Sku" },
    type: { description: "Resource type.", readOnly: true, type: "string" },
  },
  "x-ms-azure-resource": true,
};

/** The schema after it on the page, which it refers to: the marker is not `components`' own extension. */
const SKU = {
  description: "The SKU of the resource.",
  properties: { name: { type: "string" } },
  type: "object",
};

describe("Azure's resource markers are on schemas with properties (azureResourceMarkerRule)", () => {
  const rule = azureResourceMarkerRule();
  const schema = ["components", "schemas", "ProxyResource"];
  const marker = ["x-ms-azure-resource", true] as const;
  it.each([
    ["a marker on a schema with properties", schema, [["properties", {}], marker], 0],
    ["a marker on a schema with allOf", schema, [["allOf", []], marker], 0],
    ["a marker on a string property", [...schema, "properties", "type"], [["type", "string"], marker], 1],
    [
      "`x-ms-external` on a property",
      [...schema, "properties", "type"],
      [
        ["type", "string"],
        ["x-ms-external", true],
      ],
      1,
    ],
    ["a property named by a marker", [...schema, "properties"], [["id", {}], marker], 1],
    ["another extension on a property", [...schema, "properties", "type"], [["x-ms-client-name", "Kind"]], 0],
    ["a marker inside an example", [...schema, "example", "type"], [marker], 0],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it.each([
    [
      "a property's schema",
      [...schema, "properties", "type"],
      [["type", "string"]],
      "x-ms-azure-resource",
      1,
    ],
    ["the resource schema", schema, [["properties", {}]], "x-ms-azure-resource", 0],
    ["another key on a property", [...schema, "properties", "type"], [["type", "string"]], "readOnly", 0],
  ] as const)("ranks last %s", (_, path, entries, key, rank) => {
    expect(rule.rank?.([...path], entries as unknown as Entries, key, "scalar")).toBe(rank);
  });

  it("reads Azure's proxy resource (APIs.guru customer-insights), whose marker follows its `type` property", () => {
    const document = returning("ProxyResource", { ProxyResource: PROXY_RESOURCE, Sku: SKU });
    const { withRule, withoutRule } = readBothWays(document, rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"x-ms-azure-resource:"/,
    );
  });
});

/** An Azure API's `info` as APIs.guru writes it, sorted, with its `x-tags`. */
function azureDocument(tags: readonly string[]) {
  const document = returning("ProxyResource", { ProxyResource: PROXY_RESOURCE, Sku: SKU });
  return {
    ...document,
    info: {
      title: "CustomerInsightsManagementClient",
      version: "2017-04-26",
      "x-providerName": "azure.com",
      "x-serviceName": "customer-insights",
      "x-tags": [...tags],
    },
  };
}

describe("APIs.guru's `x-tags` are not joined by ` - ` (apisGuruTagsRule)", () => {
  const rule = apisGuruTagsRule();
  it.each([
    ["two tags joined", ["info"], [["x-tags", ["Azure - Microsoft"]]], 1],
    ["tags apart", ["info"], [["x-tags", ["Azure", "Microsoft"]]], 0],
    ["a tag of several words", ["info"], [["x-tags", ["bulk SMS"]]], 0],
    ["a joined list outside `info`", ["components", "schemas", "A"], [["x-tags", ["a - b"]]], 0],
  ] as const)("judges %s", (_, path, entries, count) => {
    expect(problemsOf(rule, [...path], entries as unknown as Entries)).toHaveLength(count);
  });

  it("leaves alone a joined tag the site's clean pages write", () => {
    const known = apisGuruTagsRule(new Set(["Azure - Preview"]));
    expect(problemsOf(known, ["info"], [["x-tags", ["Azure - Preview"]]])).toEqual([]);
  });

  it("reads Azure's `x-tags: - Azure - Microsoft` as two tags (APIs.guru customer-insights)", () => {
    const document = azureDocument(["Azure", "Microsoft"]);
    const { page, withRule, withoutRule } = readPageBothWays(document, "azure", rule.name);
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(page.expected);
    expect(withoutRule.ok ? withoutRule.document : withoutRule.message).toMatch(
      /^ambiguous at word \d+ .*"-"/,
    );
  });

  it("imports the Azure page collapsed as a whole `npm run import`, with no clean page known", async () => {
    await expectEveryPageImportedCollapsed(
      pagesOf(azureDocument(["Azure", "Microsoft"]) as never, "azure"),
      rule.name,
      true,
    );
  });
});
