/**
 * The API change report on hand-built document pairs: one row per classification rule, each asserting the exact
 * changes reported (entry, severity, place, field, message).
 */
import { describe, expect, it } from "vitest";
import { parseAliases, readAliases } from "../../scripts/diff/aliases.ts";
import { type ChangeReport, hasBreaking } from "../../scripts/diff/model.ts";
import { code, diffDocuments, plain, renderReport } from "../../scripts/diff/report.ts";

type Schema = Record<string, unknown>;

/** A document with one operation, `POST /v1/things/{id}`, and optional extra operations and components. */
function api(
  options: {
    request?: Schema;
    response?: Schema;
    parameters?: Schema[];
    responses?: Record<string, unknown>;
    operationId?: string;
    route?: string;
    schemas?: Record<string, Schema>;
    extraPaths?: Record<string, unknown>;
  } = {},
): unknown {
  const operation: Schema = {
    operationId: options.operationId ?? "things-create",
    parameters: options.parameters ?? [
      { name: "id", in: "path", required: true, schema: { type: "string" } },
    ],
    responses: options.responses ?? {
      "200": {
        description: "OK",
        content: { "application/json": { schema: options.response ?? { type: "object", properties: {} } } },
      },
    },
  };
  if (options.request)
    operation.requestBody = { required: true, content: { "application/json": { schema: options.request } } };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { [options.route ?? "/v1/things/{id}"]: { post: operation }, ...options.extraPaths },
    components: { schemas: options.schemas ?? {} },
  };
}

const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: "object",
  properties,
  required,
});
const text = { type: "string" };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

type Row = [entry: string, severity: string, where: string, field: string, message: string];

function operationRows(report: ChangeReport): Row[] {
  const { added, removed, changed } = report.operations;
  return [...added, ...removed, ...changed].flatMap((entry) =>
    entry.changes.map((c): Row => [entry.name, c.severity, c.where, c.field, c.message]),
  );
}

function schemaRows(report: ChangeReport): Row[] {
  const { added, removed, changed } = report.schemas;
  return [...added, ...removed, ...changed].flatMap((entry) =>
    entry.changes.map((c): Row => [entry.name, c.severity, c.where, c.field, c.message]),
  );
}

const OP = "POST /v1/things/{id}";

describe("operations: each classification on a hand-built pair", () => {
  const table: { given: string; before: unknown; after: unknown; want: Row[] }[] = [
    {
      given: "an operation removed",
      before: api({ extraPaths: { "/v1/gone": { delete: { operationId: "gone", responses: {} } } } }),
      after: api(),
      want: [["DELETE /v1/gone", "breaking", "operation", "", "operation removed"]],
    },
    {
      given: "an operation added",
      before: api(),
      after: api({ extraPaths: { "/v1/new": { get: { operationId: "new", responses: {} } } } }),
      want: [["GET /v1/new", "safe", "operation", "", "operation added"]],
    },
    {
      given: "a response field removed",
      before: api({ response: object({ a: text, b: text }) }),
      after: api({ response: object({ a: text }) }),
      want: [[OP, "breaking", "response 200", "b", "field removed"]],
    },
    {
      given: "a response field made optional",
      before: api({ response: object({ a: text }, ["a"]) }),
      after: api({ response: object({ a: text }) }),
      want: [[OP, "breaking", "response 200", "a", "field made optional"]],
    },
    {
      given: "a response field added",
      before: api({ response: object({ a: text }) }),
      after: api({ response: object({ a: text, b: text }, ["b"]) }),
      want: [[OP, "safe", "response 200", "b", "field added as required"]],
    },
    {
      given: "a request field added as required",
      before: api({ request: object({ a: text }) }),
      after: api({ request: object({ a: text, b: text }, ["b"]) }),
      want: [[OP, "breaking", "request body", "b", "field added as required"]],
    },
    {
      given: "a request field added as optional",
      before: api({ request: object({ a: text }) }),
      after: api({ request: object({ a: text, b: text }) }),
      want: [[OP, "safe", "request body", "b", "field added (optional)"]],
    },
    {
      given: "a request field made required",
      before: api({ request: object({ a: text }) }),
      after: api({ request: object({ a: text }, ["a"]) }),
      want: [[OP, "breaking", "request body", "a", "field made required"]],
    },
    {
      given: "a request enum value removed",
      before: api({ request: object({ mode: { type: "string", enum: ["a", "b"] } }) }),
      after: api({ request: object({ mode: { type: "string", enum: ["a"] } }) }),
      want: [[OP, "breaking", "request body", "mode", 'enum value "b" removed']],
    },
    {
      given: "a request enum value added",
      before: api({ request: object({ mode: { type: "string", enum: ["a"] } }) }),
      after: api({ request: object({ mode: { type: "string", enum: ["a", "b"] } }) }),
      want: [[OP, "safe", "request body", "mode", 'enum value "b" added']],
    },
    {
      given: "a response enum value added",
      before: api({ response: object({ status: { type: "string", enum: ["on"] } }) }),
      after: api({ response: object({ status: { type: "string", enum: ["on", "off"] } }) }),
      want: [[OP, "potentially-breaking", "response 200", "status", 'enum value "off" added']],
    },
    {
      given: "a response enum value removed",
      before: api({ response: object({ status: { type: "string", enum: ["on", "off"] } }) }),
      after: api({ response: object({ status: { type: "string", enum: ["on"] } }) }),
      want: [[OP, "safe", "response 200", "status", 'enum value "off" removed']],
    },
    {
      given: "a response field's type changed",
      before: api({ response: object({ n: text }) }),
      after: api({ response: object({ n: { type: "integer" } }) }),
      want: [[OP, "breaking", "response 200", "n", "type changed from string to integer"]],
    },
    {
      given: "a request field's type changed",
      before: api({ request: object({ n: text }) }),
      after: api({ request: object({ n: { type: "integer" } }) }),
      want: [[OP, "breaking", "request body", "n", "type changed from string to integer"]],
    },
    {
      given: "a request field widened to accept null",
      before: api({ request: object({ n: text }) }),
      after: api({ request: object({ n: { type: ["string", "null"] } }) }),
      want: [[OP, "safe", "request body", "n", "type changed from string to null | string"]],
    },
    {
      given: "a response field that may now be null",
      before: api({ response: object({ n: text }) }),
      after: api({ response: object({ n: { type: ["string", "null"] } }) }),
      want: [[OP, "breaking", "response 200", "n", "type changed from string to null | string"]],
    },
    {
      given: "a required query parameter added",
      before: api(),
      after: api({
        parameters: [
          { name: "id", in: "path", required: true, schema: text },
          { name: "limit", in: "query", required: true, schema: { type: "integer" } },
        ],
      }),
      want: [[OP, "breaking", "query parameter limit", "", "parameter added as required"]],
    },
    {
      given: "an optional query parameter added",
      before: api(),
      after: api({
        parameters: [
          { name: "id", in: "path", required: true, schema: text },
          { name: "limit", in: "query", schema: { type: "integer" } },
        ],
      }),
      want: [[OP, "safe", "query parameter limit", "", "parameter added (optional)"]],
    },
    {
      given: "a path parameter renamed (the same operation, not a removal)",
      before: api(),
      after: api({
        route: "/v1/things/{thingId}",
        parameters: [{ name: "thingId", in: "path", required: true, schema: text }],
      }),
      want: [
        ["POST /v1/things/{thingId}", "breaking", "path parameter id", "", "parameter removed"],
        [
          "POST /v1/things/{thingId}",
          "breaking",
          "path parameter thingId",
          "",
          "parameter added as required",
        ],
      ],
    },
    {
      given: "a new success response",
      before: api(),
      after: api({
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: object({}) } } },
          "202": { description: "Accepted" },
        },
      }),
      want: [[OP, "potentially-breaking", "response 202", "", "response added"]],
    },
    {
      given: "a response union member added",
      before: api({ response: { oneOf: [object({ a: text }, ["a"])] } }),
      after: api({ response: { oneOf: [object({ a: text }, ["a"]), object({ b: text }, ["b"])] } }),
      want: [[OP, "potentially-breaking", "response 200", "", "oneOf member added"]],
    },
    {
      given: "a request union member removed",
      before: api({ request: { oneOf: [object({ a: text }, ["a"]), object({ b: text }, ["b"])] } }),
      after: api({ request: { oneOf: [object({ a: text }, ["a"])] } }),
      want: [[OP, "breaking", "request body", "", "oneOf member removed"]],
    },
    {
      given: "a tighter request constraint",
      before: api({ request: object({ name: { type: "string", maxLength: 64 } }) }),
      after: api({ request: object({ name: { type: "string", maxLength: 32 } }) }),
      want: [[OP, "potentially-breaking", "request body", "name", "maxLength changed from 64 to 32"]],
    },
    {
      given: "an operationId changed",
      before: api(),
      after: api({ operationId: "things-make" }),
      want: [
        [
          OP,
          "breaking",
          "operation",
          "",
          'operationId changed from "things-create" to "things-make" (code naming operations[…] must follow)',
        ],
      ],
    },
    {
      given: "a component renamed with the same shape (refs are followed: no operation change)",
      before: api({ response: ref("Old"), schemas: { Old: object({ a: text }, ["a"]) } }),
      after: api({ response: ref("New"), schemas: { New: object({ a: text }, ["a"]) } }),
      want: [],
    },
    {
      given: "a field changed inside a referenced component",
      before: api({
        response: object({ item: ref("Item") }),
        schemas: { Item: object({ a: text, b: text }) },
      }),
      after: api({ response: object({ item: ref("Item") }), schemas: { Item: object({ a: text }) } }),
      want: [[OP, "breaking", "response 200", "item.b", "field removed"]],
    },
    {
      given: "a recursive schema that changes deep inside (comparison terminates)",
      before: api({ response: ref("Node"), schemas: { Node: object({ next: ref("Node"), v: text }) } }),
      after: api({
        response: ref("Node"),
        schemas: { Node: object({ next: ref("Node"), v: { type: "integer" } }) },
      }),
      want: [[OP, "breaking", "response 200", "v", "type changed from string to integer"]],
    },
    {
      given: "identical documents",
      before: api({ request: object({ a: text }), response: object({ b: text }) }),
      after: api({ request: object({ a: text }), response: object({ b: text }) }),
      want: [],
    },
  ];

  it.each(table)("$given", ({ before, after, want }) => {
    const report = diffDocuments({ document: before }, { document: after });
    expect(operationRows(report)).toEqual(want);
    expect(hasBreaking(report)).toBe(
      [...want, ...schemaRows(report)].some(([, severity]) => severity === "breaking"),
    );
  });
});

describe("schemas and aliases", () => {
  it("reports a renamed component once, as a rename, a folded one with its twin, and judges in-place changes by where the schema is used", () => {
    const before = api({
      response: object({ status: ref("Status") }),
      request: ref("Input"),
      schemas: {
        Status: { type: "string", enum: ["on"] },
        Input: object({ a: text }),
        Old: object({ x: text }),
        Keep: object({ k: text }),
        Twin: object({ k: text }),
      },
    });
    const after = api({
      response: object({ status: ref("Status") }),
      request: ref("Input"),
      schemas: {
        Status: { type: "string", enum: ["on", "off"] },
        Input: object({ a: text, b: text }, ["b"]),
        New: object({ x: text }),
        Extra: object({ y: text }),
        Keep: object({ k: text }),
      },
    });
    expect(schemaRows(diffDocuments({ document: before }, { document: after }))).toEqual([
      ["Extra", "safe", "schema", "", "schema added"],
      [
        "Old",
        "breaking",
        "schema",
        "",
        "schema renamed to New with the same shape (code naming the old name stops compiling)",
      ],
      [
        "Twin",
        "breaking",
        "schema",
        "",
        "schema removed; Keep has the same shape (code naming the old name stops compiling)",
      ],
      ["Input", "breaking", "schema", "b", "field added as required"],
      ["Status", "potentially-breaking", "schema", "", 'enum value "off" added'],
    ]);
  });

  it("reads aliases from schema.ts and classifies them: removed breaks, added is safe, same-shape retarget is safe", () => {
    const schemas = { A: object({ a: text }), B: object({ a: text }), C: object({ c: text }) };
    const oldSource = [
      "export interface paths {}",
      "export type components = {};",
      'export type Thing = components["schemas"]["A"];',
      'export type Other = components["schemas"]["C"];',
      'export type Gone = components["schemas"]["C"];',
    ].join("\n");
    const newSource = [
      'export type Thing = components["schemas"]["B"];',
      'export type Other = components["schemas"]["A"];',
      'export type Fresh = components["schemas"]["C"];',
    ].join("\n");
    expect([...parseAliases(oldSource).keys()]).toEqual(["Thing", "Other", "Gone"]);
    const report = diffDocuments(
      { document: api({ schemas }), aliases: parseAliases(oldSource) },
      { document: api({ schemas }), aliases: parseAliases(newSource) },
    );
    const rows = [
      ...(report.aliases?.added ?? []),
      ...(report.aliases?.removed ?? []),
      ...(report.aliases?.changed ?? []),
    ].flatMap((e) => e.changes.map((c) => [e.name, c.severity, c.message]));
    expect(rows).toEqual([
      ["Fresh", "safe", "alias added for C"],
      ["Gone", "breaking", "alias removed (was C; imports of it break)"],
      ["Other", "breaking", "now stands for A, was C"],
      ["Thing", "safe", "now stands for B, was A (same shape)"],
    ]);
  });

  it("reads aliases from the alias lock: a key moving to a same-shape schema is safe, a different shape breaks", () => {
    const lock = (aliases: Record<string, string>) => JSON.stringify({ $comment: "x", aliases });
    const before = api({
      request: ref("Input"),
      schemas: { Input: object({ a: text }), Mode: { type: "string", enum: ["a"] }, Kind: text },
    });
    const after = api({
      request: ref("Input2"),
      schemas: {
        Input2: object({ a: text }),
        Mode: { type: "string", enum: ["a"] },
        Kind: { type: "integer" },
      },
    });
    const oldAliases = readAliases({
      lock: lock({
        Input: "ThingInput",
        Mode: "Mode",
        Kind: "Kind",
        [`${OP}#request`]: "CreateThingRequest",
      }),
    });
    const newAliases = readAliases({
      lock: lock({ Input2: "ThingInput", Mode: "Kind", [`${OP}#request`]: "CreateThingRequest" }),
      schema: "export type Ignored = string;",
    });
    const report = diffDocuments(
      { document: before, aliases: oldAliases },
      { document: after, aliases: newAliases },
    );
    const rows = [
      ...(report.aliases?.added ?? []),
      ...(report.aliases?.removed ?? []),
      ...(report.aliases?.changed ?? []),
    ].flatMap((e) => e.changes.map((c) => [e.name, c.severity, c.message]));
    expect(rows).toEqual([
      ["Mode", "breaking", "alias removed (was Mode; imports of it break)"],
      ["Kind", "breaking", "now stands for Mode, was Kind"],
      ["ThingInput", "safe", "now stands for Input2, was Input (same shape)"],
    ]);
  });

  it("leaves aliases uncompared (and says so) when one side's schema.ts is unknown", () => {
    const report = diffDocuments({ document: api() }, { document: api(), aliases: new Map() });
    expect(report.aliases).toBeUndefined();
    expect(renderReport(report, { level: "##", oldLabel: "a", newLabel: "b" })).toContain(
      "Not compared: the schema.ts generated with one of the documents was not found.",
    );
  });
});

describe("Markdown", () => {
  it.each([
    ["plain", "`plain`"],
    ["a`b", "``a`b``"],
    ["``x", "``` ``x ```"],
    ["line\nbreak", "`line break`"],
  ])("code(%j) is a code span holding the text verbatim", (given, want) => {
    expect(code(given)).toBe(want);
  });

  it.each([
    ["spaces_runtimesStop_Response_200", "spaces_runtimesStop_Response_200"],
    ["_private", "\\_private"],
    ["trailing_", "trailing\\_"],
    ["*bold* [link](x) <b>|~", "\\*bold\\* \\[link\\](x) \\<b\\>\\|\\~"],
    ["POST /x#params", "POST /x#params"],
  ])("plain(%j) escapes only what Markdown would interpret", (given, want) => {
    expect(plain(given)).toBe(want);
  });

  it("renders a summary line and escapes Markdown that a spec puts in names and values", () => {
    const before = api({ request: object({ mode: { type: "string", enum: ["a", "*b* <img>"] } }) });
    const after = api({ request: object({ mode: { type: "string", enum: ["a"] } }) });
    const markdown = renderReport(diffDocuments({ document: before }, { document: after }), {
      level: "##",
      oldLabel: "old",
      newLabel: "new",
    });
    expect(markdown).toContain(
      "Compared `old` with `new`: Operations: 1 breaking; schemas: none; aliases: not compared.",
    );
    expect(markdown).toContain(
      '  - **breaking**: request body `mode`: enum value "\\*b\\* \\<img\\>" removed',
    );
    expect(markdown).not.toContain("<img>");
  });
});
