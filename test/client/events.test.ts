/**
 * Server-sent events end to end (the real-shaped chat page of test/client/fixtures/kinds): a method whose response is
 * `text/event-stream` resolves to an async iterable of typed events; the caller's abort or an early `break` ends it
 * cleanly and closes the connection; the timeout bounds each wait for the next event, not the stream; a stream is
 * never retried once it has begun; one event larger than maxResponseBytes fails, a long stream of small ones does not.
 */
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  BctrlNetworkError,
  BctrlResponseTooLargeError,
  BctrlTimeoutError,
  type ServerSentEvent,
} from "../../src/index.ts";
import { API_KEY } from "./support/client.ts";
import { type components, kindsClient } from "./support/kinds.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

type Chunk = components["schemas"]["chat_completionsStream_Chunk"];

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const chunk = (n: number, content = `token ${n}`): Chunk => ({
  id: "chatcmpl-1",
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reply that opens an event stream and hands the response to `write`. */
function stream(write: (response: ServerResponse, closed: Promise<void>) => Promise<void> | void): Reply {
  return {
    respond: (response, closed) => {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      void write(response, closed);
    },
  };
}

async function serve(...replies: Reply[]) {
  const s = await startScriptedServer(replies);
  servers.push(s);
  return { server: s, api: kindsClient({ baseUrl: s.origin }) };
}

const REQUEST = {
  body: { model: "gpt", messages: [{ role: "user" as const, content: "Hi" }], stream: true as const },
};

describe("an event-stream operation", () => {
  it("resolves to an async iterable of typed events, as the parser reads them (names, ids, comments, CRLF, multi-line data)", async () => {
    const { api, server } = await serve(
      stream((response) => {
        response.write(`: keep-alive\n\ndata: ${JSON.stringify(chunk(1))}\n\n`);
        const second = JSON.stringify(chunk(2));
        const cut = second.indexOf(',"choices"');
        response.write(`event: delta\r\nid: 2\r\ndata: ${second.slice(0, cut)}`);
        response.write(`\r\ndata: ${second.slice(cut)}\r\n\r\n`);
        response.end(`data: ${JSON.stringify(chunk(3))}\n\n`);
      }),
    );
    const events = await api.chat.completions.stream(REQUEST);
    expectTypeOf(events).toEqualTypeOf<AsyncIterable<ServerSentEvent<Chunk>>>();
    const received: ServerSentEvent<Chunk>[] = [];
    for await (const event of events) received.push(event);
    // Data split over two `data:` lines is joined with a newline, which JSON allows between tokens.
    expect(received).toEqual([
      { data: chunk(1) },
      { event: "delta", id: "2", data: chunk(2) },
      { data: chunk(3) },
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(REQUEST.body);
  });

  it("ends without an error when the caller aborts, and closes the connection", async () => {
    let closed: Promise<void> | undefined;
    const { api } = await serve(
      stream((response, whenClosed) => {
        closed = whenClosed;
        response.write(`data: ${JSON.stringify(chunk(1))}\n\n`);
      }),
    );
    const controller = new AbortController();
    const received: unknown[] = [];
    for await (const event of await api.chat.completions.stream(REQUEST, { signal: controller.signal })) {
      received.push(event);
      controller.abort();
    }
    expect(received).toHaveLength(1);
    await expect(closed).resolves.toBeUndefined();
  });

  it("closes the connection when the caller leaves the loop early", async () => {
    let closed: Promise<void> | undefined;
    const { api } = await serve(
      stream((response, whenClosed) => {
        closed = whenClosed;
        for (let n = 1; n <= 3; n++) response.write(`data: ${JSON.stringify(chunk(n))}\n\n`);
      }),
    );
    for await (const event of await api.chat.completions.stream(REQUEST)) {
      expect(event.data.id).toBe("chatcmpl-1");
      break;
    }
    await expect(closed).resolves.toBeUndefined();
  });

  it("applies the timeout to each wait for an event: a stream longer than it goes on, a stalled one times out", async () => {
    const { api } = await serve(
      stream(async (response) => {
        for (let n = 1; n <= 6; n++) {
          response.write(`data: ${JSON.stringify(chunk(n))}\n\n`);
          await sleep(80);
        }
        // Comments keep the connection busy but are no event: they do not hold the timeout off.
        for (let n = 0; n < 10; n++) {
          response.write(": still thinking\n\n");
          await sleep(80);
        }
      }),
    );
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const event of await api.chat.completions.stream(REQUEST, { timeoutMs: 300 }))
        received.push(event);
    })().catch((e: unknown) => e);
    expect(received).toHaveLength(6);
    expect(error).toBeInstanceOf(BctrlTimeoutError);
    expect((error as BctrlTimeoutError).timeoutMs).toBe(300);
  });

  it("is retried before it begins (503), never after its first event (a dropped connection fails the loop)", async () => {
    const { api, server } = await serve(
      { status: 503 },
      stream((response) => {
        response.write(`data: ${JSON.stringify(chunk(1))}\n\n`);
        setTimeout(() => response.socket?.destroy(), 20);
        return undefined;
      }),
      stream((response) => {
        response.end(`data: ${JSON.stringify(chunk(9))}\n\n`);
      }),
    );
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const event of await api.chat.completions.stream(REQUEST, { idempotencyKey: "chat-1" }))
        received.push(event);
    })().catch((e: unknown) => e);
    expect(received).toEqual([{ data: chunk(1) }]);
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect(server.requests).toHaveLength(2);
  });

  it("fails on one event larger than maxResponseBytes, but not on a long stream of small events", async () => {
    const small = Array.from({ length: 40 }, (_, n) => `data: ${JSON.stringify(chunk(n))}\n\n`).join("");
    const s = await startScriptedServer([
      stream((response) => {
        response.end(small);
      }),
      // The large event arrives in pieces, as a long one does: the parser must not buffer it past the limit.
      stream(async (response) => {
        const event = `data: ${JSON.stringify(chunk(1, "x".repeat(4096)))}\n\n`;
        for (let at = 0; at < event.length && !response.destroyed; at += 512) {
          response.write(event.slice(at, at + 512));
          await sleep(5);
        }
        response.end();
      }),
    ]);
    servers.push(s);
    const api = kindsClient({ baseUrl: s.origin, maxResponseBytes: 1024 });
    expect(small.length).toBeGreaterThan(1024);
    const received: unknown[] = [];
    for await (const event of await api.chat.completions.stream(REQUEST)) received.push(event);
    expect(received).toHaveLength(40);
    const error = await (async () => {
      for await (const _ of await api.chat.completions.stream(REQUEST)) {
        // reading
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlResponseTooLargeError);
    expect(String(error)).toContain("maxResponseBytes (1024 bytes)");
  });
});
