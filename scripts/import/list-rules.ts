/**
 * Evidence from lists whose items lost their line breaks: ` - ` inside a value, which a collapsed page reads either as
 * one value or as the next item. An enum's or an example list's values are single words where they split into
 * distinct ones; URLs are never joined.
 */
import {
  type Entries,
  type EvidenceRule,
  insideExampleData,
  insideFreeValue,
  objectClass,
  type Path,
} from "./evidence.ts";
import { textRule } from "./text-rules.ts";

/**
 * An enum never holds a value joined from single words by ` - ` (`- ADULT - CHILD - STUDENT` is three values, not
 * `CHILD - STUDENT`) where its values, split at every ` - `, are distinct single words. YAML writes the value `a - b`
 * plain, so on a collapsed page every enum of two or more values reads either way, and with no clean page of the site
 * (whose single-word enums styleRule learns) each was refused. No enum of the 557 APIs.guru specs, nor of Twilio's and
 * AssemblyAI's, breaks this: of their 25 797 enums, 12 write a plain value holding ` - `, and each of those also holds
 * a value of several words (daniweb's `2 - 9 Employees`) or would repeat one (Open Banking's `GB - ENG`, `GB - NIR`),
 * which this habit leaves to the other evidence, as it leaves ranges of numbers or dates (`1 - 5`). A value the site's
 * clean pages write anywhere (`known`: an enum's, an example's) is the site's own. Invented pages break it: an enum
 * `Mon - Fri` on a site with no clean page writing it is written as the two values `Mon`, `Fri` (docs/import.md,
 * twentieth pass). The same for the code names of an enum's values (Visma's `x-enumNames`).
 */
export function enumDashRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  const problems: EvidenceRule["problems"] = (path, entries) =>
    insideFreeValue(path) ? [] : joinedListProblems(path, entries, (key) => ENUM_LISTS.has(key), known);
  return {
    name: "enum values are single words, not joined by ` - `",
    exact: false,
    sees: "scalars",
    problems,
    openListProblems: beforeListEnds(problems, known),
  };
}

/**
 * The code names generators give an enum's values (`x-enumNames`, `x-enum-varnames`) are one per value: none of the 82
 * such lists of the 2 639 APIs.guru specs differs in length from its `enum`. AppVeyor's `enum: - 0 - 1 - 2 …
 * x-enum-varnames: - Any - Only Selected - All Except Selected` names three values, not two (`Only Selected - All Except
 * Selected`), which enumDashRule cannot tell from phrases. A habit, never exact.
 */
export function enumNamesRule(): EvidenceRule {
  return {
    name: "an enum's code names are one per value (`x-enum-varnames`)",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      const values = entries.find(([key]) => key === "enum")?.[1];
      if (!Array.isArray(values) || insideFreeValue(path)) return [];
      return entries.flatMap(([key, names]) =>
        CODE_NAMES.has(key) && Array.isArray(names) && names.length !== values.length
          ? [`${[...path, key].join("/")}: ${names.length} names for ${values.length} values`]
          : [],
      );
    },
  };
}

const CODE_NAMES: ReadonlySet<string> = new Set(["x-enumNames", "x-enum-varnames"]);

/**
 * An enum, and the code names generators give its values (NSwag's `x-enumNames`, openapi-generator's
 * `x-enum-varnames`: identifiers; none of the 82 real such lists holds ` - `).
 */
const ENUM_LISTS: ReadonlySet<string> = new Set(["enum", "x-enumNames", "x-enum-varnames"]);

/**
 * enumDashRule's habit for example data: a list of scalars inside an example, a default or a schema's `examples` never
 * holds a value joined from single words by ` - ` (`tags: - tag1 - tag2` is two values, not `tag1 - tag2`). Of the
 * 48 496 lists of scalars inside free values of the 2 639 APIs.guru specs (241 592 values), 45 hold a value with ` - `,
 * each of several words or repeating one (Amadeus' release notes, Zuora's error text, BeezUP's `x-tags` `Customer -
 * Global`, `Customer - Account`), which this habit leaves alone, as it leaves ranges (`$0 - $49`, ISO intervals) and
 * values clean pages write (`known`). Extension values are not judged: their lists are the vendor's own. On a collapsed
 * page every such list of two or more values reads either way (Figshare's `tags`, Api2Pdf's `urls`, Word
 * Associations' `default` parts of speech). **Known limit** (a review's): example data that does join single words
 * (`- Arsenal - Chelsea - Liverpool - Everton` for two fixtures, `- LHR - JFK`, `- en-US - fr-FR`), with no clean page
 * writing it, is written split: the search compares readings one choice apart, so it never meets the reading joining
 * every pair.
 */
export function exampleListDashRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  const problems: EvidenceRule["problems"] = (path, entries) =>
    joinedListProblems(
      path,
      entries,
      (key, values) =>
        values.every((item) => item === null || typeof item !== "object") &&
        insideExampleData([...path, key]),
      known,
    );
  return {
    name: "example lists hold single words, not joined by ` - `",
    exact: false,
    sees: "scalars",
    problems,
    openListProblems: beforeListEnds(problems, known),
  };
}

/** The lists among `entries` that `judged` takes and that hold a value joining single words by ` - `. */
function joinedListProblems(
  path: Path,
  entries: Entries,
  judged: (key: string, values: readonly unknown[]) => boolean,
  known: ReadonlySet<string>,
): string[] {
  return entries
    .filter(
      ([key, values]) => Array.isArray(values) && judged(key, values) && joinsSingleWords(values, known),
    )
    .map(([key]) => `${[...path, key].join("/")}: a value joins single words by \` - \``);
}

/**
 * A joined-list rule's problems with the open list at `path`, judged before it ends: what the rule (`problems`) finds
 * with its items so far, where every later item (`rest`, up to a plain key after an item's word, which ends the list)
 * is a single plain word of its own, so that no item to come can excuse the list: not two words in a row (one item of
 * several words, or a spaced text), not a map (`- Note: any day`, which the rule does not judge), a quoted text
 * (`'Other: by appointment'`), a number or date (a range), a word the list already holds (a repeat excuses it) or one
 * of a known joined value. A review's pages had the first form, which stopped at any word ending with `:`, rule the
 * true reading out.
 */
function beforeListEnds(
  problems: EvidenceRule["problems"],
  known: ReadonlySet<string>,
): NonNullable<EvidenceRule["openListProblems"]> {
  return (path, items, rest) => {
    const key = path.at(-1);
    if (typeof key !== "string") return [];
    const found = problems(path.slice(0, -1), [[key, items]], true);
    return found.length > 0 && laterItemsKeepIt(items, rest(), known) ? found : [];
  };
}

/** Whether the later words of a list (`rest`) can only be items that keep its join a problem (beforeListEnds). */
function laterItemsKeepIt(
  items: readonly unknown[],
  rest: Iterable<string>,
  known: ReadonlySet<string>,
): boolean {
  const seen = new Set(
    items.flatMap((value) => (typeof value === "string" ? value.split(" - ") : [String(value)])),
  );
  const knownWords = new Set(
    [...known].filter((value) => value.includes(" - ")).flatMap((value) => value.split(" - ")),
  );
  let afterDash = false;
  let read = 0;
  for (const word of rest) {
    if (read++ > MAX_LATER_WORDS) return false;
    if (word === "-") {
      // `- - a`: a later item that is a list.
      if (afterDash) return false;
      afterDash = true;
      continue;
    }
    // After an item's word, a plain key ends the list (a free value's item takes no spaced name); any other word may
    // be the item's own (several words, a quoted text).
    if (!afterDash) return word.endsWith(":") && PLAIN_WORD.test(word);
    // A later item may be a map (`- city: Leeds`), a quoted or flow value, a number (a range) or a repeat.
    if (word.endsWith(":") || !PLAIN_WORD.test(word) || NUMBER_OR_DATE.test(word)) return false;
    if (seen.has(word) || knownWords.has(word)) return false;
    seen.add(word);
    afterDash = false;
  }
  return true;
}

/** A word a plain item can be alone (not a quoted scalar, a flow collection, a block header or a comment). */
const PLAIN_WORD = /^[^'"[{>|#&*!%@`]/;
/** Past this many words the list's end is not looked for: the rival is left to the search. */
const MAX_LATER_WORDS = 400;

/** Numbers or dates joined by ` - ` (`1 - 5`, `2023-01-01 - 2023-06-30`): a range is what such a value means. */
function isRange(value: string): boolean {
  return value.split(" - ").every((part) => NUMBER_OR_DATE.test(part));
}

// A date-time's `T` and `Z`, a currency sign or a per cent (`2024-01-01T00:00:00Z`, `$50`, `10%`): a review's ranges.
const NUMBER_OR_DATE = /^[+-]?[$€£¥]?\d[\d.,:/+TZ-]*%?$/;

function joinsSingleWords(values: readonly unknown[], known: ReadonlySet<string>): boolean {
  const joined = values.filter(
    (value): value is string => typeof value === "string" && value.includes(" - "),
  );
  if (joined.length === 0 || joined.some((value) => known.has(value) || isRange(value))) return false;
  const words = values.flatMap((value) => (typeof value === "string" ? value.split(" - ") : [String(value)]));
  return words.every((word) => word !== "" && !word.includes(" ")) && new Set(words).size === words.length;
}

/**
 * A text never joins two URLs with ` - `: where it would, it is two items of a list (`OptInImageUrls: - https://a.jpg
 * - https://b.jpg`, a real Twilio example). A habit (a URL holds no space, and prose between two URLs is more than a
 * dash), never exact.
 */
export function urlListTextRule(): EvidenceRule {
  const joined = (value: unknown) => typeof value === "string" && JOINED_URLS.test(value);
  return {
    name: "texts join no URLs with ` - `",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      return entries
        .filter(([, value]) => joined(value) || (Array.isArray(value) && value.some(joined)))
        .map(([key]) => `${[...path, key].join("/")}: URLs joined by \` - \``);
    },
  };
}

const JOINED_URLS = /^[a-z][a-z0-9+.-]*:\/\/\S+(?: - [a-z][a-z0-9+.-]*:\/\/\S+)+$/i;

/**
 * A security requirement's scopes (or a scheme's roles) hold no lone dash: `- access_camera - read_camera` is two
 * scopes, not `access_camera - read_camera`, and `- CompanyMonitor - Pin: []` ends the list before the next
 * requirement, not with the scope `CompanyMonitor -` (Netatmo's, SLMonitor's). OAuth 2 scope tokens hold no space
 * (RFC 6749, section 3.3); of the 28 571 scopes the 2 639 APIs.guru specs ask for, none holds a dash between spaces (36
 * hold a space: nbg.gr's pairs `accounts offline_access`). declaredScopesRule says as much only for the scopes a page
 * declares, and only on the whole document, where a search of the rival's every completion runs out of steps: this
 * one is judged as the list closes, so the rival's own closed value rules it out. A habit, never exact.
 */
export function scopeDashRule(): EvidenceRule {
  return {
    name: "scopes hold no lone dash (`- read - write`)",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      if (path[path.length - 2] !== "security" || typeof path[path.length - 1] !== "number") return [];
      if (!REQUIREMENT_HOLDERS.has(objectClass(path.slice(0, -2), []) ?? "")) return [];
      return entries
        .filter(
          ([, scopes]) =>
            Array.isArray(scopes) &&
            scopes.some((scope) => typeof scope === "string" && LONE_DASH.test(scope)),
        )
        .map(([scheme]) => `${[...path, scheme].join("/")}: a scope holds a lone dash`);
    },
  };
}

/**
 * An OAuth flow's scopes map whose names hold spaces holds one name (Lufthansa's `scopes: read:LH Open API: read
 * access`, read since session 44): after a plain text, a later name's first words could be the text's last (a review's
 * `read:LH Open API: read access write:LH Open API: write access`, read as the text `read access write:LH Open` and a
 * scope named `API`), and nothing on the page tells them apart. Refuses, never decides: such a map of several names is
 * refused (9 of the 3 184 real scope names hold a space, in 8 flows: five hold that one name only, Xero's three
 * `assets assets.read` among 38 or 40 others).
 */
export function spacedScopesRule(): EvidenceRule {
  return {
    name: "a scopes map of spaced names holds one (`read:LH Open API: read access`)",
    exact: false,
    refuses: true,
    sees: "scalars",
    problems(path, entries) {
      if (path.at(-1) !== "scopes" || path.at(-3) !== "flows" || entries.length < 2) return [];
      return entries.some(([name]) => name.includes(" "))
        ? [`${path.join("/")}: several scopes, one named with spaces`]
        : [];
    },
  };
}

/**
 * A value other than a text ends with no lone dash (`format: double -`): where a plain value could end before a `- `
 * item or run on past its dash, the dash is the item's. None of the 6 million strings of the 2 639 APIs.guru specs
 * outside free values ends so (as the scrape leaves them) but 5 descriptions and a pattern (`a-z, A-Z, 0-9, /, _, -`),
 * which are left out with the other texts; examples, defaults, constants and extensions are free, whole values too (a
 * review's `example: 2019 -`, an open-ended range). AWS lookoutmetrics' `allOf: - type: array items: type: number
 * format: double - description: The values …`: the site style, whose clean pages never showed `items` holding a
 * `format`, read the format and the next part's text onto the first part, the format `double -` (held-out seed 7, half
 * clean). It refuses, never decides: as a habit it decided an earlier choice of AWS dms 083 rightly, and the page went
 * on to a later one the reader gets wrong (an emptied `description:` before the component's `title:`, read as a
 * property named `description`), refused before.
 */
export function danglingDashRule(): EvidenceRule {
  return textRule(
    "values end with no lone dash (`format: double -`)",
    (value, key, path) =>
      !TEXT_KEYS.has(key) && !insideFreeValue([...path, key]) && DANGLING_DASH.test(value),
    "ends with a lone dash",
    true,
  );
}

const TEXT_KEYS: ReadonlySet<string> = new Set(["description", "summary", "title", "pattern", "$comment"]);
const DANGLING_DASH = /\S\s+-\s*$/;

/** The objects whose `security` lists requirements (a `security` property of a schema is another thing). */
const REQUIREMENT_HOLDERS: ReadonlySet<string> = new Set(["OpenAPI", "Operation"]);

const LONE_DASH = /(?:^|\s)-(?:\s|$)/;
