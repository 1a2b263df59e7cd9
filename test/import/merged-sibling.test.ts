import { describe, expect, it } from "vitest";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { holdsMergedSibling, mergedSiblingTextRule } from "../../scripts/import/text-rules.ts";
import { queryParameter } from "./support/one-operation.ts";
import { scrape } from "./support/scrape.ts";

// climate.com's (APIs.guru) layer filters, as the site writes them: each description starts alike, and the first
// holds a `<=` the scrape takes for a tag's start.
const after =
  "Optional start time by which to filter layer results. Time must be in ISO 8601 format with time zone, e.g. 2016-05-13T00:00:00Z (https://tools.ietf.org/html/rfc3339). Layers with an end time at or after (inclusive) the specified time will match this filter. If both occurredAfter and occurredBefore are populated, occurredAfter must be <= occurredBefore.";
const before =
  "Optional end time by which to filter layer results. Time must be in ISO 8601 format with time zone, e.g. 2016-05-13T00:00:00Z (https://tools.ietf.org/html/rfc3339). Layers with a start time at or before (inclusive) the specified time. If both occurredAfter and occurredBefore are populated, occurredAfter must be <= occurredBefore.";
const updated =
  "Optional updated time by which to filter layer results. Time must be in ISO 8601 format with time zone, e.g. 2016-05-13T00:00:00Z (https://tools.ietf.org/html/rfc3339). Layers with a modification time at or after (inclusive) the specified time.";

describe("a text holds no sibling value run into it after ` - ` (holdsMergedSibling)", () => {
  it.each([
    [
      "climate.com's description after the scrape: the next parameter's, from its `>-`",
      "Optional start time by which to filter layer results. Time must be in ISO 8601 format with time zone, e.g. 2016-05-13T00:00:00Z. If both are populated, occurredAfter must be - Optional end time by which to filter layer results. Time must be in ISO 8601 format with time zone, e.g. 2016-05-13T00:00:00Z.",
      true,
    ],
    ["a Markdown list whose items start otherwise", "Sort order: - asc - desc", false],
    [
      "a part that repeats the text without starting as it does",
      "The identifier of the resource. ECS service - The resource type is service and the unique identifier is the cluster name and service name. Spot Fleet - The resource type is spot and the unique identifier is the cluster name and service name.",
      false,
    ],
    [
      "a part that starts as the text does but repeats fewer words",
      "Optional start time by which to filter layer results - Optional end time by which to filter layer results",
      false,
    ],
  ] as const)("%s", (_name, text, want) => {
    expect(holdsMergedSibling(text)).toBe(want);
  });
});

describe("climate.com's layer filters, whose `<=` ran three parameters into one (mergedSiblingTextRule)", () => {
  const document = {
    openapi: "3.0.0",
    info: { title: "Climate FieldView", version: "4.0.0" },
    paths: {
      "/v4/layers/asApplied": {
        get: {
          parameters: [
            queryParameter(
              "occurredAfter",
              after,
              { format: "date-time", type: "string" },
              { required: false },
            ),
            queryParameter(
              "occurredBefore",
              before,
              { format: "date-time", type: "string" },
              { required: false },
            ),
            queryParameter(
              "updatedAfter",
              updated,
              { format: "date-time", type: "string" },
              { required: false },
            ),
          ],
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);

  it("is read as one parameter under every other rule, unique under the model", () => {
    expect(text).toContain("occurredAfter must be - Optional end time");
    const without = recoverCollapsed(text, {
      rules: rules.filter((rule) => rule.name !== mergedSiblingTextRule().name),
    });
    const parameters = without.ok
      ? (without.document.paths as Record<string, { get: { parameters: { name: string }[] } }>)[
          "/v4/layers/asApplied"
        ]?.get.parameters
      : [];
    expect(parameters?.map((parameter) => parameter.name)).toEqual(["updatedAfter"]);
  });

  it("is refused with the rule, naming the text", () => {
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? "written" : recovered.message).toBe(
      "refused: paths//v4/layers/asApplied/get/parameters/0/description: text runs into a sibling value after ` - ` (the scrape may have removed `<…>` across values)",
    );
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const merged = `${after.split(" <=")[0]} - ${before}`;
    const at = ["paths", "/a", "get", "parameters", 0];
    expect(mergedSiblingTextRule().problems(at, [["description", merged]], true)).toHaveLength(1);
    expect(mergedSiblingTextRule(new Set([merged])).problems(at, [["description", merged]], true)).toEqual(
      [],
    );
    expect(mergedSiblingTextRule().problems(at, [["pattern", merged]], true)).toEqual([]);
  });
});
