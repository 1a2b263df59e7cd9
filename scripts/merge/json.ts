/**
 * Plain-JSON helpers the merge rules share: a canonical text for structural comparison, the first differing
 * JSON pointer between two values, and the description-blind view used to fold scraped pages.
 */
import { compareStrings } from "../load/load.ts";
import { escapePointer, isRecord } from "../shared/openapi.ts";

/**
 * JSON with object keys sorted, so two values that differ only in key order print the same. The merge prints every
 * input schema and operation with it, so it appends to one string instead of building arrays to join.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++)
      text += (index === 0 ? "" : ",") + canonicalJson(value[index]);
    return `${text}]`;
  }
  // The default sort compares UTF-16 code units, the same order as compareStrings.
  const keys = Object.keys(value).sort();
  let text = "{";
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    text += `${index === 0 ? "" : ","}${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`;
  }
  return `${text}}`;
}

/** True when both values are the same JSON data, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

/** The JSON pointer (relative to the values) of the first place `a` and `b` differ, in sorted key order. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let index = 0; index < length; index++) {
      if (index >= a.length || index >= b.length) return `${at}/${index}`;
      const found = firstDifference(a[index], b[index], `${at}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
    for (const key of keys) {
      const child = `${at}/${escapePointer(key)}`;
      if (!(key in a) || !(key in b)) return child;
      const found = firstDifference(a[key], b[key], child);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : at;
}

/** The value with every string `description` removed: scraped pages lose `<…>` runs from descriptions. */
export function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === "description" && typeof v === "string"))
      .map(([key, v]) => [key, withoutDescriptions(v)]),
  );
}

/** Total length of the value's descriptions: of two description-only variants, the longer one lost less text. */
export function descriptionLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + descriptionLength(v), 0);
  if (!isRecord(value)) return 0;
  let total = 0;
  for (const [key, v] of Object.entries(value)) {
    total += key === "description" && typeof v === "string" ? v.length : descriptionLength(v);
  }
  return total;
}
