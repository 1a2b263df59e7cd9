import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  exampleValuesRule,
  learnResponseExampleKeys,
  listedResponseKeys,
  type ResponseExampleKeys,
} from "../../scripts/import/example-values.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { importAmongCleanPages } from "./support/import-process.ts";
import { pagesOf, readAmongCleanNeighbours, realPages } from "./support/real-pages.ts";

// A real Twilio response (FetchAddress, trimmed): a closed schema, and an example value of its listed keys.
const schema = {
  type: "object",
  properties: {
    sid: { type: "string", nullable: true },
    capabilities: {
      type: "object",
      properties: { fax: { type: "boolean" }, sms: { type: "boolean" } },
    },
    links: { type: "object", format: "uri-map" },
  },
};
function page(response: unknown, request?: unknown) {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        post: {
          ...(request === undefined
            ? {}
            : {
                requestBody: {
                  content: {
                    "application/json": {
                      schema: { $ref: "#/components/schemas/A" },
                      examples: { create: { value: request } },
                    },
                  },
                },
              }),
          responses: {
            "200": {
              description: "OK",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/A" },
                  examples: { fetch: { value: response } },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: { A: schema } },
  };
}
const listed = { sid: "AD1", capabilities: { sms: true }, links: { self: "/a" } };
/** Where `page`'s response and request example values are. */
const fetchValue = [
  "paths",
  "/a",
  "post",
  "responses",
  "200",
  "content",
  "application/json",
  "examples",
  "fetch",
  "value",
];
const createValue = [
  "paths",
  "/a",
  "post",
  "requestBody",
  "content",
  "application/json",
  "examples",
  "create",
  "value",
];

describe("the site's response examples hold only listed keys (learnResponseExampleKeys, listedResponseKeys)", () => {
  const counted = (document: unknown) => {
    const counts: ResponseExampleKeys = { objects: 0, unlisted: 0, lacking: 0 };
    learnResponseExampleKeys(counts, document);
    return counts;
  };

  it.each([
    ["an example of listed keys, one lacking `fax`", page(listed), { objects: 2, unlisted: 0, lacking: 1 }],
    [
      "an unlisted key in a nested object",
      page({ ...listed, capabilities: { fax: false, sms: true, voice: true } }),
      { objects: 2, unlisted: 1, lacking: 0 },
    ],
    [
      "a request example's unlisted key is not a response's (Twilio's request examples hold them)",
      page(listed, { sid: "AD1", FriendlyName: "x" }),
      { objects: 2, unlisted: 0, lacking: 1 },
    ],
    [
      "a schema open to other keys is not counted",
      { ...page(listed), components: { schemas: { A: { ...schema, additionalProperties: true } } } },
      { objects: 1, unlisted: 0, lacking: 1 },
    ],
    ["a document with no example", { openapi: "3.1.0", paths: {} }, { objects: 0, unlisted: 0, lacking: 0 }],
  ])("%s", (_name, document, want) => {
    expect(counted(document)).toEqual(want);
  });

  it.each([
    [{ objects: 19, unlisted: 0, lacking: 19 }, false],
    [{ objects: 20, unlisted: 0, lacking: 3 }, true],
    [{ objects: 500, unlisted: 1, lacking: 100 }, false],
    // Examples that lack a property as seldom as they hold an unlisted key: a missing one is evidence too, for the
    // combined habit alone.
    [{ objects: 500, unlisted: 0, lacking: 2 }, false],
  ])("%o is a habit: %s", (counts, want) => {
    expect(listedResponseKeys(counts)).toBe(want);
  });

  it("holds on Twilio api_v2010's clean pages (and not on its request examples)", () => {
    const counts: ResponseExampleKeys = { objects: 0, unlisted: 0, lacking: 0 };
    for (const each of realPages("twilio-v2010")) {
      const clean = extractSpec(each.clean);
      if (clean.kind === "markdown") learnResponseExampleKeys(counts, parse(clean.yaml));
    }
    expect(counts.unlisted).toBe(0);
    expect(counts.objects).toBeGreaterThan(300);
    expect(listedResponseKeys(counts)).toBe(true);
  });
});

describe("the habit on its own (exampleValuesRule's listedKeys)", () => {
  const at = fetchValue;
  const request = createValue;
  const document = page(listed, listed);

  it("is built only for a site that shows it", () => {
    expect(exampleValuesRule(document, document)?.listedKeys).toBeUndefined();
    expect(exampleValuesRule(document, document, true)?.listedKeys).toBeDefined();
  });

  it.each([
    ["listed keys, lacking one", at, [["sid", "AD1"]], []],
    [
      "an unlisted key of a response example",
      at,
      [["FriendlyName", "x"]],
      [`${at.join("/")}: \`FriendlyName\` is none of its schema's properties`],
    ],
    ["an unlisted key of a request example", request, [["FriendlyName", "x"]], []],
  ] as const)("%s", (_name, path, entries, want) => {
    const rule = exampleValuesRule(document, document, true)?.listedKeys;
    // While the object is read: what it lacks is not known yet.
    expect(rule?.problems(path, entries, false)).toEqual(want);
    expect(rule?.keyProblems?.(path, [], (entries[0] as [string, unknown])[0], "scalar")).toEqual(want);
  });

  describe("a listed property missing: excused only in an object the rival moves out of its schema's reach", () => {
    const rule = exampleValuesRule(document, document, true)?.listedKeys;
    const number = [...at, "capabilities"];
    const lacksFax = `${number.join("/")}: lacks \`fax\``;
    const lacksLinks = `${at.join("/")}: lacks \`links\``;

    it("names what a whole response example lacks, by its place", () => {
      expect(rule?.problems(number, [["sms", true]], true)).toEqual([lacksFax]);
      expect(rule?.problems(at, Object.entries({ ...listed, links: undefined }).slice(0, 2), true)).toEqual([
        lacksLinks,
      ]);
      expect(rule?.problems(request, [["sid", "AD1"]], true)).toEqual([]);
    });

    it.each([
      // Twilio's `capabilities` read onto the page: the number's own is gone from the rival.
      ["the rival holds no such object, inside the same example", page({ sid: "AD1", links: {} }), true],
      // The second review's: the key read into a nested object lists it, and the rival holds it where it belongs.
      ["the rival holds the object", page(listed), false],
      // A new Example read in the preferred reading: the rival does not have its example at all.
      ["the rival holds no such example", { ...page(listed), paths: {} }, false],
    ])("%s", (_name, rival, want) => {
      // The rule names the problem of the preferred reading first, as the reader asks it.
      expect(rule?.problems(number, [["sms", true]], true)).toEqual([lacksFax]);
      expect(rule?.excuses?.(lacksFax, rival)).toBe(want);
    });

    it("excuses nothing else", () => {
      expect(rule?.excuses?.(`${at.join("/")}: \`x\` is none of its schema's properties`, page({}))).toBe(
        false,
      );
    });
  });

  // The review's pages: an undocumented key a reading moves where no key is unlisted still makes no instance there.
  it.each([
    [
      "read into a uri-map, whose values are URIs",
      [...at, "links"],
      [["beta", true]],
      [`${at.join("/")}/links: \`beta\` is no URI in a uri-map`],
    ],
    [
      "read as a new Example, whose value is no object",
      [...at.slice(0, -2), "pricing"],
      [
        ["description", "Per unit"],
        ["value", 5],
      ],
      [`${at.slice(0, -2).join("/")}/*/value: a number where the schema is of type object`],
    ],
    [
      "read into a nested object whose schema lists it as an object",
      at,
      [["capabilities", "default"]],
      [
        `${[...at.slice(0, -2), "*", "value"].join("/")}/capabilities: a string where the schema is of type object`,
      ],
    ],
  ] as const)("an undocumented key %s", (_name, path, entries, want) => {
    const rule = exampleValuesRule(document, document, true)?.listedKeys;
    expect(rule?.problems(path, entries, false)).toEqual(want);
  });
});

describe("a real page decided by the habit (Twilio api_v2010's ListAvailablePhoneNumberMachineToMachine)", () => {
  // `available_phone_numbers: - address_requirements: none beta: false capabilities: mms: false …`: `capabilities`
  // reads as well onto the list's page, where no schema tells that its `mms`, `sms` and `voice` lack `fax`, as the
  // number's own `capabilities` do; the page's schema has no `capabilities`.
  const pages = realPages("twilio-v2010");
  const index = 19;

  it("reads the page exactly among its clean neighbours, and ambiguously without the habit", () => {
    const { recovered } = readAmongCleanNeighbours(pages, index);
    expect(recovered.ok && recovered.document).toEqual(pages[index]?.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(
      "the site's response examples hold only their schemas' properties",
    );
    const without = readAmongCleanNeighbours(pages, index, { listedResponseKeys: false }).recovered;
    expect(without.ok ? "read" : without.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "capabilities:"\)/,
    );
  });

  it("imports it so as a whole `npm run import` process, the page's line naming the habit", async () => {
    const { result, line, written } = await importAmongCleanPages(pages.slice(0, 40), index);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(line).toContain("the site's response examples hold only their schemas' properties");
    expect(written).toEqual(pages[index]?.expected);
  });
});

describe("the reviews' pages, on a site whose clean response examples lack properties but hold nothing unlisted", () => {
  // Twelve clean pages of a Twilio-like resource (every third example lacks `uri`), and the page read collapsed.
  const thing = {
    type: "object",
    properties: {
      sid: { type: "string", nullable: true },
      friendly_name: { type: "string", nullable: true },
      owner: {
        type: "object",
        nullable: true,
        properties: { name: { type: "string" }, email: { type: "string" } },
      },
      subresource_uris: { type: "object", format: "uri-map", nullable: true },
      uri: { type: "string", nullable: true },
    },
  };
  const example = (at: number) => ({
    sid: `RS${at}aaaaaaaa`,
    friendly_name: `name ${at}`,
    owner: { name: "Ann", email: "ann@example.com" },
    subresource_uris: { calls: `/2010-04-01/Things/RS${at}/Calls.json` },
    ...(at % 3 === 0 ? {} : { uri: `/2010-04-01/Things/RS${at}.json` }),
  });
  const operation = (at: number, schema: unknown, value: unknown) => ({
    get: {
      operationId: `fetch${at}`,
      summary: `Fetch thing ${at}`,
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/Thing${at}` },
              examples: { fetch: { value } },
            },
          },
        },
      },
    },
    schema,
  });
  function site(schema: unknown, value: unknown) {
    const operations = [
      ...Array.from({ length: 12 }, (_, at) => operation(at, thing, example(at))),
      operation(99, schema, value),
    ];
    return {
      openapi: "3.1.0",
      info: { title: "Things API", version: "1.0.0" },
      servers: [{ url: "https://api.example.com" }],
      paths: Object.fromEntries(operations.map(({ get }) => [`/v1/Things/${get.operationId}`, { get }])),
      components: {
        schemas: Object.fromEntries(
          operations.map(({ get, schema: each }) => [`Thing${get.operationId.slice(5)}`, each]),
        ),
      },
    };
  }
  const links = { type: "object", properties: { self: { type: "string" }, calls: { type: "string" } } };
  const list = {
    type: "object",
    properties: {
      things: { type: "array", items: { type: "object", properties: { sid: { type: "string" }, links } } },
      links: { type: "object", format: "uri-map" },
      page: { type: "integer" },
    },
  };
  const { uri: _uri, ...lacking } = example(99);
  const read = (schema: unknown, value: unknown) => {
    const pages = pagesOf(site(schema, value) as never, "thing");
    const { recovered, evidence } = readAmongCleanNeighbours(pages, pages.length - 1);
    const expected = pages[pages.length - 1]?.expected;
    return { recovered, evidence, expected };
  };

  it("learns the habit from the clean pages, and reads the site's own shape exactly", () => {
    const { recovered, evidence, expected } = read(thing, example(99));
    expect(listedResponseKeys(evidence.responseExampleKeys)).toBe(true);
    expect(recovered.ok && recovered.document).toEqual(expected);
  });

  it.each([
    [
      "an undocumented key after a uri-map (read into it, whose values are URIs)",
      thing,
      { ...lacking, api_version: "2010-04-01" },
    ],
    [
      "an undocumented key whose object looks like an Example",
      thing,
      { ...example(99), pricing: { description: "Per unit", value: 5 } },
    ],
    [
      "a documented uri-map holding a relative URI, whose key the list's item lists too",
      list,
      {
        things: [{ sid: "RS1" }, { sid: "RS2" }],
        links: { self: "/v1/Things?Page=0", calls: "Calls.json" },
        page: 0,
      },
    ],
  ])("refuses %s", (_name, schema, value) => {
    const { recovered } = read(schema, value);
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word/);
  });

  it("known limit: an undocumented key whose object fits the list's last item, whose schema lists it, is read there", () => {
    const page = {
      type: "object",
      properties: { things: list.properties.things, page: { type: "integer" } },
    };
    const value = { things: [{ sid: "RS1" }, { sid: "RS2" }], links: { self: "/v1/Things?Page=0" }, page: 0 };
    const { recovered } = read(page, value);
    const written = recovered.ok ? (recovered.document.paths as Record<string, unknown>) : {};
    expect(JSON.stringify(written)).toContain(
      '"things":[{"sid":"RS1"},{"sid":"RS2","links":{"self":"/v1/Things?Page=0"}}]',
    );
  });
});

describe("a request example sends the properties it needs (exampleValuesRule)", () => {
  const withRequired = (required: string[]) => {
    const document = page(listed, listed);
    return { ...document, components: { schemas: { A: { ...schema, required } } } };
  };

  it.each([
    ["a request example lacking an optional property", withRequired([]), createValue, []],
    ["a request example lacking a required one", withRequired(["links"]), createValue, []],
    [
      "a response example lacking a listed one",
      withRequired([]),
      fetchValue,
      [`${fetchValue.slice(0, -2).join("/")}/*/value: lacks \`links\``],
    ],
  ] as const)("%s", (_name, document, path, want) => {
    const rule = exampleValuesRule(document, document)?.rule;
    const entries = Object.entries({ sid: "AD1", capabilities: { sms: true } });
    expect(rule?.problems(path, entries, true).filter((problem) => problem.includes("lacks"))).toEqual(want);
  });

  it("names a value breaking its schema whichever example holds it", () => {
    const document = page(listed, listed);
    const rule = exampleValuesRule(document, document)?.rule;
    const named = (name: string) =>
      rule?.problems([...createValue.slice(0, -2), name, "value"], [["capabilities", "all"]], true);
    expect(named("create")).toEqual(named("update"));
  });

  // The third review's page (a billing site): the true example's `shipping` lacks its required `address`, and the
  // top-level `address` follows it. Counting only required properties, the rival that moves `address` into `shipping`
  // lacked nothing and was written.
  it("writes the review's customer exactly or refuses it, never with its `address` moved into `shipping`", () => {
    const text = (description: string) => ({ type: "string", description });
    const address = { type: "object", properties: { line1: text("Street line."), city: text("City.") } };
    const body = {
      type: "object",
      properties: {
        name: text("The customer's full name."),
        shipping: { $ref: "#/components/schemas/Shipping" },
        address: { $ref: "#/components/schemas/Address" },
      },
    };
    const posting = (operationId: string, example: Record<string, unknown>) => ({
      operationId,
      requestBody: { content: { "application/json": { schema: body, example } } },
      responses: { "200": { description: "OK" } },
    });
    const springfield = (line1: string) => ({ line1, city: "Springfield" });
    const billing = {
      openapi: "3.1.0",
      info: { title: "Billing API", version: "1.0.0" },
      paths: {
        "/customers": {
          post: posting("CreateCustomer", {
            name: "Jenny Rosen",
            shipping: { name: "Jenny Rosen" },
            address: springfield("1 Main St"),
          }),
        },
        "/customers/{id}": {
          post: posting("UpdateCustomer", {
            shipping: { name: "Jenny Rosen", address: springfield("2 Side St") },
          }),
        },
        "/sources": { post: posting("CreateSource", { address: springfield("1 Main St") }) },
      },
      components: {
        schemas: {
          Address: address,
          Shipping: {
            type: "object",
            properties: { name: text("Recipient name."), address: { $ref: "#/components/schemas/Address" } },
            required: ["name", "address"],
          },
        },
      },
    };
    const pages = pagesOf(billing as never, "billing");
    const { recovered } = readAmongCleanNeighbours(pages, 0);
    if (recovered.ok) expect(recovered.document).toEqual(pages[0]?.expected);
    else expect(recovered.message).toMatch(/^ambiguous at word \d+ \(character \d+, "address:"\)/);
  });

  // Twilio api_v2010, the odd pages clean: each of these request bodies' examples sends only some of the properties
  // (`redactBody: value: Body: ''`, `cancelMessage: value: Status: canceled`), which tied with the rival reading the
  // next example into the one before's data; page 098's examples each break their schema alike (`StatusCallbackEvent:
  // ringing`, where the schema takes a list).
  it.each([82, 98])("reads page %i exactly among the odd pages", (index) => {
    const pages = realPages("twilio-v2010");
    const { page: read, recovered } = readAmongCleanNeighbours(
      pages,
      index,
      {},
      { clean: (at) => at % 2 === 1 },
    );
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(read.expected);
  });
});
