/**
 * The client against a hostile server: a real HTTP server on a free loopback port answers each request with one of
 * the ways a response goes wrong. Each must end in the documented error type (README, "Errors"), and the API key must
 * appear in nothing the caller can see: message, `String()`, `JSON.stringify`, stack, causes, body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BctrlApiError, BctrlError, BctrlNetworkError, BctrlTimeoutError } from "../../src/errors.js";
import { createBctrlClient } from "../../src/index.js";

const API_KEY = "sk_live_hostile_0123456789abcdef";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Starts a server on 127.0.0.1:0; every request is recorded with its headers. */
async function serve(handler: Handler): Promise<{ origin: string; seen: IncomingMessage[]; server: Server }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Everything about an error a caller could print or ship somewhere. */
function visibleText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    parts.push(String(current));
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? "", JSON.stringify(current));
      if (current instanceof BctrlApiError) parts.push(JSON.stringify(current.body));
      current = current.cause;
    } else current = undefined;
  }
  return parts.join("\n");
}

async function callStop(origin: string, timeoutMs = 2_000, signal?: AbortSignal): Promise<unknown> {
  const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: origin, retry: false, timeoutMs });
  return bctrl.workspaces.runtimes.stop({ path: { id: "w1", alias: "main" } }, signal ? { signal } : {}).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const json = (status: number, body: string, headers: Record<string, string> = {}): Handler => {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(body);
  };
};

interface Case {
  name: string;
  handler: Handler;
  /** The documented error type. */
  want: new (
    ...args: never[]
  ) => Error;
  /** Extra checks on the error. */
  check?: (error: BctrlError) => void;
  timeoutMs?: number;
}

const cases: Case[] = [
  {
    name: "an error status with a malformed JSON body: BctrlApiError with the text as body",
    handler: json(500, `{"message": "boom", ${API_KEY}`),
    want: BctrlApiError,
    check: (error) => {
      expect((error as BctrlApiError).status).toBe(500);
      expect(typeof (error as BctrlApiError).body).toBe("string");
    },
  },
  {
    name: "an error status whose JSON body echoes the key: BctrlApiError with the key redacted",
    handler: json(401, JSON.stringify({ message: `invalid key ${API_KEY}`, [API_KEY]: true })),
    want: BctrlApiError,
    check: (error) => expect(JSON.stringify((error as BctrlApiError).body)).toContain("[redacted]"),
  },
  {
    name: "an error status with an empty body: BctrlApiError",
    handler: (_request, response) => {
      response.writeHead(503, { "content-type": "application/json" });
      response.end();
    },
    want: BctrlApiError,
    check: (error) => expect((error as BctrlApiError).status).toBe(503),
  },
  {
    name: "an error status with an HTML page: BctrlApiError with the page as body",
    handler: (_request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html><body>Bad gateway</body></html>");
    },
    want: BctrlApiError,
    check: (error) => expect((error as BctrlApiError).body).toContain("Bad gateway"),
  },
  {
    name: "no answer within the timeout: BctrlTimeoutError",
    handler: () => undefined,
    want: BctrlTimeoutError,
    timeoutMs: 200,
    check: (error) => expect((error as BctrlTimeoutError).timeoutMs).toBe(200),
  },
  {
    name: "a connection reset before any answer: BctrlNetworkError",
    handler: (request) => request.socket.destroy(),
    want: BctrlNetworkError,
  },
  {
    name: "a redirect loop: BctrlNetworkError",
    handler: (_request, response) => {
      response.writeHead(307, { location: "/v1/workspaces/w1/runtimes/main/stop" });
      response.end();
    },
    want: BctrlNetworkError,
  },
];

/** A success status whose body is not the JSON the operation promises: the client throws a BctrlError. */
const malformedSuccessCases: Case[] = [
  {
    name: "a success status with a malformed JSON body that echoes the key",
    handler: json(200, `{"id": "x", ${API_KEY}`),
    want: BctrlError,
  },
  {
    name: "a success status with an HTML page instead of JSON",
    handler: (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>maintenance</html>");
    },
    want: BctrlError,
  },
];

/** Bodies that are empty or fail after the headers: the attempt's timeout and the caller's signal still govern the body read. */
const bodyFailureCases: (Case & { signal?: () => AbortSignal })[] = [
  {
    name: "a success status with a JSON content type and an empty chunked body",
    handler: (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
      response.end();
    },
    want: BctrlError,
  },
  {
    name: "a success status whose body is cut off",
    handler: (request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"id": "truncated",');
      setTimeout(() => request.socket.destroy(), 20);
    },
    want: BctrlNetworkError,
  },
  {
    name: "a body that stalls after the headers is cut short by the attempt's timeout",
    handler: (request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id": ');
      setTimeout(() => request.socket.destroy(), 1_500);
    },
    want: BctrlTimeoutError,
    timeoutMs: 200,
  },
  {
    name: "a body that stalls after the headers is cut short by the caller's abort signal",
    handler: (request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id": ');
      setTimeout(() => request.socket.destroy(), 1_500);
    },
    want: DOMException,
    signal: () => AbortSignal.timeout(200),
  },
];

async function outcomeOf({
  handler,
  timeoutMs,
  signal,
}: Case & { signal?: () => AbortSignal }): Promise<unknown> {
  const { origin, server } = await serve(handler);
  servers.push(server);
  return callStop(origin, timeoutMs, signal?.());
}

async function expectDocumentedError(given: Case): Promise<void> {
  const error = await outcomeOf(given);
  expect(error).toBeInstanceOf(given.want);
  given.check?.(error as BctrlError);
  expect(visibleText(error)).not.toContain(API_KEY);
}

describe("operation methods against a hostile server", () => {
  it.each([...cases, ...malformedSuccessCases, ...bodyFailureCases])("$name", expectDocumentedError);
});

describe("openapi-fetch verbs against a hostile server", () => {
  const verb = async (handler: Handler, timeoutMs = 2_000) => {
    const { origin, server } = await serve(handler);
    servers.push(server);
    const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: origin, retry: false, timeoutMs });
    return bctrl
      .POST("/v1/workspaces/{id}/runtimes/{alias}/stop", { params: { path: { id: "w1", alias: "main" } } })
      .catch((error: unknown) => error);
  };

  it("a body that stalls after the headers fails as a BctrlTimeoutError", async () => {
    const error = await verb((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id": ');
      setTimeout(() => request.socket.destroy(), 1_500);
    }, 200);
    expect(error).toBeInstanceOf(BctrlTimeoutError);
  });

  it("a body that is cut off fails as a BctrlNetworkError", async () => {
    const error = await verb((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"id": "truncated",');
      setTimeout(() => request.socket.destroy(), 20);
    });
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect(error).not.toBeInstanceOf(BctrlTimeoutError);
  });

  it("with parseAs stream, the caller's signal still ends a stalled body after the call returned", async () => {
    const { origin, server } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.write("first chunk");
    });
    servers.push(server);
    const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: origin, retry: false });
    const caller = new AbortController();
    const { data } = await bctrl.POST("/v1/workspaces/{id}/runtimes/{alias}/stop", {
      params: { path: { id: "w1", alias: "main" } },
      parseAs: "stream",
      signal: caller.signal,
    });
    const reader = (data as unknown as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    caller.abort(new Error("caller gave up"));
    const stalled = new Promise((resolve) => setTimeout(resolve, 1_000, "still stalled"));
    const outcome = await Promise.race([reader.read().catch((error: unknown) => error), stalled]);
    expect(outcome).toEqual(new Error("caller gave up"));
  });

  it("a success body that is not JSON fails as a BctrlError that quotes none of it", async () => {
    const error = await verb(json(200, `${API_KEY} is not JSON`));
    expect(error).toBeInstanceOf(BctrlError);
    expect((error as Error).message).toBe(
      "bctrl API response from POST /v1/workspaces/{id}/runtimes/{alias}/stop is not JSON",
    );
    expect(visibleText(error)).not.toContain(API_KEY.slice(0, 8));
  });
});

describe("a body that fails after the headers is retried like a failure before them", () => {
  /** A body that is cut off (`cut`) or stalls until the attempt times out (`stall`), `failures` times, then JSON. */
  const failing = (how: "cut" | "stall", failures: number): Handler => {
    let calls = 0;
    return (request, response) => {
      if (calls++ >= failures) return json(200, JSON.stringify({ id: "whole" }))(request, response);
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"id": ');
      setTimeout(() => request.socket.destroy(), how === "cut" ? 20 : 1_500);
    };
  };
  const DELETE_PATH = { id: "s1", runtimeId: "r1", connectionId: "c1" };
  type Call = (bctrl: ReturnType<typeof createBctrlClient>) => Promise<unknown>;
  const calls: Record<string, Call> = {
    DELETE: (bctrl) => bctrl.spaces.runtimes.connections.delete({ path: DELETE_PATH }),
    "GET verb": async (bctrl) => {
      const request = bctrl.request as unknown as (
        method: string,
        path: string,
      ) => Promise<{ data?: unknown }>;
      return (await request("GET", "/v1/anything")).data;
    },
    "POST with an idempotency key": (bctrl) =>
      bctrl.workspaces.runtimes.stop({ path: { id: "w1", alias: "main" } }, { idempotencyKey: "k-1" }),
    "POST without one": (bctrl) => bctrl.workspaces.runtimes.stop({ path: { id: "w1", alias: "main" } }),
  };

  it.each([
    { call: "DELETE", how: "cut", failures: 1, want: { id: "whole" }, requests: 2 },
    { call: "DELETE", how: "stall", failures: 1, want: { id: "whole" }, requests: 2 },
    { call: "GET verb", how: "cut", failures: 2, want: { id: "whole" }, requests: 3 },
    { call: "POST with an idempotency key", how: "cut", failures: 1, want: { id: "whole" }, requests: 2 },
    { call: "POST without one", how: "cut", failures: 1, want: BctrlNetworkError, requests: 1 },
    { call: "DELETE", how: "cut", failures: 3, want: BctrlNetworkError, requests: 3 },
    { call: "DELETE", how: "stall", failures: 3, want: BctrlTimeoutError, requests: 3 },
  ] as const)(
    "$call, body $how $failures time(s): $requests requests",
    async ({ call, how, failures, want, requests }) => {
      const { origin, server, seen } = await serve(failing(how, failures));
      servers.push(server);
      const bctrl = createBctrlClient({
        apiKey: API_KEY,
        baseUrl: origin,
        timeoutMs: 200,
        retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 10 },
      });
      const outcome = await calls[call]?.(bctrl).catch((error: unknown) => error);
      if (typeof want === "function") expect(outcome).toBeInstanceOf(want);
      else expect(outcome).toEqual(want);
      expect(seen).toHaveLength(requests);
    },
  );

  it("but not after the caller's signal aborted the body read", async () => {
    const { origin, server, seen } = await serve(failing("stall", 3));
    servers.push(server);
    const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: origin, timeoutMs: 2_000 });
    const outcome = await bctrl.spaces.runtimes.connections
      .delete({ path: DELETE_PATH }, { signal: AbortSignal.timeout(150) })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(DOMException);
    expect(seen).toHaveLength(1);
  });
});

describe("redirects to another origin", () => {
  let target: { origin: string; seen: IncomingMessage[]; server: Server };
  beforeAll(async () => {
    target = await serve(json(200, JSON.stringify({ id: "elsewhere" })));
    servers.push(target.server);
  });

  it.each([301, 302, 303, 307, 308])("%i: the Authorization header does not follow", async (status) => {
    const before = target.seen.length;
    const { origin, server, seen } = await serve((_request, response) => {
      response.writeHead(status, { location: `${target.origin}/collect` });
      response.end();
    });
    servers.push(server);
    const bctrl = createBctrlClient({ apiKey: API_KEY, baseUrl: origin, retry: false });
    await bctrl.workspaces.runtimes
      .stop({ path: { id: "w1", alias: "main" } })
      .catch((error: unknown) => error);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const followed = target.seen.slice(before);
    expect(followed).toHaveLength(1);
    expect(JSON.stringify(followed[0]?.headers)).not.toContain(API_KEY);
  });
});
