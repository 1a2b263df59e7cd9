/**
 * What a user sees in an editor, through the client: the TypeScript language service (in-process) over a consumer
 * file, hovering a method, its result, a field, a union field and a verb's `data`, and reading the errors for misuse.
 * Each must name the schema's aliases (at most 40 characters), not spell the types out. On the seeds, and on a
 * larger real collection (AssemblyAI's spec cut into pages), where the expected names come from the generated alias
 * lock and schema rather than from the checker.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type InMemoryProgram, inMemoryProgram } from "../support/in-memory-typescript.ts";
import { ROOT } from "../support/seeds.ts";
import { generateRealCollection } from "./support/real-collection.ts";

/** Every name in a hover or message that is an alias-like identifier (capitalised) is at most 40 characters. */
function expectShortNames(text: string): void {
  for (const name of text.match(/\b[A-Z][A-Za-z0-9_]*\b/g) ?? [])
    expect(name.length, name).toBeLessThanOrEqual(40);
}

describe("on the seeds", () => {
  const file = path.join(ROOT, "test/client/hover-consumer.ts");
  const consumer = `import { createBctrlClient } from "../../src/index.js";
const bctrl = createBctrlClient({ apiKey: "sk_test_0123456789" });
export async function main() {
  const lease = await bctrl.spaces.runtimes.connections.create({ path: { id: "s", runtimeId: "r" }, body: { protocol: "cdp" } });
  const endpoint = lease.endpoint;
  const protocol = lease.protocol;
  const posted = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", { params: { path: { id: "s", runtimeId: "r" } }, body: { protocol: "cdp" } });
  const data = posted.data;
  const wrongField: number = lease.endpoint;
  const wrongData: number = posted.data!.endpoint;
  await bctrl.spaces.runtimes.connections.create({ path: { id: "s", runtimeId: "r" }, body: { protocol: "ftp" } });
}
`;
  let program: InMemoryProgram;
  beforeAll(() => {
    program = inMemoryProgram({ [file]: consumer });
  });

  it.each([
    {
      what: "the method",
      marker: "connections.create",
      want: `(method) create(input: {\n    path: CreateConnectionParams["path"];\n    body?: CreateConnectionRequest;\n}, options?: CallOptions | undefined): Promise<CreateConnectionResponse>`,
    },
    { what: "its result", marker: "const lease", want: "const lease: CreateConnectionResponse" },
    {
      what: "a field (a union of objects)",
      marker: "const endpoint",
      want: "const endpoint: ConnectionEndpoint",
    },
    {
      what: "a field (a union of strings)",
      marker: "const protocol",
      want: "const protocol: ConnectionProtocol",
    },
    { what: "a verb's data", marker: "const data", want: "const data: CreateConnectionResponse | undefined" },
  ])("hovering $what shows the alias", ({ marker, want }) => {
    const hover = program.hover(file, marker);
    expect(hover).toBe(want);
    expectShortNames(hover);
  });

  it("names the aliases in misuse errors (a field and a verb's data used as numbers, a wrong protocol)", () => {
    const diagnostics = program.diagnostics(file);
    expect(diagnostics).toEqual([
      "Type 'ConnectionEndpoint' is not assignable to type 'number'.   Type 'WebsocketEndpoint' is not assignable to type 'number'.",
      "Type 'ConnectionEndpoint' is not assignable to type 'number'.   Type 'WebsocketEndpoint' is not assignable to type 'number'.",
      // The request's protocol alias is one literal ("cdp"); TypeScript prints a lone literal, never its alias.
      `Type '"ftp"' is not assignable to type '"cdp"'.`,
    ]);
    for (const diagnostic of diagnostics) expectShortNames(diagnostic);
  });

  it("documents the method in its hover: summary, description, route, what it throws, an example call", () => {
    expect(program.documentation(file, "connections.create")).toBe(
      [
        "Create a protocol connection lease into a runtime",
        "",
        "Create a short-lived connection lease for a live runtime. Use this to mint credentials for a third-party client that needs to attach to the runtime.",
        "",
        "`POST /v1/spaces/{id}/runtimes/{runtimeId}/connections` (operationId `runtimes-connections-create`)",
        "@throws {BctrlApiError} on a non-2xx response.",
        "@throws {BctrlNetworkError} when no response arrives (a {@link BctrlTimeoutError } after `timeoutMs`).",
        "@example const result = await bctrl.spaces.runtimes.connections.create({",
        '  path: { id: "id", runtimeId: "runtimeId" },',
        '  body: { protocol: "cdp" },',
        "});",
      ].join("\n"),
    );
  });
});

/** A type alias's declared type, following `type A = B` to B (TypeScript shows B for A). */
function aliasDeclarations(schema: string): Map<string, ts.TypeNode> {
  const source = ts.createSourceFile("schema.ts", schema, ts.ScriptTarget.Latest, true);
  return new Map(
    source.statements.filter(ts.isTypeAliasDeclaration).map((node) => [node.name.text, node.type] as const),
  );
}

function shownName(aliases: Map<string, ts.TypeNode>, name: string): string {
  const type = aliases.get(name);
  return type && ts.isTypeReferenceNode(type) && !type.typeArguments && ts.isIdentifier(type.typeName)
    ? shownName(aliases, type.typeName.text)
    : name;
}

/** The declared type text of `property` in the alias `owner` (through intersections and alias references). */
function propertyType(
  aliases: Map<string, ts.TypeNode>,
  owner: string,
  property: string,
): string | undefined {
  const visit = (type: ts.TypeNode | undefined): string | undefined => {
    if (type === undefined) return undefined;
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName))
      return visit(aliases.get(type.typeName.text));
    if (ts.isIntersectionTypeNode(type) || ts.isParenthesizedTypeNode(type))
      return (ts.isParenthesizedTypeNode(type) ? [type.type] : type.types).map(visit).find(Boolean);
    if (!ts.isTypeLiteralNode(type)) return undefined;
    const member = type.members.find(
      (m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText() === property,
    );
    return member?.type?.getText();
  };
  return visit(aliases.get(owner));
}

describe("on a larger real collection (AssemblyAI, cut into pages)", () => {
  const base = path.join(ROOT, "test/client/.virtual-real");
  const file = path.join(base, "consumer.ts");
  const consumer = `import { BctrlApiError, type CreateTranscriptRequest, createBctrlClient } from "./src/index.js";
const aai = createBctrlClient({ apiKey: "sk_test_0123456789" });
export async function main(draft: CreateTranscriptRequest) {
  const transcript = await aai.transcript.get({ path: { transcript_id: "t" } });
  const status = transcript.status;
  const listed = await aai.GET("/v2/transcript", {});
  const page = listed.data;
  await aai.transcript.create({ body: { ...draft, summary_model: "ftp" } });
  try {
    await aai.transcript.get({ path: { transcript_id: "t" } });
  } catch (error) {
    if (error instanceof BctrlApiError && error.isFrom("getTranscript")) {
      const failure = error.body;
    }
  }
}
`;
  let program: InMemoryProgram;
  let lock: Record<string, string>;
  let aliases: Map<string, ts.TypeNode>;
  beforeAll(async () => {
    const generated = await generateRealCollection();
    lock = JSON.parse(generated.get("aliases.lock.json") ?? "{}").aliases;
    aliases = aliasDeclarations(generated.get("schema.ts") ?? "");
    const files: Record<string, string> = { [file]: consumer };
    for (const name of await readdir(path.join(ROOT, "src")))
      files[path.join(base, "src", name)] = await readFile(path.join(ROOT, "src", name), "utf8");
    for (const [name, text] of generated)
      if (name.endsWith(".ts")) files[path.join(base, "generated", name)] = text;
    program = inMemoryProgram(files);
  }, 120_000);

  it("hovering the method, its result, a union field, a verb's data and a narrowed error body shows aliases", () => {
    const response = lock["GET /v2/transcript/{transcript_id}#response"] ?? "";
    const transcript = shownName(aliases, response);
    const status = shownName(aliases, propertyType(aliases, transcript, "status") ?? "");
    const list = shownName(aliases, lock["GET /v2/transcript#response"] ?? "");
    const hovers = {
      method: program.hover(file, "transcript.get"),
      result: program.hover(file, "const transcript"),
      field: program.hover(file, "const status"),
      data: program.hover(file, "const page"),
      error: program.hover(file, "const failure"),
    };
    expect(hovers).toEqual({
      method: `(method) get(input: {\n    path: ${lock["GET /v2/transcript/{transcript_id}#params"]}["path"];\n}, options?: CallOptions | undefined): Promise<${response}>`,
      result: `const transcript: ${transcript}`,
      field: `const status: ${status}`,
      data: `const page: ${list} | undefined`,
      error: expect.stringMatching(/^const failure: [A-Z][A-Za-z0-9]*$/),
    });
    expect(aliases.get(status)?.kind).toBe(ts.SyntaxKind.UnionType);
    for (const hover of Object.values(hovers)) expectShortNames(hover);
  });

  it("names the alias in the error for a wrong request body", () => {
    const model = propertyType(aliases, lock["POST /v2/transcript#request"] ?? "", "summary_model");
    expect(program.diagnostics(file)).toEqual([
      `Type '"ftp"' is not assignable to type '${model} | undefined'.`,
    ]);
    expectShortNames(model ?? "");
  });
});
