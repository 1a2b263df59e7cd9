/**
 * Every kind of operation end to end, on pages cut from real specs (AssemblyAI, Twilio) and real-shaped ones
 * (test/client/fixtures/kinds): each method goes to its operation's own server with the key, encodes its body by
 * media type (multipart with each kind of file part, URL-encoded, binary) and resolves to the kind of value its
 * response is (JSON, text, Blob or stream), typed so; the fixture's generated files are current.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { buildOutputs } from "../../scripts/generate.ts";
import { BctrlApiError } from "../../src/index.ts";
import { API_KEY } from "./support/client.ts";
import { type components, kindsClient, recordingFetch, UPLOAD_SERVER } from "./support/kinds.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

type Schemas = components["schemas"];
const BEARER = `Bearer ${API_KEY}`;
const FIXTURE = path.join(import.meta.dirname, "fixtures/kinds");
/** AssemblyAI's pages name their own host, which is not the fixture's default: their operations keep it. */
const ASSEMBLYAI_SERVER = "https://api.assemblyai.com";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(script: readonly Reply[] | ((request: { url: string }, index: number) => Reply)) {
  const s = await startScriptedServer(script);
  servers.push(s);
  return s;
}

it("the fixture's generated table is what its pages generate (else: make generate)", async () => {
  // Only the runtime table: the types may lag a naming change without changing what the calls do.
  const { files } = await buildOutputs(path.join(FIXTURE, "specs"));
  const committed = await readFile(path.join(FIXTURE, "generated/operations.ts"), "utf8");
  expect(committed).toBe(files.get("operations.ts"));
});

describe("each operation is sent to its own server", () => {
  it("without overrides: the operation's server, the path item's, else its page's; each with the key", async () => {
    const { fetch, seen } = recordingFetch();
    const api = kindsClient({ fetch });
    await api.files.create({ body: { file: new Blob(["{}"]), purpose: "batch" } });
    await api.services.alphaSenders.create({ path: { ServiceSid: "MG1" }, body: { AlphaSender: "ACME" } });
    await api._20100401.accounts.messagesJson.create({ path: { AccountSid: "AC1" }, body: { To: "+1555" } });
    await api.audio.speech.create({ body: { model: "tts-1", input: "hi", voice: "alloy" } });
    expect(seen.map(({ url, authorization }) => [url, authorization])).toEqual([
      [`${UPLOAD_SERVER}/files`, BEARER],
      ["https://messaging.twilio.com/v1/Services/MG1/AlphaSenders", BEARER],
      ["https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", BEARER],
      // The API's default: the server most pages start with (these shaped pages'), not the first page's.
      ["https://api.files.example.com/v1/v1/audio/speech", BEARER],
    ]);
  });

  it("goes where baseUrls sends the operation's server, and baseUrl moves only the document's", async () => {
    const main = await serve([{ json: {} }]);
    const upload = await serve([{ json: { id: "file-1", bytes: 2, filename: "a", purpose: "batch" } }]);
    const bctrl = await serve([{ json: {} }]);
    const api = kindsClient({
      baseUrl: main.origin,
      baseUrls: { [UPLOAD_SERVER]: `${upload.origin}/v1`, "https://api.bctrl.ai": bctrl.origin },
    });
    const file = await api.files.create({ body: { file: new Blob(["{}"]), purpose: "batch" } });
    expectTypeOf(file).toEqualTypeOf<Schemas["files_create_Response_200"]>();
    expect(file.id).toBe("file-1");
    // A page on another host than the API's default keeps its own server: baseUrl does not move it.
    await api.spaces.runtimes.connections.create({
      path: { id: "s", runtimeId: "r" },
      body: { protocol: "cdp" },
    });
    await api.audio.speech.create({ body: { model: "tts-1", input: "hi", voice: "alloy" } });
    expect(upload.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["POST", "/v1/files", BEARER],
    ]);
    expect(bctrl.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/v1/spaces/s/runtimes/r/connections", BEARER],
    ]);
    expect(main.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/v1/audio/speech", BEARER],
    ]);
  });

  it("does not extend the key to one operation's server for another operation, nor for the verbs", async () => {
    const { fetch, seen } = recordingFetch((request) =>
      request.url.includes("/connections")
        ? new Response(null, { status: 307, headers: { location: `${UPLOAD_SERVER}/elsewhere` } })
        : Response.json({}),
    );
    const api = kindsClient({ fetch });
    await api.spaces.runtimes.connections.create({
      path: { id: "s", runtimeId: "r" },
      body: { protocol: "cdp" },
    });
    await api.POST("/files", { baseUrl: UPLOAD_SERVER, body: { file: new Blob([]), purpose: "batch" } });
    expect(seen.map(({ url, authorization }) => [url, authorization])).toEqual([
      ["https://api.bctrl.ai/v1/spaces/s/runtimes/r/connections", BEARER],
      [`${UPLOAD_SERVER}/elsewhere`, null],
      [`${UPLOAD_SERVER}/files`, null],
    ]);
  });
});

/** The multipart form a request carried, parsed the way a server would. */
function formOf(request: { bytes: Buffer; headers: Record<string, unknown> }): Promise<FormData> {
  const headers = { "content-type": String(request.headers["content-type"]) };
  return new Response(new Uint8Array(request.bytes), { headers }).formData();
}

describe("request bodies are encoded by media type", () => {
  const content = '{"prompt":"hi"}\n';
  it.each([
    { part: "a Blob", file: () => new Blob([content]), type: "application/jsonl", name: "file" },
    {
      part: "a File (its own name and type win)",
      file: () => new File([content], "train.txt", { type: "text/plain" }),
      type: "text/plain",
      name: "train.txt",
    },
    {
      part: "a Uint8Array",
      file: () => new TextEncoder().encode(content),
      type: "application/jsonl",
      name: "file",
    },
    {
      part: "a ReadableStream",
      file: () => new Blob([content]).stream(),
      type: "application/jsonl",
      name: "file",
    },
  ])("multipart, with $part as the file part, typed by the spec's encoding", async ({ file, type, name }) => {
    const upload = await serve([{ json: { id: "file-1", bytes: 16, filename: name, purpose: "fine-tune" } }]);
    const api = kindsClient({ baseUrls: { [UPLOAD_SERVER]: upload.origin } });
    await api.files.create({
      body: {
        file: file(),
        purpose: "fine-tune",
        tags: ["a", "b"],
        expires_after: { anchor: "created_at", seconds: 60 },
      },
    });
    const form = await formOf(upload.requests[0] as ScriptedServer["requests"][number]);
    const part = form.get("file") as File;
    expect([await part.text(), part.type, part.name]).toEqual([content, type, name]);
    expect(form.get("purpose")).toBe("fine-tune");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(JSON.parse(String(form.get("expires_after")))).toEqual({ anchor: "created_at", seconds: 60 });
  });

  it("URL-encoded (Twilio's Messages), arrays as repeated fields", async () => {
    const twilio = await serve([{ status: 201, json: { sid: "SM1" } }]);
    const api = kindsClient({ baseUrls: { "https://api.twilio.com": twilio.origin } });
    await api._20100401.accounts.messagesJson.create({
      path: { AccountSid: "AC1" },
      body: {
        To: "+15558675310",
        Body: "Hi & bye",
        MediaUrl: ["https://a.example/1.png", "https://a.example/2.png"],
      },
    });
    const [request] = twilio.requests;
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(request?.body)]).toEqual([
      ["To", "+15558675310"],
      ["Body", "Hi & bye"],
      ["MediaUrl", "https://a.example/1.png"],
      ["MediaUrl", "https://a.example/2.png"],
    ]);
  });

  it("binary (AssemblyAI's upload): the exact bytes, as application/octet-stream; retried with the same bytes", async () => {
    const audio = new Uint8Array([0, 255, 1, 254, 0x49, 0x44, 0x33]);
    const assembly = await serve([{ status: 503 }, { json: { upload_url: "https://cdn.example/a" } }]);
    const api = kindsClient({ baseUrls: { [ASSEMBLYAI_SERVER]: assembly.origin } });
    const result = await api.upload.file({ body: audio }, { idempotencyKey: "upload-1" });
    expectTypeOf(result).toEqualTypeOf<Schemas["uploadFile_uploadFile_Response_200"]>();
    expect(result).toEqual({ upload_url: "https://cdn.example/a" });
    expect(assembly.requests.map((r) => [r.headers["content-type"], [...r.bytes]])).toEqual([
      ["application/octet-stream", [...audio]],
      ["application/octet-stream", [...audio]],
    ]);
  });

  it("binary from a ReadableStream: streamed once, never retried", async () => {
    const assembly = await serve([{ status: 503 }, { json: { upload_url: "https://cdn.example/a" } }]);
    const api = kindsClient({ baseUrls: { [ASSEMBLYAI_SERVER]: assembly.origin } });
    const body = new Blob([new Uint8Array(64 * 1024).fill(7)]).stream();
    const error = await api.upload.file({ body }, { idempotencyKey: "upload-2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlApiError);
    expect((error as BctrlApiError).status).toBe(503);
    expect(assembly.requests.map((r) => r.bytes.length)).toEqual([64 * 1024]);
  });
});

describe("responses are parsed by media type", () => {
  it("text (AssemblyAI's subtitles) resolves to a string", async () => {
    const vtt = "WEBVTT\n\n00:12.340 --> 00:16.220\nLast year I showed these two slides\n";
    const assembly = await serve([{ headers: { "content-type": "text/plain" }, text: vtt }]);
    const api = kindsClient({ baseUrls: { [ASSEMBLYAI_SERVER]: assembly.origin } });
    const text = await api.transcript.getSubtitles({
      path: { transcript_id: "t-1", subtitle_format: "vtt" },
    });
    expectTypeOf(text).toEqualTypeOf<string>();
    expect(text).toBe(vtt);
    expect(assembly.requests[0]?.url).toBe("/v2/transcript/t-1/vtt");
  });

  it("text that is empty is an empty string, not a 'not JSON' error", async () => {
    const assembly = await serve([{ headers: { "content-type": "text/plain" }, text: "" }]);
    const api = kindsClient({ baseUrls: { [ASSEMBLYAI_SERVER]: assembly.origin } });
    const text = await api.transcript.getSubtitles({ path: { transcript_id: "t", subtitle_format: "srt" } });
    expect(text).toBe("");
  });

  const mp3 = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
  const speech = { model: "tts-1", input: "Hello", voice: "alloy" } as const;

  it("binary (audio/mpeg) resolves to a Blob of the exact bytes and type", async () => {
    const api = kindsClient({
      baseUrl: (await serve([{ headers: { "content-type": "audio/mpeg" }, bytes: mp3 }])).origin,
    });
    const audio = await api.audio.speech.create({ body: speech });
    expectTypeOf(audio).toEqualTypeOf<Blob>();
    expect(audio).toBeInstanceOf(Blob);
    expect(audio.type).toBe("audio/mpeg");
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(mp3);
  });

  it("binary with { stream: true } resolves to a ReadableStream of the bytes", async () => {
    const api = kindsClient({
      baseUrl: (await serve([{ headers: { "content-type": "audio/mpeg" }, bytes: mp3 }])).origin,
    });
    const stream = await api.audio.speech.create({ body: speech }, { stream: true });
    expectTypeOf(stream).toEqualTypeOf<ReadableStream<Uint8Array>>();
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).toEqual(mp3);
  });
});
