import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from "../../scripts/sync/fetcher.ts";
import { formatReport } from "../../scripts/sync/report.ts";
import { type SyncOptions, sync } from "../../scripts/sync/sync.ts";
import { runCliInProcess } from "../support/cli.ts";
import { SPECS_DIR } from "../support/seeds.ts";
import { startSite, type TestSite } from "./support/sync-server.ts";
import {
  failingPages,
  healthyPages,
  SYNC_FIXTURES,
  serveSite,
  sitePage,
  specsFolder,
  treeOf,
} from "./support/sync-site.ts";

/**
 * Short timeout and backoff so the suite stays fast; the CLI passes DEFAULT_FETCH_POLICY. The timeout is still long
 * enough for a loopback answer on a loaded machine (250 ms once timed out the index, which was then fetched twice) and
 * far below the slow page's 5 s.
 */
const FAST: FetchPolicy = { ...DEFAULT_FETCH_POLICY, timeoutMs: 1_000, retries: 1, backoffMs: 10 };

let site: TestSite;
let elsewhere: TestSite;
beforeEach(async () => {
  site = await startSite();
  elsewhere = await startSite();
});
afterEach(async () => {
  await site.close();
  await elsewhere.close();
});

type Flags = Pick<SyncOptions, "prune" | "dryRun" | "keepGoing">;
const NO_FLAGS: Flags = { prune: false, dryRun: false, keepGoing: false };

async function runSync(from: string, outDir: string, flags: Partial<Flags> = {}) {
  const options = { ...NO_FLAGS, ...flags };
  const result = await sync({ from, outDir, policy: FAST, ...options });
  const report = formatReport(result, { outDir: "specs", ...options });
  return { result, report, summary: report.lines.at(-1) };
}

const HEALTHY_PLAN = {
  added: ["workspaces/runtimes-list.yaml", "workspaces/runtimes-stop.yaml"],
  changed: ["spaces/runtimes-connections-delete.yaml"],
  unchanged: ["spaces/runtimes-connections-create.yaml"],
  notOnSite: ["legacy/retired-endpoint.yaml"],
};

describe("sync from a local docs site into an existing specs folder", () => {
  const cases: {
    name: string;
    failing: boolean;
    flags: Partial<Flags>;
    want: { tree: string; summary: string; failed: number };
  }[] = [
    {
      name: "adds and updates, keeping specs the site dropped",
      failing: false,
      flags: {},
      want: {
        tree: "after-sync",
        summary: "sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 0 failed; wrote specs",
        failed: 0,
      },
    },
    {
      name: "with --prune also deletes them (and their emptied folder)",
      failing: false,
      flags: { prune: true },
      want: {
        tree: "after-sync-with-prune",
        summary: "sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 0 failed; wrote specs",
        failed: 0,
      },
    },
    {
      name: "with --dry-run writes nothing",
      failing: false,
      flags: { dryRun: true, prune: true },
      want: {
        tree: "local-specs-before",
        summary: "sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 0 failed; dry run, nothing written",
        failed: 0,
      },
    },
    {
      name: "with failing pages writes nothing, even with --prune",
      failing: true,
      flags: { prune: true },
      want: {
        tree: "local-specs-before",
        summary:
          "sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 3 failed; nothing written because 3 pages failed (--keep-going writes the rest)",
        failed: 3,
      },
    },
    {
      name: "with failing pages and --keep-going writes the pages that synced, but prunes nothing",
      failing: true,
      flags: { prune: true, keepGoing: true },
      want: {
        tree: "after-sync",
        summary:
          "sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 3 failed; wrote specs (without the 3 pages that failed)",
        failed: 3,
      },
    },
  ];

  it.each(cases)("$name", async ({ failing, flags, want }) => {
    const pages = failing ? [...healthyPages(), ...failingPages()] : healthyPages();
    const from = serveSite(site, pages, elsewhere.origin);
    const out = await specsFolder("local-specs-before");
    const { result, summary } = await runSync(from, out, flags);
    expect(result.plan).toEqual(HEALTHY_PLAN);
    expect(result.failures).toHaveLength(want.failed);
    expect(summary).toBe(want.summary);
    expect(await treeOf(out)).toEqual(await treeOf(path.join(SYNC_FIXTURES, want.tree)));
    // Only the index and API reference pages were requested; the 503 page twice; never the guide or another origin.
    expect(site.requests.filter((request) => !request.startsWith("/api/api-reference/"))).toEqual([
      "/llms.txt",
    ]);
    expect(site.requests.filter((request) => request.endsWith("runtimes-list.md"))).toHaveLength(2);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("sync reports each failed page by name, and still syncs the others", () => {
  it("names the 404, the page without a spec block and the slow page", async () => {
    const from = serveSite(site, [...healthyPages(), ...failingPages()], elsewhere.origin);
    const out = await specsFolder();
    const { report } = await runSync(from, out, { keepGoing: true });
    const page = (pagePath: string) => `${site.origin}${pagePath}.md`;
    expect(report.errors).toEqual([
      `error: ${page("/api/api-reference/overview")}: listed under the API reference but has no \`## OpenAPI Specification\` block`,
      `error: ${page("/api/api-reference/connections/list")}: HTTP 404 Not Found`,
      `error: ${page("/api/api-reference/workspaces/runtimes-get")}: timed out after 1000ms; gave up after 2 attempts`,
    ]);
    expect(Object.keys(await treeOf(out)).sort()).toEqual([
      "spaces/runtimes-connections-create.yaml",
      "spaces/runtimes-connections-delete.yaml",
      "workspaces/runtimes-list.yaml",
      "workspaces/runtimes-stop.yaml",
    ]);
  });

  it("does not follow a page's redirect to another site", async () => {
    elsewhere.routes.set("/create.md", { body: sitePage("connections-create.md") });
    const from = serveSite(
      site,
      [
        ...healthyPages(),
        {
          path: "/api/api-reference/moved",
          section: "API Reference",
          script: { status: 302, headers: { location: `${elsewhere.origin}/create.md` } },
        },
      ],
      elsewhere.origin,
    );
    const out = await specsFolder("local-specs-before");
    const { result, report } = await runSync(from, out);
    expect(report.errors).toEqual([
      `error: ${site.origin}/api/api-reference/moved.md: redirected to another site (${elsewhere.origin}/create.md); not followed`,
    ]);
    expect(result.written).toBe(false);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("two pages that produce the same spec file", () => {
  it("fail the later page, naming both, and write nothing", async () => {
    const copy = {
      path: "/api/api-reference/connections/create-again",
      section: "API Reference",
      script: { body: sitePage("connections-create.md") },
    };
    const from = serveSite(site, [...healthyPages(), copy], elsewhere.origin);
    const out = await specsFolder("local-specs-before");
    const { result, report } = await runSync(from, out);
    expect(report.errors).toEqual([
      `error: ${site.origin}${copy.path}.md: produces spaces/runtimes-connections-create.yaml, which an earlier page already produced (conflicts with ${site.origin}/api/api-reference/connections/create.md)`,
    ]);
    expect(result.written).toBe(false);
    expect(await treeOf(out)).toEqual(await treeOf(path.join(SYNC_FIXTURES, "local-specs-before")));
  });
});

describe("sync from an index that does not mark its API reference", () => {
  it("downloads every page of the site and skips those without a spec block", async () => {
    const from = serveSite(
      site,
      [
        { path: "/docs/create", section: "Docs", script: { body: sitePage("connections-create.md") } },
        { path: "/docs/overview", section: "Docs", script: { body: sitePage("api-overview.md") } },
      ],
      elsewhere.origin,
    );
    const out = await specsFolder();
    const { result, report } = await runSync(from, out);
    expect(result.selection.referenceOnly).toBe(false);
    expect(result.skipped).toEqual([
      `${site.origin}/guides/quickstart.md`,
      `${site.origin}/docs/overview.md`,
    ]);
    expect(report.errors).toEqual([]);
    expect(report.lines).toContain(
      `skipped      ${site.origin}/docs/overview.md (no \`## OpenAPI Specification\` block)`,
    );
    expect(report.lines.at(-1)).toBe(
      "sync: 1 added, 0 changed, 0 unchanged, 0 not on site, 0 failed, 2 skipped; wrote specs",
    );
    expect(Object.keys(await treeOf(out))).toEqual(["spaces/runtimes-connections-create.yaml"]);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("sync into an empty folder", () => {
  it("imports the seed pages (the collapsed one included) to the documents in specs/", async () => {
    const from = serveSite(site, healthyPages(), elsewhere.origin);
    const out = await specsFolder();
    const { result } = await runSync(from, out);
    expect(result.plan.added).toEqual([
      "spaces/runtimes-connections-create.yaml",
      "spaces/runtimes-connections-delete.yaml",
      "workspaces/runtimes-list.yaml",
      "workspaces/runtimes-stop.yaml",
    ]);
    const synced = await treeOf(out);
    const seeds = await treeOf(SPECS_DIR);
    for (const name of [
      "spaces/runtimes-connections-create.yaml",
      "spaces/runtimes-connections-delete.yaml",
      "workspaces/runtimes-stop.yaml",
    ])
      expect(parse(synced[name] ?? ""), name).toEqual(parse(seeds[name] ?? "x"));
  });
});

describe("politeness", () => {
  it("never has more than 4 requests in flight", async () => {
    const template = sitePage("runtimes-list.md");
    const pages = Array.from({ length: 12 }, (_, index) => ({
      path: `/api/api-reference/workspaces/runtimes-list-${index}`,
      section: "API Reference",
      script: {
        body: template
          .replace("operationId: runtimes-list", `operationId: runtimes-list-${index}`)
          .replace("/v1/workspaces/{id}/runtimes:", `/v1/workspaces/{id}/runtimes-${index}:`),
        delayMs: 40,
      },
    }));
    const from = serveSite(site, pages, elsewhere.origin);
    const { result } = await runSync(from, await specsFolder());
    expect(result.failures).toEqual([]);
    expect(result.plan.added).toHaveLength(12);
    expect(site.maxInFlight()).toBe(4);
  });
});

describe("sync refuses bad sources", () => {
  const cases = [
    {
      name: "a file: URL",
      from: () => "file:///etc/passwd",
      want: /only http and https URLs are allowed, not file:/,
    },
    { name: "a non-URL", from: () => "specs/", want: /^specs\/: not a URL/ },
    {
      name: "a URL with credentials, without printing them",
      from: () => `http://user:secret@${new URL(site.origin).host}/llms.txt`,
      want: /^127\.0\.0\.1:\d+: the index URL must not carry credentials$/,
    },
    {
      name: "an index that is missing",
      from: () => `${site.origin}/nope.txt`,
      want: /cannot read the index: HTTP 404/,
    },
    {
      name: "an index with no page on its site",
      from: () => {
        site.routes.set("/llms.txt", { body: `# x\n- [a](${elsewhere.origin}/a)\n` });
        return `${site.origin}/llms.txt`;
      },
      want: /the index links to no pages on http:\/\/127\.0\.0\.1:\d+$/,
    },
  ];
  it.each(cases)("$name", async ({ from, want }) => {
    const out = await specsFolder("local-specs-before");
    const error = await sync({ from: from(), outDir: out, policy: FAST, ...NO_FLAGS }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message).toMatch(want);
    expect(await treeOf(out)).toEqual(await treeOf(path.join(SYNC_FIXTURES, "local-specs-before")));
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("npm run sync (the CLI)", () => {
  const cli = (args: string[]) => runCliInProcess(["sync", ...args]);

  it("syncs with the default policy, prints the listing, and exits 0", async () => {
    const from = serveSite(site, healthyPages(), elsewhere.origin);
    const out = await specsFolder("local-specs-before");
    const { code, stdout, stderr } = await cli(["--from", from, "--out", out, "--prune"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.split("\n").slice(0, -2)).toEqual([
      `added        workspaces/runtimes-list.yaml (from ${site.origin}/api/api-reference/workspaces/runtimes-list.md)`,
      `added        workspaces/runtimes-stop.yaml (from ${site.origin}/api/api-reference/workspaces/runtimes-stop.md)`,
      `changed      spaces/runtimes-connections-delete.yaml (from ${site.origin}/api/api-reference/connections/revoke.md)`,
      "unchanged    spaces/runtimes-connections-create.yaml",
      "not on site  legacy/retired-endpoint.yaml (deleted)",
    ]);
    expect(stdout.trim().split("\n").at(-1)).toBe(
      `sync: 2 added, 1 changed, 1 unchanged, 1 not on site, 0 failed; wrote ${out}`,
    );
    expect(await treeOf(out)).toEqual(await treeOf(path.join(SYNC_FIXTURES, "after-sync-with-prune")));
  });

  it("exits 1 with one error line per failed page, writing nothing", async () => {
    const from = serveSite(
      site,
      [
        ...healthyPages(),
        { path: "/api/api-reference/gone", section: "API Reference", script: { status: 404 } },
      ],
      elsewhere.origin,
    );
    const out = await specsFolder("local-specs-before");
    const { code, stderr } = await cli(["--from", from, "--out", out]);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      `error: ${site.origin}/api/api-reference/gone.md: HTTP 404 Not Found`,
    ]);
    expect(await treeOf(out)).toEqual(await treeOf(path.join(SYNC_FIXTURES, "local-specs-before")));
  });
});
