/**
 * The naming rules one at a time: decoding hoisted names, route meaning, operation verbs, word helpers, comment
 * escaping and collision resolution.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeHoistedName, walkPropertyPath } from "../../scripts/aliases/decode-hoisted-name.ts";
import { describeRoute, operationNameCandidates } from "../../scripts/aliases/name-operations.ts";
import {
  type NameRequest,
  resolveNames,
  sanitizeCandidate,
} from "../../scripts/aliases/resolve-collisions.ts";
import type { OperationInfo } from "../../scripts/aliases/spec-index.ts";
import { escapeCommentText, joinNoun, singularize, splitWords } from "../../scripts/aliases/words.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";

function operation(
  method: OperationInfo["method"],
  route: string,
  extra: Partial<OperationInfo> = {},
): OperationInfo {
  return { method, route, key: `${method.toUpperCase()} ${route}`, ...extra };
}

const CREATE = operation("post", "/v1/spaces/{id}/runtimes/{runtimeId}/connections");
const STOP = operation("post", "/v1/workspaces/{id}/runtimes/{alias}/stop");

describe("decodeHoistedName", () => {
  it.each([
    [
      "V1SpacesIdRuntimesRuntimeIdConnectionsPostResponsesContentApplicationJsonSchemaEndpoint0",
      CREATE,
      "response",
      "Endpoint0",
    ],
    [
      "V1SpacesIdRuntimesRuntimeIdConnectionsPostRequestBodyContentApplicationJsonSchemaProtocol",
      CREATE,
      "request",
      "Protocol",
    ],
    [
      "V1WorkspacesIdRuntimesAliasStopPostResponsesContentApplicationJsonSchemaSummaryLaunchMode",
      STOP,
      "response",
      "SummaryLaunchMode",
    ],
  ])("%s", (name, wanted, location, remainder) => {
    const decoded = decodeHoistedName(name, [CREATE, STOP]);
    expect(decoded?.operation).toBe(wanted);
    expect(decoded?.location).toBe(location);
    expect(decoded?.remainder).toBe(remainder);
  });

  it.each(["Connection", "spaces_runtimesConnectionsCreate_Response_200", "V1Things"])(
    "leaves %s alone",
    (name) => expect(decodeHoistedName(name, [CREATE])).toBeUndefined(),
  );

  it("splits the route words when no operation matches", () => {
    expect(decodeHoistedName("V1GonePostResponsesContentApplicationJsonSchemaMode", [CREATE])).toEqual({
      routeWords: ["V1", "Gone"],
      location: "response",
      remainder: "Mode",
    });
  });
});

describe("walkPropertyPath", () => {
  const document = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: {
      schemas: {
        Body: {
          type: "object",
          properties: {
            endpoint: {
              oneOf: [
                { type: "object", properties: { type: { enum: ["websocket"] }, url: { type: "string" } } },
                {
                  type: "object",
                  properties: { type: { const: "composite" }, endpoints: { type: "object" } },
                },
              ],
            },
            launchMode: { type: "string" },
            tags: { type: "array", items: { type: "object", properties: { label: { type: "string" } } } },
          },
        },
      },
    },
  } as unknown as OpenAPI3;
  const body = { $ref: "#/components/schemas/Body" };

  it.each([
    ["LaunchMode", [{ kind: "property", name: "launchMode" }]],
    [
      "Endpoint0",
      [
        { kind: "property", name: "endpoint" },
        { kind: "variant", index: 0, label: "websocket" },
      ],
    ],
    [
      "EndpointOneOf1Endpoints",
      [
        { kind: "property", name: "endpoint" },
        { kind: "variant", index: 1, label: "composite" },
        { kind: "property", name: "endpoints" },
      ],
    ],
    [
      "TagsItemsLabel",
      [{ kind: "property", name: "tags" }, { kind: "items" }, { kind: "property", name: "label" }],
    ],
    ["Nowhere", undefined],
  ])("%s", (rest, steps) => {
    expect(walkPropertyPath(document, body, rest)).toEqual(steps);
  });
});

describe("operation names", () => {
  it.each([
    [
      operation("post", CREATE.route, { summary: "Create a protocol connection lease into a runtime" }),
      "CreateConnection",
    ],
    [
      operation("delete", `${CREATE.route}/{connectionId}`, { summary: "Revoke a runtime connection lease" }),
      "RevokeConnection",
    ],
    [operation("post", STOP.route, { summary: "Stop a live runtime inside a workspace" }), "StopRuntime"],
    [operation("get", "/v1/runtimes/{id}/status"), "GetRuntimeStatus"],
    [operation("get", "/v1/spaces/{id}/browser-sessions"), "ListBrowserSession"],
    [operation("get", "/v1/policies/{policyId}", { summary: "Retrieves a policy" }), "GetPolicy"],
    [operation("patch", "/v1/policies/{policyId}", { summary: "The policy, changed" }), "UpdatePolicy"],
    [operation("get", "/v2/runtimes/{id}", { operationId: "runtimes-get" }), "GetRuntime"],
  ])("%# %s", (op, wanted) => {
    expect(operationNameCandidates(op)[0]).toBe(wanted);
  });

  it("qualifies with enclosing resources, nearest first, then the version", () => {
    const candidates = operationNameCandidates(
      operation("get", "/v2/workspaces/{id}/agents/{agentId}/connections"),
    );
    expect(candidates.slice(0, 5)).toEqual([
      "ListConnection",
      "ListAgentConnection",
      "ListWorkspaceAgentConnection",
      "ListConnectionV2",
      "ListWorkspaceAgentConnectionV2",
    ]);
  });

  it("reads resource, action and parents from a route", () => {
    expect(describeRoute(STOP.route)).toEqual({
      resource: "Runtime",
      action: "Stop",
      parents: ["Workspace"],
      version: "",
      item: false,
    });
  });
});

describe("words", () => {
  it.each([
    ["connections", "connection"],
    ["policies", "policy"],
    ["statuses", "status"],
    ["status", "status"],
    ["boxes", "box"],
    ["aliases", "alias"],
    ["data", "data"],
  ])("singularize(%s) = %s", (word, wanted) => expect(singularize(word)).toBe(wanted));

  it.each([
    ["Connection", "Status", "ConnectionStatus"],
    ["CreateConnection", "ConnectionStatus", "CreateConnectionStatus"],
    ["Runtime", "RuntimeSummary", "RuntimeSummary"],
  ])("joinNoun(%s, %s) = %s", (a, b, wanted) => expect(joinNoun(a, b)).toBe(wanted));

  it.each([
    ["ConnectionStatus", "ConnectionStatus"],
    ["Record", "ApiRecord"],
    ["Error", "ApiError"],
    ["CreateWorkspaceScheduleConnectionVersionResponse", "ScheduleConnectionVersionResponse"],
    ["2faMethod", undefined],
    ["Bad-Name", undefined],
  ])("sanitizeCandidate(%s) = %s", (raw, wanted) => expect(sanitizeCandidate(raw)).toBe(wanted));

  it("escapes comment terminators, tags and line separators from spec text", () => {
    expect(escapeCommentText("ends */ here\n@deprecated\u2028next\u0007")).toEqual([
      "ends *\\/ here",
      "\\@deprecated",
      "next",
    ]);
  });
});

describe("resolveNames", () => {
  const pins = {
    overrides: new Map(),
    lock: new Map(),
    reserved: new Set<string>(),
    overridesFile: "c.json",
  };
  const request = (id: string, candidates: string[], rank = 0, keys = [id]): NameRequest => ({
    id,
    keys,
    candidates,
    rank,
  });

  it("gives the plain name to the best rank and the smallest distinguishing qualifier to the others", () => {
    const names = resolveNames(
      [
        request("workspace agent", ["ListConnection", "ListAgentConnection", "ListWorkspaceAgentConnection"]),
        request("space agent", ["ListConnection", "ListAgentConnection", "ListSpaceAgentConnection"]),
        request("space file", ["ListConnection", "ListFileConnection", "ListSpaceFileConnection"]),
      ],
      pins,
    );
    expect(Object.fromEntries(names)).toEqual({
      "space agent": "ListConnection",
      "space file": "ListFileConnection",
      "workspace agent": "ListWorkspaceAgentConnection",
    });
  });

  it("prefers overrides, then the lock, then candidates; numbers only as a last resort", () => {
    const names = resolveNames(
      [
        request("a", ["Mode"], 0, ["a-key"]),
        request("b", ["Mode"], 1, ["b-key"]),
        request("c", ["Mode"], 2),
        request("d", ["Mode"], 3),
      ],
      { ...pins, overrides: new Map([["a-key", "Pinned"]]), lock: new Map([["b-key", "Mode"]]) },
    );
    expect(Object.fromEntries(names)).toEqual({ a: "Pinned", b: "Mode", c: "Mode2", d: "Mode3" });
  });

  it("does not depend on the order of the requests", () => {
    const requests = [
      request("x", ["Same", "XSame"]),
      request("y", ["Same", "YSame"]),
      request("z", ["Other"]),
    ];
    expect(resolveNames([...requests].reverse(), pins)).toEqual(resolveNames(requests, pins));
  });
});

/** The regular-expression definition splitWords had before it became one pass over the characters. */
function splitWordsByPatterns(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

describe("splitWords", () => {
  it.each([
    ["launchMode", ["launch", "Mode"]],
    ["base_url", ["base", "url"]],
    ["HTTPServer", ["HTTP", "Server"]],
    ["v2Beta", ["v2", "Beta"]],
    ["HTTP2Server", ["HTTP2", "Server"]],
    ["aBCd", ["a", "B", "Cd"]],
    ["V1SpacesIdRuntimes", ["V1", "Spaces", "Id", "Runtimes"]],
    ["--é_x--", ["x"]],
    ["", []],
  ])("%s → %j", (given, want) => {
    expect(splitWords(given)).toEqual(want);
  });

  it("splits every text as the pattern definition did (1,000 random texts)", () => {
    const char = fc.constantFrom(..."aAbBzZ09_-. é{}/É".split(""));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const text = chars.join("");
        expect(splitWords(text)).toEqual(splitWordsByPatterns(text));
      }),
      { numRuns: 1_000 },
    );
  });
});

/** escapeCommentText's full definition, which its fast path for plain text must agree with. */
function escapeCommentTextInFull(text: string): string[] {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\p{Cc}/gu, (char) => (char === "\n" || char === "\t" ? char : ""))
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.trimEnd().replace(/^(\s*)@/, "$1\\@"));
}

describe("escapeCommentText", () => {
  it("escapes every text as its full definition does (1,000 random texts)", () => {
    const char = fc.constantFrom(..."ab */@ \t\r\n\u2028\u0007\u00a0é".split(""));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const text = chars.join("");
        expect(escapeCommentText(text)).toEqual(escapeCommentTextInFull(text));
      }),
      { numRuns: 1_000 },
    );
  });
});
