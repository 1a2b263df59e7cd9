import { afterEach, describe, expect, it } from "vitest";
import { BctrlNetworkError, createBctrlClient } from "../../src/index.ts";
import { API_KEY, anyRequest, CONNECTION_PATH, clientFor, STOP_PATH } from "./support/client.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(script: Reply[] | ((request: { url: string }, index: number) => Reply)) {
  const s = await startScriptedServer(script);
  servers.push(s);
  return s;
}

const BEARER = `Bearer ${API_KEY}`;

describe("the API key goes to the base URL's origin only", () => {
  it("is sent to the base origin and not to another origin given per request", async () => {
    const base = await serve([{ json: {} }]);
    const other = await serve([{ json: {} }]);
    const bctrl = clientFor(base, { headers: { Authorization: "Bearer default-header-secret" } });
    await bctrl.POST("/v1/workspaces/{id}/runtimes/{alias}/stop", { params: { path: STOP_PATH } });
    await bctrl.POST("/v1/workspaces/{id}/runtimes/{alias}/stop", {
      params: { path: STOP_PATH },
      baseUrl: other.origin,
    });
    expect(base.requests[0]?.headers.authorization).toBe(BEARER);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("does not follow a redirect to another origin with it, but keeps the method and body of a 307", async () => {
    const other = await serve([{ json: { landed: true } }]);
    const base = await serve([{ status: 307, headers: { location: `${other.origin}/elsewhere?x=1` } }]);
    const result = await clientFor(base).spaces.runtimes.connections.create({
      path: CONNECTION_PATH,
      body: { protocol: "cdp" },
    });
    expect(result).toEqual({ landed: true });
    expect(base.requests[0]?.headers.authorization).toBe(BEARER);
    expect(other.requests.map((r) => [r.method, r.url, r.body, r.headers.authorization])).toEqual([
      ["POST", "/elsewhere?x=1", '{"protocol":"cdp"}', undefined],
    ]);
  });

  it("keeps it across a same-origin redirect, and turns a 303 into a GET without body", async () => {
    const base = await serve((request) =>
      request.url.startsWith("/v1/")
        ? { status: 303, headers: { location: "/done" } }
        : { json: { done: true } },
    );
    const result = await clientFor(base).workspaces.runtimes.stop({ path: STOP_PATH });
    expect(result).toEqual({ done: true });
    expect(base.requests.map((r) => [r.method, r.url, r.body, r.headers.authorization])).toEqual([
      ["POST", "/v1/workspaces/workspace-1/runtimes/main/stop", "", BEARER],
      ["GET", "/done", "", BEARER],
    ]);
  });

  it("drops it on the hop that leaves the origin and sends it again on the hop that comes back", async () => {
    let awayOrigin = "";
    const home = await serve((request) =>
      request.url === "/back"
        ? { json: { back: true } }
        : { status: 301, headers: { location: `${awayOrigin}/away` } },
    );
    const away = await serve([{ status: 302, headers: { location: `${home.origin}/back` } }]);
    awayOrigin = away.origin;
    const result = await anyRequest(clientFor(home))("GET", "/start");
    expect(result.data).toEqual({ back: true });
    expect(home.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/start", BEARER],
      ["/back", BEARER],
    ]);
    expect(away.requests.map((r) => [r.url, r.headers.authorization])).toEqual([["/away", undefined]]);
  });

  it("reports a redirect the runtime hides (browsers' opaque redirects) as a BctrlNetworkError", async () => {
    const opaque = () => Object.defineProperty(new Response(null), "type", { value: "opaqueredirect" });
    const seen: RequestRedirect[] = [];
    const bctrl = createBctrlClient({
      apiKey: API_KEY,
      retry: false,
      fetch: async (request) => {
        seen.push(request.redirect);
        return opaque();
      },
    });
    await expect(bctrl.workspaces.runtimes.stop({ path: STOP_PATH })).rejects.toThrow(BctrlNetworkError);
    expect(seen).toEqual(["manual"]);
  });

  it("gives up after 20 redirects with a BctrlNetworkError", async () => {
    const base = await serve([{ status: 302, headers: { location: "/again" } }]);
    const call = anyRequest(clientFor(base, { retry: false }))("GET", "/again");
    await expect(call).rejects.toBeInstanceOf(BctrlNetworkError);
    expect(base.requests).toHaveLength(21);
  });

  it("cancels the body of every redirect it reads, the one past the limit included", async () => {
    let cancelled = 0;
    const redirect = () =>
      new Response(new ReadableStream({ cancel: () => void cancelled++ }), {
        status: 302,
        headers: { location: "/again" },
      });
    const bctrl = createBctrlClient({ apiKey: API_KEY, retry: false, fetch: async () => redirect() });
    await expect(bctrl.workspaces.runtimes.stop({ path: STOP_PATH })).rejects.toThrow("too many redirects");
    expect(cancelled).toBe(21);
  });
});

describe("openapi-fetch middleware", () => {
  it.each([
    {
      name: "changes the request it is given and returns it",
      onRequest: ({ request }: { request: Request }) => {
        request.headers.set("x-middleware", "same");
        return request;
      },
      want: "same",
    },
    {
      name: "returns a new Request",
      onRequest: ({ request }: { request: Request }) => {
        const headers = new Headers(request.headers);
        headers.set("x-middleware", "new");
        return new Request(request, { headers });
      },
      want: "new",
    },
  ])("that $name: the call still gets auth, body and retries", async ({ onRequest, want }) => {
    const base = await serve([{ status: 503 }, { json: { id: "c-1" } }]);
    const bctrl = clientFor(base);
    bctrl.use({ onRequest });
    const created = await bctrl.spaces.runtimes.connections.create(
      { path: CONNECTION_PATH, body: { protocol: "cdp" } },
      { idempotencyKey: "mw-1" },
    );
    expect(created).toEqual({ id: "c-1" });
    expect(base.requests.map((r) => [r.headers["x-middleware"], r.headers.authorization, r.body])).toEqual(
      Array(2).fill([want, BEARER, '{"protocol":"cdp"}']),
    );
  });
});

describe("per-call openapi-fetch middleware", () => {
  it("never sees the API key: onRequest, onResponse and onError get a request without Authorization", async () => {
    const base = await serve([{ json: { ok: true } }]);
    const seen: (string | null)[] = [];
    const look = ({ request }: { request: Request }) => {
      seen.push(request.headers.get("authorization"));
    };
    const middleware = [{ onRequest: look, onResponse: look, onError: look }];
    await clientFor(base).POST("/v1/workspaces/{id}/runtimes/{alias}/stop", {
      params: { path: STOP_PATH },
      middleware,
    });
    expect(seen).toEqual([null, null]);
    expect(base.requests.map((r) => r.headers.authorization)).toEqual([BEARER]);
  });

  it("may return a new Request built from the one it is given", async () => {
    const base = await serve([{ json: { ok: true } }]);
    const onRequest = ({ request }: { request: Request }) => {
      const headers = new Headers(request.headers);
      headers.set("x-middleware", "per-call");
      return new Request(request, { headers });
    };
    const result = await clientFor(base).POST("/v1/workspaces/{id}/runtimes/{alias}/stop", {
      params: { path: STOP_PATH },
      middleware: [{ onRequest }],
    });
    expect(result.data).toEqual({ ok: true });
    expect(base.requests.map((r) => [r.headers["x-middleware"], r.headers.authorization])).toEqual([
      ["per-call", BEARER],
    ]);
  });
});

describe("configuration", () => {
  it("reads BCTRL_API_KEY when no apiKey is given, and sends no Authorization without any key", async () => {
    const base = await serve([{ json: {} }]);
    const saved = process.env.BCTRL_API_KEY;
    try {
      process.env.BCTRL_API_KEY = "from-env";
      await createBctrlClient({ baseUrl: base.origin }).workspaces.runtimes.stop({ path: STOP_PATH });
      delete process.env.BCTRL_API_KEY;
      await createBctrlClient({ baseUrl: base.origin }).workspaces.runtimes.stop({ path: STOP_PATH });
    } finally {
      if (saved === undefined) delete process.env.BCTRL_API_KEY;
      else process.env.BCTRL_API_KEY = saved;
    }
    expect(base.requests.map((r) => r.headers.authorization)).toEqual(["Bearer from-env", undefined]);
  });

  it("sends default headers, per-call headers and the idempotency key", async () => {
    const base = await serve([{ json: {} }]);
    const bctrl = clientFor(base, { headers: { "x-team": "core", "x-both": "client" } });
    await bctrl.workspaces.runtimes.stop(
      { path: STOP_PATH },
      { headers: { "x-both": "call" }, idempotencyKey: "stop-1" },
    );
    expect(base.requests[0]?.headers).toMatchObject({
      "x-team": "core",
      "x-both": "call",
      "idempotency-key": "stop-1",
      authorization: BEARER,
    });
  });

  it("defaults baseUrl to the spec's first server and uses the injected fetch", async () => {
    const seen: string[] = [];
    const bctrl = createBctrlClient({
      apiKey: API_KEY,
      fetch: async (request) => {
        seen.push(`${request.method} ${request.url} ${request.headers.get("authorization")}`);
        return Response.json({ ok: true });
      },
    });
    await expect(bctrl.workspaces.runtimes.stop({ path: STOP_PATH })).resolves.toEqual({ ok: true });
    expect(seen).toEqual([
      `POST https://api.bctrl.ai/v1/workspaces/workspace-1/runtimes/main/stop ${BEARER}`,
    ]);
  });

  it.each([
    { options: { timeoutMs: 0 }, message: "timeoutMs must be a positive number of ms" },
    { options: { timeoutMs: Number.NaN }, message: "timeoutMs must be a positive number of ms" },
    { options: { baseUrl: "not a url" }, message: "Invalid URL" },
  ])("rejects bad options $options", ({ options, message }) => {
    expect(() => createBctrlClient(options)).toThrow(message);
  });
});
