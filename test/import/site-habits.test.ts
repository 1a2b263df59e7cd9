/**
 * Habits of the docs site and of real specs that decide a collapsed page, found by cutting APIs outside the tuning
 * corpus (APIs.guru's) into pages: the site's page documents (no extension on the document, so none needs a clean
 * page), the habits of a page's sibling objects, the fields a security scheme's type requires, the document's `info` known from a clean page; and the refusal of a text that holds the
 * page's own YAML.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { siteDocumentRule, swallowedYamlTextRule } from "../../scripts/import/evidence.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { emptyEvidence, learnFrom, rulesFor } from "../../scripts/import/import-evidence.ts";
import { importPages } from "../../scripts/import/import-pages.ts";
import { knownFragmentsRule, learnFragments } from "../../scripts/import/known-fragments.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../scripts/import/render-yaml.ts";
import { alwaysRule, sharedStyle } from "../../scripts/import/site-style.ts";
import { getting, returning } from "./support/one-operation.ts";
import { pagesOf, type RealPage, realPages } from "./support/real-pages.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";

/** A page of Twilio's messaging spec collapsed, read with no evidence but the page's own text. */
function readAlone(index: number, keep: (name: string) => boolean = () => true) {
  const page = realPages("twilio")[index] as ReturnType<typeof realPages>[number];
  const extracted = extractSpec(page.collapsed);
  if (extracted.kind !== "collapsed") throw new Error("expected a collapsed page");
  const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
  const rules = rulesFor(emptyEvidence(), page.collapsed, yaml).filter((rule) => keep(rule.name));
  return { page, recovered: recoverCollapsed(yaml, { rules, requiredKeys: ["paths"] }) };
}

describe("the site's page documents hold no extension (siteDocumentRule)", () => {
  it("reads Twilio's DeleteAlphaSender, every page collapsed, with `x-twilio` in `info`", () => {
    const { page, recovered } = readAlone(3);
    expect(recovered.ok && recovered.document).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(
      "the site's page documents (no extension on the document)",
    );
    const without = readAlone(3, (name) => !name.startsWith("the site's page documents"));
    expect(without.recovered.ok ? "read" : without.recovered.message).toMatch(
      /ambiguous at word \d+ \(character \d+, "x-twilio:"\): it reads as \/info\/x-twilio or as \/x-twilio/,
    );
  });

  const page = "# T\n\nGET https://api.example.com/a\n\n## OpenAPI Specification\n\n```yaml ...";
  it.each([
    ["an extension on the document", [], "x-twilio", ["the site's document holds no x-twilio"]],
    ["an extension in `info`", ["info"], "x-twilio", []],
    ["a field of the document", [], "servers", []],
  ] as const)("judges %s", (_, path, key, problems) => {
    expect(siteDocumentRule(page)?.keyProblems?.([...path], [], key)).toEqual(problems);
  });

  it("is no rule for a page without the site's endpoint line", () => {
    expect(siteDocumentRule("openapi: 3.1.0 info: title: t")).toBeUndefined();
  });

  it("refuses a page whose `info` a clean page knows shorter, rather than push its extension onto the document", () => {
    // A second review's batch: the clean page's info is `{title, version}`, the collapsed page's adds `x-foo`.
    const spec = (info: object, route: string) => ({
      openapi: "3.1.0",
      info,
      servers: [{ url: "https://api.example.com" }],
      paths: {
        [route]: { get: { operationId: `op${route.slice(1)}`, responses: { "200": { description: "ok" } } } },
      },
    });
    const clean = pagesOf(spec({ title: "T", version: "1" }, "/x") as never, "c")[0] as RealPage;
    const collapsed = pagesOf(
      spec({ title: "T", version: "1", "x-foo": "bar" }, "/y") as never,
      "p",
    )[0] as RealPage;
    const evidence = emptyEvidence();
    learnFrom(evidence, parse((extractSpec(clean.clean) as { yaml: string }).yaml));
    const yaml = (
      (extractSpec(collapsed.collapsed) as { candidates: { yaml: string }[] }).candidates[0] as {
        yaml: string;
      }
    ).yaml;
    const recovered = recoverCollapsed(yaml, {
      rules: rulesFor(evidence, collapsed.collapsed, yaml),
      requiredKeys: ["paths"],
    });
    expect(recovered.ok ? recovered.document : recovered.message).not.toEqual(
      expect.objectContaining({ "x-foo": "bar" }),
    );
    if (recovered.ok) expect(recovered.document).toEqual(collapsed.expected);
  });
});

describe("siblings are written alike (site-style.ts sibling classes)", () => {
  const property = (extra: object = {}) => ({ type: "string", nullable: true, description: "d", ...extra });
  const page = (properties: object) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: {
      schemas: {
        Item: { type: "object", properties, title: "Item" },
        Meta: { type: "object", properties: { page: { type: "string" }, size: { type: "string" } } },
      },
    },
  });
  const at = (name: string) => ["components", "schemas", "Item", "properties", name];
  const five = { a: property(), b: property(), c: property(), d: property(), e: property() };

  it.each([
    [
      "an array property among described strings, without their keys",
      five,
      "f",
      [["type", "array"]],
      [
        "always Schema@properties in components/schemas/Item/properties nullable (f)",
        "always Schema@properties in components/schemas/Item/properties description (f)",
      ],
    ],
    ["the same property with them", five, "f", Object.entries(property({ type: "array" })), []],
    [
      "a key all but one of five siblings hold",
      { ...five, e: { type: "string", nullable: true } },
      "f",
      [["type", "string"]],
      [
        "always Schema@properties in components/schemas/Item/properties nullable (f)",
        "always Schema@properties in components/schemas/Item/properties description (f)",
      ],
    ],
    [
      "a key all but one of four siblings hold (too few to count)",
      { a: property(), b: property(), c: property(), e: { type: "string", nullable: true } },
      "f",
      [
        ["type", "string"],
        ["nullable", true],
      ],
      [],
    ],
  ] as const)("judges %s", (_, properties, name, entries, problems) => {
    // The class as a whole holds no description (Meta's properties): only the siblings tell.
    const style = sharedStyle(page(properties), page(properties));
    const rule = alwaysRule(style, "own");
    expect(
      rule?.problems(
        at(name),
        entries.map(([key, value]) => [key, value]),
        true,
      ),
    ).toEqual(problems);
  });
});

describe("the siblings' habit never decides against the reader's reading of the odd one out", () => {
  // A second review's pages: the odd sibling keeps its description in its `items` or its `schema`, where the reader
  // reads it first; its siblings hold theirs on themselves. The habit prefers the other reading, which is wrong here and
  // right on Twilio's FetchAlphaSender (`capabilities`): neither is written.
  const described = { type: "string", description: "d" };
  const header = { description: "d", schema: { type: "string" } };

  it.each([
    [
      "an array whose items hold the description",
      returning("I", {
        I: {
          type: "object",
          properties: {
            a: described,
            b: described,
            c: described,
            d: described,
            e: described,
            f: { type: "array", items: described },
          },
        },
      }),
    ],
    [
      "a header whose schema holds the description",
      getting(
        {},
        {
          headers: { A: header, B: header, C: header, D: header, E: header, F: { schema: described } },
        },
      ),
    ],
  ])("reads %s exactly or refuses it", (_, document) => {
    const text = scrape(renderSiteYaml(document));
    const recovered = recoverCollapsed(text, { rules: rulesFor(emptyEvidence(), text, text) });
    if (recovered.ok) expect(recovered.document).toEqual(scrapeValues(document));
    else expect(recovered.message).toMatch(/^ambiguous at word \d+ \(character \d+, "description:"\)/);
  });
});

describe("a security scheme has the fields its type requires (OpenAPI 3.1)", () => {
  it("ends an apiKey scheme's `>-` description before `in:`, an APIs.guru (Adafruit) scheme read back unique", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/a": { get: { security: [{ QueryKey: [] }], responses: { "200": { description: "ok" } } } } },
      components: {
        securitySchemes: {
          QueryKey: {
            description:
              "The AIO Key is used to restrict or grant access to your data. You can access this key from the right-hand side of your dashboard or from an individual feed page.",
            in: "query",
            name: "X-AIO-Key",
            type: "apiKey",
          },
        },
      },
    };
    const recovered = recoverCollapsed(scrape(renderSiteYaml(document)));
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(document);
    expect(recovered.ok && recovered.decidedBy).toEqual([]);
  });
});

describe("a written text holds none of the page's YAML (swallowedYamlTextRule)", () => {
  const long = `Api${"ProjectLookupGetResponses".repeat(3)}Items`;
  // Avaza (APIs.guru) cut into pages: a component nothing refers to, which the model's "every component is
  // referenced" leaves no reading for but inside the `title: >-` text before it.
  const document = returning(long, {
    [long]: { type: "object", properties: { id: { type: "integer" } }, title: long },
    Unreferenced: {
      type: "object",
      properties: { items: { type: "array", items: { $ref: `#/components/schemas/${long}` } } },
      title: "Unreferenced",
    },
  });
  const text = scrape(renderSiteYaml(document));

  it("refuses the reading the model and the page's own rules leave, which is wrong", () => {
    const rules = rulesFor(emptyEvidence(), text, text);
    const refusing = swallowedYamlTextRule().name;
    const without = recoverCollapsed(text, { rules: rules.filter((rule) => rule.name !== refusing) });
    expect(without.ok && JSON.stringify(without.document)).toContain(
      `"title":"${long} Unreferenced: type: object properties: items:`,
    );
    const recovered = recoverCollapsed(text, { rules });
    expect(recovered.ok ? "written" : recovered.message).toBe(
      `refused: components/schemas/${long}/title: text holds YAML the page meant as keys`,
    );
  });

  it.each([
    ["a reference after a block header", "A Unreferenced: items: $ref: >- #/components/schemas/A", 1],
    ["a quoted reference", "see $ref: '#/components/schemas/A' below", 1],
    ["a block header", "channel_senders: >- https://example.com/a", 1],
    ["an arrow and a Markdown quote", "a -> b; > quoted", 0],
    ["a reference named in prose", "refers to the Pet schema ($ref)", 0],
  ])("judges %s", (_, value, count) => {
    expect(swallowedYamlTextRule().problems(["x"], [["description", value]], true)).toHaveLength(count);
  });
});

describe("the document's `info`, the same on every page of an API, known from a clean page (known-fragments.ts)", () => {
  // APIs.guru's `info`: `x-origin` lists the source, its `url` long enough to be folded (`>-`), then `x-providerName`.
  const info = {
    title: "Patrowl",
    version: "1.0.0",
    "x-origin": [
      {
        format: "openapi",
        url: "https://raw.githubusercontent.com/Patrowl/PatrowlManager/master/doc/openapi/patrowl-manager-openapi.yaml",
        version: "3.0",
      },
    ],
    "x-providerName": "patrowl.local",
  };
  const document = (path: string) => ({
    openapi: "3.1.0",
    info,
    paths: { [path]: { get: { responses: { "200": { description: "ok" } } } } },
  });
  const text = scrape(renderSiteYaml(document("/assets")));

  it("decides `x-providerName` after the folded URL, which the text alone leaves to `info` or to the source", () => {
    const alone = recoverCollapsed(text);
    expect(alone.ok ? "read" : alone.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "(version|x-providerName):"\)/,
    );
    const fragments = {};
    learnFragments(fragments, document("/findings"));
    const rule = knownFragmentsRule(fragments, text) as NonNullable<ReturnType<typeof knownFragmentsRule>>;
    const recovered = recoverCollapsed(text, { rules: [rule] });
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(document("/assets"));
    expect(recovered.ok && recovered.decidedBy).toEqual([
      "fragments known from clean pages (1 on this page)",
    ]);
  });
});

describe("a site style learnt from pages that never show a kind of object says nothing of it", () => {
  // Twilio's DELETE pages have no response headers; its GET pages' `Access-Control-Expose-Headers` holds its example in
  // its schema, the other headers on themselves. Both were written wrong from DELETE pages' evidence alone.
  const pages = realPages("twilio");
  const remove = pages[3] as RealPage;
  const list = pages[12] as RealPage;

  it("keeps a parameter's schema apart from a header's: one clean DELETE page leaves the header's example open", () => {
    const evidence = emptyEvidence();
    learnFrom(evidence, parse((extractSpec(remove.clean) as { yaml: string }).yaml));
    const extracted = extractSpec(list.collapsed) as { candidates: { yaml: string }[] };
    const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
    const recovered = recoverCollapsed(yaml, {
      rules: rulesFor(evidence, list.collapsed, yaml),
      requiredKeys: ["paths"],
    });
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "example:"\)/,
    );
  });

  it("decides the DELETE page of a batch of collapsed pages first, and what it teaches leaves the GET page open", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "site-habits-"));
    try {
      await writeFile(path.join(dir, remove.name), remove.collapsed);
      await writeFile(path.join(dir, list.name), list.collapsed);
      const summary = await importPages({ inputs: [dir], outDir: path.join(dir, "out"), evidenceDirs: [] });
      const outcome = (name: string) => summary.pages.find((report) => report.source.endsWith(name));
      expect(outcome(remove.name)?.problem).toBeUndefined();
      expect(outcome(list.name)?.problem?.message).toMatch(
        /ambiguous at word \d+ \(character \d+, "example:"\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a page's own style is not learnt from objects a choice point could change (sharedStyle's contested places)", () => {
  // A second review's pages, written wrong before: every parameter's `description` follows its `schema`, so each could
  // be the schema's; the reader's first choice read each into the schema, and the others, read the same way, made it
  // the page's habit. Likewise a header's `example` after its schema.
  const parameter = (name: string) => ({ name, in: "query", schema: { type: "string" }, description: "d" });
  const header = { description: "d", schema: { type: "string" }, example: "x" };
  it.each([
    [
      "parameters whose description follows their schema",
      getting({ parameters: [..."abcdef"].map(parameter) }),
    ],
    [
      "headers whose example follows their schema",
      getting({}, { headers: { A: header, B: header, C: header, D: header, E: header } }),
    ],
  ])("reads %s exactly or refuses them", (_, document) => {
    const text = scrape(renderSiteYaml(document));
    const recovered = recoverCollapsed(text, { rules: rulesFor(emptyEvidence(), text, text) });
    if (recovered.ok) expect(recovered.document).toEqual(scrapeValues(document));
    else expect(recovered.message).toMatch(/^ambiguous at word \d+/);
  });
});
