import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLimiter } from "../../scripts/shared/limiter.ts";
import { applyChanges, isSafeSpecName, readLocalSpecs } from "../../scripts/sync/apply.ts";
import { isAllowedRedirect, parseRetryAfter, retryDelay } from "../../scripts/sync/fetcher.ts";
import { markdownUrl, parseIndex, selectPages } from "../../scripts/sync/page-index.ts";
import { changesFor, planChanges } from "../../scripts/sync/plan.ts";
import { createProgressLine } from "../../scripts/sync/report.ts";

const INDEX_URL = "https://docs.example/llms.txt";

describe("parseIndex", () => {
  it("lists every link with its section, resolving relative links and dropping fragments", () => {
    const text = [
      "# Example docs",
      "> For clean Markdown of any page, append .md to the page URL.",
      "- [Home](https://docs.example/)",
      "## Guides",
      "- [Quickstart](/guides/quickstart): start here",
      "## API Reference",
      '- [Create](https://docs.example/api/create "Create a thing"), see also [Delete](api/delete#top)',
      "### Spaces ###",
      "- [List](<https://docs.example/api/list.md>)",
      "not a link: [x] (y)",
    ].join("\n");
    expect(parseIndex(text, INDEX_URL)).toEqual([
      { title: "Home", url: "https://docs.example/", section: "" },
      { title: "Quickstart", url: "https://docs.example/guides/quickstart", section: "Guides" },
      { title: "Create", url: "https://docs.example/api/create", section: "API Reference" },
      { title: "Delete", url: "https://docs.example/api/delete", section: "API Reference" },
      { title: "List", url: "https://docs.example/api/list.md", section: "Spaces" },
    ]);
  });
});

describe("selectPages", () => {
  const link = (url: string, section = "") => ({ title: "t", url, section });
  const cases = [
    {
      name: "keeps only the API reference when a section heading names it",
      links: [link("https://docs.example/guide", "Guides"), link("https://docs.example/a", "API Reference")],
      want: { pages: ["https://docs.example/a"], referenceOnly: true, offSite: [] },
    },
    {
      name: "keeps only the API reference when a URL path segment names it",
      links: [link("https://docs.example/guide"), link("https://docs.example/docs/api-reference/x")],
      want: { pages: ["https://docs.example/docs/api-reference/x"], referenceOnly: true, offSite: [] },
    },
    {
      name: "keeps every same-origin page when the index does not mark its API reference",
      links: [link("https://docs.example/a"), link("https://docs.example/b")],
      want: {
        pages: ["https://docs.example/a", "https://docs.example/b"],
        referenceOnly: false,
        offSite: [],
      },
    },
    {
      name: "never selects other origins, other schemes, or the same page twice",
      links: [
        link("https://docs.example/a"),
        link("https://docs.example/a.md"),
        link("http://docs.example/b"),
        link("https://evil.example/c"),
        link("file:///etc/passwd"),
        link("https://user:pw@docs.example/d"),
      ],
      want: {
        pages: ["https://docs.example/a"],
        referenceOnly: false,
        offSite: [
          "http://docs.example/b",
          "https://evil.example/c",
          "file:///etc/passwd",
          "https://user:pw@docs.example/d",
        ],
      },
    },
  ];
  it.each(cases)("$name", ({ links, want }) => {
    const got = selectPages(links, INDEX_URL);
    expect({ ...got, pages: got.pages.map((page) => page.url) }).toEqual(want);
  });
});

describe("markdownUrl", () => {
  const cases = [
    { given: "https://d.example/api/create", want: "https://d.example/api/create.md" },
    { given: "https://d.example/api/create.md", want: "https://d.example/api/create.md" },
    { given: "https://d.example/api/create/", want: "https://d.example/api/create.md" },
    { given: "https://d.example/api/create?v=2#x", want: "https://d.example/api/create.md?v=2" },
    { given: "https://d.example/", want: "https://d.example/index.md" },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => expect(markdownUrl(given)).toBe(want));
});

describe("retryDelay", () => {
  const policy = { retries: 3, backoffMs: 100, maxRetryAfterMs: 5_000 };
  const now = Date.parse("2026-01-01T00:00:00Z");
  const cases: { name: string; attempt: number; retryAfter: string | null; want: object }[] = [
    { name: "backs off exponentially", attempt: 0, retryAfter: null, want: { waitMs: 100 } },
    { name: "doubles each time", attempt: 2, retryAfter: null, want: { waitMs: 400 } },
    { name: "honours Retry-After seconds", attempt: 0, retryAfter: "3", want: { waitMs: 3_000 } },
    {
      name: "honours a Retry-After date",
      attempt: 1,
      retryAfter: "Thu, 01 Jan 2026 00:00:02 GMT",
      want: { waitMs: 2_000 },
    },
    { name: "ignores an unreadable Retry-After", attempt: 1, retryAfter: "soon", want: { waitMs: 200 } },
    {
      name: "gives up when Retry-After is past the limit",
      attempt: 0,
      retryAfter: "3600",
      want: { giveUp: "the server asked to retry after 3600s, more than the 5s limit" },
    },
    {
      name: "stops after the last retry",
      attempt: 3,
      retryAfter: "1",
      want: { giveUp: "gave up after 4 attempts" },
    },
  ];
  it.each(cases)("$name", ({ attempt, retryAfter, want }) => {
    expect(retryDelay(attempt, retryAfter, policy, now)).toEqual(want);
  });

  it("reads a past Retry-After date as no wait", () => {
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });
});

describe("isAllowedRedirect", () => {
  const cases = [
    { from: "https://d.example/a", to: "https://d.example/b", want: true },
    { from: "http://d.example/a", to: "https://d.example/a", want: true },
    { from: "https://d.example/a", to: "http://d.example/a", want: false },
    { from: "https://d.example/a", to: "https://cdn.d.example/a", want: false },
    { from: "https://d.example/a", to: "https://d.example:8443/a", want: false },
    { from: "https://d.example/a", to: "file:///etc/passwd", want: false },
    { from: "https://d.example/a", to: "https://user:pw@d.example/a", want: false },
  ];
  it.each(cases)("$from → $to: $want", ({ from, to, want }) => {
    expect(isAllowedRedirect(new URL(from), new URL(to))).toBe(want);
  });
});

describe("planChanges", () => {
  it("sorts every incoming spec into added, changed or unchanged, and lists local specs the site lacks", () => {
    const local = new Map([
      ["b/same.yaml", "x"],
      ["a/edited.yaml", "old"],
      ["gone.yaml", "y"],
    ]);
    const incoming = new Map([
      ["new.yaml", "n"],
      ["a/edited.yaml", "new"],
      ["b/same.yaml", "x"],
    ]);
    const plan = planChanges(local, incoming);
    expect(plan).toEqual({
      added: ["new.yaml"],
      changed: ["a/edited.yaml"],
      unchanged: ["b/same.yaml"],
      notOnSite: ["gone.yaml"],
    });
    expect(changesFor(plan, incoming, false)).toEqual({
      write: new Map([
        ["new.yaml", "n"],
        ["a/edited.yaml", "new"],
      ]),
      remove: [],
    });
    expect(changesFor(plan, incoming, true).remove).toEqual(["gone.yaml"]);
  });
});

describe("isSafeSpecName", () => {
  const cases = [
    { name: "spaces/runtimes-stop.yaml", want: true },
    { name: "a.b_c/D-1.yaml", want: true },
    { name: "../escape.yaml", want: false },
    { name: "spaces/../../escape.yaml", want: false },
    { name: "/etc/x.yaml", want: false },
    { name: "spaces//x.yaml", want: false },
    { name: ".hidden.yaml", want: false },
    { name: "spaces\\x.yaml", want: false },
    { name: "spaces/x.sh", want: false },
  ];
  it.each(cases)("$name: $want", ({ name, want }) => expect(isSafeSpecName(name)).toBe(want));
});

describe("createLimiter", () => {
  it("never runs more than the limit at once, and runs every task", async () => {
    const limit = createLimiter(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, index % 4));
          running -= 1;
          return index;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(most).toBe(3);
  });

  it("frees the slot of a task that throws", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(async () => "next")).resolves.toBe("next");
  });
});

async function treeOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const tree: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    tree[path.relative(dir, full).split(path.sep).join("/")] = await readFile(full, "utf8");
  }
  return tree;
}

describe("applyChanges", () => {
  it("writes and deletes in one swap, keeps files it does not own, and drops folders it empties", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "sync-apply-"));
    const specs = path.join(root, "specs");
    await mkdir(path.join(specs, "old"), { recursive: true });
    await mkdir(path.join(specs, "keep"), { recursive: true });
    await writeFile(path.join(specs, "old/gone.yaml"), "gone");
    await writeFile(path.join(specs, "keep/edit.yaml"), "before");
    await writeFile(path.join(specs, "README.md"), "notes");
    await applyChanges(specs, {
      write: new Map([
        ["keep/edit.yaml", "after"],
        ["new/deep/add.yaml", "added"],
      ]),
      remove: ["old/gone.yaml"],
    });
    expect(await treeOf(specs)).toEqual({
      "README.md": "notes",
      "keep/edit.yaml": "after",
      "new/deep/add.yaml": "added",
    });
    expect(await readdir(specs)).not.toContain("old");
    expect((await readdir(root)).sort()).toEqual(["specs"]);
  });

  it("creates the folder when it does not exist yet, and reads it back", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "sync-apply-"));
    const specs = path.join(root, "specs");
    expect(await readLocalSpecs(specs)).toEqual(new Map());
    await applyChanges(specs, { write: new Map([["a/b.yaml", "b"]]), remove: [] });
    expect(await readLocalSpecs(specs)).toEqual(new Map([["a/b.yaml", "b"]]));
  });
});

describe("createProgressLine", () => {
  it("overwrites one line on a terminal and prints nothing on a pipe", () => {
    const written: string[] = [];
    const terminal = createProgressLine({ isTTY: true, columns: 40, write: (text) => written.push(text) });
    terminal.update(1, 3, "https://d.example/api/create.md");
    terminal.clear();
    terminal.update(2, 3, "https://d.example/api/a-page-whose-path-is-far-too-long-for-the-terminal.md");
    expect(written).toEqual([
      "\r\x1b[2K[1/3] /api/create.md",
      "\r\x1b[2K",
      "\r\x1b[2K[2/3] /api/a-page-whose-path-is-far-too",
    ]);
    const piped: string[] = [];
    const pipe = createProgressLine({ isTTY: false, write: (text) => piped.push(text) });
    pipe.update(1, 3, "x");
    pipe.clear();
    expect(piped).toEqual([]);
  });
});
