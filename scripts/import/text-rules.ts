/**
 * Evidence from what a text value holds: habits of real texts (none ends with a schema's field or an `example:` key,
 * holds a schema's `type` or a block header, joins URLs by ` - `), whose breaking says the text ran on past keys of the
 * page. Each judges a text on its own, so the problems name the text's place. What the scrape's loss leaves in a text
 * is scrape-damage-rules.ts's.
 */
import { parse } from "yaml";
import { isRecord } from "../shared/openapi.ts";
import { collapse, type EvidenceRule, insideExtension, insideFreeValue, type Path } from "./evidence.ts";
import { instanceProblems } from "./example-rules.ts";
import { declaredTypes, SCALAR_FORMATS } from "./model-rules.ts";

/**
 * A text value never holds a block scalar's header (`>-`, `|-`, `>+`, `|+`) as a word: where it would, the text ran on
 * past a key whose value is a block (`url: >- https://…`). A habit of every writer (Markdown has no such word; `|`
 * and `>` alone are left out: tables and quotes), never exact.
 */
export function blockHeaderTextRule(): EvidenceRule {
  return {
    ...textRule(
      "texts hold no block header (`>-`)",
      (text) => BLOCK_HEADER_WORD.test(text),
      "holds a block header",
    ),
    reorders: true,
  };
}

/** A rule judging each text value on its own (`breaks`), its problems named by the value's place. */
export function textRule(
  name: string,
  breaks: (text: string, key: string, path: Path) => boolean,
  problem: string,
  refuses = false,
): EvidenceRule {
  return {
    name,
    exact: false,
    ...(refuses ? { refuses } : {}),
    sees: "scalars",
    problems(path, entries) {
      return entries
        .filter(([key, value]) => typeof value === "string" && breaks(value, key, path))
        .map(([key]) => `${[...path, key].join("/")}: text ${problem}`);
    },
  };
}

/**
 * A schema's or an operation's text never holds a schema's `type` (`… (will always be false) type: boolean`): none of
 * the 1.4 million real texts outside example values does (Shutterstock's `Invalid type: string should be integer` is
 * an example's). Where a folded text could end before `type:` or run on past it, the reading that gives the type to
 * its object is the one (VictorOps' `verified`, whose rivals left either the property or its schema untyped). Not
 * inside an example, a default or an extension, whose keys are free: an error message ending `… must have type:
 * string` would be read as a `type` key of the example (a review's). A habit of real specs that decides, where
 * swallowedYamlTextRule, which refuses any reading whose text holds one, never decides; a text the site's clean pages
 * write (`known`) is its own. Invented pages break it: a schema whose folded text really ends with a type (`… every
 * value has type: string`) is written with the type taken from its text (docs/import.md, thirteenth pass).
 */
export function schemaTypeTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return {
    ...realTextHabit(
      "texts hold no schema type (`type: string`)",
      SCHEMA_TYPE,
      "holds a schema's type",
      known,
    ),
    reorders: true,
  };
}

/**
 * A string never ends with a schema's `format`, a boolean field, a numeric bound or an `enum` list of single words after
 * a sentence or a word, nor with an example list or a `title` or `summary` after a sentence (`… was first opened.
 * format: date-time`, `… read only. readOnly: true`, `… clear text. maxLength: 8192`, `… are INDIVIDUAL and JOINT. enum:
 * - INDIVIDUAL - JOINT`, `… to verify. title: Verification Code`): none of the 7.3 million strings of the 2 639
 * APIs.guru specs does, examples and extensions included (`format:` ends 1 039 texts, each with a pattern or a word no
 * format registry names: `format: "yyyy-mm-dd"`; bounds end 66, each a Markdown list's item: `- minimum: 1`). Where a
 * folded text or example could end before such a field or run on past it to the next key, the reading that gives the
 * field to its object is the one (Up's `createdAt` and `ownershipType`, Telstra's and Namsor's `format`s, OSF's and
 * bunq's `readOnly`s, Mailchimp's and Getty's `explode`s and `title`s, Elmah.io's `maxLength`, Figshare's example list
 * `… of the article. example: - tag1`; after a word, Figshare's `… groups format: int64`, FEC's `… filer name or ID
 * explode: true`, Anchore's `… of the image enum: - not_analyzed`, Mux's `… signing key.** format: byte`). Not after
 * a comma or a colon, which lead into a value (`…, example: 52.1234`), a Markdown list's marker (`- minimum: 1`), or a
 * word that leads into the field's name (`… this enum: - cat`, `… it is required: true`); English leads into example
 * lists and `title:` with words (`… Common examples: - daily`, `… job title: Engineer`), so those need a sentence.
 * Reviews wrote invented prose wrong through the ending after a word (`… in RFC 3339 format: date-time`, `… capped at
 * the plan maximum: 500`), and as a sentence's ending only it refused about 25 real pages of the samples for prose no
 * real spec writes: such texts are the known limit, written with the field taken from them, as schemaTypeTextRule's
 * (docs/import.md, twenty-seventh pass). A text the site's clean pages write (`known`) is its own; a numbered list's
 * item (`… saved: 1. minLength: 3 2. maxLength: 12`) is no ending.
 */
export function keywordEndingTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return textRule(
    "texts end with no schema field (`format: date-time`, `readOnly: true`)",
    // A `pattern` is a regex, not a text (Seldon's `.* maxLength: 2097152`, a converter's slip).
    (text, key) => key !== "pattern" && endsWithKeyword(text) && !known.has(text.trim()),
    "ends with a schema field",
  );
}

/**
 * A string never holds, after a sentence's end, a key that opens an object's structure (`… properties: `, `…
 * discriminator: `) or its own text with a capitalised value (`… see Invalidation Complex Type. description: The
 * returned result …`: AWS CloudFront's `allOf` part run on past its schema's own `description`): none of the 5.1
 * million strings of the 2 639 APIs.guru specs outside examples, defaults and extensions holds any of those keys after
 * a sentence, as the scrape leaves them (`<…>` removed, whitespace collapsed), nor an extension opening a map
 * (EXTENSION_MAP). A text's key only before a capital: prose lists values with their meanings in lower case (a
 * review's `… sku: the stock keeping unit. description: the long product description.`, `… short: a single sentence.
 * summary: a paragraph …`), which a page may really hold.
 * Constraints, formats, flags, defaults and `deprecated:` are left out: prose notes write them after a sentence (262
 * real `… ISO 8601. format: …`, 155 `… deprecated: use …`, a review's `… Defaults to 7. maximum: 90`; docs/import.md,
 * fourteenth pass). A habit of real specs, like schemaTypeTextRule, with its exemptions; **known limit:** an invented
 * text really holding one (`… the item. description: Free text`) is written with the key taken from it. It does not
 * `reorder`, as the block header and schema type habits do: a review's map property whose own text held `… forms.
 * description: Optional help text …` was written split across the map and its values (test/import/fixtures/sentence-keys).
 */
export function sentenceKeyTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return realTextHabit(
    "texts hold no structural key after a sentence (`… Type. description: …`)",
    SENTENCE_KEY,
    "holds a key after a sentence",
    known,
  );
}

/**
 * A schema's `pattern` never holds a key with its value (`… [A-Fa-f0-9]{12} minLength: 1`): of the 25 339 patterns of
 * the 2 639 APIs.guru specs, one does (Seldon's `.* maxLength: 2097152`, a converter's slip). AWS folds its long
 * patterns (`pattern: >- ^arn:aws…$ minLength: 50 maxLength: 500`), so a collapsed page's pattern could run on past
 * the schema's bounds (16 pages of the APIs.guru samples refused there: backup-gateway's, lookoutequipment's,
 * identitystore's, eventbridge's). keywordEndingTextRule judges no pattern: a regex is no prose. Not inside free values;
 * a pattern the site's clean pages write (`known`) is its own. **Known limit:** Seldon's pattern, with no clean page
 * writing it, is written with its `maxLength` taken from it.
 */
export function patternKeyRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return outsideFreeValues(
    textRule(
      "patterns hold no key (`… [0-9]{12} minLength: 1`)",
      (text, key) => key === "pattern" && holdsPatternKey(text) && !known.has(text.trim()),
      "holds a key",
    ),
  );
}

/** A word ending with `:` between spaces, as a key and its value are written (PATTERN_KEY): no real pattern but one. */
export function holdsPatternKey(text: string): boolean {
  return PATTERN_KEY.test(text);
}

const PATTERN_KEY = /(?:^| )[A-Za-z_$][\w$-]*: \S/;

/**
 * Whether `text` ends a sentence with a field (or with three keys in a row, KEY_CHAIN), not a numbered list's item
 * (`… saved: 1. minLength: 3 2. maxLength: 12`): what keywordEndingTextRule judges, and what is learnt as the site's
 * own where clean pages write it.
 */
export function endsWithKeyword(text: string): boolean {
  const field = FIELD_ENDING.exec(text);
  return field !== null && !(/(?:^| )\d{1,2}$/.test(text.slice(0, field.index)) && / 1\. /.test(text));
}

/** A sentence's end: not an abbreviation's full stop (`(e.g. example: req_123)`, a review's). */
const SENTENCE_END = String.raw`(?<!(?:^|[^A-Za-z])(?:e\.g|i\.e|E\.g|I\.e|etc|cf|vs|viz))[.!?)]`;
/**
 * An extension opening a map after a sentence (`… programmatically. x-logo: url: https://…`, AWS's `info` text run on
 * past its logo): none of the 5.1 million strings holds one anywhere (2 hold an extension with a value after a
 * sentence, S3's `x-amz-acl: private`). Not after a word: docs of API tools quote their extensions in prose (a review's
 * `… for example x-logo: url: https://…`, `… Extensions like x-codeSamples: lang: JavaScript are kept`).
 */
const EXTENSION_MAP = String.raw`${SENTENCE_END} x-[A-Za-z][\w-]*: [A-Za-z$'"][^ ]*: `;
/** A key that opens an object's text or structure, after a sentence's end (sentenceKeyTextRule). */
const SENTENCE_KEY = new RegExp(
  `${SENTENCE_END} (?:(?:description|title|summary): \\p{Lu}|(?:properties|items|allOf|oneOf|anyOf|discriminator|schema|content|additionalProperties|parameters|responses|requestBody|headers|examples|externalDocs|servers|components|operationId|\\$ref): )|${EXTENSION_MAP}`,
  "u",
);
/** A YAML list of single words, as the scrape leaves it (`- a - b`). */
const SINGLE_WORDS = "- [^ `'\"][^ ]*(?: - [^ `'\"][^ ]*)*";
/**
 * An enum's items as the scrape leaves them, a quoted single word too (Twilio's `enum: - 'true' - 'false'`, page 099):
 * no string of the 2 639 APIs.guru specs ends with `enum:` and a list whose first item is quoted.
 */
const ENUM_ITEMS = "- (?:[^ `'\"][^ ]*|'[^ ']*'|\"[^ \"]*\")(?: - (?:[^ `'\"][^ ]*|'[^ ']*'|\"[^ \"]*\"))*";
/**
 * Formats outside JSON Schema's and the registry's that generators write on hundreds of schemas (Google's discovery
 * converter's `google-datetime` 2 582 times, `google-duration` 469, `google-fieldmask` 160; `uint32`, `uint64`,
 * `date-time-rfc1123`, `unix-time`, `base64url` 325 to 963), ending a text after a sentence or closing code (`…
 * inclusive. format: google-duration`, ``… `paths: "bindings, etag"` format: google-fieldmask``): no real string ends
 * with one (34 of 5.9 million end with `format:` and a word, each a date pattern: `… Date format: YYYY-MM-DD`). Not
 * after a word, as prose names a format (a review's `… Integer format: uint64`, `… Encoding format: base64url`).
 */
const WRITERS_FORMAT = `format: (?:${[
  "google-datetime",
  "google-duration",
  "google-fieldmask",
  "uint32",
  "uint64",
  "date-time-rfc1123",
  "unix-time",
  "base64url",
].join("|")}) *$`;
/** Code closed at a word's end: a backtick or a quote. */
const CLOSING_CODE = "[\\x60'\"]";
/** Fields no real text ends with after any word (none of the 7.3 million strings of the 2 639 APIs.guru specs). */
const FIELDS = `(?:format: (?:${[...SCALAR_FORMATS].join("|")})|(?:readOnly|writeOnly|nullable|deprecated|uniqueItems|explode|required|allowEmptyValue|allowReserved|exclusiveMinimum|exclusiveMaximum): (?:true|false)|(?:maxLength|minLength|maximum|minimum|maxItems|minItems|multipleOf|maxProperties|minProperties): [+-]?\\d+(?:\\.\\d+)?|enum: ${ENUM_ITEMS}) *$`;
/**
 * Fields that English leads into with words (`… job title: Engineer`, `… Some examples: - en - fr`, the session's
 * review): only after a sentence. A bare `description:` too, whose value the scrape emptied (`… requested.
 * description: <p/>`, AWS's): a second review's texts ended `… the product name and description:<br/>`.
 */
const SENTENCE_FIELDS = `(?:(?:example|examples): ${SINGLE_WORDS}|(?:title|summary): (?:(?!: ).){1,120}|description:) *$`;
/**
 * Words that lead into the name after them, as prose does (`… the values of this enum: - cat`, `… and it is required:
 * true`, `… capped by the server at maximum: 10`: the reviews' pages).
 */
const LEADING_WORDS = [
  "a",
  "an",
  "the",
  "this",
  "that",
  "these",
  "its",
  "their",
  "your",
  "our",
  "is",
  "are",
  "be",
  "was",
  "at",
  "as",
  "by",
  "for",
  "in",
  "of",
  "on",
  "to",
  "with",
  "following",
]
  .map((word) => `[${word[0]}${word[0]?.toUpperCase()}]${word.slice(1)}`)
  .join("|");
/**
 * A word's end: a letter, a digit or closing markup (`**`, a backtick, a quote, a bracket), not a comma or a colon,
 * which lead into a value (`…, example: 52.1234`), nor a Markdown list's marker (`- minimum: 1`, `* maxLength: 10`).
 */
const WORD_END = String.raw`(?:[\p{L}\p{N}_\x60'")\]>]|\S\*\*?)(?<!(?:^| )(?:${LEADING_WORDS}))`;
/** Three keys in a row, each opening the next (`requestBody: content: application/json:`). */
export const THREE_KEYS = "(?:^| )[A-Za-z$'][^ ]*: [A-Za-z$'][^ ]*: [A-Za-z$'][^ ]*:";
/**
 * A text ending with three keys in a row (`… the authenticated user. content: application/json: schema:`, GitLab's
 * response text run on to its body's `$ref`): no real string ends so (NESTED_KEYS, anywhere in a text, is refused).
 */
const KEY_CHAIN = `${THREE_KEYS} *$`;
const FIELD_ENDING = new RegExp(
  `(?:${SENTENCE_END}|${WORD_END}) ${FIELDS}|(?:${SENTENCE_END}|${CLOSING_CODE}) ${WRITERS_FORMAT}|${SENTENCE_END} ${SENTENCE_FIELDS}|${KEY_CHAIN}`,
  "u",
);
/**
 * A habit of real specs' texts: none holds `pattern`. Texts inside a value whose keys are free (an example, a default,
 * an extension's) are not judged, nor a text the site's clean pages write (`known`).
 */
function realTextHabit(
  name: string,
  pattern: RegExp,
  problem: string,
  known: ReadonlySet<string>,
): EvidenceRule {
  return outsideFreeValues(textRule(name, (text) => pattern.test(text) && !known.has(text.trim()), problem));
}

/** `rule`, judging no text inside a value whose keys are free (an example, a default, an extension's). */
function outsideFreeValues(rule: EvidenceRule): EvidenceRule {
  return {
    ...rule,
    problems: (path, entries, complete) =>
      insideFreeValue(path) ? [] : rule.problems(path, entries, complete),
  };
}

/**
 * A text that the site's clean pages write whole ends there on a collapsed page too: where one reading's description
 * is a clean text and the other's runs on past it into a lower-case `word:` (FEC's `cycle` property, `… named for its
 * ending, even year. format: int32 type: integer`, whose text a clean page writes on the `cycle` parameter), the clean
 * one is the one. A habit of real specs: of the 184 000 texts of the 557 APIs.guru specs, 6 run on past another text
 * of 20 characters or more of their own spec into a lower-case `word:` (VictorOps' summaries listing `description: …,
 * type: …`, which no key can follow). Capitalised words are left alone: prose runs on so (`Note:`, loket.nl's `… end.
 * NL: DatumUitDienst` beside the same text without it). Texts inside free values are not judged. A site that writes a
 * text both alone and with a lower-case note (`… the page size. maximum: 100`) has the note read as a key.
 */
export function cleanTextEndRule(cleanTexts: ReadonlySet<string>): EvidenceRule | undefined {
  if (cleanTexts.size === 0) return undefined;
  return outsideFreeValues(
    textRule(
      "texts end where clean pages end them",
      (text, key) => TEXT_KEYS.has(key) && runsOnPastCleanText(text.trim(), cleanTexts),
      "runs on past a clean page's text",
    ),
  );
}

/**
 * Whether cleanTextEndRule learns a clean page's entry `key: text` (as the scrape leaves it) of the object at `path`:
 * a description, summary or title outside free values, of MIN_CLEAN_TEXT characters or more.
 */
export function isCleanText(path: Path, key: string, text: string): boolean {
  return TEXT_KEYS.has(key) && text.length >= MIN_CLEAN_TEXT && !insideFreeValue(path);
}

/** A clean text counts from this length on: shorter ones (`Account`, `User`) start longer prose. */
const MIN_CLEAN_TEXT = 20;

function runsOnPastCleanText(text: string, cleanTexts: ReadonlySet<string>): boolean {
  if (cleanTexts.has(text)) return false;
  for (const match of text.matchAll(LOWER_CASE_KEY))
    if (match.index >= MIN_CLEAN_TEXT && cleanTexts.has(text.slice(0, match.index))) return true;
  return false;
}

const LOWER_CASE_KEY = / [a-z$_][\w$.-]*: /g;

/**
 * A schema's text (its description, summary or title) never ends with a sentence and then an `example:` key with its
 * value (`… the problem type. example: https://…`): the text ran on past the schema's `example`. Lower-case `example:`
 * starting a sentence is no prose; of the 1.6 million texts of the 557 APIs.guru specs, 324 end with `example:` and a
 * value, each inside a sentence (`for example: 5`, `…launched, example: '2017-03-13'`). Where a folded text could end
 * before `example:` or run on past it, the reading that gives the example to its schema is the one (Mailchimp's problem
 * details, Hetzner's `finished`, PDFBlocks' `transparency`, SureVoIP's `number` parameter). Judged only on a complete
 * schema (or a parameter or header, by its schema) that has no `example` of its own and whose `type` (and `enum`) the
 * value fits, so that a text ending `… example: +14155550100` on a string keeps its number as text; not inside free
 * values, nor on a text the site's clean pages write (`known`). A habit of real specs with schemaTypeTextRule's limit:
 * an invented schema text really ending so (`… between 1 and 100. example: 50`) is written with the example taken from
 * it. A review's prose led into `example:` with words (`see this example:`, `Request example:`): such texts are left
 * alone, and so is MineSkin's `… implementation examples example: …`.
 */
export function exampleEndingTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return {
    name: "texts end with no `example:` key (`… type. example: 404`)",
    exact: false,
    problems(path, entries, complete) {
      if (!complete) return [];
      // Most objects hold no such text: look for one before anything else.
      const endings = entries.flatMap(([key, value]) => {
        const text = TEXT_KEYS.has(key as string) && typeof value === "string" ? value.trim() : undefined;
        const example = text === undefined || known.has(text) ? undefined : EXAMPLE_ENDING.exec(text)?.[1];
        return example === undefined ? [] : [{ key, example }];
      });
      if (endings.length === 0 || insideFreeValue(path)) return [];
      const own = Object.fromEntries(entries);
      // A parameter's or a header's example is its own, and the type its schema's.
      const schema = own.type === undefined && isRecord(own.schema) ? own.schema : own;
      if (declaredTypes(schema) === undefined || "example" in own || "example" in schema) return [];
      return endings
        .filter(({ example }) => exampleFits(example, schema))
        .map(({ key }) => `${[...path, key].join("/")}: text ends with an \`example\` key`);
    },
  };
}

/** Whether `value` (a text's ending after `example: `) is an instance of `schema`, in its `enum` if it has one. */
function exampleFits(value: string, schema: Record<string, unknown>): boolean {
  let example: unknown;
  try {
    example = parse(value);
  } catch {
    return false;
  }
  return (
    instanceProblems(schema, example).length === 0 &&
    (!Array.isArray(schema.enum) || schema.enum.includes(example))
  );
}

/**
 * A text that after a sentence's end (`.`, `!`, `?`, `)`) holds only `example:` and its value (at most 120
 * characters, no further key). Text in its own words might lead into it otherwise (`see this example: …`).
 */
export function endsWithExampleKey(text: string): boolean {
  return EXAMPLE_ENDING.test(text);
}

/** The keys whose values are an object's own texts. */
const TEXT_KEYS: ReadonlySet<string> = new Set(["description", "summary", "title"]);
const EXAMPLE_ENDING = new RegExp(`${SENTENCE_END} example: ((?:(?!: ).){1,120})$`, "s");

/**
 * A text outside free values never holds one of `info`'s fields with its value: `termsOfService: `, `license: name: `,
 * `contact: email: ` (or their other keys). None of the 1.78 million texts of the 557 APIs.guru specs outside examples,
 * defaults and extensions does, nor of the 17 391 of Twilio's and AssemblyAI's (counted over the specs as the scrape
 * leaves them). APIs.guru writes `info`'s keys in order (`description`, `license`, `termsOfService`, `title`), so on
 * every page of an API with no clean page its description could end before `termsOfService:` or run on past it as far
 * as `title:`; the reading that gives the field to `info` is the one. A habit of real specs, like schemaTypeTextRule,
 * with the same exemptions and the same limit: an invented text really ending so (`… subject to our termsOfService:
 * https://…`, a review's) is written with the field taken from it. Left out after that review: other fields prose
 * could name (`style: form`, `operationId:`, `in: query`, an OAuth flow's URLs), and the schema's constraints
 * (`format: int64`, `maxLength: 64`), which reviews' prose ended a text with (docs/import.md, fourteenth and
 * nineteenth passes).
 */
export function infoFieldTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return realTextHabit(
    "texts hold no field of `info` (`termsOfService:`, `license: name:`)",
    INFO_FIELD,
    "holds a field of `info`",
    known,
  );
}

/**
 * A text outside free values never holds a URL ending with a colon before a space or its end (`… in your Google Drive
 * https://www.googleapis.com/auth/drive.metadata: See information …`): that is a key of a map whose names are URLs (an
 * OAuth flow's scopes) the text ran on past. Of the 7.3 million strings of the 2 639 APIs.guru specs 18 hold one, each
 * inside an example or an extension's code sample but one description (googleapis workloadmanager's `… According to
 * https://linter.aip.dev/122/name-suffix: field names …`), and none of the 3 577 scopes' texts. Google writes its scopes
 * as URLs, folding the long texts (`https://…/auth/drive.file: >- See, edit, …`), so on every page of an API with no
 * clean page a scope's text could run on past the next scopes (googleapis drive, 8 pages of held-out seed 22 refused).
 * A habit of real specs, like infoFieldTextRule; a text the site's clean pages write (`known`) is its own. **Known
 * limit:** workloadmanager's text, or a review's scope text `… Scope details at https://…#drive.file: per-file access`,
 * with no clean page writing it, is read with its URL as a key where a map could take it.
 */
export function urlKeyTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return realTextHabit(
    "texts hold no URL key (`… https://…/auth/drive.metadata: …`)",
    URL_KEY,
    "holds a URL key",
    known,
  );
}

/** Whether `text` holds a URL ending with a colon before a space or its end (urlKeyTextRule). */
export function holdsUrlKey(text: string): boolean {
  return URL_KEY.test(text);
}

const URL_KEY = /(?:^| )https?:\/\/\S+:(?: |$)/;

export const INFO_FIELD =
  /(?:^| )(?:termsOfService: |license: (?:name|url|identifier): |contact: (?:name|url|email): )/;

export const BLOCK_HEADER_WORD = /(?:^| )[>|][-+](?: |$)/;

/**
 * A URL under an extension is one word: the value of a `url`, `href` or `uri` key inside an extension's value
 * (`x-origin: - url: >- https://…/api.yml version: '3.0'`, `x-logo: url: …`) holds no space, as the model already
 * requires of its own URL fields. None of the 7 764 such values of the 549 real specs outside examples does (6 inside
 * examples are lorem-ipsum data, so examples, defaults and constants are not judged). Where a folded URL could run on
 * past the keys after it, the reading that ends it is the one (restful4up's and Patrowl's `x-origin`, whose `url` was
 * read on past `version: '3.0'` on every page of an API with no clean page). A habit, never exact. A URL the site's
 * clean pages write (`known`) is its own: VTEX's `x-origin` names `…/Catalog API Seller Portal.json`, and every page of
 * that API had its true reading ruled out.
 */
export function extensionUrlRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return {
    name: "URLs in extensions are one word (`x-origin: - url:`)",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      return entries
        .filter(
          ([key, value]) =>
            typeof value === "string" &&
            holdsSpacedExtensionUrl(path, key, value) &&
            !known.has(collapse(value).trim()),
        )
        .map(([key]) => `${[...path, key].join("/")}: a URL holds a space`);
    },
  };
}

/** Whether `value`, at `key` of the object at `path`, is a URL under an extension that holds a space. */
export function holdsSpacedExtensionUrl(path: Path, key: string, value: string): boolean {
  return (
    ((insideExtension(path) && URL_KEYS.has(key)) || extensionUrlValue(key, value)) && /\s/.test(value.trim())
  );
}

/**
 * An extension whose whole value is a URL (`x-permalink: >- https://github.com/…/marketing.json`): none of the 79 real
 * ones holds a space, and Mailchimp's ran on past `x-providerName: mailchimp.com` on every page with no clean one.
 */
function extensionUrlValue(key: string | number, value: string): boolean {
  return typeof key === "string" && key.startsWith("x-") && URL_START.test(value.trim());
}

const URL_KEYS = new Set(["url", "href", "uri"]);
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

export const SCHEMA_TYPE = /(?:^| )type: (?:string|integer|number|boolean|object|array|null)(?: |$)/;
