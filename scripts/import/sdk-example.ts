/**
 * The page outside its YAML block: its SDK code examples send the operation's request body, made from the spec (seed
 * page 001, whose body has no example, sends `body: '{"protocol":"cdp"}'`: its one required property, with its enum's
 * value; seed page 002, with no body, sends `{}`). Where the request body has examples, the body sent is taken to be the
 * first one, so on a collapsed page the example's JSON, which the scrape leaves whole, says where that example's value
 * ends: Twilio's
 * `update: value: FriendlyName: … Status: active updateWithNumericStatus: value: Status: '1'` reads as well with the
 * second example's name inside the first one's value.
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

/** The request body the page's first JavaScript SDK example sends (`body: '…'`), when it is non-empty JSON. */
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

/** `{}` is what the site sends where the request body has no example (seed page 002): no evidence. */
function isEmpty(body: unknown): boolean {
  return body === null || (isRecord(body) && Object.keys(body).length === 0);
}

/**
 * The request body's first example is the body the page's SDK example sends, compared as the scrape leaves both, entry
 * by entry as it is read (sameStart), so that a reading running the next example into this one's value dies at its
 * first key rather than when the body closes. Which example is first is found in the text: the first `examples: NAME:
 * value: KEY:` (or `example: KEY:`) after `requestBody:` whose KEY is the body's first key. A habit of the site (its
 * code examples are made from its spec): a page whose example differs breaks it in every reading, and it decides
 * nothing there.
 */
export function sdkRequestExampleRule(page: string, flatYaml: string): EvidenceRule | undefined {
  const body = sdkRequestBody(page);
  if (!isRecord(body)) return undefined;
  const place = firstExamplePlace(flatYaml, Object.keys(body)[0] as string);
  if (place === undefined) return undefined;
  const expected = scrapeValues(body);
  const forms = readForms();
  const differs = (path: Path, entries: Entries, complete: boolean, lastUnread = false) => {
    const inside = insideExample(path, place);
    if (inside === undefined) return false;
    const value = valueAt(expected, inside);
    return !isRecord(value) || !sameStart(forms, value, entries, complete, lastUnread);
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

/** Where the first request example's value sits under a media type: `["example"]` or `["examples", NAME, "value"]`. */
function firstExamplePlace(flatYaml: string, firstKey: string): readonly string[] | undefined {
  const body = flatYaml.indexOf(" requestBody: ");
  if (body < 0) return undefined;
  const key = escapeRegExp(firstKey);
  const found = new RegExp(` (?:examples: (\\S+): value: |example: )'?${key}'?: `).exec(flatYaml.slice(body));
  if (!found) return undefined;
  const name = found[1];
  return name === undefined ? ["example"] : ["examples", name, "value"];
}

/** The place inside the example's value of an object at `path`, or undefined for an object elsewhere. */
function insideExample(path: Path, place: readonly string[]): Path | undefined {
  const start = 6;
  if (path.length < start + place.length || path[0] !== "paths" || path[3] !== "requestBody")
    return undefined;
  if (path[4] !== "content" || place.some((segment, index) => path[start + index] !== segment))
    return undefined;
  return path.slice(start + place.length);
}
