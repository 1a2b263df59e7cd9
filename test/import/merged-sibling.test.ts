import { describe, expect, it } from "vitest";
import type { EvidenceRule } from "../../scripts/import/evidence.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { holdsMergedSibling, mergedSiblingTextRule } from "../../scripts/import/scrape-damage-rules.ts";
import { queryParameter } from "./support/one-operation.ts";
import { scrape } from "./support/scrape.ts";

/** The names of the parameters of `GET route` as the page reads under every rule but mergedSiblingTextRule. */
function parameterNamesWithout(text: string, rules: EvidenceRule[], route: string): string[] {
  const without = recoverCollapsed(text, {
    rules: rules.filter((rule) => rule.name !== mergedSiblingTextRule().name),
  });
  const paths = without.ok
    ? (without.document.paths as Record<string, { get: { parameters: { name: string }[] } }>)
    : {};
  return paths[route]?.get.parameters.map((parameter) => parameter.name) ?? [];
}

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
      "Google's filter (dataproc) cut mid-sentence before its `<`, then the next parameter's description from its `>-`",
      "Optional. A filter for the batches to return in the response. Supported fields are batch_id, batch_uuid, state, create_time, and labels.e.g. state = RUNNING and create_time - Optional. Field(s) on which to sort the list of batches. See https://google.aip.dev/132#ordering for more details.",
      true,
    ],
    [
      "known limit: AWS's `term - Definition` after a long lead-in (one of the 214 real texts of the shape)",
      "Specifies the type of the dimension group. Its valid values are the following ones, each with its own meaning: db - The name of the database to which the client is connected.",
      true,
    ],
    [
      "a Markdown item after a long lead-in ending with a colon",
      "Specifies the type of the dimension group. Its valid values are the following ones, each with its own meaning: - The name of the database to which the client is connected.",
      false,
    ],
    [
      "a long lead-in and a dash before a short part",
      "The language code of the text, which the service detects when the request leaves it out of the body jp - Japanese",
      false,
    ],
    [
      "a dash after a short lead-in",
      "Not acceptable - The response content type does not match the request's Accept header.",
      false,
    ],
    [
      "gisgraphy's pagination text cut after `is` (a word no phrase ends with) and the next parameter's after it",
      "The first pagination index. Numbered from 1. If the number is - The last pagination index. if - The callback method name (optional).",
      true,
    ],
    [
      "netatmo's latitude cut after its signed lower bound (`-85 <=` ran to a later `>-`) and the next parameter's after it",
      "Latitude of the south west corner of the requested area. -85 - Longitude of the south west corner of the requested area. -180 - To filter stations based on relevant measurements you want.",
      true,
    ],
    [
      "chromemanagement's filter cut after its operators (`>= and <=` ran to a later `>-`), the next parameter's after it",
      "Query string to filter results, AND-separated fields in EBNF syntax. Note: OR operations are not supported in this filter. Note: Only >= and - Field used to order results. If omitted, results will be ordered in ascending order of the 'user_email' field. Supported order_by fields: * user_email * job_count * printer_count * device_count",
      true,
    ],
    [
      "Azure apimanagement's count cut after 9 words (`<= 301` ran to the `interval` parameter's `>-`)",
      "Number of successful calls. This includes calls returning HttpStatusCode - Length of aggregation period. Interval must be multiple of 15 minutes and may not be zero.",
      true,
    ],
    [
      "a short lead-in ending mid-sentence before a term and its definition",
      "The only supported value is KMS - Server-side encryption that uses Key Management Service.",
      false,
    ],
    [
      "operators named in full before a dash and a lower-case word",
      "Compares dates with >= or <= - both bounds are inclusive.",
      false,
    ],
    [
      "dialogflow's quoted condition cut inside its quote (`\"containment_rate <` ran to a later `>-`)",
      'The conditions used to evaluate the failure of a rollout step. E.g. "containment_rate - The conditions used to evaluate the success of a rollout step.',
      true,
    ],
    [
      "quoted names holding a dash, each quote closed",
      'A name describing what the grouping represents (e.g. "US - Mexico Border", "Kosovo - Serbia Border").',
      false,
    ],
    [
      "status codes listed unsigned after a sentence (`200 - OK`), as 13 real texts list them",
      "The following is a list of status codes. 200 - OK 206 - Partial Content 304 - Not Modified",
      false,
    ],
    [
      "a list whose item follows `or`, as real lists write it",
      "Either the host is revoked, or - The host ID does not match.",
      false,
    ],
    [
      "a value named before its dash (AWS's `term - Definition`)",
      "The tenancy. dedicated - The instance runs on hardware of its own.",
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
    expect(parameterNamesWithout(text, rules, "/v4/layers/asApplied")).toEqual(["updatedAfter"]);
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

describe("Google's list filter, whose `<` ran to the next parameter's `>-` (mergedSiblingTextRule)", () => {
  const filter =
    'Optional. A filter for the batches to return in the response. A filter is a logical expression constraining the values of various fields in each batch resource. Supported fields are batch_id, state and create_time, e.g. state = RUNNING and create_time < "2023-01-01T00:00:00Z" filters for batches in state RUNNING that were created before 2023-01-01.';
  const orderBy =
    "Optional. Field(s) on which to sort the list of batches. Currently the only supported sort orders are unspecified (empty) and create_time desc to sort by most recently created batches first.";
  const document = {
    openapi: "3.0.0",
    info: { title: "Cloud Dataproc API", version: "v1" },
    paths: {
      "/v1/batches": {
        get: {
          parameters: [
            queryParameter("filter", filter),
            queryParameter("orderBy", orderBy),
            queryParameter("pageSize", "Optional. The maximum number of batches to return.", {
              type: "integer",
            }),
          ],
          responses: { "200": { description: "Successful response" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);

  it("loses the filter parameter under every other rule, unique under the model", () => {
    expect(text).toContain("and create_time - Optional. Field(s) on which to sort");
    expect(parameterNamesWithout(text, rules, "/v1/batches")).toEqual(["orderBy", "pageSize"]);
  });

  it("is refused with the rule, naming the text", () => {
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? "written" : recovered.message).toBe(
      "refused: paths//v1/batches/get/parameters/0/description: text runs into a sibling value after ` - ` (the scrape may have removed `<…>` across values)",
    );
  });
});

describe("gisgraphy's pagination, whose `< 1` ran three parameters into one (mergedSiblingTextRule, CUT_BEFORE_DASH)", () => {
  // APIs.guru's gisgraphy.com: `from`'s `If the number is < 1 or not specified, …` ran to the `>-` of a later text, and
  // twice more; every page with no clean neighbour was written with the parameters merged (session 40's sample).
  const document = {
    openapi: "3.0.0",
    info: { title: "Gisgraphy", version: "1.0" },
    paths: {
      "/fulltext/search": {
        get: {
          parameters: [
            queryParameter(
              "from",
              "The first pagination index. Numbered from 1. If the number is < 1 or not specified, it will be set to the default value : 1",
            ),
            queryParameter(
              "to",
              "The last pagination index. if < 1 or not specified, it will be set to from+ the default value (10) or the maximum value in case of an overflow",
            ),
            queryParameter(
              "callback",
              "The callback method name (optional), use to wrap the content into a (alphanumeric) Javascript method. Works only for script output formats (JSON, PHP, Ruby, Python)",
            ),
          ],
          responses: { "200": { description: "Successful response" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);

  it("is refused with the rule, naming the text", () => {
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /^refused: paths\/\/fulltext\/search\/get\/parameters\/0\/description: text runs into a sibling value/,
    );
  });
});

describe("netatmo's public data area, whose `-85 <=` ran three parameters into one (mergedSiblingTextRule, CUT_BEFORE_DASH)", () => {
  // APIs.guru's netatmo.net: `lat_sw`'s `-85 <= lat_sw <= 85` ran to the `>-` of `lon_sw`'s text, and `lon_sw`'s to
  // `required_data`'s; the page was written with `lat_sw` and `lon_sw` lost, even beside clean pages (held-out seed 4).
  const area = (corner: string, axis: string, bound: number, name: string) =>
    queryParameter(
      name,
      `${axis} of the ${corner} corner of the requested area. -${bound} <= ${name} <= ${bound}`,
      {
        format: "int32",
        type: "integer",
      },
    );
  const document = {
    openapi: "3.0.0",
    info: { title: "Netatmo", version: "1.1.5" },
    paths: {
      "/getpublicdata": {
        get: {
          parameters: [
            area("south west", "Latitude", 85, "lat_sw"),
            area("south west", "Longitude", 180, "lon_sw"),
            queryParameter(
              "required_data",
              "To filter stations based on relevant measurements you want (e.g. rain will only return stations with rain gauges). Default is no filter.",
            ),
          ],
          responses: { "200": { description: "Successful response" } },
        },
      },
    },
  };
  const text = scrape(renderSiteYaml(document));
  const rules = rulesFor(undefined, text, text);

  it("loses two parameters under every other rule, unique under the model", () => {
    expect(text).toContain("requested area. -85 - Longitude of the south west corner");
    expect(parameterNamesWithout(text, rules, "/getpublicdata")).toEqual(["required_data"]);
  });

  it("is refused with the rule, naming the text", () => {
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /^refused: paths\/\/getpublicdata\/get\/parameters\/0\/description: text runs into a sibling value/,
    );
  });
});
