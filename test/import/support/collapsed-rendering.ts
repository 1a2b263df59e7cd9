/**
 * Whether a document can be written as YAML that collapses to exactly a given page: each scalar may take any style a
 * YAML writer could have chosen (plain where YAML allows it, single or double quotes, `>-`/`|-` block scalars, `>`/`|`
 * for text ending in a line break, an empty value for null or for a text the scrape emptied) and line breaks are gone. The property uses it to check
 * that both readings of a refused page really are documents the page could have come from.
 */
import { resolvePlain } from "../../../scripts/import/collapsed-text.ts";

/** Candidate spellings of one token in the collapsed page, in the order the document is written. */
type Slot = readonly string[] | { readonly resolvesTo: unknown } | { readonly choice: readonly Slot[][] };

export function collapsesTo(document: unknown, page: string): boolean {
  const slots: Slot[] = [];
  writeValue(document, slots, true);
  return matches(slots, page, 0, 0, new Set());
}

const isIntegerKey = (key: string) => /^(0|[1-9]\d*)$/.test(key);

function writeValue(value: unknown, slots: Slot[], root = false): void {
  if (Array.isArray(value)) {
    if (value.length === 0) slots.push(["[]"]);
    for (const item of value) {
      slots.push(["-"]);
      writeValue(item, slots);
    }
  } else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0 && !root) slots.push(["{}"]);
    const integers = entries.filter(([key]) => isIntegerKey(key));
    // JavaScript objects list integer-like keys (`'201'`) first whatever order they were read in: a reading's map
    // holding them among other keys is tried with them at every position (in their order).
    if (integers.length > 0 && integers.length < entries.length) {
      const others = entries.filter(([key]) => !isIntegerKey(key));
      slots.push({ choice: interleavings(integers, others).map((order) => writeEntries(order)) });
    } else slots.push(...writeEntries(entries));
  } else if (typeof value === "string")
    // An empty text may also be a value of `<…>` markup only, which the scrape removed, leaving nothing on the page.
    slots.push(value === "" ? { choice: [[scalarForms(value, true)], []] } : scalarForms(value, true));
  else slots.push({ resolvesTo: value });
}

/** Every merge of `first` into `second` that keeps the order within each. */
function interleavings<T>(first: readonly T[], second: readonly T[]): T[][] {
  if (first.length === 0) return [[...second]];
  if (second.length === 0) return [[...first]];
  const [head, ...rest] = first as [T, ...T[]];
  const [other, ...others] = second as [T, ...T[]];
  return [
    ...interleavings(rest, second).map((order) => [head, ...order]),
    ...interleavings(first, others).map((order) => [other, ...order]),
  ];
}

function writeEntries(entries: readonly [string, unknown][]): Slot[] {
  const slots: Slot[] = [];
  for (const [key, item] of entries) {
    slots.push([...scalarForms(key, false)].map((form) => `${form}:`));
    writeValue(item, slots);
  }
  return slots;
}

function scalarForms(text: string, blocks: boolean): string[] {
  const forms = [`'${text.replace(/'/g, "''")}'`, JSON.stringify(text)];
  if (isPlain(text)) forms.push(text);
  if (blocks) {
    forms.push(`>- ${text}`, `|- ${text}`);
    if (text.endsWith(" ")) forms.push(`> ${text.trimEnd()}`, `| ${text.trimEnd()}`);
    if (text === "") forms.push(">-", "|-");
  }
  return forms;
}

/** Plain style is legal for text that does not start with an indicator, hold `: ` or ` #`, or read as another type. */
function isPlain(text: string): boolean {
  if (text === "" || text !== text.trim()) return false;
  // `-`, `?` and `:` start a plain scalar only when a non-space follows (`-1 - null` is plain text).
  if (/^[,[\]{}#&*!|>'"%@`]/.test(text) || /^[-?:](\s|$)/.test(text) || /: | #|:$/.test(text)) return false;
  return resolvePlain(text) === text;
}

/** Depth-first over the spellings; `seen` holds (slot, position) pairs already known not to lead to a match. */
function matches(
  slots: readonly Slot[],
  page: string,
  slot: number,
  position: number,
  seen: Set<string>,
): boolean {
  if (slot === slots.length) return position >= page.length;
  const state = `${slot}:${position}`;
  if (seen.has(state)) return false;
  seen.add(state);
  const current = slots[slot] as Slot;
  if ("choice" in current)
    return current.choice.some((order) =>
      matches([...order, ...slots.slice(slot + 1)], page, 0, position, new Set()),
    );
  const forms = "resolvesTo" in current ? resolvingWords(current, page, position) : current;
  for (const form of forms) {
    const end = position + form.length;
    if (page.startsWith(form, position) && (end >= page.length || page[end] === " ")) {
      if (matches(slots, page, slot + 1, end + 1, seen)) return true;
    }
  }
  return (
    "resolvesTo" in current && current.resolvesTo === null && matches(slots, page, slot + 1, position, seen)
  );
}

/** A number, boolean or null is written as one plain word that resolves to it. */
function resolvingWords(slot: { resolvesTo: unknown }, page: string, position: number): string[] {
  const end = page.indexOf(" ", position);
  const word = page.slice(position, end === -1 ? page.length : end);
  const value = resolvePlain(word);
  return Object.is(value, slot.resolvesTo) || (value === 0 && slot.resolvesTo === 0) ? [word] : [];
}
