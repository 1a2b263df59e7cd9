/**
 * The page outside its YAML block: its SDK code examples send the operation's request body, made from the spec (seed
 * page 001, whose body has no example, sends `body: '{"protocol":"cdp"}'`: its one required property, with its enum's
 * value; seed page 002, with no body, sends `{}`). Where the request body has examples, the body sent is taken to be the
 * first one, so on a collapsed page the example's JSON, which the scrape leaves whole, says where that example's value
 * ends: Twilio's `update: value: FriendlyName: … Status: active updateWithNumericStatus: value: Status: '1'` reads
 * as well with the second example's name inside the first one's value.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  type Entries,
  type EvidenceRule,
  escapeRegExp,
  type Path,
  readForms,
  sameStart,
  scrapeValues,
  valueAt,
} from "./evidence.ts";

/**
 * The request body the page's SDK examples send: the first `body: '…'` after their heading (the JavaScript example's,
 * in the site's pages), when it is non-empty JSON.
 */
export function sdkRequestBody(page: string): unknown {
  const section = page.lastIndexOf("SDK Code Examples");
  if (section < 0) return undefined;
  const literal = /\bbody: '((?:[^'\\]|\\.)*)'/.exec(page.slice(section))?.[1];
  if (literal === undefined) return undefined;
  // The site writes the JSON into a single-quoted string: `\'` and `\\` are escapes of the string, not of the JSON.
  for (const text of [literal.replace(/\\(['\\])/g, "$1"), literal]) {
    try {
      const body: unknown = JSON.parse(text);
      return isEmpty(body) ? undefined : body;
    } catch {}
  }
  return undefined;
}

/** `{}` is what the site sends where the operation has no request body (seed page 002): no evidence. */
function isEmpty(body: unknown): boolean {
  return isRecord(body) && Object.keys(body).length === 0;
}

/**
 * How the site's clean pages' SDK bodies compare with their request bodies' first examples, by media type: the habit
 * holds for a media type only where they show it (MIN_MATCHING pages, none differing). Seed page 001's body, whose
 * request body has no example, is made from the schema; a site that makes every body so (its required properties), or
 * every body of one media type, shows differing pages, and a body of only the required fields would otherwise decide
 * for a reading cutting the example short.
 */
export type SdkBodies = Record<string, { matching: number; differing: number }>;

/** Adds one clean page (its text and document) to `bodies`: only a page with both a body and a request example counts. */
export function learnSdkBody(bodies: SdkBodies, page: string, document: unknown): void {
  const body = sdkRequestBody(page);
  const first = firstRequestExample(document);
  if (body === undefined || first === undefined) return;
  const counts = bodies[first.media] ?? { matching: 0, differing: 0 };
  bodies[first.media] = counts;
  if (JSON.stringify(body) === JSON.stringify(first.example)) counts.matching += 1;
  else counts.differing += 1;
}

/** Whether the site's SDK bodies of `media` are its first request examples (see SdkBodies). */
export function sendsFirstExamples(bodies: SdkBodies, media: string): boolean {
  const counts = bodies[media];
  return counts !== undefined && counts.matching >= MIN_MATCHING && counts.differing === 0;
}

const MIN_MATCHING = 2;

/** The first example of the first media type of the request body of the document's first operation. */
function firstRequestExample(document: unknown): { media: string; example: unknown } | undefined {
  const paths = isRecord(document) && isRecord(document.paths) ? Object.values(document.paths) : [];
  const operation = isRecord(paths[0]) ? Object.values(paths[0]).find(isRecord) : undefined;
  const body = operation?.requestBody;
  const [media, type] =
    (isRecord(body) && isRecord(body.content) ? Object.entries(body.content) : [])[0] ?? [];
  if (media === undefined || !isRecord(type)) return undefined;
  const first = isRecord(type.examples) ? Object.values(type.examples)[0] : undefined;
  const example = type.example !== undefined ? type.example : isRecord(first) ? first.value : undefined;
  return example === undefined ? undefined : { media, example };
}

/**
 * The request body's first example is the body the page's SDK example sends, where the site's clean pages show it so
 * for its media type (sendsFirstExamples), compared as the scrape leaves both, entry by entry as it is read
 * (sameStart): an entry missing or different breaks it at once. Past the body's entries, only an Example read into the
 * value (an object holding `value`: the next example's name) breaks it, since a page may send fewer fields than its
 * example holds. Which example is first is found in the text: the first media type after `requestBody:`, and its
 * first `examples: NAME: value: KEY:` (or `example: KEY:`) whose KEY is the body's first key. A reading without that
 * example there, or whose value is no object, breaks the rule too: else a reading moving the example elsewhere (into
 * its schema) would keep it.
 */
export function sdkRequestExampleRule(
  page: string,
  flatYaml: string,
  bodies: SdkBodies,
): EvidenceRule | undefined {
  const body = sdkRequestBody(page);
  if (!isRecord(body)) return undefined;
  const chain = firstExampleChain(flatYaml, Object.keys(body)[0] as string);
  if (chain === undefined || !sendsFirstExamples(bodies, chain[0] as string)) return undefined;
  const expected = scrapeValues(body);
  const forms = readForms();
  const differs = (path: Path, entries: Entries, complete: boolean, lastUnread = false) => {
    const rest = requestContentPath(path);
    if (rest === undefined || rest.some((segment, index) => index < chain.length && segment !== chain[index]))
      return false;
    if (rest.length < chain.length) {
      // An object on the way to the example (the media type, the examples map, the Example): it must hold the next.
      if (!complete) return false;
      const next = entries.find(([key]) => key === chain[rest.length]);
      return next === undefined || (rest.length === chain.length - 1 && !isRecord(next[1]));
    }
    const value = valueAt(expected, rest.slice(chain.length));
    if (!isRecord(value)) return true;
    // Past the body's entries, only an Example read into the value (the next example's name) breaks it: a site that
    // sends fewer entries than its example (its required fields) would otherwise decide for a reading cutting the
    // example short (the review's `name: Bob description: friend`, its `description` put on the Example object).
    const size = Object.keys(value).length;
    if (entries.length > size)
      return (
        !sameStart(forms, value, entries.slice(0, size), true) ||
        entries.slice(size).some(([, item]) => isExample(item))
      );
    return !sameStart(forms, value, entries, complete, lastUnread);
  };
  const problem = "the request body's first example is not the SDK example's body";
  return {
    name: "the page's SDK example (the request body's first example)",
    exact: false,
    problems: (path, entries, complete) => (differs(path, entries, complete) ? [problem] : []),
    keyProblems: (path, entries, key) =>
      differs(path, [...entries, [key, undefined]], false, true) ? [problem] : [],
  };
}

/**
 * The keys from a request body's `content` to its first example's value, as the text shows them: `[MEDIA, "example"]`
 * or `[MEDIA, "examples", NAME, "value"]` (a quoted media type or name gives no rule).
 */
function firstExampleChain(flatYaml: string, firstKey: string): readonly string[] | undefined {
  const body = flatYaml.indexOf(" requestBody: ");
  if (body < 0) return undefined;
  const rest = flatYaml.slice(body);
  const content = / content: ([^\s'"]\S*): /.exec(rest);
  if (!content) return undefined;
  const media = content[1] as string;
  const key = escapeRegExp(firstKey);
  const found = new RegExp(` (?:examples: ([^\\s'"]\\S*): value: |example: )'?${key}'?: `).exec(
    rest.slice(content.index + content[0].length - 1),
  );
  if (!found) return undefined;
  const name = found[1];
  return name === undefined ? [media, "example"] : [media, "examples", name, "value"];
}

/** An Example object read into example data: an object holding `value`. */
function isExample(item: unknown): boolean {
  return isRecord(item) && Object.hasOwn(item, "value");
}

/** The path under a request body's `content` (`paths/ROUTE/METHOD/requestBody/content/…`), or undefined. */
function requestContentPath(path: Path): Path | undefined {
  const isContent = path[0] === "paths" && path[3] === "requestBody" && path[4] === "content";
  return path.length >= 5 && isContent ? path.slice(5) : undefined;
}
