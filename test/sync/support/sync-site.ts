/**
 * The docs site the sync tests serve: an `llms.txt` index and pages built from the seed pages in
 * test/sync/fixtures/site-pages/, each with a scripted behaviour (fine, flaky, missing, slow, …).
 */
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../../support/seeds.ts";
import type { Script, TestSite } from "./sync-server.ts";

export const SYNC_FIXTURES = path.join(ROOT, "test/sync/fixtures");

export function sitePage(name: string): string {
  return readFileSync(path.join(SYNC_FIXTURES, "site-pages", name), "utf8");
}

/** One page of the index: where it is linked, under which section, and how the site answers for its `.md`. */
export interface SitePage {
  /** Path of the page as linked in the index; its Markdown copy is served at path + `.md` (or path, if it ends in .md). */
  path: string;
  section: string;
  script: Script;
}

/** The API reference pages that sync fine (one only after a 503). */
export function healthyPages(): SitePage[] {
  return [
    {
      path: "/api/api-reference/connections/create",
      section: "API Reference",
      script: { body: sitePage("connections-create.md") },
    },
    {
      // Linked with `.md` already: used as is.
      path: "/api/api-reference/connections/revoke.md",
      section: "API Reference",
      script: { body: sitePage("connections-revoke.md") },
    },
    {
      path: "/api/api-reference/workspaces/runtimes-stop",
      section: "API Reference",
      script: { body: sitePage("runtimes-stop-collapsed.txt") },
    },
    {
      path: "/api/api-reference/workspaces/runtimes-list",
      section: "API Reference",
      script: [{ status: 503, headers: { "retry-after": "0" } }, { body: sitePage("runtimes-list.md") }],
    },
  ];
}

/** API reference pages that fail: no spec block, missing, slower than the test timeout. */
export function failingPages(): SitePage[] {
  return [
    {
      path: "/api/api-reference/overview",
      section: "API Reference",
      script: { body: sitePage("api-overview.md") },
    },
    { path: "/api/api-reference/connections/list", section: "API Reference", script: { status: 404 } },
    {
      path: "/api/api-reference/workspaces/runtimes-get",
      section: "API Reference",
      script: { body: sitePage("runtimes-list.md"), delayMs: 5_000 },
    },
  ];
}

/** A guide (not API reference) and a link to another origin: sync must request neither. */
export function serveSite(site: TestSite, pages: readonly SitePage[], elsewhere: string): string {
  const sections = new Map<string, string[]>([["Guides", []]]);
  site.routes.set("/guides/quickstart.md", { body: sitePage("quickstart.md") });
  sections.get("Guides")?.push(`- [Quickstart](${site.origin}/guides/quickstart): first steps`);
  sections.get("Guides")?.push(`- [Status](${elsewhere}/status): service status`);
  for (const page of pages) {
    const served = page.path.endsWith(".md") ? page.path : `${page.path}.md`;
    site.routes.set(served, page.script);
    const lines = sections.get(page.section) ?? [];
    lines.push(`- [${path.basename(page.path)}](${site.origin}${page.path})`);
    sections.set(page.section, lines);
  }
  const index = [
    "# bctrl",
    "",
    "> Browser runtimes as an API.",
    "",
    ...[...sections].flatMap(([section, lines]) => [`## ${section}`, "", ...lines, ""]),
  ].join("\n");
  site.routes.set("/llms.txt", { body: index });
  return `${site.origin}/llms.txt`;
}

/** A fresh temporary specs folder holding a copy of a fixture tree (or nothing). */
export async function specsFolder(fixture?: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "sync-")), "specs");
  if (fixture !== undefined) await cp(path.join(SYNC_FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/** Every file under `dir` by relative `/`-separated name; {} when the folder does not exist. */
export async function treeOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const tree: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    tree[path.relative(dir, full).split(path.sep).join("/")] = await readFile(full, "utf8");
  }
  return tree;
}
