import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EvidenceRule } from "../../scripts/import/evidence.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { enumDashRule } from "../../scripts/import/list-rules.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { findSpecFiles } from "../../scripts/load/load.ts";
import { SPECS_DIR } from "../support/seeds.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

/** Collapses `yaml` the way the scrape did, reads it back, and returns both sides for comparison. */
function roundTrip(yaml: string, rules: readonly EvidenceRule[] = []) {
  const original = parse(yaml) as unknown;
  const recovered = recoverCollapsed(scrape(yaml), { rules });
  return { expected: scrapeValues(original), recovered };
}

/** Evidence as an import run has it: the site's style and components, learnt from clean specs. */
function rulesFrom(cleanSpecs: readonly string[], page: string) {
  const evidence = emptyEvidence();
  for (const yaml of cleanSpecs) learnFrom(evidence, parse(yaml));
  return rulesFor(evidence, page, page);
}

describe("collapsed recovery round trip", () => {
  const files = findSpecFiles(SPECS_DIR);
  const read = async () =>
    (await files).map((file) => ({ file, yaml: readFileSync(path.join(SPECS_DIR, file), "utf8") }));

  it("recovers every spec in specs/ exactly, the others' style and components as evidence", async () => {
    const specs = await read();
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const { file, yaml } of specs) {
      const others = specs.filter((other) => other.file !== file).map((other) => other.yaml);
      const { expected, recovered } = roundTrip(yaml, rulesFrom(others, scrape(yaml)));
      expect(recovered.ok ? JSON.stringify(recovered.document) : recovered.message, file).toBe(
        JSON.stringify(expected),
      );
      expect(recovered.ok && recovered.decidedBy.length > 0, file).toBe(true);
    }
  });

  it("without evidence refuses them with two valid readings rather than guess", async () => {
    for (const { file, yaml } of await read()) {
      const { recovered } = roundTrip(yaml);
      expect(recovered.ok, file).toBe(false);
      expect(recovered.ok ? undefined : recovered.readings, file).toHaveLength(2);
    }
  });
});

describe("collapsed recovery of pages YAML writers cannot have written one way only", () => {
  const head = "openapi: 3.1.0 info: title: t version: v paths: {}";
  const cases: { name: string; given: string; want: RegExp }[] = [
    {
      name: "block text in a list that could end before a `- ` item is refused with both readings",
      given: `${head} x-notes: - |- first line - second`,
      want: /^ambiguous at word \d+ .*text ending before `- ` \(a new item\) or as text running on/,
    },
    {
      name: "a value cannot start with an alias",
      given: `${head} x-note: *alias and more`,
      want: /^cannot read word \d+ .*`\*` cannot start a plain value/,
    },
    {
      name: "a plain value cannot hold `: `",
      given: `${head} x-note: see https://example.com {a: 1} b`,
      want: /^cannot read word/,
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    const recovered = recoverCollapsed(given);
    expect(recovered.ok ? JSON.stringify(recovered.document) : recovered.message).toMatch(want);
  });

  it("returns both documents of an ambiguous page", () => {
    const recovered = recoverCollapsed(`${head} x-notes: - |- first line - second`);
    expect(recovered.ok ? [] : recovered.readings?.map((document) => document["x-notes"])).toEqual([
      ["first line", "second"],
      ["first line - second"],
    ]);
  });
});

/**
 * Where indentation is lost some pages cannot be decided by the model: a field name inside block text, ` - ` inside a
 * one-line list item, a key after a nested block. Such a page is refused with both readings unless evidence decides.
 */
describe("collapsed readings the model cannot decide", () => {
  const cases: { name: string; given: string; at: readonly string[]; want: unknown }[] = [
    {
      name: "`default: 30` at the end of a schema's block description",
      given: [
        "openapi: 3.1.0",
        "info: {title: t, version: v}",
        "paths:",
        "  /jobs:",
        "    get:",
        "      parameters:",
        "        - name: limit",
        "          in: query",
        "          schema:",
        "            type: integer",
        "            description: >-",
        "              How many jobs to return in one page of results when the parameter is",
        "              missing, default: 30",
        "            minimum: 1",
        "      responses:",
        "        '200': {description: OK}",
      ].join("\n"),
      at: ["paths", "/jobs", "get", "parameters", "0", "schema"],
      want: {
        type: "integer",
        description: "How many jobs to return in one page of results when the parameter is missing,",
        default: 30,
        minimum: 1,
      },
    },
    {
      name: "`summary: oops` at the end of an operation's block description",
      given: [
        "openapi: 3.1.0",
        "info: {title: t, version: v}",
        "paths:",
        "  /jobs:",
        "    get:",
        "      description: >-",
        "        Lists the jobs of the account in the order they were created, newest",
        "        first. summary: oops",
        "      responses:",
        "        '200': {description: OK}",
      ].join("\n"),
      at: ["paths", "/jobs", "get"],
      want: {
        description: "Lists the jobs of the account in the order they were created, newest first.",
        summary: "oops",
        responses: { "200": { description: "OK" } },
      },
    },
    {
      name: "`x-foo: 1` at the end of block text",
      given: [
        "openapi: 3.1.0",
        "info:",
        "  title: t",
        "  version: v",
        "  description: |-",
        "    Extension fields of this API are listed below.",
        "    x-foo: 1",
        "paths: {}",
      ].join("\n"),
      at: ["info"],
      want: {
        title: "t",
        version: "v",
        description: "Extension fields of this API are listed below.",
        "x-foo": 1,
      },
    },
    {
      name: "a one-line list item holding ` - `",
      given: MODE_ENUM,
      at: ["components", "schemas", "Mode", "enum"],
      want: ["profile", "ephemeral"],
    },
    {
      name: "a key after a nested block",
      given: [
        "openapi: 3.1.0",
        "info: {title: t, version: v}",
        "paths:",
        "  /jobs:",
        "    get:",
        "      responses:",
        "        '200':",
        "          description: OK",
        "x-notes: about the jobs",
      ].join("\n"),
      at: ["paths", "/jobs", "get", "responses", "200"],
      want: { description: "OK", "x-notes": "about the jobs" },
    },
  ];
  it.each(cases)("refuses $name with both readings, one of them the original", ({ given, at, want }) => {
    const { expected, recovered } = roundTrip(given);
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word/);
    const readings = recovered.ok ? [] : (recovered.readings ?? []);
    const documents = readings.map((reading) => JSON.stringify(reading));
    // The reading the reader used to write without a word is one of the two; the original is the other or a third.
    expect(
      readings.map((reading) =>
        at.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], reading),
      ),
    ).toContainEqual(want);
    expect(documents).toHaveLength(2);
    expect(documents).not.toContain(undefined);
    expect(JSON.stringify(expected)).not.toBe(JSON.stringify(want));
  });
});

const MODE_ENUM = [
  "openapi: 3.1.0",
  "info: {title: t, version: v}",
  "paths: {}",
  "components:",
  "  schemas:",
  "    Mode:",
  "      type: string",
  "      enum:",
  "        - profile - ephemeral",
  "x-uses: '#/components/schemas/Mode'",
].join("\n");

describe("evidence beyond the page's YAML decides", () => {
  const site = (enumValues: string) =>
    [
      "openapi: 3.1.0",
      "info: {title: t, version: v}",
      "paths: {}",
      "components:",
      "  schemas:",
      "    Kind:",
      "      type: string",
      `      enum: [${enumValues}]`,
      "x-uses: '#/components/schemas/Kind'",
    ].join("\n");

  // The site's style alone: enumDashRule, a habit of every real enum, would decide both pages before it.
  const styleOnly = (cleanSpecs: readonly string[], page: string) =>
    rulesFrom(cleanSpecs, page).filter((rule) => rule.name !== enumDashRule().name);

  it("a ` - ` item: two items where the site's clean pages write single-word enum values", () => {
    const page = scrape(MODE_ENUM);
    const recovered = recoverCollapsed(page, { rules: styleOnly([site("a, b, c"), site("d, e, f")], page) });
    expect(recovered.ok ? recovered.document.components : recovered.message).toEqual({
      schemas: { Mode: { type: "string", enum: ["profile", "ephemeral"] } },
    });
    expect(recovered.ok ? recovered.decidedBy : []).toEqual([expect.stringMatching(/^site style/)]);
  });

  it("but not where the site writes enum values of several words", () => {
    const page = scrape(MODE_ENUM);
    const recovered = recoverCollapsed(page, {
      rules: styleOnly([site("a b, c, d"), site("e, f, g")], page),
    });
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous/);
  });

  it("a field name in block text: the page's lead paragraph is the operation's description", () => {
    const yaml = [
      "openapi: 3.1.0",
      "info: {title: t, version: v}",
      "paths:",
      "  /jobs:",
      "    get:",
      "      description: >-",
      "        Lists the jobs of the account in the order they were created, newest",
      "        first. summary: oops",
      "      responses:",
      "        '200': {description: OK}",
    ].join("\n");
    const page = `# List jobs GET https://api.example.com/jobs Lists the jobs of the account in the order they were created, newest first. summary: oops Reference: https://example.com/jobs ## OpenAPI Specification \`\`\`yaml ${scrape(yaml)} \`\`\``;
    const recovered = recoverCollapsed(scrape(yaml), { rules: rulesFor(undefined, page, scrape(yaml)) });
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(parse(yaml)));
    expect(recovered.ok ? recovered.decidedBy : []).toEqual([expect.stringMatching(/lead paragraph/)]);
  });

  it("a key after a nested block: a component known from a clean spec, matching the page's text", () => {
    const known = [
      "openapi: 3.1.0",
      "info: {title: t, version: v}",
      "paths: {}",
      "components:",
      "  schemas:",
      "    Job:",
      "      type: object",
      "      properties:",
      "        owner:",
      "          type: object",
      "          properties:",
      "            id: {type: string}",
      "      description: A job",
    ].join("\n");
    const yaml = known.replace(
      "paths: {}",
      "paths: {/jobs: {get: {responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}}}}}",
    );
    // The page holds the component's text exactly as the site writes it (renderSiteYaml), then collapsed.
    const page = scrape(renderSiteYaml(parse(yaml)));
    expect(recoverCollapsed(page).ok).toBe(false);
    // The known component alone (the site's style learnt from the same spec would decide it as well).
    const rules = rulesFrom([known], page).filter((rule) => rule.name.startsWith("components known"));
    const recovered = recoverCollapsed(page, { rules });
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(scrapeValues(parse(yaml)));
    expect(recovered.ok ? recovered.decidedBy : []).toEqual([expect.stringMatching(/^components known/)]);
  });
});
