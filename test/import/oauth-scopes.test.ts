/**
 * OAuth flows' scopes on collapsed pages: Google names its scopes by URL, folding the long texts, so a scope's text
 * could run on past the next scopes (urlKeyTextRule); Lufthansa's scope name holds spaces (`read:LH Open API`), which
 * the reader reads as one name at the start of the map.
 */
import { describe, expect, it } from "vitest";
import { urlKeyTextRule } from "../../scripts/import/text-rules.ts";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";
import { expectEveryPageImportedCollapsed, problemsOf, readBothWays } from "./support/rule-readings.ts";
import { scrapeValues } from "./support/scrape.ts";

const SCOPES = ["components", "securitySchemes", "Oauth2", "flows", "implicit", "scopes"];

/** A Google-style API: two operations, scopes named by URL, some of their texts long enough to be folded. */
function googleStyleSpec(scopes: Record<string, string>) {
  const names = Object.keys(scopes);
  const operation = (operationId: string, scope: string) => ({
    operationId,
    parameters: [{ in: "path", name: "fileId", required: true, schema: { type: "string" } }],
    responses: { "200": { description: "Successful response" } },
    security: [{ Oauth2: [scope] }],
    tags: ["files"],
  });
  return {
    openapi: "3.1.0",
    info: { title: "Drive API", version: "v3" },
    servers: [{ url: "https://www.googleapis.com/drive/v3" }],
    paths: {
      "/files/{fileId}": { get: operation("drive.files.get", names[0] as string) },
      "/files/{fileId}/copy": { post: operation("drive.files.copy", names[1] as string) },
    },
    components: {
      securitySchemes: {
        Oauth2: {
          description: "Oauth 2.0 implicit authentication",
          flows: { implicit: { authorizationUrl: "https://accounts.google.com/o/oauth2/auth", scopes } },
          type: "oauth2",
        },
      },
    },
  };
}

const DRIVE_SCOPES = {
  "https://www.googleapis.com/auth/drive": "See, edit, create, and delete all of your Google Drive files",
  "https://www.googleapis.com/auth/drive.file":
    "See, edit, create, and delete only the specific Google Drive files you use with this app",
  "https://www.googleapis.com/auth/drive.metadata": "View and manage metadata of files in your Google Drive",
  "https://www.googleapis.com/auth/drive.metadata.readonly": "See information about your Google Drive files",
  "https://www.googleapis.com/auth/drive.readonly": "See and download all your Google Drive files",
};

describe("a text holds no URL key (urlKeyTextRule)", () => {
  it.each([
    [
      "a scope's text run on past the next scope",
      "View and manage metadata of files https://www.googleapis.com/auth/drive.metadata.readonly: See information",
      1,
    ],
    ["a URL key ending the text", "Read access https://www.googleapis.com/auth/drive.readonly:", 1],
    ["a URL in prose", "See https://developers.google.com/drive for the scopes", 0],
    ["a URL before a colon in prose, no space after it", "Docs at https://a.example/x:y and more", 0],
    ["a URL at the end of a sentence", "Described at https://a.example/terms.", 0],
    ["a key of one word after a URL", "See https://a.example/docs note: it is free", 0],
  ] as const)("%s", (_, text, count) => {
    expect(
      problemsOf(urlKeyTextRule(), SCOPES, [["https://www.googleapis.com/auth/drive", text]]),
    ).toHaveLength(count);
  });

  it("judges no text inside an example, whose keys are free", () => {
    const path = ["paths", "/a", "get", "responses", "200", "content", "application/json", "example"];
    expect(problemsOf(urlKeyTextRule(), path, [["url", "https://a.example/labels/bug%20:bug:"]])).toEqual([]);
  });

  it("leaves alone a text the site's clean pages write (it is the site's own)", () => {
    const text = "According to https://linter.aip.dev/122/name-suffix: field names should not use the suffix";
    expect(
      problemsOf(urlKeyTextRule(new Set([text])), ["components", "schemas", "A"], [["description", text]]),
    ).toEqual([]);
  });

  it("decides a page whose folded scope text could run on past the next scopes, which is ambiguous without it", () => {
    const document = googleStyleSpec(DRIVE_SCOPES);
    const { withRule, withoutRule } = readBothWays(
      document,
      "texts hold no URL key (`… https://…/auth/drive.metadata: …`)",
    );
    expect(withRule.ok ? withRule.document : withRule.message).toEqual(scrapeValues(document));
    expect(withoutRule.ok ? "read" : withoutRule.message).toMatch(
      /ambiguous at word \d+ .*https:\/\/www\.googleapis/,
    );
  });

  it("never cuts a scope text that really holds a URL key where a clean page writes it (a review's): refused", () => {
    const scopes = {
      ...DRIVE_SCOPES,
      "https://www.googleapis.com/auth/drive.file":
        "See, edit, create, and delete only the specific files you use with this app. Scope details at https://developers.google.com/drive/api/guides/api-specific-auth#drive.file: per-file access",
    };
    const pages = pagesOf(googleStyleSpec(scopes) as never, "drive");
    const { page, recovered } = readAmongCleanNeighbours(pages, 1);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(
      recovered.ok
        ? page.expected
        : expect.stringMatching(/^ambiguous at word \d+ .*api-specific-auth#drive\.file:/),
    );
    expect(recovered.ok).toBe(false);
  });

  it("imports an API whose every page is collapsed, as a whole process", async () => {
    await expectEveryPageImportedCollapsed(
      pagesOf(googleStyleSpec(DRIVE_SCOPES) as never, "drive"),
      "texts hold no URL key",
    );
  });
});

describe("a scope's name of several words", () => {
  const spec = {
    openapi: "3.1.0",
    info: { title: "LH Public API", version: "1.0" },
    servers: [{ url: "https://api.lufthansa.com/v1" }],
    paths: {
      "/references/countries/{countryCode}": {
        get: {
          operationId: "ReferencesCountriesByCountryCodeGet",
          parameters: [
            {
              description: "2-letter ISO 3166-1 country code",
              in: "path",
              name: "countryCode",
              required: true,
              schema: { type: "string" },
            },
          ],
          responses: { "200": { description: "" } },
          security: [{ auth: [] }],
          summary: "Countries",
        },
      },
    },
    components: {
      securitySchemes: {
        auth: {
          flows: {
            authorizationCode: {
              authorizationUrl: "https://api.lufthansa.com/v1/oauth/token",
              scopes: { "read:LH Open API": "read access" },
              tokenUrl: "https://api.lufthansa.com/v1/oauth/token",
            },
          },
          type: "oauth2",
        },
      },
    },
  };

  it("refuses a scopes map of several names, one holding spaces (a review's: the text before a name could hold its first words)", () => {
    const flows = spec.components.securitySchemes.auth.flows.authorizationCode;
    const twoScopes = {
      ...spec,
      components: {
        securitySchemes: {
          auth: {
            ...spec.components.securitySchemes.auth,
            flows: {
              authorizationCode: {
                ...flows,
                scopes: { "read:LH Open API": "read access", "write:LH Open API": "write access" },
              },
            },
          },
        },
      },
    };
    const { recovered } = readAmongCleanNeighbours(
      pagesOf(twoScopes as never, "lufthansa"),
      0,
      {},
      { clean: () => false },
    );
    expect(recovered.ok ? "written" : recovered.message).toMatch(/several scopes, one named with spaces/);
  });

  it("is read as one name at the start of the scopes map (`scopes: read:LH Open API: read access`)", () => {
    const { page, recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "lufthansa"), 0);
    expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
  });
});
