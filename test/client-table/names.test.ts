/** How operations are named for people: readable on the seeds, deterministic and collision-free on any spec. */
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { listEndpoints, methodOf, operationIdOf, pathOf } from "../../bench/corpus/endpoints.ts";
import { type NamingInput, nameOperations } from "../../scripts/client-table/operation-names.ts";
import { renderOperationsModule } from "../../scripts/client-table/operations.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";

const name = (input: NamingInput) => nameOperations([input])[0]?.join(".");

describe("one operation's name", () => {
  it.each([
    {
      given: {
        method: "post",
        path: "/v1/spaces/{id}/runtimes/{runtimeId}/connections",
        operationId: "runtimes-connections-create",
      },
      want: "spaces.runtimes.connections.create",
    },
    {
      given: {
        method: "post",
        path: "/v1/workspaces/{id}/runtimes/{alias}/stop",
        operationId: "runtimes-stop",
      },
      want: "workspaces.runtimes.stop",
    },
    {
      given: { method: "get", path: "/v2/spaces/{id}/runtimes/{runtimeId}", operationId: "get" },
      want: "spaces.runtimes.get",
    },
    { given: { method: "get", path: "/pets", operationId: "listPets" }, want: "pets.list" },
    { given: { method: "get", path: "/pets/{petId}", operationId: "showPetById" }, want: "pets.showById" },
    { given: { method: "get", path: "/pets" }, want: "pets.list" },
    { given: { method: "get", path: "/pets/{id}" }, want: "pets.get" },
    { given: { method: "patch", path: "/pets/{id}", operationId: "pets" }, want: "pets.update" },
    {
      given: {
        method: "post",
        path: "/a/{id}/b",
        operationId: "renamed-2",
        originalOperationId: "b-archive",
      },
      want: "a.b.archive",
    },
    { given: { method: "get", path: "/", operationId: "health check" }, want: "healthCheck" },
    { given: { method: "get", path: "/3d-models", operationId: "3d-models-list" }, want: "_3dModels.list" },
    { given: { method: "get", path: "/then/{id}", operationId: "get" }, want: "then_.get" },
    { given: { method: "get", path: "/", operationId: "use" }, want: "use_" },
    { given: { method: "get", path: "/x", operationId: "__proto__" }, want: "x.proto" },
    { given: { method: "get", path: "/x", operationId: "constructor" }, want: "x.constructor_" },
    { given: { method: "get", path: "/ümlaut/ok", operationId: "*/ evil" }, want: "mlaut.ok.evil" },
  ])("$want", ({ given, want }) => {
    expect(name(given)).toBe(want);
  });
});

describe("names on many operations", () => {
  it("disambiguate collisions: the unversioned path keeps the name, versions get a suffix, then the operationId", () => {
    const names = nameOperations([
      {
        method: "get",
        path: "/v2/spaces/{id}/runtimes/{runtimeId}",
        operationId: "get-2",
        originalOperationId: "get",
      },
      { method: "get", path: "/v1/spaces/{id}/runtimes/{runtimeId}", operationId: "get" },
      { method: "get", path: "/spaces/{id}/runtimes/{runtimeId}", operationId: "runtimes-get" },
      {
        method: "post",
        path: "/v1/spaces/{id}/runtimes/{runtimeId}/get",
        operationId: "runtimes-get-3",
        originalOperationId: "runtimes-get",
      },
    ]).map((parts) => parts.join("."));
    expect(names).toEqual([
      "spaces.runtimes.getV2",
      "spaces.runtimes.getV1",
      "spaces.runtimes.get",
      "spaces.runtimes.runtimesGet3",
    ]);
  });

  it("never make a method where a namespace is", () => {
    const names = nameOperations([
      { method: "post", path: "/users/{id}/settings", operationId: "settings" },
      { method: "get", path: "/users/{id}/settings/items", operationId: "items-list" },
    ]).map((parts) => parts.join("."));
    expect(names).toEqual(["users.settingsPost", "users.settings.items.list"]);
  });

  const operation = fc.record({
    method: fc.constantFrom("get", "put", "post", "delete", "patch", "head", "options"),
    path: fc
      .array(
        fc.oneof(
          fc.constantFrom("v1", "v2", "spaces", "then", "GET", "__proto__", "{id}", "x-y"),
          fc.string(),
        ),
        {
          maxLength: 5,
        },
      )
      .map((segments) => `/${segments.join("/")}`),
    operationId: fc.option(fc.oneof(fc.constantFrom("get", "list", "spaces-get", "then"), fc.string()), {
      nil: undefined,
    }),
  });

  it("are unique, tree-shaped, safe identifiers, whatever the input order (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(operation, { selector: (op) => `${op.method} ${op.path}`, maxLength: 12 }),
        (ops) => {
          const inputs = ops.map(({ operationId, ...rest }) =>
            operationId === undefined ? rest : { ...rest, operationId },
          );
          const names = nameOperations(inputs).map((parts) => parts.join("."));
          expect(new Set(names).size).toBe(names.length);
          for (const full of names) {
            for (const other of names) expect(other.startsWith(`${full}.`)).toBe(false);
            for (const [depth, part] of full.split(".").entries()) {
              expect(part).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
              expect(["__proto__", "constructor", "prototype", "then"]).not.toContain(part);
              if (depth === 0) expect(["GET", "POST", "request", "use", "eject"]).not.toContain(part);
            }
          }
          const reversed = nameOperations([...inputs].reverse()).map((parts) => parts.join("."));
          expect(reversed).toEqual([...names].reverse());
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("name a 1,000-endpoint corpus without collisions, mostly without fallbacks", () => {
    const endpoints = listEndpoints(1000, 7).map((endpoint) => ({
      method: methodOf(endpoint),
      path: pathOf(endpoint),
      operationId: operationIdOf(endpoint, 7),
    }));
    const names = nameOperations(endpoints).map((parts) => parts.join("."));
    expect(new Set(names).size).toBe(1000);
    const plain = names.filter((n) => /\.(list|create|get|update|replace|delete|execute|stop)$/.test(n));
    expect(plain.length).toBeGreaterThan(600);
  });
});

describe("the generated operations module", () => {
  it("stays valid, inert code whatever the spec's summaries, paths and ids hold", async () => {
    const evil = `*/ console.log("pwned") /* \n \`$\{x}\` \u2028 </script>`;
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      servers: [{ url: `https://x.example/"${evil}` }],
      paths: {
        [`/things/{id}/"${evil}`]: { get: { operationId: evil, summary: evil, responses: {} } },
        "/things": {
          post: { summary: "*/", responses: {} },
          get: { operationId: "constructor", responses: {} },
        },
      },
    } as unknown as OpenAPI3;
    const source = renderOperationsModule(document);
    const output = ts.transpileModule(source, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext },
    });
    expect(output.diagnostics).toEqual([]);
    const url = `data:text/javascript;base64,${Buffer.from(output.outputText).toString("base64")}`;
    const module = (await import(url)) as {
      servers: string[];
      operations: Record<string, Record<string, unknown>>;
    };
    expect(module.servers).toEqual([`https://x.example/"${evil}`]);
    expect(module.operations.things).toEqual({
      constructor_: ["get", "/things", "constructor", { response: "json" }],
      create: ["post", "/things", "post /things", { response: "json" }],
      consoleLogPwned: { script: ["get", `/things/{id}/"${evil}`, evil, { response: "json" }] },
    });
  });
});
