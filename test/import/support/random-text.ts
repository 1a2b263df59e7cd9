/**
 * Random text for the collapsed-recovery property: words that look like YAML or OpenAPI syntax (`key: value`, `#`,
 * quotes, code fences, ` - `, `<tags>` the scrape strips, OpenAPI keywords) in short, long (folded) and multi-line text.
 *
 * Excluded on purpose, because the reader follows a documented convention there and writes a different document
 * rather than refusing (pinned in import-roundtrip.test.ts, listed in README.md "Importing docs pages"):
 * - block text (long `>-` or multi-line `|`) never holds a `word:` whose word is a fixed field name of the model or
 *   starts with `x-` (`blockWord` swaps it for an ordinary word): "a field name inside block text is read as that
 *   field", so `... x-foo: 1` becomes an extension and `... default: 30` a schema's `default`. So 7 of the 12
 *   COLON_WORDS (`type:`, `description: text`, `required: true`, `items: -`, `x-foo: 1`, `in: path`, `$ref: ...`)
 *   occur only in short (one-line, quoted) text; `note:`, `key: value`, `Warning:`, `e.g.:` and `see: ...` occur
 *   in block text too;
 * - ` - ` occurs in multi-line (`|`) text, and in one-line text only after `items:` (so the text is written quoted):
 *   a plain one-line list item holding ` - ` is read as two items.
 */
import { OBJECT_KINDS } from "../../../scripts/import/openapi-model.ts";
import type { Draw } from "./random-openapi.ts";

/** Every fixed field name of the model: a block scalar must not hold `name:` for one of them (see writing-convention.ts). */
const FIELD_NAMES = new Set(OBJECT_KINDS.flatMap((kind) => Object.keys(kind.fields)));

const ORDINARY = [
  "the",
  "runtime",
  "returns",
  "a",
  "list",
  "of",
  "Use",
  "Bearer",
  "token.",
  "(optional)",
  "e.g.",
  "1.0",
  "42",
  "true",
  "null",
  "it's",
  "50%",
  "a/b",
  "foo,bar",
  "[x]",
  "{id}",
  "|",
  ">",
  "*",
  "!important",
  "&amp;",
  "@user",
  "~",
  "?",
];
const KEYWORDS = [
  "type",
  "properties",
  "description",
  "schema",
  "required",
  "items",
  "$ref",
  "enum",
  "default",
  "title",
  "paths",
  "get",
  "responses",
  "in",
  "x-internal",
  "application/json",
  "'200'",
];
const SYNTAX = [
  "#",
  "#anchor",
  "C#",
  "'quoted'",
  '"double"',
  '"say \\"hi\\""',
  "```",
  "```json",
  "<code>type</code>",
  "<b>bold</b>",
  "line<br/>break",
  "{a: 1}",
  "[1, 2]",
  "&anchor",
  "*alias",
  "!tag",
];
/** `word:` forms: any in short (quoted) text; only ones that are no field of the model in block scalars. */
const COLON_WORDS = [
  "note:",
  "key: value",
  "Warning:",
  "e.g.:",
  "see: https://example.com/a#b",
  "type:",
  "description: text",
  "required: true",
  "items: -",
  "x-foo: 1",
  "in: path",
  "$ref: '#/x'",
];

/** Names of properties, map entries and extension suffixes, many of them OpenAPI keywords. */
export const KEY_WORDS = [
  "id",
  "name",
  "status",
  "createdAt",
  "kind",
  "a_b",
  "kebab-key",
  "dotted.key",
  "type",
  "items",
  "description",
  "default",
  "required",
  "enum",
  "title",
  "format",
  "example",
  "properties",
  "schema",
  "content",
  "in",
  "x-extra",
  "$ref",
];

export function identifier(draw: Draw): string {
  return `${draw.pick(["a", "b", "internal", "logo", "type"])}${draw.int(0, 9)}`;
}

/** Text of any kind; list items are mostly short (a block scalar item followed by `- ` can end there or run on). */
export function anyText(draw: Draw, inList = false): string {
  const roll = inList && draw.chance(0.9) ? 0 : draw.int(0, 9);
  if (roll < 5) return shortText(draw);
  if (roll < 8) return longText(draw);
  return multilineText(draw);
}

function word(draw: Draw, colonWords: boolean): string {
  const roll = draw.int(0, 9);
  if (roll < 5) return draw.pick(ORDINARY);
  if (roll < 7) return draw.pick(KEYWORDS);
  if (roll < 9 || !colonWords) return draw.pick(SYNTAX);
  return draw.pick(COLON_WORDS);
}

/** Up to 35 characters: always written on one line (plain or quoted), never as a block scalar. */
function shortText(draw: Draw): string {
  const words: string[] = [];
  const wanted = draw.int(1, 5);
  while (words.length < wanted) {
    const next = word(draw, true);
    if ([...words, next].join(" ").length > 35) break;
    words.push(next);
  }
  return words.length > 0 ? words.join(" ") : draw.pick(ORDINARY);
}

/** Longer than a line, so written as a `>-` folded block scalar by the site's YAML writer. */
function longText(draw: Draw): string {
  return Array.from({ length: draw.int(16, 30) }, () => blockWord(draw)).join(" ");
}

/**
 * Several lines (always a `|` literal block scalar), sometimes a fenced code sample or a ` - ` in a line. Only block
 * scalars hold ` - `: in a plain list item the reader takes it for a new item (a documented limitation).
 */
function multilineText(draw: Draw): string {
  const lines = Array.from({ length: draw.int(2, 4) }, () =>
    Array.from({ length: draw.int(1, 6) }, () => blockWord(draw)).join(" "),
  );
  if (draw.chance(0.15)) lines.push(draw.pick(["- item", "a - b", "-"]));
  if (draw.chance(0.4)) lines.splice(1, 0, "```json", '{"id": 1, "note": "a"}', "```");
  return lines.join("\n");
}

function blockWord(draw: Draw): string {
  const chosen = word(draw, true);
  const fieldColon = (part: string) =>
    part.endsWith(":") && (FIELD_NAMES.has(part.slice(0, -1)) || part.startsWith("x-"));
  return chosen.split(" ").some(fieldColon) ? draw.pick(ORDINARY) : chosen;
}
