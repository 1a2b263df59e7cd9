/**
 * Issue #21's naming rules, one small document each, through merge → types → aliases: the author's names win,
 * hoisted names are decoded whatever their length, ID-like segments are dropped, variants are named by what tells
 * them apart, shared schemas by what their operations share, and a number is the last resort, reported.
 */
import { describe, expect, it } from "vitest";
import { type AliasResult, addAliases } from "../../scripts/aliases/aliases.ts";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";
import { generateTypes } from "../../scripts/types/types.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";
import { exportedAliases, hasPathLeftover } from "./support/alias-metrics.ts";

type Json = Record<string, unknown>;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ content: { "application/json": { schema } } });
const ok = (schema: Json): Json => ({ responses: { "200": { description: "OK", ...json(schema) } } });
const enumOf = (...values: string[]): Json => ({ type: "string", enum: values });
const object = (properties: Json, extra: Json = {}): Json => ({ type: "object", properties, ...extra });

async function aliasesOf(paths: Json, schemas: Json): Promise<AliasResult> {
  const page = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths, components: { schemas } };
  const { document } = mergeSpecs([{ file: "page.yaml", document: page as unknown as OpenAPI3 }]);
  return addAliases(await generateTypes(document), document);
}

function expectCompiles(result: AliasResult, consumer = ""): void {
  const program = inMemoryProgram({ "/rules/schema.ts": result.source, "/rules/use.ts": consumer });
  expect(program.diagnostics("/rules/schema.ts")).toEqual([]);
  expect(program.diagnostics("/rules/use.ts")).toEqual([]);
}

describe("a name the spec's author wrote", () => {
  it("is the alias, even when a derived or hoisted name wants it", async () => {
    const result = await aliasesOf(
      {
        "/v1/chats": { get: { summary: "List chats", ...ok(object({ message: ref("ChatsGetMessage") })) } },
        "/v1/things": {
          get: { summary: "List things", ...ok(ref("ListThingParams")) },
        },
      },
      {
        V1ChatsGetResponsesContentApplicationJsonSchemaMessage: object({ text: { type: "string" } }),
        ChatsGetMessage: object({ id: { type: "string" } }),
        ChatMessage: object({ body: { type: "string" }, role: enumOf("user", "bot") }),
        ListThingParams: object({ page: { type: "integer" } }),
      },
    );
    expect(result.lock.get("ChatMessage")).toBe("ChatMessage");
    expect(result.lock.get("ListThingParams")).toBe("ListThingParams");
    expect(result.lock.get("GET /v1/things#params")).not.toBe("ListThingParams");
  });

  it("is exported for every author name when two such schemas fold into one", async () => {
    const role = enumOf("user", "assistant", "system");
    const result = await aliasesOf(
      {
        "/v1/chat": {
          post: { summary: "Chat", ...ok(object({ a: ref("ChatRole"), b: ref("MessageRole") })) },
        },
      },
      { ChatRole: role, MessageRole: { ...role } },
    );
    expect(result.lock.get("ChatRole")).toBe("ChatRole");
    expect(result.lock.get("MessageRole")).toBe("MessageRole");
    expectCompiles(
      result,
      'import type { ChatRole, MessageRole } from "./schema.ts";\nconst a: ChatRole = "user";\nexport const b: MessageRole = a;\n',
    );
  });

  it("keeps a namespaced name's own words (`api.v2010.account.call` → `Call`)", async () => {
    const result = await aliasesOf(
      {
        "/Accounts/{Sid}/Calls.json": { get: ok(ref("api.v2010.account.call")) },
        "/Accounts/{Sid}/Calls/{CallSid}/Recordings.json": {
          get: ok(ref("api.v2010.account.call.recording")),
        },
        "/Accounts/{Sid}/Recordings.json": { get: ok(ref("api.v2010.account.recording")) },
      },
      {
        "api.v2010.account.call": object({ sid: { type: "string" } }),
        "api.v2010.account.call.recording": object({ call_sid: { type: "string" } }),
        "api.v2010.account.recording": object({ duration: { type: "string" } }),
      },
    );
    expect(result.lock.get("api.v2010.account.call")).toBe("Call");
    expect(result.lock.get("api.v2010.account.recording")).toBe("Recording");
    expect(result.lock.get("api.v2010.account.call.recording")).toBe("CallRecording");
  });
});

describe("a hoisted name", () => {
  const direction = enumOf("ASC", "DESC");
  const listing = (parameter: string) => ({
    get: { parameters: [{ name: "direction", in: "query", schema: ref(parameter) }], ...ok(object({})) },
  });

  it("is decoded even when short, with no path words, and named for the resource its operations share", async () => {
    const result = await aliasesOf(
      {
        "/folders/{folder_id}/items": listing("FoldersFolderIdItemsGetParametersDirection"),
        "/folders/{folder_id}/collaborations": listing("FoldersFolderIdCollaborationsGetParametersDirection"),
        "/folders/trash/items": listing("FoldersTrashItemsGetParametersDirection"),
        "/folders/{folder_id}/shares": listing("FoldersFolderIdSharesGetParametersDirection"),
      },
      {
        FoldersFolderIdItemsGetParametersDirection: direction,
        FoldersFolderIdCollaborationsGetParametersDirection: { ...direction },
        FoldersTrashItemsGetParametersDirection: { ...direction },
        FoldersFolderIdSharesGetParametersDirection: { ...direction },
      },
    );
    expect(result.lock.get("FoldersFolderIdItemsGetParametersDirection")).toBe("FolderDirection");
    for (const alias of result.aliases) expect(hasPathLeftover(alias.name), alias.name).toBe(false);
  });

  it("drops an ID-like path segment", async () => {
    const route = "/metadata_templates/enterprise/securityClassification-6VMVochwUWo/schema";
    const hoisted =
      "MetadataTemplatesEnterpriseSecurityClassification6VMVochwUWoSchemaGetResponsesContentApplicationJsonSchemaFieldsItems";
    const result = await aliasesOf(
      { [route]: { get: ok(object({ fields: { type: "array", items: ref(hoisted) } })) } },
      { [hoisted]: object({ key: { type: "string" } }) },
    );
    const names = result.aliases.map((alias) => alias.name);
    expect(names.filter((name) => /6VM|Vochw|UWo/.test(name))).toEqual([]);
    expect(result.lock.get(hoisted)).toBe("SchemaField");
  });

  it("of a map's values or a nested array's items says whose they are", async () => {
    const prefix = "V1AgentsPostResponsesContentApplicationJsonSchema";
    const result = await aliasesOf(
      {
        "/v1/agents": {
          post: ok(
            object({
              dynamic_variables: {
                type: "object",
                additionalProperties: ref(`${prefix}DynamicVariablesAdditionalProperties`),
              },
              usage: object({ results: { type: "array", items: ref(`${prefix}UsageResultsItems`) } }),
            }),
          ),
        },
      },
      {
        [`${prefix}DynamicVariablesAdditionalProperties`]: object({ value: { type: "string" } }),
        [`${prefix}UsageResultsItems`]: object({ tokens: { type: "integer" } }),
      },
    );
    expect(result.lock.get(`${prefix}DynamicVariablesAdditionalProperties`)).toBe("AgentDynamicVariable");
    expect(result.lock.get(`${prefix}UsageResultsItems`)).toBe("AgentUsageItem");
  });
});

describe("a oneOf variant", () => {
  const prefix = "V1SourcesPostResponsesContentApplicationJsonSchemaSource";
  async function variants(parent: Json, members: Json[]): Promise<string[]> {
    const names = members.map((_, index) => `${prefix}${index}`);
    const result = await aliasesOf(
      { "/v1/sources": { post: ok(object({ source: ref(prefix) })) } },
      {
        [prefix]: { ...parent, oneOf: names.map(ref) },
        ...Object.fromEntries(members.map((member, index) => [names[index], member])),
      },
    );
    return names.map((name) => result.lock.get(name) ?? "");
  }

  it("is named by its discriminator mapping", async () => {
    const mapping = { file: `#/components/schemas/${prefix}0`, link: `#/components/schemas/${prefix}1` };
    expect(
      await variants({ discriminator: { propertyName: "kind", mapping } }, [
        object({ kind: { type: "string" }, id: { type: "string" } }),
        object({ kind: { type: "string" }, href: { type: "string" } }),
      ]),
    ).toEqual(["FileSource", "LinkSource"]);
  });

  it("is named by the constant that tells it apart", async () => {
    expect(
      await variants({}, [object({ type: { const: "upload" } }), object({ type: { const: "url" } })]),
    ).toEqual(["UploadSource", "UrlSource"]);
  });

  it("is named by its own title", async () => {
    expect(
      await variants({}, [
        object({ a: { type: "string" } }, { title: "Owned" }),
        object({ b: { type: "string" } }, { title: "Shared" }),
      ]),
    ).toEqual(["OwnedSource", "SharedSource"]);
  });

  it("is named by the required property only it has", async () => {
    expect(
      await variants({}, [
        object({ file_id: { type: "string" }, name: { type: "string" } }, { required: ["file_id"] }),
        object({ url: { type: "string" }, name: { type: "string" } }, { required: ["url"] }),
      ]),
    ).toEqual(["FileIdSource", "UrlSource"]);
  });
});

describe("a schema shared by several operations", () => {
  it("is named for the resource they share, not the first one", async () => {
    const body = { requestBody: json(ref("groups_addMember_Request")), ...ok(object({})) };
    const result = await aliasesOf(
      {
        "/groups/{id}/members": { post: { summary: "Add a member", ...body } },
        "/groups/{id}/members/{member_id}": { delete: { summary: "Remove a member", ...body } },
      },
      { groups_addMember_Request: object({ user_id: { type: "string" } }) },
    );
    expect(result.lock.get("groups_addMember_Request")).toBe("MemberRequest");
  });
});

describe("colliding names", () => {
  it("take the smallest qualifier that tells them apart before any number", async () => {
    const result = await aliasesOf(
      {
        "/v1/spaces/{id}/things": { post: { summary: "Create a thing", ...ok(object({})) } },
        "/v1/workspaces/{id}/things": { post: { summary: "Create a thing", ...ok(object({})) } },
      },
      {},
    );
    expect(result.lock.get("POST /v1/spaces/{id}/things#response")).toBe("CreateThingResponse");
    expect(result.lock.get("POST /v1/workspaces/{id}/things#response")).toBe("CreateWorkspaceThingResponse");
    expect(result.warnings).toEqual([]);
  });

  it("get a number only when nothing tells them apart, with a warning", async () => {
    const result = await aliasesOf(
      {
        "/v1/x": {
          post: { summary: "Send", ...ok(object({ a: ref("chat_message"), b: ref("ChatMessage") })) },
        },
      },
      { chat_message: object({ a: { type: "string" } }), ChatMessage: object({ b: { type: "string" } }) },
    );
    expect(exportedAliases(result.source)).toEqual(expect.arrayContaining(["ChatMessage", "ChatMessage2"]));
    expect(result.warnings).toEqual([
      expect.stringMatching(/^alias ChatMessage2 \(schema \w+\) is numbered: ChatMessage is taken/),
    ]);
  });
});
