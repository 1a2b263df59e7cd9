import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFetcher, DEFAULT_FETCH_POLICY, type FetchPolicy } from "../../scripts/sync/fetcher.ts";
import { type Script, startSite, type TestSite } from "./support/sync-server.ts";

/** Short waits so the suite stays fast; the CLI uses DEFAULT_FETCH_POLICY. */
const FAST: FetchPolicy = {
  ...DEFAULT_FETCH_POLICY,
  timeoutMs: 200,
  retries: 2,
  backoffMs: 10,
  maxRetryAfterMs: 2_000,
};

let site: TestSite;
let other: TestSite;
beforeEach(async () => {
  site = await startSite();
  other = await startSite();
});
afterEach(async () => {
  await site.close();
  await other.close();
});

describe("fetcher against a local site", () => {
  const cases: {
    name: string;
    script: () => Script;
    want: { ok: true; text: string } | { ok: false; message: RegExp };
    requests: number;
  }[] = [
    {
      name: "reads a page",
      script: () => ({ body: "# hello" }),
      want: { ok: true, text: "# hello" },
      requests: 1,
    },
    {
      name: "retries a 503 and then succeeds",
      script: () => [{ status: 503 }, { body: "later" }],
      want: { ok: true, text: "later" },
      requests: 2,
    },
    {
      name: "retries a 429 with Retry-After: 0",
      script: () => [{ status: 429, headers: { "retry-after": "0" } }, { body: "ok" }],
      want: { ok: true, text: "ok" },
      requests: 2,
    },
    {
      name: "gives up after the last retry on a page that keeps failing",
      script: () => ({ status: 502 }),
      want: { ok: false, message: /^HTTP 502 Bad Gateway; gave up after 3 attempts$/ },
      requests: 3,
    },
    {
      name: "does not retry a 404",
      script: () => ({ status: 404 }),
      want: { ok: false, message: /^HTTP 404 Not Found$/ },
      requests: 1,
    },
    {
      name: "does not wait for a Retry-After past the limit",
      script: () => ({ status: 503, headers: { "retry-after": "600" } }),
      want: { ok: false, message: /asked to retry after 600s, more than the 2s limit/ },
      requests: 1,
    },
    {
      name: "times out a slow page, retrying it",
      script: () => ({ body: "too late", delayMs: 5_000 }),
      want: { ok: false, message: /^timed out after 200ms; gave up after 3 attempts$/ },
      requests: 3,
    },
    {
      name: "rejects a body that is not UTF-8",
      script: () => ({ body: Buffer.from([0x23, 0x20, 0xff, 0xfe]) }),
      want: { ok: false, message: /not valid UTF-8/ },
      requests: 1,
    },
    {
      name: "follows a redirect within the site",
      script: () => ({ status: 301, headers: { location: "/moved.md" } }),
      want: { ok: true, text: "moved here" },
      requests: 2,
    },
    {
      name: "does not follow a redirect to another origin",
      script: () => ({ status: 302, headers: { location: `${other.origin}/page.md` } }),
      want: {
        ok: false,
        message: /redirected to another site \(http:\/\/127\.0\.0\.1:\d+\/page\.md\); not followed/,
      },
      requests: 1,
    },
  ];

  it.each(cases)("$name", async ({ script, want, requests }) => {
    site.routes.set("/page.md", script());
    site.routes.set("/moved.md", { body: "moved here" });
    other.routes.set("/page.md", { body: "elsewhere" });
    const outcome = await createFetcher(FAST)(`${site.origin}/page.md`);
    if (want.ok) expect(outcome).toMatchObject(want);
    else {
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? "" : outcome.message).toMatch(want.message);
    }
    expect(site.requests).toHaveLength(requests);
    expect(other.requests).toEqual([]);
  });

  it("waits as long as Retry-After asks before retrying", async () => {
    site.routes.set("/page.md", [{ status: 429, headers: { "retry-after": "1" } }, { body: "ok" }]);
    const fetchPage = createFetcher(FAST);
    const started = Date.now();
    const outcome = await fetchPage(`${site.origin}/page.md`);
    expect(outcome).toMatchObject({ ok: true, text: "ok" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("retries a refused connection, then reports it", async () => {
    const closed = await startSite();
    await closed.close();
    const outcome = await createFetcher(FAST)(`${closed.origin}/page.md`);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringMatching(/^request failed: ECONNREFUSED .*; gave up after 3 attempts$/),
    });
  });

  it("refuses URLs that are not http(s)", async () => {
    expect(await createFetcher(FAST)("file:///etc/passwd")).toEqual({
      ok: false,
      message: "not an http(s) URL: file:///etc/passwd",
    });
  });

  it("has at most `concurrency` requests in flight, and uses all of them", async () => {
    const paths = Array.from({ length: 12 }, (_, index) => `/p${index}.md`);
    for (const path of paths) site.routes.set(path, { body: path, delayMs: 40 });
    const fetchPage = createFetcher({ ...FAST, concurrency: 4 });
    const outcomes = await Promise.all(paths.map((path) => fetchPage(`${site.origin}${path}`)));
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.text : outcome.message))).toEqual(paths);
    expect(site.maxInFlight()).toBe(4);
  });
});

describe("size limit on compressed bodies", () => {
  /** A server whose every response is a gzip stream of zeros that never ends (about 1,000:1 on the wire). */
  async function endlessGzipSite(): Promise<{ origin: string; close: () => Promise<void> }> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/markdown", "content-encoding": "gzip" });
      const gzip = createGzip();
      gzip.pipe(response);
      const zeros = Buffer.alloc(64 * 1024, 0x30);
      const pump = (): void => {
        while (!response.destroyed && gzip.write(zeros));
        if (!response.destroyed) gzip.once("drain", pump);
      };
      response.on("close", () => gzip.destroy());
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  it("stops reading a body that decompresses past maxBytes, naming the limit (not a timeout)", async () => {
    const bomb = await endlessGzipSite();
    try {
      // Before the cap was enforced while streaming, the whole body was buffered: this one never ends, so the
      // request ran into its timeout (and a finite bomb peaked at gigabytes).
      const outcome = await createFetcher({ ...FAST, timeoutMs: 20_000, maxBytes: 1024 * 1024 })(
        `${bomb.origin}/bomb.md`,
      );
      expect(outcome).toEqual({
        ok: false,
        message: "larger than the 1048576-byte limit for one page (maxBytes), decompressed; not read further",
      });
    } finally {
      await bomb.close();
    }
  });

  it("reads a compressed page under the limit", async () => {
    site.routes.set("/page.md", {
      body: gzipSync("# small page"),
      headers: { "content-encoding": "gzip" },
    });
    expect(await createFetcher(FAST)(`${site.origin}/page.md`)).toMatchObject({
      ok: true,
      text: "# small page",
    });
  });
});
