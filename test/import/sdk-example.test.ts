import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Entries, Path } from "../../scripts/import/evidence.ts";
import { extractSpec } from "../../scripts/import/extract-page.ts";
import { emptyEvidence, rulesFor } from "../../scripts/import/import-evidence.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import {
  learnSdkBody,
  type SdkBodies,
  sdkRequestBody,
  sdkRequestExampleRule,
  sendsFirstExamples,
} from "../../scripts/import/sdk-example.ts";
import { ROOT } from "../support/seeds.ts";
import { importAmongCleanPages } from "./support/import-process.ts";
import { pagesOf, type RealPage, readAmongCleanNeighbours, realPages } from "./support/real-pages.ts";

const seed = (name: string) => readFileSync(path.join(ROOT, "test/import/fixtures/seed-pages", name), "utf8");

describe("the body a page's SDK code example sends (sdkRequestBody)", () => {
  it.each([
    [
      "seed page 001, clean: the request body's generated example",
      seed("001_f32651952a514f50.txt"),
      { protocol: "cdp" },
    ],
    ["seed page 002, collapsed: `{}`, no evidence", seed("002_59f0493db43d613a.txt"), undefined],
    [
      "a collapsed page: a single-quoted JavaScript string with escapes",
      "``` ## SDK Code Examples ```javascript const options = {method: 'POST', body: '{\"note\":\"it\\'s a \\\\\\\\ slash\"}'};",
      { note: "it's a \\ slash" },
    ],
    ["no SDK section", "```yaml openapi: 3.1.0 ``` body: '{\"a\":1}'", undefined],
    ["a body that is not JSON", "## SDK Code Examples body: 'name=x&y=z'", undefined],
  ])("%s", (_name, page, want) => {
    expect(sdkRequestBody(page)).toEqual(want);
  });
});

describe("the request body's first example is the SDK example's body (sdkRequestExampleRule)", () => {
  const page = `## SDK Code Examples \`\`\`javascript const options = {body: '{"FriendlyName":"friendly_name","Status":"active"}'};`;
  // Twilio's UpdateAccount: the response's examples come first and share the request's example names.
  const yaml =
    "paths: /a: post: responses: '200': content: application/json: examples: update: value: auth_token: t " +
    "requestBody: content: application/x-www-form-urlencoded: examples: update: value: FriendlyName: friendly_name " +
    "Status: active updateWithNumericStatus: value: Status: '1'";
  const shown = { matching: 2, differing: 0 };
  const bodies = { "application/x-www-form-urlencoded": shown, "application/json": shown };
  const rule = sdkRequestExampleRule(page, yaml, bodies);
  const value: Path = [
    "paths",
    "/a",
    "post",
    "requestBody",
    "content",
    "application/x-www-form-urlencoded",
    "examples",
    "update",
    "value",
  ];
  const problem = "the request body's first example is not the SDK example's body";

  it.each<[string, Path, Entries, boolean, string[]]>([
    [
      "the first example's value as sent",
      value,
      [
        ["FriendlyName", "friendly_name"],
        ["Status", "active"],
      ],
      true,
      [],
    ],
    ["its first entries, still open", value, [["FriendlyName", "friendly_name"]], false, []],
    ["an entry short, closed", value, [["FriendlyName", "friendly_name"]], true, [problem]],
    [
      "another value",
      value,
      [
        ["FriendlyName", "friendly_name"],
        ["Status", "closed"],
      ],
      false,
      [problem],
    ],
    [
      "the next example read into the value",
      value,
      [
        ["FriendlyName", "friendly_name"],
        ["Status", "active"],
        ["updateWithNumericStatus", { value: { Status: "1" } }],
      ],
      false,
      [problem],
    ],
    [
      "an entry past the body that is no Example: a site's body may leave fields out",
      value,
      [
        ["FriendlyName", "friendly_name"],
        ["Status", "active"],
        ["description", "friend"],
      ],
      true,
      [],
    ],
    ["the media type without its examples, closed", value.slice(0, 6), [["schema", {}]], true, [problem]],
    ["the media type, still open", value.slice(0, 6), [["schema", {}]], false, []],
    ["the examples map without the first example", value.slice(0, 7), [["other", {}]], true, [problem]],
    [
      "the first example whose value is no object",
      value.slice(0, 8),
      [["value", "friendly_name"]],
      true,
      [problem],
    ],
    ["the first example holding its value", value.slice(0, 8), [["value", {}]], true, []],
    [
      "another media type's example of the same name: not judged",
      [...value.slice(0, 5), "application/json", ...value.slice(6)],
      [["Other", "x"]],
      true,
      [],
    ],
    [
      "the second example: not judged",
      [...value.slice(0, 7), "updateWithNumericStatus", "value"],
      [["Status", "1"]],
      true,
      [],
    ],
    [
      "the response's example of the same name: not judged",
      [
        "paths",
        "/a",
        "post",
        "responses",
        "200",
        "content",
        "application/json",
        "examples",
        "update",
        "value",
      ],
      [["auth_token", "t"]],
      true,
      [],
    ],
  ])("%s", (_name, at, entries, complete, want) => {
    expect(rule?.problems(at, entries, complete)).toEqual(want);
  });

  it("rules out a key the body does not have at its place as the key opens, and waits past the body's entries", () => {
    const entries: Entries = [
      ["FriendlyName", "friendly_name"],
      ["Status", "active"],
    ];
    expect(rule?.keyProblems?.(value, entries.slice(0, 1), "Other")).toEqual([problem]);
    expect(rule?.keyProblems?.(value, entries.slice(0, 1), "Status")).toEqual([]);
    // Past them, only its value tells the next example (an object holding `value`) from a field the body left out.
    expect(rule?.keyProblems?.(value, entries, "updateWithNumericStatus")).toEqual([]);
  });

  it.each([
    ["no request body in the text", "paths: /a: post: responses: '200': description: OK"],
    [
      "no example of the body's first key",
      "paths: /a: post: requestBody: content: application/json: examples: other: value: Name: x",
    ],
  ])("is no rule with %s", (_name, text) => {
    expect(sdkRequestExampleRule(page, text, bodies)).toBeUndefined();
  });

  it("is no rule where the clean pages show no first examples sent for the text's media type", () => {
    expect(sdkRequestExampleRule(page, yaml, { "application/json": shown })).toBeUndefined();
  });

  it("finds a media type's single `example` too", () => {
    const single = sdkRequestExampleRule(
      page,
      "paths: /a: post: requestBody: content: application/json: example: FriendlyName: friendly_name Status: active",
      bodies,
    );
    const at: Path = ["paths", "/a", "post", "requestBody", "content", "application/json", "example"];
    expect(
      single?.problems(
        at,
        [
          ["FriendlyName", "friendly_name"],
          ["Status", "active"],
        ],
        true,
      ),
    ).toEqual([]);
    expect(single?.problems(at, [["FriendlyName", "x"]], false)).toEqual([problem]);
  });
});

describe("the habit holds where the site's clean pages send their first request examples (sendsFirstExamples)", () => {
  const form = "application/x-www-form-urlencoded";
  const pages = realPages("twilio-v2010");
  const sendingFirst = (indexes: readonly number[], edit = (text: string) => text) => {
    const bodies: SdkBodies = {};
    for (const index of indexes) {
      const page = pages[index] as RealPage;
      const clean = extractSpec(page.clean);
      if (clean.kind === "markdown") learnSdkBody(bodies, edit(page.clean), parse(clean.yaml));
    }
    return { bodies, holds: sendsFirstExamples(bodies, form) };
  };

  it.each([
    [
      "two pages sending their first examples",
      [3, 7],
      undefined,
      { [form]: { matching: 2, differing: 0 } },
      true,
    ],
    ["one page only", [3], undefined, { [form]: { matching: 1, differing: 0 } }, false],
    [
      "pages without a request body count for nothing",
      [0, 2, 3],
      undefined,
      { [form]: { matching: 1, differing: 0 } },
      false,
    ],
    [
      // A site whose code examples send a body made from the schema (its required fields), as seed page 001's does.
      "a page sending another body",
      [3, 7, 35],
      (text: string) =>
        text.replace(/body: '\{"RecordingStatusCallbackEvent".*?'\}/, `body: '{"Trim":"trim-silence"}'}`),
      { [form]: { matching: 2, differing: 1 } },
      false,
    ],
  ])("%s", (_name, indexes, edit, bodies, holds) => {
    expect(sendingFirst(indexes, edit)).toEqual({ bodies, holds });
  });

  it("is no rule for a collapsed page among clean pages that do not show it", () => {
    const evidence = emptyEvidence();
    const page = pages[35] as RealPage;
    const extracted = extractSpec(page.collapsed);
    if (extracted.kind !== "collapsed") throw new Error("expected a collapsed page");
    const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
    const named = () => rulesFor(evidence, page.collapsed, yaml).map((rule) => rule.name);
    expect(named()).not.toContain("the page's SDK example (the request body's first example)");
    evidence.sdkBodies = { "application/json": { matching: 2, differing: 0 } };
    expect(named()).not.toContain("the page's SDK example (the request body's first example)");
    evidence.sdkBodies = { [form]: { matching: 2, differing: 0 } };
    expect(named()).toContain("the page's SDK example (the request body's first example)");
  });
});

describe("the harness's pages send the request body's first example", () => {
  const pages = realPages("twilio-v2010");

  it.each([
    [
      "Twilio's UpdateAccount: its first example, `update`",
      3,
      { FriendlyName: "friendly_name", Status: "active" },
    ],
    ["Twilio's FetchAccount: no request body, `{}`", 2, undefined],
  ])("%s", (_name, index, want) => {
    const page = pages[index] as RealPage;
    expect(sdkRequestBody(page.clean)).toEqual(want);
    expect(sdkRequestBody(page.collapsed)).toEqual(want);
  });
});

describe("a real page decided by its SDK example", () => {
  // Twilio's CreateCallRecording: `examples: create: value: … TranscriptionConfiguration: JV… create201: value: …`
  // reads as well with `create201` inside `create`'s value; the code example's JSON ends the value.
  const pages = realPages("twilio-v2010");
  const index = 35;

  it("reads Twilio's page 035 exactly among its clean neighbours, and ambiguously where the code sends `{}`", () => {
    const { recovered, rules, yaml } = readAmongCleanNeighbours(pages, index);
    expect(recovered.ok && recovered.document).toEqual(pages[index]?.expected);
    expect(recovered.ok && recovered.decidedBy).toContain(
      "the page's SDK example (the request body's first example)",
    );
    const withoutBody = recoverCollapsed(yaml, {
      requiredKeys: ["paths"],
      rules: rules.filter((rule) => !rule.name.startsWith("the page's SDK example")),
    });
    expect(withoutBody.ok ? "read" : withoutBody.message).toMatch(
      /^ambiguous at word \d+ \(character \d+, "create201:"\)/,
    );
  });

  it("imports it so as a whole `npm run import` process, the page's line naming the SDK example", async () => {
    const { result, line, written } = await importAmongCleanPages(pages, index);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(line).toContain("the page's SDK example (the request body's first example)");
    expect(written).toEqual(pages[index]?.expected);
  });
});

describe("a body of fewer entries than the example decides nothing (the review's pages)", () => {
  // A site whose clean pages send their first request examples, and one page whose code sends only the required field:
  // its example's `description: friend` reads as well on the Example object, and the short body must not decide that.
  const withBody = (value: Record<string, unknown>, id: string) => ({
    operationId: id,
    summary: id,
    requestBody: { content: { "application/json": { examples: { first: { value } } } } },
    responses: { "204": { description: "Done" } },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "People", version: "1.0.0" },
    servers: [{ url: "https://api.people.example" }],
    paths: {
      "/people": {
        post: {
          operationId: "createPerson",
          summary: "Create a person",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { name: { type: "string" }, description: { type: "string" } },
                },
                examples: {
                  first: { value: { name: "Bob", description: "friend" } },
                  second: { value: { name: "Al" } },
                },
              },
            },
          },
          responses: { "201": { description: "Created" } },
        },
      },
      "/teams": { post: withBody({ team: "red", note: "n1" }, "createTeam") },
      "/tags": { post: withBody({ tag: "x", note: "n2" }, "createTag") },
      "/rooms": { post: withBody({ room: "r1", note: "n3" }, "createRoom") },
    },
  };

  it.each([
    ["the first example, as the site's other pages send", undefined],
    ["its required field only", `body: '{"name":"Bob"}'`],
  ])("%s: read exactly or refused, never written wrong", (_name, body) => {
    const [target, ...neighbours] = pagesOf(spec as never, "people") as [RealPage, ...RealPage[]];
    const collapsed = body === undefined ? target.collapsed : target.collapsed.replace(/body: '[^']*'/, body);
    const { evidence, recovered } = readAmongCleanNeighbours([{ ...target, collapsed }, ...neighbours], 0);
    expect(evidence.sdkBodies).toEqual({ "application/json": { matching: 3, differing: 0 } });
    if (recovered.ok) expect(recovered.document).toEqual(target.expected);
    else expect(recovered.message).toMatch(/^ambiguous at /);
  });
});
