/**
 * The components a page carries are used by its own schemas, not only by example data (example-rules.ts
 * usedComponentsRule). An APIs.guru shape (waterlinked.com's): a response schema writes its `example` before its
 * `properties`, and the example's data could take `properties:` and all that follows, `$ref`s to components included.
 */
import { describe, expect, it } from "vitest";
import { type EvidenceRule, objectsIn } from "../../scripts/import/evidence.ts";
import { usedComponentsRule } from "../../scripts/import/example-rules.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { pagesOf } from "./support/real-pages.ts";

const RULE = "components are used by the page's schemas, not only by example data";
const DATA_RULE = "example data holds no schema (`properties: name: type: string`)";

/** A WiFi configuration API: `GET /config/wifi` returns `WifiConfig`, whose `mode` is the component `WifiMode`. */
function wifiSpec() {
  const config = {
    description: "Configuration parameters (default view)",
    example: { mode: "ap", password: "10.11.12.1", ssid: "10.11.12.94" },
    properties: {
      mode: { $ref: "#/components/schemas/WifiMode" },
      password: { description: "Password to use for WiFi in Client mode", type: "string" },
      ssid: { description: "WIFI SSID to use for WiFi in Client mode", type: "string" },
    },
    required: ["ssid", "password", "mode"],
    title: "WifiConfig",
    type: "object",
  };
  const json = (name: string) => ({
    "application/json": { schema: { $ref: `#/components/schemas/${name}` } },
  });
  return {
    openapi: "3.1.0",
    info: { title: "Water Linked API", version: "2.4.0" },
    paths: {
      "/api/v1/config/wifi": {
        get: {
          operationId: "getWifi",
          summary: "Get WiFi configuration",
          responses: { "200": { description: "Success", content: json("WifiConfig") } },
        },
      },
      "/api/v1/about": {
        get: { operationId: "about", responses: { "200": { description: "Success" } } },
      },
    },
    components: {
      schemas: {
        WifiConfig: config,
        // An enum: the site hoists it under a name of its own, which the page's schemas refer to.
        WifiMode: { description: "Which mode should the WiFi be in?", enum: ["ap"], type: "string" },
      },
    },
  };
}

/** The WiFi page collapsed, read alone with every rule, or without the one under test. */
function readWifiPage(spec: ReturnType<typeof wifiSpec>, dropped: readonly string[] = []) {
  const page = pagesOf(spec as never, "waterlinked")[0];
  if (!page) throw new Error("no page");
  const extracted = extractSpec(page.collapsed);
  if (extracted.kind !== "collapsed") throw new Error("expected a collapsed page");
  const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
  const rules = rulesFor(undefined, page.collapsed, yaml).filter((rule) => !dropped.includes(rule.name));
  return { page, recovered: recoverCollapsed(yaml, { rules, requiredKeys: ["paths"] }) };
}

describe("components are used by the page's schemas, not only by example data", () => {
  // Example data holding a schema decides the page too (schema-data.test.ts): without it, only this rule does.
  it("reads the schema's `properties` after its example as the schema's, which no rule but the data one decides", () => {
    const { page, recovered } = readWifiPage(wifiSpec(), [DATA_RULE]);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(RULE);
    const without = readWifiPage(wifiSpec(), [RULE, DATA_RULE]).recovered;
    expect(without.ok ? "read" : without.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "properties:"\): it reads as \/components\/schemas\/(\w+)\/properties or as \/components\/schemas\/\1\/example\/properties$/,
    );
  });

  // A review's pages, written wrong by the rule's first form: the true reading's example holds a JSON Schema whose
  // `$ref` names a component the page uses otherwise than by a whole `$ref` (so the first form took the example's
  // `$ref` for the only use, ruled the true reading out and wrote the schema's `properties` from the example's).
  const explorer = (example: object, extra: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "Pet Platform API", version: "5.2.0" },
    paths: {
      "/explorer/pets/{id}": {
        get: {
          operationId: "explorer-get",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The pet", content: { "application/json": { schema: extra.use } } },
            "203": {
              description: "The schema that applies",
              content: {
                "application/schema+json": {
                  schema: { type: "object", additionalProperties: true, example },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: extra.schemas },
  });
  it.each([
    {
      given: "a discriminator's mapping that names the component (`cat: Cat`)",
      spec: explorer(
        { type: "object", properties: { pet: { $ref: "#/components/schemas/Cat" } } },
        {
          use: { $ref: "#/components/schemas/Pet" },
          schemas: {
            Pet: {
              type: "object",
              properties: { petType: { type: "string" } },
              discriminator: { propertyName: "petType", mapping: { cat: "Cat" } },
            },
            Cat: { title: "Cat", type: "object", allOf: [{ $ref: "#/components/schemas/Pet" }] },
          },
        },
      ),
    },
    {
      given: "a JSON pointer into the component (`Address/properties/zip`)",
      spec: explorer(
        { type: "object", properties: { zip: { $ref: "#/components/schemas/Address/properties/zip" } } },
        {
          use: { $ref: "#/components/schemas/Address" },
          schemas: { Address: { title: "Address", type: "object", properties: { zip: { type: "string" } } } },
        },
      ),
    },
  ])("writes no page wrong where the page names the component by $given", ({ spec }) => {
    const page = pagesOf(spec as never, "pets")[0];
    if (!page) throw new Error("no page");
    const extracted = extractSpec(page.collapsed);
    const yaml = (extracted.kind === "collapsed" ? extracted.candidates[0]?.yaml : undefined) ?? "";
    const recovered = recoverCollapsed(yaml, { rules: rulesFor(undefined, page.collapsed, yaml) });
    expect(recovered.ok ? recovered.document : "refused").toEqual(recovered.ok ? page.expected : "refused");
    expect(recovered.ok && recovered.decidedBy.includes(RULE)).toBe(false);
  });

  const text = "paths: x: $ref: '#/components/schemas/A' B: type: string A: type: object";
  const judge = (rule: EvidenceRule, document: unknown) =>
    objectsIn(document).flatMap(([path, entries]) => rule.problems(path, entries, true));
  it.each([
    {
      given: "the text's only reference to a defined component, inside a schema's example",
      document: { components: { schemas: { B: { example: { x: { $ref: "#/components/schemas/A" } } } } } },
      want: ["components/schemas/B/example/x: the only reference to schemas/A, inside example data"],
    },
    {
      given: "the same reference where the model puts a schema",
      document: { components: { schemas: { B: { properties: { x: { $ref: "#/components/schemas/A" } } } } } },
      want: [],
    },
    {
      given: "a reference inside an extension's value",
      document: { info: { "x-origin": { $ref: "#/components/schemas/A" } } },
      want: ["info/x-origin: the only reference to schemas/A, inside example data"],
    },
    {
      given: "a reference to a component the page does not define",
      document: { components: { schemas: { B: { example: { $ref: "#/components/schemas/C" } } } } },
      want: [],
    },
  ])("judges $given", ({ document, want }) => {
    const textWithC = `${text} $ref: '#/components/schemas/C'`;
    expect(judge(usedComponentsRule(textWithC), document)).toEqual(want);
  });

  // The site hoists a schema under a name of its own at each place it is used, so on its pages a component the text
  // refers to twice is rare; where it is, the data's `$ref` may be data.
  it("does not judge a component the text refers to twice", () => {
    const rule = usedComponentsRule(`${text} y: $ref: '#/components/schemas/A'`);
    const document = {
      components: { schemas: { B: { example: { x: { $ref: "#/components/schemas/A" } } } } },
    };
    expect(judge(rule, document)).toEqual([]);
  });
});
