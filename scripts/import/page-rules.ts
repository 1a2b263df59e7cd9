/**
 * Evidence from the page outside its YAML block, and from the site's page format: the lead paragraph (the operation's
 * description), the `# ` title (its summary), the endpoint line (its server, and the document the site builds around
 * it), the titles the site gives hoisted components.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  collapse,
  type EvidenceRule,
  escapeRegExp,
  objectClass,
  type Path,
  placedKeyRule,
} from "./evidence.ts";
import { COMPONENTS, isExtensionKey, OPENAPI_DOCUMENT } from "./openapi-model.ts";
/**
 * The page outside its YAML block: the site prints the operation's description as the page's lead paragraph (between
 * the endpoint line and `Reference:`), so where there is one, the operation's description is that text, and where
 * the endpoint line is followed directly by `Reference:`, the operation has no description (seed page 002).
 */
export function leadParagraphRule(page: string): EvidenceRule | undefined {
  const lead = leadParagraph(pageHead(page), page);
  if (lead === undefined) return undefined;
  return {
    name:
      lead === ""
        ? "the page has no lead paragraph (no operation description)"
        : "the page's lead paragraph (the operation's description)",
    exact: true,
    heldFromStart: true,
    sees: "scalars",
    problems(path, entries, complete) {
      if (path[0] !== "paths" || path.length !== 3 || objectClass(path, entries) !== "Operation") return [];
      const description = entries.find(([key]) => key === "description");
      const same = description ? collapse(String(description[1])).trim() === lead : lead === "" || !complete;
      return same ? [] : [`${String(path[1])} ${String(path[2])}: description is not the lead paragraph`];
    },
    keyProblems(path, entries, key) {
      // Without a lead paragraph the operation has no description: a reading that opens one dies at once.
      if (lead !== "" || key !== "description" || path[0] !== "paths" || path.length !== 3) return [];
      return objectClass(path, entries) === "Operation"
        ? [`${String(path[1])} ${String(path[2])}: a description without a lead paragraph`]
        : [];
    },
  };
}

/**
 * The page's `# ` heading, where the site titles a page with its operation's summary (the harness's pages, and docs
 * sites that do; bctrl titles its pages otherwise, `Revoke Connection` for `Revoke a runtime connection lease`): a
 * reading whose summary is the heading keeps it, one whose summary ran on past the next keys (`… in JSON format tags:
 * - subpackage_misc`) breaks it. A habit: on a site that titles otherwise, every reading breaks it alike and it decides
 * nothing.
 */
export function pageTitleRule(page: string): EvidenceRule | undefined {
  const title = pageTitle(pageHead(page), page);
  if (title === undefined) return undefined;
  return {
    name: "the page's title (the operation's summary)",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      if (path[0] !== "paths" || path.length !== 3 || objectClass(path, entries) !== "Operation") return [];
      const summary = entries.find(([key]) => key === "summary")?.[1];
      return typeof summary === "string" && collapse(summary).trim() !== title
        ? [`${String(path[1])} ${String(path[2])}: summary is not the page's title`]
        : [];
    },
  };
}

/** The text of the page's `# ` heading, up to its endpoint line. */
function pageTitle(head: string, page: string): string | undefined {
  const text = head.trim();
  const found = headingAndEndpoint(text, page);
  const title = found && text.slice(found.titleStart, found.line.index).trim();
  return title === "" ? undefined : title;
}

/** Where the page's `# ` heading's text starts, and the endpoint line after it. */
function headingAndEndpoint(
  text: string,
  page: string,
): { titleStart: number; line: RegExpExecArray } | undefined {
  const heading = /(?:^|\s)#\s/.exec(text);
  if (!heading) return undefined;
  const line = endpointLine(text, heading.index, page);
  return line ? { titleStart: heading.index + heading[0].length, line } : undefined;
}

/** A method and route the page's spec writes (`paths: /users/{id}: get:`). */
interface Operation {
  readonly method: string;
  readonly route: string;
}

/**
 * The site's endpoint line in `text` from `from` on: an HTTP method and the operation's URL, the first absolute one.
 * A server the spec gives without a scheme (`//host`, Swagger 2's without `schemes`: 23 of the 622 servers of the 557
 * APIs.guru specs) or as a path (`/api/v1`: 30) is printed so, and a title or lead paragraph may quote an operation
 * the same way (`Use GET /users to list`): such a line counts only where it is the one line of the head naming an
 * operation the spec's text in `page` writes (its method, and a URL ending with its route; looked for only once a
 * relative line is met). One pass: a page is untrusted input.
 */
function endpointLine(text: string, from: number, page: string): RegExpExecArray | undefined {
  const endpoint = new RegExp(ENDPOINT.source, "g");
  endpoint.lastIndex = from;
  const relative: RegExpExecArray[] = [];
  let operations: readonly Operation[] | undefined;
  for (let line = endpoint.exec(text); line; line = endpoint.exec(text)) {
    const [, method, url] = line as unknown as [string, string, string];
    if (ABSOLUTE_URL.test(url)) return line;
    operations ??= pageOperations(page);
    if (
      operations.some(
        (operation) => operation.method === method.toLowerCase() && url.endsWith(operation.route),
      )
    )
      relative.push(line);
  }
  return relative.length === 1 ? relative[0] : undefined;
}

const ENDPOINT = /(?<=^|\s)(GET|PUT|POST|DELETE|PATCH|OPTIONS|HEAD|TRACE) ((?:https?:)?\/\S*)/;
const ABSOLUTE_URL = /^https?:\/\//;

/** The page before its spec section, its whitespace collapsed as the scrape's is. */
function pageHead(page: string): string {
  return page.replace(/\s+/g, " ").split(/ #{1,6} OpenAPI Specification /)[0] ?? "";
}

/**
 * Every route the page's spec text opens with a method (`paths: /users/{id}: get:`, unquoted), up to MAX_OPERATIONS:
 * a text before `paths` may hold such words too (an `info` description quoting an older route), so all are kept and
 * an endpoint line must be the only one naming any of them.
 */
function pageOperations(page: string): Operation[] {
  const spec = Math.max(0, page.indexOf("```yaml"));
  const operations: Operation[] = [];
  for (const match of page.slice(spec).matchAll(PATHS_OPENING)) {
    const [, route, method] = match as unknown as [string, string, string];
    operations.push({ method, route: route.replace(/^(['"])(.*)\1$/, "$2") });
    if (operations.length === MAX_OPERATIONS) break;
  }
  return operations;
}

const PATHS_OPENING = /(?<=^|\s)paths:\s+(\S+):\s+(get|put|post|delete|patch|options|head|trace):(?=\s|$)/g;
const MAX_OPERATIONS = 16;

/**
 * The URL of the page's endpoint line (`GET https://host/path`, before the spec section), when it has one (see
 * endpointLine for a server without a scheme).
 */
export function endpointUrl(page: string): string | undefined {
  return endpointLine(pageHead(page), 0, page)?.[2];
}

/**
 * The text between the endpoint line (after the page's `# ` heading) and a final `Reference: URL`, "" when there is
 * none, undefined when the head is not the site's. Found with indexOf and one-pass regexes: a page is untrusted input,
 * and nested lazy groups anchored at the end took seconds on a long head.
 */
function leadParagraph(head: string, page: string): string | undefined {
  const text = head.trim();
  const line = headingAndEndpoint(text, page)?.line;
  const reference = text.lastIndexOf(" Reference: ");
  if (!line || reference < line.index || /\s/.test(text.slice(reference + " Reference: ".length)))
    return undefined;
  let rest = text.slice(line.index + line[0].length, reference);
  const contentType = /^ Content-Type: \S+/.exec(rest);
  if (contentType) rest = rest.slice(contentType[0].length);
  return rest.trim();
}

/**
 * The page's own habit of titling each component schema with its name: where the text holds `title: N` exactly once for
 * a component N it refers to, and does so for at least MIN_TITLED components, that `title` is N's own (not one of its
 * properties', nor an outer object's). Not exact: a page could title a property after a component it refers to.
 */
export function componentTitleRule(source: string): EvidenceRule | undefined {
  const names = new Set<string>();
  for (const match of source.matchAll(/#\/components\/schemas\/([^\s'"#/]+)/g)) names.add(match[1] as string);
  const titled = [...names].filter((name) => {
    const pattern = new RegExp(`(?:^| )title: (?:>-? )?${escapeRegExp(name)}(?= |$)`, "g");
    return [...source.matchAll(pattern)].length === 1 && source.includes(` ${name}: `);
  });
  if (titled.length < MIN_TITLED) return undefined;
  const titles = new Set(titled);
  return {
    name: `component titles are their names (${titled.length} on this page)`,
    exact: false,
    sees: "scalars",
    problems(path, entries, complete) {
      const title = entries.find(([key]) => key === "title")?.[1];
      // The component the page titles holds that title: not a reading whose text ran on past `title: N`.
      const component =
        path.length === 3 && path[0] === "components" && path[1] === "schemas" ? path[2] : undefined;
      if (complete && typeof component === "string" && titles.has(component) && title === undefined)
        return [`component ${component} without its title`];
      // Nor one whose `title: >- N` ran on past the components' or the document's next field (`N securitySchemes:
      // {}`). Only those: a title may go on after the name (a review's `title: Invoice format: the rendered PDF…`).
      if (
        typeof component === "string" &&
        titles.has(component) &&
        typeof title === "string" &&
        title.startsWith(`${component} `) &&
        OUTER_FIELD_WORD.test(title.slice(component.length))
      )
        return [`component ${component} titled ${title}`];
      if (typeof title !== "string" || !titles.has(title)) return [];
      return component === title ? [] : [`title ${title} away from its component`];
    },
  };
}

const MIN_TITLED = 1;

/** A word that opens a field of the components or of the document (`securitySchemes:`, `servers:`). */
const OUTER_FIELD_WORD = new RegExp(
  `(?:^| )(?:${[...new Set([...Object.keys(COMPONENTS.fields), ...Object.keys(OPENAPI_DOCUMENT.fields)])].join("|")}):(?: |$)`,
);

/**
 * The page's endpoint line (`GET https://host/base/path`) is the document's server followed by the operation's path:
 * a reading that leaves the document without a server the line starts with (its `servers` moved onto the path item)
 * breaks it. Not exact: a site could print a path item's own server there. Where the page's YAML (`yaml`) holds the
 * key `servers:` once, a reading that opens it anywhere but on the document breaks it at once (judged at the end
 * only, the rival's search ran out of steps reading the components that follow and left the page refused).
 */
export function endpointServerRule(page: string, yaml = page): EvidenceRule | undefined {
  const url = endpointUrl(page);
  if (url === undefined) return undefined;
  const serversOnce = yaml.split(SERVERS_KEY).length === 2;
  return {
    name: "the page's endpoint line (the document's server)",
    exact: false,
    atEnd: true,
    keyProblems(path, _entries, key) {
      return serversOnce && key === "servers" && path.length !== 0
        ? ["no document server for the endpoint line"]
        : [];
    },
    problems(path, entries, complete) {
      if (path.length !== 0 || !complete) return [];
      const servers = entries.find(([key]) => key === "servers")?.[1];
      const named =
        Array.isArray(servers) &&
        servers.some(
          (server) => isRecord(server) && typeof server.url === "string" && url.startsWith(server.url),
        );
      return named ? [] : ["no document server for the endpoint line"];
    },
  };
}

const SERVERS_KEY = /(?:^|\s)servers:(?:\s|$)/;

/**
 * The docs site builds each endpoint page's document from fixed fields (`openapi`, `info`, `paths`, `servers`,
 * `components`: seeds 000 and 001, and every page cut the site's way) and copies the API's own extensions only inside
 * `info`; so an extension after `info`'s last field (Twilio's `x-twilio`, APIs.guru's `x-providerName`) is `info`'s.
 * Its `paths` hold the page's one path and nothing else (since session 42): an extension after the operation's last
 * object is the operation's or that object's (eBay's `x-response-codes`, Azure's `x-ms-client-flatten` after a request
 * body's schema), not the paths' (one of the 2 639 APIs.guru specs writes one there).
 * Only on a page with the site's endpoint line. Held whatever else is known: a clean page whose `info` is a shorter
 * version of this page's (the known fragment) would otherwise push the page's own extension onto the document. Its
 * rank tries the document last for an extension (APIs.guru's AWS pages: `x-apisguru-driver` after `info`'s `x-origin`).
 */
export function siteDocumentRule(page: string): EvidenceRule | undefined {
  if (endpointUrl(page) === undefined) return undefined;
  const problem = (path: Path, key: string) =>
    isExtensionKey(key) && (path.length === 0 || (path.length === 1 && path[0] === "paths"))
      ? [path.length === 0 ? `the site's document holds no ${key}` : `the site's paths hold no ${key}`]
      : [];
  return placedKeyRule("the site's page documents (no extension on the document or its paths)", problem, {
    rank: 2,
    freeEntries: true,
  });
}
