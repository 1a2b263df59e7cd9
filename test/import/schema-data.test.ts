/**
 * Example data holds no schema (example-rules.ts dataHoldsNoSchemaRule). An APIs.guru shape (D7 Networks' send-SMS
 * request): a schema writes its `example` before its `properties`, and the example's value could take `properties:`
 * and every key after it (`required`, `title`, `type`) as keys of its own.
 */
import { describe, expect, it } from "vitest";
import { documentProblems } from "../../scripts/import/evidence.ts";
import { dataHoldsNoSchemaRule, holdsSchemaData } from "../../scripts/import/example-rules.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { pagesOf } from "./support/real-pages.ts";

const RULE = "example data holds no schema (`properties: name: type: string`)";

/** D7 Networks' `POST /send`, its request schema inline (as the site hoists nothing from a request body). */
function sendSmsSpec(
  example: Record<string, unknown> = { content: "Hello", from: "SignSMS", to: 971562316353 },
) {
  return {
    openapi: "3.1.0",
    info: { title: "D7SMS", version: "1.0.0" },
    servers: [{ url: "https://rest-api.d7networks.com/secure" }],
    paths: {
      "/send": {
        post: {
          operationId: "SendPost",
          summary: "SendSMS",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  description: "Send SMS Request",
                  example,
                  properties: {
                    content: { description: "Message Content", type: "string" },
                    from: { description: "Sender ID / Number", type: "string" },
                    to: { description: "Destination Mobile Number", format: "int64", type: "integer" },
                  },
                  required: ["to", "from", "content"],
                  title: "SendSMSRequest",
                  type: "object",
                },
              },
            },
            description: "Message Body",
            required: true,
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
}

/** The page collapsed and read alone (no clean page), with every rule or without the one under test. */
function readAlone(spec: ReturnType<typeof sendSmsSpec>, withRule = true) {
  const page = pagesOf(spec as never, "d7networks")[0];
  if (!page) throw new Error("no page");
  const extracted = extractSpec(page.collapsed);
  if (extracted.kind !== "collapsed") throw new Error("expected a collapsed page");
  const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
  const rules = rulesFor(undefined, page.collapsed, yaml).filter((rule) => withRule || rule.name !== RULE);
  return { page, recovered: recoverCollapsed(yaml, { rules, requiredKeys: ["paths"] }) };
}

describe("example data holds no schema", () => {
  it("reads the schema's `properties` after its example as the schema's, which no other rule decides", () => {
    const { page, recovered } = readAlone(sendSmsSpec());
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(RULE);
    const without = readAlone(sendSmsSpec(), false).recovered;
    expect(without.ok ? "read" : without.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "properties:"\): it reads as \/paths\/~1send\/post\/requestBody\/content\/application~1json\/schema\/properties or as \S+\/schema\/example\/properties$/,
    );
  });

  const rule = dataHoldsNoSchemaRule(false);
  const named = { name: { type: "string" }, owner: { $ref: "#/components/schemas/User" } };
  const example = ["components", "schemas", "A", "example"];
  it.each([
    [
      "a schema's example whose keys its properties name",
      ["paths", "/a", "get", "example"],
      { name: "Rex", owner: 1, properties: named },
      1,
    ],
    ["an example's nested object", [...example, "items", 0], { name: "Rex", owner: 1, properties: named }, 1],
    [
      "a default",
      ["components", "schemas", "A", "default"],
      { a: 1, properties: { a: { type: "object" } } },
      1,
    ],
    [
      "an Example object's value",
      ["paths", "/a", "get", "examples", "one", "value"],
      { name: "Rex", owner: 1, properties: named },
      1,
    ],
    [
      "a property the value lacks (a registry's `name: Person`, its `age`)",
      example,
      { name: "Rex", properties: named },
      0,
    ],
    [
      "names nested deeper (`to` inside `from`)",
      example,
      { from: 1, to: 2, properties: { from: { type: "string", to: {} } } },
      1,
    ],
    [
      "`properties` closed early, a schema beside it",
      example,
      { v: [1], properties: { v: {} }, items: { type: "string" } },
      1,
    ],
    [
      "a key before `properties` that it does not name (a form's `id`)",
      example,
      { id: 7, name: "Rex", properties: named },
      0,
    ],
    [
      "data that starts as a schema (an API serving JSON Schemas)",
      example,
      { type: "object", properties: named },
      0,
    ],
    ["`properties` first (a schema's keyword)", example, { properties: named, name: "Rex" }, 0],
    [
      "GeoJSON's feature properties",
      example,
      { name: "Oslo", properties: { name: "Oslo" }, type: "Feature" },
      0,
    ],
    ["a `type` that is no JSON type", example, { a: 1, properties: { a: { type: "park" } } }, 0],
    ["empty properties", example, { a: 1, properties: null, type: "array" }, 0],
    ["a schema's own properties", ["components", "schemas", "A"], { name: "Rex", properties: named }, 0],
    [
      "a property named `example`",
      ["components", "schemas", "A", "properties", "example"],
      { name: "Rex", properties: named },
      0,
    ],
  ])("judges %s", (_, path, object, want) => {
    expect(rule?.problems(path, Object.entries(object), false)).toHaveLength(want);
  });

  it("is off for a site whose clean pages write a schema inside example data (the site's own)", () => {
    const site = sendSmsSpec({ content: "Hi", properties: { content: { type: "string" } }, type: "object" });
    expect(holdsSchemaData(site)).toBe(true);
    expect(holdsSchemaData(sendSmsSpec())).toBe(false);
    const evidence = emptyEvidence();
    learnFrom(evidence, site);
    expect(evidence.siteWritesSchemaData).toBe(true);
    expect(rulesFor(evidence, "", "").map((each) => each.name)).not.toContain(RULE);
    expect(rulesFor(emptyEvidence(), "", "").map((each) => each.name)).toContain(RULE);
  });

  it("finds no problem with the page's true document", () => {
    expect([...documentProblems(rule as never, readAlone(sendSmsSpec()).page.expected)]).toEqual([]);
  });
});

describe("example data that really holds typed `properties`", () => {
  // BeezUP's examples describe a link's parameters with `properties` of typed objects (5 of the 32 real data objects
  // the rule judges). Read alone, such a page is refused where the rule could have taken them for the schema's: the
  // schema's later keys leave another choice no evidence decides.
  const link = {
    href: "/orders/v3/list/light",
    method: "POST",
    properties: { request: { in: "body", type: "object" } },
  };
  it.each([
    ["beside the schema's own properties", sendSmsSpec(link)],
    ["in a schema with none of its own", withoutProperties(sendSmsSpec(link))],
  ])("writes no page wrong %s", (_, spec) => {
    const { page, recovered } = readAlone(spec);
    expect(recovered.ok ? recovered.document : "refused").toEqual(recovered.ok ? page.expected : "refused");
    expect(recovered.ok ? "read" : recovered.message).toMatch(/^ambiguous at word/);
  });
});

function withoutProperties(spec: ReturnType<typeof sendSmsSpec>) {
  const schema = spec.paths["/send"].post.requestBody.content["application/json"].schema as Record<
    string,
    unknown
  >;
  delete schema.properties;
  delete schema.required;
  return spec;
}

describe("example data holds no schema: records that carry their own schema", () => {
  // A second review's pages: a record restating its keys as typed `properties` (invented; none of the 69 910 objects
  // inside example data in the 2 639 APIs.guru specs does). Where the schema writes `type` before the record, the
  // rule's reading would give it `properties` after `type` and `example`, which no sorting writer does: refused.
  const record = { age: 3, name: "Rex", properties: { age: { type: "integer" }, name: { type: "string" } } };
  const post = (schema: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "Records", version: "1.0.0" },
    servers: [{ url: "https://api.example.com/v1" }],
    paths: {
      "/records": {
        post: {
          operationId: "create",
          summary: "Create",
          requestBody: { content: { "application/json": { schema } }, required: true },
          responses: { "201": { description: "Created" } },
        },
      },
    },
  });
  const read = (spec: object) => {
    const page = pagesOf(spec as never, "records")[0];
    if (!page) throw new Error("no page");
    const extracted = extractSpec(page.collapsed);
    const yaml = (extracted.kind === "collapsed" ? extracted.candidates[0]?.yaml : undefined) ?? "";
    return {
      page,
      recovered: recoverCollapsed(yaml, {
        rules: rulesFor(undefined, page.collapsed, yaml),
        requiredKeys: ["paths"],
      }),
    };
  };
  it.each([
    ["an example after `type`", { type: "object", example: record }],
    ["a default after `type`", { type: "object", default: record }],
    ["a constant after `type`", { type: "object", const: record }],
  ])("writes no page wrong: %s", (_, schema) => {
    const { page, recovered } = read(post(schema));
    expect(recovered.ok ? recovered.document : "refused").toEqual(recovered.ok ? page.expected : "refused");
  });

  // Known limit (the second review's): where the schema's keys are sorted (`description`, `example`, `title`, `type`),
  // the page's text is word for word D7's shape, and the rule reads the record's `properties` as the schema's.
  it("reads a sorted component's record as the component's own properties (known limit)", () => {
    const config = {
      retries: 3,
      timeout: 30,
      properties: {
        retries: { type: "integer", minimum: 0 },
        timeout: { type: "integer", description: "Seconds" },
      },
    };
    const spec = {
      openapi: "3.1.0",
      info: { title: "Records", version: "1.0.0" },
      servers: [{ url: "https://api.example.com/v1" }],
      paths: {
        "/config": {
          get: {
            operationId: "get",
            summary: "Get",
            responses: {
              "200": {
                description: "OK",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Rec" } } },
              },
            },
          },
        },
      },
      components: {
        schemas: { Rec: { description: "A record", example: config, title: "Rec", type: "object" } },
      },
    };
    const { page, recovered } = read(spec);
    expect(recovered.ok && recovered.decidedBy).toContain(RULE);
    expect(recovered.ok && recovered.document).not.toEqual(page.expected);
  });
});
