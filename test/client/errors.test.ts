import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  BctrlApiError,
  BctrlError,
  BctrlNetworkError,
  BctrlTimeoutError,
  createBctrlClient,
} from "../../src/index.ts";
import { API_KEY, anyRequest, CONNECTION_PATH, clientFor, REVOKE_PATH, STOP_PATH } from "./support/client.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(replies: Reply[] | ((request: { headers: Record<string, unknown> }) => Reply)) {
  server = await startScriptedServer(replies);
  return server;
}

/** Every way an error can be printed or serialised. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  const cause = e.cause as Error | undefined;
  return [
    e.message,
    String(e),
    e.stack ?? "",
    JSON.stringify(e),
    JSON.stringify((e as BctrlApiError).body ?? null),
    String(cause ?? ""),
    cause?.stack ?? "",
    cause?.message ?? "",
  ];
}

describe("BctrlApiError", () => {
  it("carries status, parsed body, operation and request id", async () => {
    const s = await serve([
      {
        status: 404,
        headers: { "x-request-id": "req_42" },
        json: { message: "no such connection", code: "nf" },
      },
    ]);
    const error = await clientFor(s)
      .spaces.runtimes.connections.delete({ path: REVOKE_PATH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlApiError);
    expect(error).toBeInstanceOf(BctrlError);
    expect(error).toMatchObject({
      name: "BctrlApiError",
      status: 404,
      body: { message: "no such connection", code: "nf" },
      operationId: "runtimes-connections-delete",
      method: "DELETE",
      path: "/v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}",
      requestId: "req_42",
    });
    expect((error as Error).message).toBe(
      "bctrl API error 404 from runtimes-connections-delete (DELETE /v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}) [request req_42]: no such connection",
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "BctrlApiError",
      status: 404,
      requestId: "req_42",
    });
  });

  it.each([
    { reply: { status: 500, text: "upstream exploded" }, body: "upstream exploded", requestId: undefined },
    {
      reply: { status: 422, headers: { "request-id": "r-7" }, json: [1, 2] },
      body: [1, 2],
      requestId: "r-7",
    },
    { reply: { status: 401 }, body: "", requestId: undefined },
  ])("keeps a $reply.status body as sent: $body", async ({ reply, body, requestId }) => {
    const s = await serve([reply]);
    const error = await clientFor(s)
      .workspaces.runtimes.stop({ path: STOP_PATH })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: reply.status, operationId: "runtimes-stop", requestId });
    expect((error as BctrlApiError).body).toEqual(body);
  });

  it("is not thrown by the openapi-fetch verbs, which keep { data, error, response }", async () => {
    const s = await serve([{ status: 409, json: { message: "conflict" } }]);
    const result = await clientFor(s).POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
      params: { path: CONNECTION_PATH },
      body: { protocol: "cdp" },
    });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual({ message: "conflict" });
    expect(result.response.status).toBe(409);
  });
});

describe("network errors, timeouts and aborts are told apart", () => {
  it("a refused connection is a BctrlNetworkError with the cause kept", async () => {
    const s = await startScriptedServer([]);
    await s.close();
    const error = await clientFor(s, { retry: false })
      .workspaces.runtimes.stop({ path: STOP_PATH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect(error).not.toBeInstanceOf(BctrlTimeoutError);
    expect((error as Error).message).toBe(
      "bctrl request failed: POST /v1/workspaces/workspace-1/runtimes/main/stop",
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("an attempt without response headers in timeoutMs is a BctrlTimeoutError", async () => {
    const s = await serve([{ hang: true }]);
    const error = await clientFor(s, { timeoutMs: 100 })
      .workspaces.runtimes.stop({ path: STOP_PATH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlTimeoutError);
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect(error).toMatchObject({ name: "BctrlTimeoutError", timeoutMs: 100 });
    expect(s.requests).toHaveLength(1);
  });

  it("the timeout is per attempt: a retried DELETE gets a fresh one each time", async () => {
    const s = await serve([{ hang: true }, { hang: true }, { json: { id: "c-1" } }]);
    const revoked = await clientFor(s, { timeoutMs: 100 }).spaces.runtimes.connections.delete({
      path: REVOKE_PATH,
    });
    expect(revoked).toEqual({ id: "c-1" });
    expect(s.requests).toHaveLength(3);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const s = await serve([{ hang: true }]);
    const call = clientFor(s).workspaces.runtimes.stop({ path: STOP_PATH }, { timeoutMs: 50 });
    await expect(call).rejects.toMatchObject({ name: "BctrlTimeoutError", timeoutMs: 50 });
  });

  it("aborting a waiting call rejects with the signal's reason, not a timeout, and stops retrying", async () => {
    const s = await serve([{ hang: true }]);
    const controller = new AbortController();
    const call = clientFor(s).spaces.runtimes.connections.delete(
      { path: REVOKE_PATH },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    const error = await call.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(error).not.toBeInstanceOf(BctrlError);
    expect(s.requests).toHaveLength(1);
  });

  it("aborting during a backoff wait rejects at once", async () => {
    const s = await serve([{ status: 503, headers: { "retry-after": "30" } }]);
    const controller = new AbortController();
    const started = performance.now();
    const call = clientFor(s).spaces.runtimes.connections.delete(
      { path: REVOKE_PATH },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("user gave up")), 100);
    await expect(call).rejects.toThrow("user gave up");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(s.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const s = await serve([{ json: {} }]);
    const call = clientFor(s).workspaces.runtimes.stop({ path: STOP_PATH }, { signal: AbortSignal.abort() });
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(s.requests).toHaveLength(0);
  });
});

describe("the API key never appears in an error", () => {
  it("not when the server echoes it in the body, the message and the request id", async () => {
    const s = await serve((request) => ({
      status: 400,
      headers: { "x-request-id": String(request.headers.authorization) },
      json: { message: `bad key ${request.headers.authorization}`, [API_KEY]: [API_KEY] },
    }));
    const error = await clientFor(s)
      .spaces.runtimes.connections.create({ path: CONNECTION_PATH, body: { protocol: "cdp" } })
      .catch((e: unknown) => e);
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(error).toBeInstanceOf(BctrlApiError);
    expect((error as Error).message).toContain("bad key Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it("not when the fetch underneath fails with it in the message", async () => {
    const leakyFetch = async (request: Request) => {
      throw new TypeError(`cannot send ${request.headers.get("authorization")}`, {
        cause: new Error(`socket for ${API_KEY}`),
      });
    };
    const bctrl = createBctrlClient({
      apiKey: API_KEY,
      baseUrl: "http://127.0.0.1:9",
      fetch: leakyFetch,
      retry: false,
    });
    const error = await bctrl.workspaces.runtimes.stop({ path: STOP_PATH }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlNetworkError);
    expect(((error as Error).cause as Error).message).toBe("cannot send Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it("not even in part when a success body that echoes it fails to parse", async () => {
    const s = await serve((request) => ({
      headers: { "content-type": "application/json" },
      text: `${String(request.headers.authorization).slice("Bearer ".length)} is not JSON`,
    }));
    const error = await clientFor(s)
      .workspaces.runtimes.stop({ path: STOP_PATH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BctrlError);
    expect((error as Error).message).toBe("bctrl API response from runtimes-stop is not JSON");
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY.slice(0, 6));
  });

  it.each([1, 8, 12, API_KEY.length - 1])(
    "not even in part when it straddles the 200-character cut of the message (%i of its characters before the cut)",
    async (before) => {
      const s = await serve([
        { status: 400, json: { message: `${"x".repeat(200 - before)}${API_KEY} tail` } },
      ]);
      const error = await clientFor(s, { retry: false })
        .workspaces.runtimes.stop({ path: STOP_PATH })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BctrlApiError);
      for (const text of renderings(error)) expect(text).not.toContain(API_KEY.slice(0, 8));
    },
  );

  it("not in timeouts, nor in the verbs' errors", async () => {
    const s = await serve([{ hang: true }]);
    const error = await anyRequest(clientFor(s, { timeoutMs: 30, retry: false }))("GET", "/x").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BctrlTimeoutError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });
});

describe("after a call", () => {
  it("nothing of the client keeps the process alive (timers and listeners are released)", async () => {
    const s = await serve((request) =>
      request.headers["x-fail"] ? { status: 404, json: {} } : { json: { id: "c-1" } },
    );
    const client = path.resolve(import.meta.dirname, "../../src/index.ts");
    // An unref'd watchdog fires only if something else keeps the event loop alive after the calls.
    const script = `
      import { createBctrlClient } from ${JSON.stringify(client)};
      const bctrl = createBctrlClient({ apiKey: "test-key-1234", baseUrl: ${JSON.stringify(s.origin)}, timeoutMs: 60000 });
      const signal = new AbortController().signal;
      await bctrl.spaces.runtimes.connections.create({ path: ${JSON.stringify(CONNECTION_PATH)}, body: { protocol: "cdp" } }, { signal });
      await bctrl.POST("/v1/workspaces/{id}/runtimes/{alias}/stop", { params: { path: ${JSON.stringify(STOP_PATH)} }, signal });
      await bctrl.workspaces.runtimes.stop({ path: ${JSON.stringify(STOP_PATH)} }, { headers: { "x-fail": "1" } }).catch(() => {});
      setTimeout(() => { console.log("still running"); process.exit(1); }, 5000).unref();
      console.log("done");
    `;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout.trim()).toBe("done");
    expect(s.requests).toHaveLength(3);
  }, 30_000);
});
