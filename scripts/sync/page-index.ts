/**
 * Sync, step 1: read the docs site's page index (`llms.txt`, a Markdown list of links under `##` section headings)
 * and choose which pages to download.
 */

/** One page the index links to. */
export interface IndexLink {
  title: string;
  /** The page URL, resolved against the index URL. */
  url: string;
  /** The nearest `#`-heading above the link, or "" when there is none. */
  section: string;
}

/** The pages to download, and why the rest were left alone. */
export interface PageSelection {
  /** Pages to download, in index order, each once. */
  pages: IndexLink[];
  /**
   * True when the index marks its API reference (a section heading or a URL path segment named "API reference"):
   * only those pages are downloaded, and each one is expected to hold an `## OpenAPI Specification` block.
   * False when it does not: every same-origin page is downloaded, and one without the block is simply not an API page.
   */
  referenceOnly: boolean;
  /** Links to other origins, non-http(s) schemes or with credentials: never downloaded (the index cannot send us
   * elsewhere). */
  offSite: string[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LINK = /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_SECTION = /\bapi[\s-]*reference\b/i;
const REFERENCE_SEGMENT = /^api[-_]?reference$/i;

/** Lists every Markdown link in the index with the section it sits under. Links that are not valid URLs are dropped. */
export function parseIndex(text: string, indexUrl: string): IndexLink[] {
  const links: IndexLink[] = [];
  let section = "";
  for (const line of text.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      // The `#` title of the whole index is not a section: pages under it stay section-less.
      section = heading[1] === "#" ? "" : (heading[2] ?? "");
      continue;
    }
    for (const match of line.matchAll(LINK)) {
      const url = resolveUrl(match[2] ?? "", indexUrl);
      if (url !== undefined) links.push({ title: (match[1] ?? "").trim(), url, section });
    }
  }
  return links;
}

function resolveUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

/** True when the index files this link under its API reference, by section heading or URL path. */
export function isReferenceLink(link: IndexLink): boolean {
  if (REFERENCE_SECTION.test(link.section)) return true;
  return new URL(link.url).pathname.split("/").some((segment) => REFERENCE_SEGMENT.test(segment));
}

/**
 * Keeps the links on the index's own origin (http or https only), each once, and narrows them to the API reference
 * when the index makes it recognisable, so a sync does not download the whole site.
 */
export function selectPages(links: readonly IndexLink[], indexUrl: string): PageSelection {
  const origin = new URL(indexUrl).origin;
  const offSite: string[] = [];
  const seen = new Set<string>();
  const onSite: IndexLink[] = [];
  for (const link of links) {
    const url = new URL(link.url);
    if (!isHttp(url) || url.origin !== origin || hasCredentials(url)) {
      if (!offSite.includes(link.url)) offSite.push(link.url);
      continue;
    }
    const key = markdownUrl(link.url);
    if (seen.has(key)) continue;
    seen.add(key);
    onSite.push(link);
  }
  const reference = onSite.filter(isReferenceLink);
  return reference.length > 0
    ? { pages: reference, referenceOnly: true, offSite }
    : { pages: onSite, referenceOnly: false, offSite };
}

/**
 * The address of a page's Markdown copy: the page URL with `.md` appended to its path (a trailing `/` dropped
 * first); a URL whose path already ends in `.md` is used as it is.
 */
export function markdownUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = "";
  if (url.pathname.toLowerCase().endsWith(".md")) return url.href;
  const trimmed = url.pathname.replace(/\/+$/, "");
  url.pathname = trimmed === "" ? "/index.md" : `${trimmed}.md`;
  return url.href;
}

/** Sync only ever speaks http(s): file:, data: and friends would read local or inline content. */
export function isHttp(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

/** A URL with a user name or password: never fetched, so credentials are neither sent nor printed. */
export function hasCredentials(url: URL): boolean {
  return url.username !== "" || url.password !== "";
}
