/**
 * What the collapsed-page reader (recover-collapsed.ts) derives from the page's text and from evidence rules before and
 * while it searches: the components the text refers to, the document's own keys pinned where the text holds them
 * once, the checks that hold every reading to a rule, how a rule judges what a reading has already read, the habits
 * together as one rule, which readings compete without a rule to prefer either, and the memo's detail under evidence.
 */
import { readKey, type Word } from "./collapsed-text.ts";
import { documentProblems, type EvidenceRule, type Path } from "./evidence.ts";
import type { Detail } from "./reading-signature.ts";
import type { Frame, ObjectCheck } from "./reading-stack.ts";
import type { Alternative, KeyCheck } from "./reading-steps.ts";

/** The held rules as the reader's key check; each rule that rules out a reading is added to `used`. */
export function heldKeyCheck(rules: readonly EvidenceRule[], used: Set<string>): KeyCheck {
  return (path, entries, key, value) => {
    for (const rule of rules) {
      const problem = rule.keyProblems?.(path, entries, key, value)[0];
      if (problem === undefined) continue;
      used.add(rule.name);
      return problem;
    }
    return undefined;
  };
}

/** The held rules as the reader's object check; each rule that rules out a reading is added to `used`. */
export function heldCheck(rules: readonly EvidenceRule[], used: Set<string>): ObjectCheck {
  return (path, entries, complete) => {
    for (const rule of rules) {
      const problem = rule.problems(path, entries, complete)[0];
      if (problem === undefined) continue;
      used.add(rule.name);
      return problem;
    }
    return undefined;
  };
}

/**
 * The site's per-endpoint documents carry only the components their operations use, so an entry of a components
 * map must be referenced somewhere in the text; this tells a new component from one more property of the last one.
 */
export function componentReferences(source: string): Set<string> {
  const references = new Set<string>();
  for (const match of source.matchAll(/#\/components\/([A-Za-z]+)\/([^\s'"#]+)/g)) {
    const name = (match[2] as string).replace(/~1/g, "/").replace(/~0/g, "~");
    references.add(`${match[1]}/${name}`);
    references.add(`${match[1]}/${safeDecode(name)}`);
  }
  return references;
}

/**
 * The document must have `openapi` and `info`, `components` when the text refers to components, and the `pageKeys`
 * the page itself requires (`paths` on an endpoint's page: OpenAPI 3.1 allows a document without paths, an endpoint's
 * page does not): where exactly one word of the text reads as such a key, that word is the document's own key in
 * every valid reading. Pinning it keeps
 * the search from trying to read it (and all that follows) into an example or an extension, which only fails at the
 * end of the page.
 */
export function documentAnchors(
  positions: ReadonlyMap<string, readonly number[]>,
  references: ReadonlySet<string>,
  pageKeys: readonly string[] = [],
): Set<number> {
  const required = new Set(["openapi", "info", ...pageKeys, ...(references.size > 0 ? ["components"] : [])]);
  const anchors = new Set<number>();
  for (const key of required) {
    const found = positions.get(key);
    if (found?.length === 1) anchors.add(found[0] as number);
  }
  return anchors;
}

/** The words of the text that read as each key, in order (documentAnchors, missesRequiredKey). */
export function keyPositions(words: readonly Word[], source: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (let index = 0; index < words.length; index++) {
    const key = readKey(words, source, index)?.value;
    if (key === undefined) continue;
    const found = positions.get(key);
    if (found) found.push(index);
    else positions.set(key, [index]);
  }
  return positions;
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A rule's problems with each value a reading has closed, by the value, the rule (its key) and the value's place: the
 * rivals of one page share the values they have read, and each was walked again for every rule at every choice point
 * (half of a long page's time).
 */
export type ClosedValueProblems = WeakMap<object, Map<string, Set<string>>>;

/**
 * Whether what `stack` has already read breaks `rule` beyond the `accepted` problems: the rival's state was reached
 * without the rule, so the objects it has closed were never shown to it. `memo` keeps the problems of closed values.
 */
export function stackProblem(
  stack: readonly Frame[],
  rule: EvidenceRule,
  accepted: ReadonlySet<string>,
  memo?: { readonly problems: ClosedValueProblems; readonly ruleKey: number },
  rest?: () => Iterable<string>,
): boolean {
  const breaks = (problems: Iterable<string>) => [...problems].some((problem) => !accepted.has(problem));
  const closedProblems = (value: object, path: Path): Set<string> => {
    if (!memo) return documentProblems(rule, value, path);
    const byPlace = memo.problems.get(value) ?? new Map<string, Set<string>>();
    memo.problems.set(value, byPlace);
    const place = `${memo.ruleKey}\u0001${path.join("\u0000")}`;
    const known = byPlace.get(place);
    if (known) return known;
    const found = documentProblems(rule, value, path);
    byPlace.set(place, found);
    return found;
  };
  for (const frame of stack) {
    const items: readonly (readonly [string | number, unknown])[] =
      frame.tag === "map" ? frame.entries : frame.items.map((item, index) => [index, item] as const);
    for (const [key, value] of items)
      if (typeof value === "object" && value !== null && breaks(closedProblems(value, [...frame.path, key])))
        return true;
    if (frame.tag === "map" && breaks(rule.problems(frame.path, frame.entries, false))) return true;
    if (frame.tag === "map" && frame.pending !== undefined)
      if (breaks(rule.keyProblems?.(frame.path, frame.entries, frame.pending) ?? [])) return true;
  }
  // Only the list being read: the page's next words are its later items' (a list lower in the stack goes on after the
  // values open above it close).
  const top = stack[stack.length - 1];
  if (top?.tag === "list" && rest && rule.openListProblems)
    return breaks(rule.openListProblems(top.path, top.items, rest));
  return false;
}

/**
 * The rules judging objects as they are read, together as one: a rival every completion of which breaks one of them
 * somewhere the preferred reading does not (each habit alone leaving it a completion) is ruled out by them together.
 */
export function combined(rules: readonly EvidenceRule[]): EvidenceRule[] {
  const parts = rules.filter((rule) => !rule.exact && !rule.atEnd);
  if (parts.length < 2) return [];
  const named = (rule: EvidenceRule, problems: readonly string[]) =>
    problems.map((problem) => `${rule.name}: ${problem}`);
  return [
    {
      name: parts.map((rule) => rule.name).join(" + "),
      exact: false,
      ...(parts.every((rule) => rule.sees !== undefined) ? { sees: "scalars" as const } : {}),
      problems: (path, entries, complete) =>
        parts.flatMap((rule) => named(rule, rule.problems(path, entries, complete))),
      keyProblems: (path, entries, key, value) =>
        parts.flatMap((rule) => named(rule, rule.keyProblems?.(path, entries, key, value) ?? [])),
      openListProblems: (path, items, rest) =>
        parts.flatMap((rule) => named(rule, rule.openListProblems?.(path, items, rest) ?? [])),
      ...(parts.some((rule) => rule.blocksOnly !== undefined)
        ? {
            blocksOnly: (problem: string) =>
              parts.some(
                (rule) =>
                  rule.blocksOnly !== undefined &&
                  problem.startsWith(`${rule.name}: `) &&
                  rule.blocksOnly(problem.slice(rule.name.length + 2)),
              ),
          }
        : {}),
    },
  ];
}

/**
 * The readings that compete with the one at `position` without a rule to prefer either: other entries of a different
 * map, items of a different list, or, for text that ends before a word read as a map entry's name, the text running
 * on past that word (past every later one, for a folded text too short to have been folded: `everyLaterEndRivals`).
 */
export function rivalsOf(options: readonly Alternative[], position: number): Alternative[] {
  const option = options[position] as Alternative;
  if (option.group === "text")
    return option.everyLaterEndRivals === true
      ? options.slice(position + 1)
      : options.slice(position + 1, position + 2);
  // A map entry rivals a field whose entries rival it (`entriesRival`), and any field when the entry's object is
  // inside a free value.
  const entryRival = (rival: Alternative) =>
    rival.group === "map entry" && (option.entriesRival === true || rival.free === true);
  if (option.group === "field against entries") return options.filter(entryRival);
  // An entry the evidence put before fields that take any value (reading-steps.ts `evidenceFavoursEntries`).
  if (option.group === "map entry")
    return options
      .slice(position + 1)
      .filter(
        (rival) =>
          rival.group === "map entry" ||
          (rival.entriesRival === true &&
            (rival.group === "field" || rival.group === "field against entries")),
      );
  if (option.group === "field")
    return options
      .slice(position + 1)
      .filter(
        (rival) => rival.group === "field" || rival.group === "field against entries" || entryRival(rival),
      );
  return options.slice(position + 1).filter((rival) => rival.group === option.group);
}

const DETAILS: readonly Detail[] = ["model", "scalars", "whole"];

/** The finer of two details of the memo's signatures. */
export function finer(a: Detail, b: Detail): Detail {
  return DETAILS.indexOf(a) >= DETAILS.indexOf(b) ? a : b;
}
