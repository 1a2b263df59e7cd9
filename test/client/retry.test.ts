import { afterEach, describe, expect, it } from "vitest";
import { BctrlApiError, BctrlNetworkError } from "../../src/index.ts";
import { DEFAULT_RETRY, resolveRetry, retryDelay } from "../../src/retry.ts";
import { anyRequest, CONNECTION_PATH, clientFor, REVOKE_PATH } from "./support/client.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(replies: Reply[]): Promise<ScriptedServer> {
  server = await startScriptedServer(replies);
  return server;
}

const OK: Reply = { json: { ok: true } };
const gaps = (s: ScriptedServer) => s.requests.slice(1).map((r, i) => r.at - (s.requests[i]?.at ?? 0));

describe("which requests are retried (first reply 503, then 200)", () => {
  const table: { method: string; headers?: Record<string, string>; attempts: number }[] = [
    { method: "GET", attempts: 2 },
    { method: "HEAD", attempts: 2 },
    { method: "OPTIONS", attempts: 2 },
    { method: "PUT", attempts: 2 },
    { method: "DELETE", attempts: 2 },
    { method: "POST", attempts: 1 },
    { method: "PATCH", attempts: 1 },
    { method: "POST", headers: { "Idempotency-Key": "k-1" }, attempts: 2 },
    { method: "PATCH", headers: { "Idempotency-Key": "k-2" }, attempts: 2 },
  ];
  for (const { method, headers, attempts } of table) {
    it(`${method}${headers ? " with an idempotency key" : ""}: ${attempts} attempt(s)`, async () => {
      const s = await serve([{ status: 503 }, OK]);
      const { response } = await anyRequest(clientFor(s))(method, "/anything", headers ? { headers } : {});
      expect(s.requests.map((r) => r.method)).toEqual(Array(attempts).fill(method));
      expect(response.status).toBe(attempts === 2 ? 200 : 503);
    });
  }
});

describe("which statuses are retried (DELETE)", () => {
  for (const [status, attempts] of [
    [408, 2],
    [429, 2],
    [502, 2],
    [503, 2],
    [504, 2],
    [500, 1],
    [400, 1],
    [404, 1],
    [409, 1],
  ] as const) {
    it(`${status}: ${attempts} attempt(s)`, async () => {
      const s = await serve([{ status, json: { message: "no" } }, OK]);
      await clientFor(s)
        .spaces.runtimes.connections.delete({ path: REVOKE_PATH })
        .catch(() => undefined);
      expect(s.requests).toHaveLength(attempts);
    });
  }
});

describe("retry count and switches", () => {
  it("gives up after 2 retries and throws the last response's error", async () => {
    const s = await serve([{ status: 503, json: { message: "busy" } }]);
    const call = clientFor(s).spaces.runtimes.connections.delete({ path: REVOKE_PATH });
    await expect(call).rejects.toMatchObject({
      name: "BctrlApiError",
      status: 503,
      body: { message: "busy" },
    });
    expect(s.requests).toHaveLength(3);
  });

  it("honours maxRetries, retry: false and a per-call override", async () => {
    const s = await serve([{ status: 503 }]);
    const revoke = (client: ReturnType<typeof clientFor>, options = {}) =>
      client.spaces.runtimes.connections.delete({ path: REVOKE_PATH }, options).catch(() => undefined);
    await revoke(clientFor(s, { retry: { maxRetries: 4 } }));
    expect(s.requests).toHaveLength(5);
    await revoke(clientFor(s, { retry: false }));
    expect(s.requests).toHaveLength(6);
    await revoke(clientFor(s), { retry: false });
    expect(s.requests).toHaveLength(7);
    await revoke(clientFor(s, { retry: false }), { retry: { maxRetries: 1 } });
    expect(s.requests).toHaveLength(9);
  });

  it("does not retry a POST operation, but does when the call passes an idempotency key", async () => {
    const s = await serve([{ status: 503 }]);
    const bctrl = clientFor(s);
    const body = { protocol: "cdp" } as const;
    await expect(
      bctrl.spaces.runtimes.connections.create({ path: CONNECTION_PATH, body }),
    ).rejects.toBeInstanceOf(BctrlApiError);
    expect(s.requests).toHaveLength(1);
    await bctrl.spaces.runtimes.connections
      .create({ path: CONNECTION_PATH, body }, { idempotencyKey: "create-1" })
      .catch(() => undefined);
    expect(s.requests).toHaveLength(4);
    expect(s.requests.slice(1).map((r) => [r.headers["idempotency-key"], r.body])).toEqual(
      Array(3).fill(["create-1", JSON.stringify(body)]),
    );
  });

  it("retries network errors for DELETE but not for POST", async () => {
    const s = await serve([{ destroy: true }, { json: { id: "c-1" } }]);
    await expect(clientFor(s).spaces.runtimes.connections.delete({ path: REVOKE_PATH })).resolves.toEqual({
      id: "c-1",
    });
    expect(s.requests).toHaveLength(2);
    const t = await startScriptedServer([{ destroy: true }, OK]);
    const create = clientFor(t).spaces.runtimes.connections.create({
      path: CONNECTION_PATH,
      body: { protocol: "cdp" },
    });
    await expect(create).rejects.toBeInstanceOf(BctrlNetworkError);
    expect(t.requests).toHaveLength(1);
    await t.close();
  });
});

describe("waits between attempts", () => {
  it("backs off at least half the doubling delay", async () => {
    const s = await serve([{ status: 503 }]);
    const bctrl = clientFor(s, { retry: { initialDelayMs: 80, maxDelayMs: 10_000 } });
    await bctrl.spaces.runtimes.connections.delete({ path: REVOKE_PATH }).catch(() => undefined);
    const [first, second] = gaps(s);
    expect(first).toBeGreaterThanOrEqual(40 - 2);
    expect(second).toBeGreaterThanOrEqual(80 - 2);
  });

  it("waits as long as Retry-After asks, capped by maxRetryAfterMs", async () => {
    const s = await serve([
      { status: 429, headers: { "retry-after": "1" } },
      { status: 429, headers: { "retry-after": "3600" } },
      OK,
    ]);
    const bctrl = clientFor(s, { retry: { initialDelayMs: 1, maxRetryAfterMs: 300 } });
    await bctrl.spaces.runtimes.connections.delete({ path: REVOKE_PATH });
    const [first, second] = gaps(s);
    expect(first).toBeGreaterThanOrEqual(300 - 2);
    expect(second).toBeGreaterThanOrEqual(300 - 2);
    expect(second).toBeLessThan(3000);
  });
});

describe("backoff and Retry-After arithmetic", () => {
  const policy = resolveRetry({ initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 });
  it.each([
    { retry: 0, random: 0, want: 100 },
    { retry: 0, random: 1, want: 50 },
    { retry: 1, random: 0, want: 200 },
    { retry: 2, random: 0.5, want: 300 },
    { retry: 3, random: 1, want: 400 },
    { retry: 4, random: 0, want: 1000 },
    { retry: 9, random: 1, want: 500 },
  ])("retry $retry with random $random and no Retry-After waits $want ms", ({ retry, random, want }) => {
    expect(retryDelay(retry, undefined, policy, random, 0)).toBe(want);
  });

  const now = Date.parse("2026-01-01T00:00:00Z");
  /** `header` as a 503's Retry-After (none when null); the policy's backoff for retry 0 with no jitter is 100 ms. */
  const after = (header: string | null) =>
    new Response(null, { status: 503, headers: header === null ? {} : { "retry-after": header } });
  it.each([
    { header: null, want: 100, why: "no header: the backoff" },
    { header: "3", want: 3000, why: "delay seconds" },
    { header: " 0 ", want: 0, why: "zero seconds, spaces trimmed" },
    { header: "1.5", want: 1500, why: "fractional seconds" },
    { header: "Thu, 01 Jan 2026 00:00:04 GMT", want: 4000, why: "an HTTP date, from now" },
    { header: "Wed, 31 Dec 2025 23:00:00 GMT", want: 0, why: "an HTTP date in the past" },
    { header: "2", want: 2000, why: "under the cap" },
    { header: "600", want: 5000, why: "capped by maxRetryAfterMs" },
    { header: "Thu, 01 Jan 2026 01:00:00 GMT", want: 5000, why: "a date capped by maxRetryAfterMs" },
    { header: "soon", want: 100, why: "unreadable: the backoff" },
    { header: "garbage", want: 100, why: "unreadable: the backoff" },
    { header: "-5", want: 100, why: "negative: the backoff, not a date in year -5" },
  ])("Retry-After $header waits $want ms ($why)", ({ header, want }) => {
    expect(retryDelay(0, after(header), policy, 0, now)).toBe(want);
  });

  it("defaults to 2 retries of GET, HEAD, OPTIONS, PUT, DELETE on 408, 429, 502, 503, 504", () => {
    expect(DEFAULT_RETRY).toMatchObject({
      maxRetries: 2,
      methods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"],
      statuses: [408, 429, 502, 503, 504],
    });
    expect(resolveRetry(false).maxRetries).toBe(0);
    expect(resolveRetry({ maxRetries: undefined }).maxRetries).toBe(2);
  });

  it.each([
    { name: "add POST to the methods", change: () => (DEFAULT_RETRY.methods as string[]).push("POST") },
    { name: "add 500 to the statuses", change: () => (DEFAULT_RETRY.statuses as number[]).push(500) },
    { name: "replace the methods", change: () => Object.assign(DEFAULT_RETRY, { methods: ["POST"] }) },
  ])("the defaults cannot be changed under every client: $name throws", ({ change }) => {
    expect(change).toThrow(TypeError);
    expect(DEFAULT_RETRY.methods).not.toContain("POST");
    expect(DEFAULT_RETRY.statuses).not.toContain(500);
  });
});
