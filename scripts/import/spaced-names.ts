/**
 * Names of several words in the reader's grammar (reading-steps.ts): an examples map's first name, where nothing but a
 * map can start; a name after a value that cannot run on; and the ends of plain text before a later name.
 */
import { isRecord } from "../shared/openapi.ts";
import { readKey, readSpacedName, type Spanned, type Word } from "./collapsed-text.ts";
import { EXAMPLE_ENTRY_KEYS, type Kind, type MappingKind } from "./openapi-model.ts";
import type { Frame } from "./reading-stack.ts";

/**
 * The first name of a map whose names may hold spaces, when nothing but a map can start here (a scalar or a list
 * would not fit): the only reading of `examples: 200 Success - Retrieve a block: value: …`.
 */
export function firstSpacedName(
  words: readonly Word[],
  source: string,
  kinds: readonly Kind[],
  index: number,
): Spanned<string> | undefined {
  if (!kinds.every((kind) => kind.type === "map" && kind.namesHoldSpaces)) return undefined;
  return readSpacedName(words, source, index);
}

/**
 * Where an open examples map's names so far hold spaces and the plain text from word `from` runs to a key at `end`
 * followed by a key an Example starts with (`value: testrg123 Delete App Service plan: value: …`), the text may end
 * before any of its later words, which then start the next name (Azure's `Delete App Service plan`): those ends, the
 * longest name first. Which one the page means only evidence decides (example-rules.ts exampleNamesRule,
 * alikeExampleValuesRule); the whole text, with a name of one word, is refused after text of several words
 * (spacedExampleNamesRule).
 */
export function spacedNameEnds(
  words: readonly Word[],
  source: string,
  stack: readonly Frame[],
  from: number,
  end: number,
): { start: number; name: string }[] {
  const after = readKey(words, source, end + 1);
  if (!after || !EXAMPLE_ENTRY_KEYS.has(after.value) || readKey(words, source, end)?.next !== end + 1)
    return [];
  if (!stack.some(holdsSpacedName)) return endAfterAlikeValue(words, source, stack, from, end);
  const found: { start: number; name: string }[] = [];
  for (let start = from + 1; start < end; start++) {
    const name = readSpacedName(words, source, start);
    if (name?.next === end + 1) found.push({ start, name: name.value });
  }
  return found;
}

/**
 * Where an open examples map's names are single words so far but every example so far holds the same text and
 * this one's text starts with it (Azure's `ResourceDelete: value: xxxxxxxx-… Update spatial anchors account: value:
 * xxxxxxxx-…`, mixedreality's), the text may end right after that value, and the next name is the rest: one more end,
 * which alikeExampleValuesRule weighs against the whole text.
 */
function endAfterAlikeValue(
  words: readonly Word[],
  source: string,
  stack: readonly Frame[],
  from: number,
  end: number,
): { start: number; name: string }[] {
  const common = stack.map(alikeValue).find((value) => value !== undefined);
  const first = words[from];
  if (common === undefined || first === undefined || !source.startsWith(`${common} `, first.offset))
    return [];
  const start = from + common.split(" ").length;
  const name = start < end ? readSpacedName(words, source, start) : undefined;
  return name?.next === end + 1 ? [{ start, name: name.value }] : [];
}

/** The one `value` text every example of an open examples map holds so far. */
function alikeValue(frame: Frame): string | undefined {
  if (frame.tag !== "map" || !frame.options.some(namesHoldSpaces) || frame.entries.length === 0)
    return undefined;
  const values = new Set(frame.entries.map(([, example]) => (isRecord(example) ? example.value : undefined)));
  const [value] = values;
  return values.size === 1 && typeof value === "string" && value !== "" && !value.includes("  ")
    ? value
    : undefined;
}

/** An open examples map whose names so far hold a space: a site whose names are single words gets no new readings. */
function holdsSpacedName(frame: Frame): boolean {
  return (
    frame.tag === "map" &&
    frame.options.some(namesHoldSpaces) &&
    (frame.pending?.includes(" ") === true || frame.entries.some(([name]) => name.includes(" ")))
  );
}

function namesHoldSpaces(kind: MappingKind): boolean {
  return kind.type === "map" && kind.namesHoldSpaces === true;
}

/** A map whose names may hold spaces: an examples map, or a free value's (an example's data, an extension's). */
export function takesSpacedNames(kind: MappingKind): boolean {
  return kind.type === "any" || namesHoldSpaces(kind);
}
