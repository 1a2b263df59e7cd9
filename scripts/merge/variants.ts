/**
 * The one rule for a key that several files define (a component name, a path and method): equal values are kept
 * once; values that differ only in descriptions keep the longest text with a warning (the scraped docs pages drop
 * `<…>` runs, so `Use Bearer .` is the damaged copy of `Use Bearer <api-key>.`); anything else is a conflict naming
 * both files and the JSON pointer of the first difference.
 */
import { compareStrings } from "../load/load.ts";
import type { Problem } from "../shared/openapi.ts";
import { canonicalJson, descriptionLength, firstDifference, withoutDescriptions } from "./json.ts";

export interface Sourced<T> {
  value: T;
  file: string;
}

/** What a rule found that the run reports: problems fail the run, warnings are printed. */
export interface Findings {
  problems: Problem[];
  warnings: string[];
}

/** How many file names a warning lists before it says "and N more". */
const NAMED_FILES = 3;

/**
 * Picks the value to keep for one key from every file's copy (`copies` in document order, never empty).
 * `at` is the key's JSON pointer in the merged document.
 */
export function reconcile<T>(copies: readonly Sourced<T>[], at: string, findings: Findings): Sourced<T> {
  const first = copies[0] as Sourced<T>;
  if (copies.length === 1) return first;
  const texts = copies.map((copy) => canonicalJson(copy.value));
  if (texts.every((text) => text === texts[0])) return first;

  const blind = canonicalJson(withoutDescriptions(first.value));
  const conflicting = copies.find((copy) => canonicalJson(withoutDescriptions(copy.value)) !== blind);
  if (conflicting) {
    const difference = firstDifference(first.value, conflicting.value) ?? "";
    findings.problems.push({
      file: conflicting.file,
      pointer: at + difference,
      otherFile: first.file,
      message: `${describe(at)} differs between files (first difference at ${difference || "the root"})`,
    });
    return first;
  }

  const kept = longestDescriptions(copies, texts);
  const others = [
    ...new Set(copies.filter((_copy, i) => texts[i] !== canonicalJson(kept.value)).map((c) => c.file)),
  ];
  others.sort(compareStrings);
  const named = others.slice(0, NAMED_FILES).join(", ");
  const more = others.length > NAMED_FILES ? ` and ${others.length - NAMED_FILES} more` : "";
  findings.warnings.push(
    `${kept.file}#${at}: descriptions differ in ${named}${more}; kept the longest, from ${kept.file}`,
  );
  return kept;
}

/** The copy whose descriptions are longest in total; ties go to the smallest canonical text, so order never matters. */
function longestDescriptions<T>(copies: readonly Sourced<T>[], texts: readonly string[]): Sourced<T> {
  let best = 0;
  for (let index = 1; index < copies.length; index++) {
    const length = descriptionLength(copies[index]?.value);
    const bestLength = descriptionLength(copies[best]?.value);
    const text = texts[index] as string;
    if (length > bestLength || (length === bestLength && compareStrings(text, texts[best] as string) < 0))
      best = index;
  }
  return copies[best] as Sourced<T>;
}

/** `/components/schemas/Foo` → `components schemas Foo`, for messages. */
function describe(at: string): string {
  return at
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(" ");
}
