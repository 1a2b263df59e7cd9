import { describe, expect, it } from "vitest";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import {
  GeneratorError,
  type OpenAPI3,
  type OperationObject,
  type SpecFile,
} from "../../scripts/shared/openapi.ts";
import { AUTHORIZATION, BEARER_SCHEME, page, returns } from "./support/pages.ts";

function errorOf(specs: SpecFile[]): string {
  try {
    mergeSpecs(specs);
  } catch (error) {
    if (error instanceof GeneratorError) return error.message;
    throw error;
  }
  throw new Error("merge succeeded");
}

function operation(document: OpenAPI3, path: string, method: string): OperationObject {
  return ((document.paths?.[path] ?? {}) as Record<string, OperationObject>)[method] as OperationObject;
}

const STATUS = { type: "string", enum: ["active", "stopped"] };

describe("components: same name", () => {
  const cases: {
    name: string;
    second: unknown;
    want: { error?: RegExp; warning?: RegExp; kept?: unknown };
  }[] = [
    { name: "equal content is kept once", second: { ...STATUS }, want: { kept: STATUS } },
    {
      name: "content differing only in key order is kept once",
      second: { enum: ["active", "stopped"], type: "string" },
      want: { kept: STATUS },
    },
    {
      name: "a description-only difference keeps the longest description, with a warning naming both files",
      second: { ...STATUS, description: "The <state> of it." },
      want: {
        kept: { ...STATUS, description: "The <state> of it." },
        warning:
          /components\/schemas\/Status: descriptions differ in a\.yaml; kept the longest, from b\.yaml/,
      },
    },
    {
      name: "different content fails naming both files and the pointer of the first difference",
      second: { type: "string", enum: ["active", "failed"] },
      want: { error: /^b\.yaml#\/components\/schemas\/Status\/enum\/1: .*\(conflicts with a\.yaml\)$/ },
    },
  ];
  it.each(cases)("$name", ({ second, want }) => {
    const specs = [
      page("a.yaml", { path: "/v1/a", schemas: { Status: STATUS } }),
      page("b.yaml", { path: "/v1/b", schemas: { Status: second } }),
    ];
    if (want.error) {
      expect(errorOf(specs)).toMatch(want.error);
      return;
    }
    const { document, report } = mergeSpecs(specs);
    expect(document.components?.schemas?.Status).toEqual(want.kept);
    if (want.warning) expect(report.warnings.join("\n")).toMatch(want.warning);
    else expect(report.warnings).toEqual([]);
  });

  it("folds the seed pages' `Use Bearer .` security scheme into `Use Bearer <api-key>.` with a warning", () => {
    const scraped = { ...BEARER_SCHEME, description: "Use Bearer ." };
    for (const order of [
      ["a.yaml", "z.yaml"],
      ["z.yaml", "a.yaml"],
    ]) {
      const { document, report } = mergeSpecs([
        page(order[0] as string, { path: "/v1/a" }),
        page(order[1] as string, { path: "/v1/b", securitySchemes: { bearerAuth: scraped } }),
      ]);
      expect(document.components?.securitySchemes?.bearerAuth).toEqual(BEARER_SCHEME);
      expect(report.warnings).toHaveLength(1);
    }
  });
});

describe("paths: same path and method in two files", () => {
  it("keeps identical operations once (the Authorization description may differ: it is lifted)", () => {
    const scraped = page("b.yaml", {
      operation: { parameters: [{ ...AUTHORIZATION, description: "Use Bearer ." }] },
    });
    const { document, report } = mergeSpecs([page("a.yaml"), scraped]);
    expect(report.operations).toBe(1);
    expect(operation(document, "/v1/things", "get").parameters).toBeUndefined();
  });

  it("fails on different operations, naming both files and where they differ", () => {
    const other = page("b.yaml", { operation: { summary: "Other" } });
    expect(errorOf([page("a.yaml"), other])).toBe(
      "a.yaml#/paths/~1v1~1things/get/summary: paths /v1/things get differs between files (first difference at /summary) (conflicts with b.yaml)",
    );
  });

  it("fails on two paths that differ only in parameter names", () => {
    const message = errorOf([
      page("a.yaml", { path: "/v1/things/{id}" }),
      page("b.yaml", { path: "/v1/things/{key}" }),
    ]);
    expect(message).toMatch(
      /^b\.yaml#\/paths\/~1v1~1things~1\{key\}: .*same route.*\(conflicts with a\.yaml\)$/,
    );
  });

  it("pushes path-level parameters into each operation", () => {
    const spec = page("a.yaml", { path: "/v1/things/{id}" });
    const item = spec.document.paths?.["/v1/things/{id}"] as Record<string, unknown>;
    item.parameters = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
    const { document } = mergeSpecs([spec]);
    expect(operation(document, "/v1/things/{id}", "get").parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(document.paths?.["/v1/things/{id}"]).not.toHaveProperty("parameters");
  });
});

describe("structurally identical schemas under different names", () => {
  const longA = "V1SpacesIdRuntimesPostResponsesContentApplicationJsonSchemaStatus";
  const longB = "V1WorkspacesIdRuntimesPostResponsesContentApplicationJsonSchemaStatus";
  const titled = (name: string, schema: Record<string, unknown>) => ({ ...schema, title: name });

  it("become one, under the shortest name, with the others recorded and every $ref rewritten", () => {
    const { document, report } = mergeSpecs([
      page("a.yaml", {
        path: "/v1/a",
        operation: { responses: returns(longB) },
        schemas: { [longB]: titled(longB, STATUS) },
      }),
      page("b.yaml", {
        path: "/v1/b",
        operation: { responses: returns(longA) },
        schemas: { [longA]: titled(longA, STATUS) },
      }),
    ]);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual([longA]);
    expect(document.components?.schemas?.[longA]).toEqual({
      ...titled(longA, STATUS),
      "x-bctrl-also-named": [longB],
    });
    expect(JSON.stringify(document.paths)).not.toContain(longB);
    expect(report.foldedSchemas).toEqual([{ kept: longA, dropped: [longB] }]);
  });

  it("fold parents that become identical once their children fold (fixed point), recursive ones included", () => {
    const node = (self: string) => ({
      type: "object",
      properties: { children: { type: "array", items: { $ref: `#/components/schemas/${self}` } } },
    });
    const parent = (child: string) => ({
      type: "object",
      properties: { status: { $ref: `#/components/schemas/${child}` } },
    });
    const { document, report } = mergeSpecs([
      page("a.yaml", {
        path: "/v1/a",
        operation: { responses: returns("ParentA") },
        schemas: { ParentA: parent("StatusA"), StatusA: STATUS, TreeA: node("TreeA") },
      }),
      page("b.yaml", {
        path: "/v1/b",
        operation: { responses: returns("ParentBB") },
        schemas: { ParentBB: parent("StatusBB"), StatusBB: STATUS, TreeBB: node("TreeBB") },
      }),
    ]);
    expect(report.foldedSchemas).toEqual([
      { kept: "ParentA", dropped: ["ParentBB"] },
      { kept: "StatusA", dropped: ["StatusBB"] },
      { kept: "TreeA", dropped: ["TreeBB"] },
    ]);
    expect(document.components?.schemas?.TreeA).toMatchObject(node("TreeA"));
  });

  const notFolded: { name: string; a: unknown; b: unknown }[] = [
    { name: "different enums", a: STATUS, b: { type: "string", enum: ["active"] } },
    { name: "different descriptions", a: STATUS, b: { ...STATUS, description: "State." } },
    {
      name: "titles that are not their own names",
      a: { ...STATUS, title: "One" },
      b: { ...STATUS, title: "Two" },
    },
  ];
  it.each(notFolded)("are not folded when they have $name", ({ a, b }) => {
    const { report } = mergeSpecs([page("a.yaml", { schemas: { A: a, B: b } })]);
    expect(report.foldedSchemas).toEqual([]);
  });

  it("compare example text shaped like the fold's own placeholders as plain data", () => {
    // The fold cuts each schema's text at its references with a NUL-and-# placeholder around the target's index;
    // the same characters in data must neither split the text nor stand for a schema.
    const parent = (child: string, example: string) => ({
      type: "object",
      properties: { status: { $ref: `#/components/schemas/${child}` } },
      example,
    });
    const { report } = mergeSpecs([
      page("a.yaml", {
        schemas: {
          A1: STATUS,
          A2: STATUS,
          P1: parent("A1", "\u0000#0\u0000#"),
          P2: parent("A2", "\u0000#0\u0000#"),
          P3: parent("A1", "\u0000#1\u0000#"),
        },
      }),
    ]);
    expect(report.foldedSchemas).toEqual([
      { kept: "A1", dropped: ["A2"] },
      { kept: "P1", dropped: ["P2"] },
    ]);
  });

  it("rewrite discriminator mappings, bare names included", () => {
    const variant = { type: "object", properties: { type: { const: "ws" } } };
    const union = {
      oneOf: [{ $ref: "#/components/schemas/LongVariant" }],
      discriminator: {
        propertyName: "type",
        mapping: { ws: "LongVariant", other: "#/components/schemas/LongVariant" },
      },
    };
    const { document } = mergeSpecs([
      page("a.yaml", { schemas: { V: variant, LongVariant: variant, Union: union } }),
    ]);
    expect(document.components?.schemas?.Union).toEqual({
      oneOf: [{ $ref: "#/components/schemas/V" }],
      discriminator: { propertyName: "type", mapping: { ws: "V", other: "#/components/schemas/V" } },
    });
  });
});

describe("operationIds", () => {
  const pages = [
    page("1.yaml", {
      path: "/v1/spaces/{id}/runtimes",
      method: "post",
      operation: { operationId: "runtimes-create", tags: ["subpackage_spaces"] },
    }),
    page("2.yaml", {
      path: "/v1/workspaces/{id}/runtimes",
      method: "post",
      operation: { operationId: "runtimes-create", tags: ["subpackage_workspaces"] },
    }),
    page("3.yaml", {
      path: "/v1/spaces/{id}/files/{fileId}",
      operation: { operationId: "get", tags: ["subpackage_spaces"] },
    }),
    page("4.yaml", {
      path: "/v1/spaces/{id}/tools/{toolId}",
      operation: { operationId: "get", tags: ["subpackage_spaces"] },
    }),
    page("5.yaml", {
      path: "/v1/spaces/{id}/logs",
      operation: { operationId: "spaces-get", tags: ["subpackage_spaces"] },
    }),
    page("6.yaml", { path: "/v1/health", operation: { operationId: undefined } }),
  ];
  const want = [
    ["/v1/health", "get", "get-v1-health", undefined],
    ["/v1/spaces/{id}/files/{fileId}", "get", "spaces-files-get", "get"],
    ["/v1/spaces/{id}/logs", "get", "spaces-get", undefined],
    ["/v1/spaces/{id}/runtimes", "post", "spaces-runtimes-create", "runtimes-create"],
    ["/v1/spaces/{id}/tools/{toolId}", "get", "spaces-tools-get", "get"],
    ["/v1/workspaces/{id}/runtimes", "post", "workspaces-runtimes-create", "runtimes-create"],
  ] as const;

  it.each(want)("%s %s becomes %s (was %s)", (path, method, id, original) => {
    const { document } = mergeSpecs(pages);
    const found = operation(document, path, method) as OperationObject & Record<string, unknown>;
    expect(found.operationId).toBe(id);
    expect(found["x-bctrl-original-operation-id"]).toBe(original);
  });

  it("are renamed the same way whatever the input order, and every rename is reported", () => {
    const { report } = mergeSpecs(pages);
    expect(mergeSpecs([...pages].reverse()).report.renames).toEqual(report.renames);
    expect(report.renames).toContainEqual({
      file: "2.yaml",
      path: "/v1/workspaces/{id}/runtimes",
      method: "post",
      from: "runtimes-create",
      to: "workspaces-runtimes-create",
    });
    expect(report.renames).toContainEqual({
      file: "6.yaml",
      path: "/v1/health",
      method: "get",
      to: "get-v1-health",
    });
    expect(report.renames).toHaveLength(5);
  });
});

describe("auth", () => {
  const cases: {
    name: string;
    operation: Record<string, unknown>;
    top?: Record<string, unknown>;
    want: Record<string, unknown>;
  }[] = [
    {
      name: "an Authorization header becomes the document's bearer requirement",
      operation: {},
      want: { security: undefined, parameters: undefined },
    },
    {
      name: "an Authorization header by $ref is lifted too",
      operation: { parameters: [{ $ref: "#/components/parameters/Auth" }] },
      want: { security: undefined, parameters: undefined },
    },
    {
      name: "a page without the header keeps `security: []`",
      operation: { parameters: [] },
      want: { security: [], parameters: [] },
    },
    {
      name: "a page with another scheme keeps its own security and parameters",
      operation: { security: [{ apiKey: [] }] },
      want: { security: [{ apiKey: [] }], parameters: [AUTHORIZATION] },
    },
    {
      name: "a page-level requirement for another scheme is written on the operation",
      operation: { parameters: [] },
      top: { security: [{ apiKey: [] }] },
      want: { security: [{ apiKey: [] }], parameters: [] },
    },
  ];
  it.each(cases)("$name", ({ operation: op, top, want }) => {
    const other = page("a.yaml", { path: "/v1/lifted" });
    const spec = page("b.yaml", { operation: op, ...(top ? { top } : {}) });
    (spec.document.components as Record<string, unknown>).parameters = { Auth: AUTHORIZATION };
    const { document } = mergeSpecs([other, spec]);
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    const found = operation(document, "/v1/things", "get");
    expect(found.security).toEqual(want.security);
    expect(found.parameters).toEqual(want.parameters);
  });

  it("adds no document-level requirement when no page declares the header", () => {
    const { document } = mergeSpecs([page("a.yaml", { operation: { parameters: [] } })]);
    expect(document.security).toBeUndefined();
    expect(operation(document, "/v1/things", "get").security).toBeUndefined();
  });
});

describe("servers, tags and info", () => {
  const pages = [
    page("z.yaml", {
      path: "/v1/a",
      top: { servers: [{ url: "https://api.bctrl.ai" }], tags: [{ name: "spaces" }] },
    }),
    page("a.yaml", {
      path: "/v1/b",
      top: {
        info: { title: "Other", version: "2" },
        servers: [{ url: "http://localhost:8787" }, { url: "https://api.bctrl.ai" }],
        tags: [{ name: "workspaces" }, { name: "spaces" }],
      },
    }),
  ];

  it("are unions in the order of the documents' endpoints, whatever the file names", () => {
    const { document, report } = mergeSpecs(pages);
    expect(document.servers).toEqual([{ url: "https://api.bctrl.ai" }, { url: "http://localhost:8787" }]);
    expect(document.tags).toEqual([{ name: "spaces" }, { name: "workspaces" }]);
    expect(document.info).toEqual({ title: "bctrl API", version: "1.0.0" });
    expect(report.warnings).toEqual([
      'info differs between z.yaml and a.yaml; kept z.yaml\'s (set "info" in the generator config to choose)',
    ]);
  });

  it("take info from the configuration without a warning", () => {
    const info = { title: "bctrl", version: "3.0.0" };
    const { document, report } = mergeSpecs(pages, { info });
    expect(document.info).toEqual(info);
    expect(report.warnings).toEqual([]);
  });
});

describe("references", () => {
  const cases = [
    { name: "an unresolvable $ref", ref: "#/components/schemas/Missing", want: /unresolvable reference/ },
    {
      name: "a reference to another file",
      ref: "other.yaml#/components/schemas/A",
      want: /points outside the document/,
    },
  ];
  it.each(cases)("$name fails naming the file and the pointer", ({ ref, want }) => {
    const message = errorOf([
      page("a.yaml", {
        operation: {
          responses: {
            "200": { description: "x", content: { "application/json": { schema: { $ref: ref } } } },
          },
        },
      }),
    ]);
    expect(message).toMatch(
      /^a\.yaml#\/paths\/~1v1~1things\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: /,
    );
    expect(message).toMatch(want);
  });

  it("inside examples are data, not references", () => {
    const example = { $ref: "#/nowhere" };
    const { document } = mergeSpecs([page("a.yaml", { schemas: { A: { type: "object", example } } })]);
    expect(document.components?.schemas?.A).toEqual({ type: "object", example });
  });
});

describe("page servers: a page that leaves out the API's default host keeps its own", () => {
  const API = { url: "https://api.bctrl.ai" };
  const UPLOAD = { url: "https://upload.bctrl.ai" };
  const LOCAL = { url: "http://localhost:8787" };
  const cases: {
    name: string;
    pages: { path: string; servers?: unknown[]; operationServers?: unknown[] }[];
    want: { document: unknown[] | undefined; operations: Record<string, unknown[] | undefined> };
  }[] = [
    {
      name: "an upload page's host goes on its operation and stays out of the document's list",
      pages: [
        { path: "/v1/a", servers: [API, LOCAL] },
        { path: "/v1/b", servers: [API] },
        { path: "/v1/files", servers: [UPLOAD] },
      ],
      want: { document: [API, LOCAL], operations: { "/v1/a": undefined, "/v1/files": [UPLOAD] } },
    },
    {
      name: "a page listing the default among others stays in the union",
      pages: [
        { path: "/v1/a", servers: [API] },
        { path: "/v1/b", servers: [LOCAL, API] },
      ],
      want: { document: [API, LOCAL], operations: { "/v1/b": undefined } },
    },
    {
      name: "the default is the host most pages start with, not the first page's",
      pages: [
        { path: "/v1/a", servers: [UPLOAD] },
        { path: "/v1/b", servers: [API] },
        { path: "/v1/c", servers: [API] },
      ],
      want: { document: [API], operations: { "/v1/a": [UPLOAD], "/v1/b": undefined } },
    },
    {
      name: "an operation's own servers win over its page's",
      pages: [
        { path: "/v1/a", servers: [API] },
        { path: "/v1/files", servers: [UPLOAD], operationServers: [LOCAL] },
      ],
      want: { document: [API], operations: { "/v1/files": [LOCAL] } },
    },
    {
      name: "a page without servers uses the document's",
      pages: [
        { path: "/v1/a", servers: [API] },
        { path: "/v1/b", servers: [] },
      ],
      want: { document: [API], operations: { "/v1/b": undefined } },
    },
  ];
  it.each(cases)("$name", ({ pages, want }) => {
    const specs = pages.map(({ path, servers, operationServers }) =>
      page(`${path.slice(4)}.yaml`, {
        path,
        top: servers ? { servers } : {},
        operation: { operationId: path.slice(4), ...(operationServers ? { servers: operationServers } : {}) },
      }),
    );
    for (const order of [specs, [...specs].reverse()]) {
      const { document } = mergeSpecs(order);
      expect(document.servers).toEqual(want.document);
      for (const [path, servers] of Object.entries(want.operations))
        expect(operation(document, path, "get").servers).toEqual(servers);
    }
  });
});
