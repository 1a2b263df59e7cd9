/**
 * Bounded memory and a key that never leaks (issue 17, items 4 and 6), against real local servers: success bodies
 * are cut at `maxResponseBytes` while they stream, with an error naming the limit; error bodies kept on errors are
 * truncated; the key is trimmed once, so the bytes sent are the bytes redacted; implausible keys are refused; and
 * redaction keeps every error's class.
 */
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { redactCause, redactText } from "../../src/errors.ts";
import {
  BctrlApiError,
  BctrlNetworkError,
  BctrlResponseTooLargeError,
  createBctrlClient,
  DEFAULT_MAX_RESPONSE_BYTES,
} from "../../src/index.ts";
import { ERROR_BODY_BYTES } from "../../src/transport.ts";
import { API_KEY, CONNECTION_PATH, clientFor, STOP_PATH } from "./support/client.ts";
import { kindsClient } from "./support/kinds.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(script: readonly Reply[] | ((request: { headers: Record<string, unknown> }) => Reply)) {
  const s = await startScriptedServer(script);
  servers.push(s);
  return s;
}

/** A reply that writes `total` bytes of `byte` in 16 KiB chunks (no Content-Length), stopping when the client goes. */
function chunked(total: number, headers: Record<string, string>, status = 200, byte = 0x61): Reply {
  return {
    respond: (response: ServerResponse) => {
      response.writeHead(status, headers);
      let sent = 0;
      const more = () => {
        while (sent < total && !response.destroyed) {
          const size = Math.min(16 * 1024, total - sent);
          sent += size;
          if (!response.write(Buffer.alloc(size, byte))) return void response.once("drain", more);
        }
        if (!response.destroyed) response.end();
      };
      more();
    },
  };
}

const speech = { model: "tts-1", input: "Hello", voice: "alloy" } as const;

describe("maxResponseBytes", () => {
  it("has a default, named in the error", () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024);
    expect(String(new BctrlResponseTooLargeError(DEFAULT_MAX_RESPONSE_BYTES))).toContain("67108864 bytes");
  });

  it.each([
    { how: "a streamed (chunked) body", reply: chunked(512 * 1024, { "content-type": "audio/mpeg" }) },
    {
      how: "a body declared larger",
      reply: { headers: { "content-type": "audio/mpeg" }, bytes: new Uint8Array(512 * 1024) },
    },
  ])("stops $how at the limit with an error naming it, and is not retried", async ({ reply }) => {
    const s = await serve([reply]);
    const api = kindsClient({ baseUrl: s.origin, maxResponseBytes: 100_000 });
    const error = await api.audio.speech
      .create({ body: speech }, { idempotencyKey: "tts-1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlResponseTooLargeError);
    expect((error as BctrlResponseTooLargeError).maxResponseBytes).toBe(100_000);
    expect((error as Error).message).toContain("maxResponseBytes (100000 bytes)");
    expect(s.requests).toHaveLength(1);
  });

  it("applies to JSON bodies and to a body the caller streams", async () => {
    const json = chunked(300_000, { "content-type": "application/json" });
    const s = await serve([json, chunked(300_000, { "content-type": "audio/mpeg" })]);
    const bctrl = clientFor(s, { maxResponseBytes: 100_000 });
    const error = await bctrl.workspaces.runtimes.stop({ path: STOP_PATH }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlResponseTooLargeError);
    const api = kindsClient({ baseUrl: s.origin, maxResponseBytes: 100_000 });
    const stream = await api.audio.speech.create({ body: speech }, { stream: true });
    await expect(new Response(stream).arrayBuffer()).rejects.toBeInstanceOf(BctrlResponseTooLargeError);
  });

  it("lets a body within the limit through whole", async () => {
    const s = await serve([chunked(100_000, { "content-type": "audio/mpeg" })]);
    const audio = await kindsClient({ baseUrl: s.origin, maxResponseBytes: 100_000 }).audio.speech.create({
      body: speech,
    });
    expect(audio.size).toBe(100_000);
  });

  it("refuses a limit that is not a positive number", () => {
    expect(() => createBctrlClient({ apiKey: API_KEY, maxResponseBytes: 0 })).toThrow(RangeError);
  });
});

describe("error bodies kept on errors", () => {
  it("are truncated, and the rest of a large one is not read", async () => {
    const s = await serve([chunked(5 * 1024 * 1024, { "content-type": "text/plain" }, 500)]);
    const error = await clientFor(s, { retry: false })
      .workspaces.runtimes.stop({ path: STOP_PATH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlApiError);
    const body = (error as BctrlApiError).body as string;
    expect(body.length).toBe(ERROR_BODY_BYTES);
    expect(body).toBe("a".repeat(ERROR_BODY_BYTES));
  });
});

/** Every way an error can be shown. */
function renderings(error: unknown): string[] {
  const e = error as Error & { body?: unknown };
  return [
    e.message,
    String(e),
    e.stack ?? "",
    JSON.stringify(e),
    inspect(e, { depth: 5 }),
    String(JSON.stringify(e.body)),
  ];
}

describe("the API key", () => {
  it.each([
    ["a trailing newline", `${API_KEY}\n`],
    ["surrounding spaces and tabs", ` \t${API_KEY} \r\n`],
  ])(
    "is trimmed once when read with %s: sent trimmed, and redacted from what a server echoes",
    async (_, key) => {
      const s = await serve((request) => ({
        status: 401,
        json: {
          message: `bad key ${String(request.headers.authorization)}`,
          echo: request.headers.authorization,
        },
      }));
      const bctrl = createBctrlClient({ apiKey: key, baseUrl: s.origin, retry: false });
      const error = await bctrl.workspaces.runtimes.stop({ path: STOP_PATH }).catch((e: unknown) => e);
      expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(error).toBeInstanceOf(BctrlApiError);
      for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
      expect((error as BctrlApiError).body).toEqual({
        message: "bad key Bearer [redacted]",
        echo: "Bearer [redacted]",
      });
    },
  );

  it("read from BCTRL_API_KEY with a trailing newline is trimmed too", async () => {
    const s = await serve([{ json: {} }]);
    const before = process.env.BCTRL_API_KEY;
    process.env.BCTRL_API_KEY = `${API_KEY}\n`;
    try {
      await createBctrlClient({ baseUrl: s.origin }).workspaces.runtimes.stop({ path: STOP_PATH });
    } finally {
      if (before === undefined) delete process.env.BCTRL_API_KEY;
      else process.env.BCTRL_API_KEY = before;
    }
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it.each([
    ["one character", "1"],
    ["seven characters", "abcdefg"],
    ["a space inside", "sk_live 0123456789"],
    ["a newline inside", "sk_live\n0123456789"],
    ["a non-ASCII character", "sk_live_é0123456789"],
  ])("is refused when it has %s, without quoting it", (_, key) => {
    const error = (() => {
      try {
        createBctrlClient({ apiKey: key, baseUrl: "http://127.0.0.1:9" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("apiKey must be at least 8");
    expect((error as Error).message).not.toContain(key);
  });

  it("redaction keeps an error's class (and its cause's) and leaves text shorter than a key alone", () => {
    const cause = new TypeError(`connect failed for Bearer ${API_KEY}`);
    const error = new BctrlNetworkError("bctrl request failed: POST /v1/x", { cause });
    const redacted = redactCause(error, API_KEY) as BctrlNetworkError;
    expect(redacted).toBeInstanceOf(BctrlNetworkError);
    expect(redacted.name).toBe("BctrlNetworkError");
    expect(redacted.cause).toBeInstanceOf(TypeError);
    expect(String(redacted.cause)).toBe("TypeError: connect failed for Bearer [redacted]");
    for (const text of renderings(redacted)) expect(text).not.toContain(API_KEY);
    expect(redactText("POST /v1/spaces/1/runtimes", "1")).toBe("POST /v1/spaces/1/runtimes");
  });

  it("a failing fetch that quotes it still fails as a BctrlNetworkError whose cause keeps its class", async () => {
    const fetch = async (request: Request) => {
      throw new TypeError(`refused ${request.headers.get("authorization")}`);
    };
    const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9", fetch, retry: false });
    const error = await bctrl.spaces.runtimes.connections
      .create({ path: CONNECTION_PATH, body: { protocol: "cdp" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect((error as Error).message).toContain("/v1/spaces/space-1/runtimes/runtime-1/connections");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });
});
