/**
 * What normalisation reports: one typed record per rewrite, and the summary a run prints (one line per kind and
 * file with a count, or one per kind when it touches many files, then one total line), so a 300-page collection
 * prints a few lines, not hundreds.
 */
import { compareStrings } from "../load/load.ts";
import type { Problem } from "../shared/openapi.ts";
import type { SchemaIdiom } from "./idioms.ts";

export type NormalisationKind = SchemaIdiom | "openapi-3.0" | "unknown-field";

/** One rewrite of one input file, at the JSON pointer where the file had the idiom. */
export interface Normalisation {
  kind: NormalisationKind;
  file: string;
  pointer: string;
  /** For `unknown-field`: the dropped field's name. */
  field?: string;
}

const WHAT: Record<NormalisationKind, string> = {
  nullable: "nullable normalised",
  "exclusive-bound": "boolean exclusiveMinimum/exclusiveMaximum normalised",
  "schema-example": "schema example normalised to examples",
  "openapi-3.0": "OpenAPI 3.0 document read as 3.1",
  "unknown-field": "unknown field dropped",
};

/** The one-line message of a single normalisation, as `--strict` reports it. */
export function describeNormalisation(normalisation: Normalisation): string {
  const field = normalisation.field === undefined ? "" : ` (${JSON.stringify(normalisation.field)})`;
  return `${WHAT[normalisation.kind]}${field}; --strict refuses it`;
}

/** `--strict`: every normalisation as a problem, so the run fails once with all of them. */
export function normalisationProblems(normalisations: readonly Normalisation[]): Problem[] {
  return normalisations.map((n) => ({ file: n.file, pointer: n.pointer, message: describeNormalisation(n) }));
}

/** Files of one kind listed one per line up to this many; past it, the kind gets one line naming the first few. */
const FILES_PER_KIND = 5;

/**
 * One line per file and kind (`0203_createRun.yaml: nullable normalised in 7 places`) while a kind touches a few
 * files, one line for the kind when it touches many (`schema example normalised to examples in 7520 places in 351
 * files: 0000.yaml, 0001.yaml, 0002.yaml and 348 more`), then a total line.
 */
export function summariseNormalisations(normalisations: readonly Normalisation[]): string[] {
  if (normalisations.length === 0) return [];
  const byKind = new Map<NormalisationKind, Map<string, number>>();
  for (const { file, kind } of normalisations) {
    const files = byKind.get(kind) ?? new Map<string, number>();
    files.set(file, (files.get(file) ?? 0) + 1);
    byKind.set(kind, files);
  }
  const lines: { file: string; kind: NormalisationKind; text: string }[] = [];
  for (const [kind, counts] of byKind) {
    const files = [...counts.keys()].sort(compareStrings);
    const what = (count: number) => `${WHAT[kind]}${kind === "openapi-3.0" ? "" : ` in ${places(count)}`}`;
    if (files.length <= FILES_PER_KIND) {
      for (const file of files) lines.push({ file, kind, text: `${file}: ${what(counts.get(file) ?? 0)}` });
      continue;
    }
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const named = files.slice(0, 3).join(", ");
    lines.push({
      file: "",
      kind,
      text: `${what(total)}${kind === "openapi-3.0" ? " for" : " in"} ${files.length} files: ${named} and ${files.length - 3} more`,
    });
  }
  const fileCount = new Set(normalisations.map((n) => n.file)).size;
  return [
    ...lines
      .sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind))
      .map(({ text }) => text),
    `${normalisations.length} normalisation${normalisations.length === 1 ? "" : "s"} in ${fileCount} file${
      fileCount === 1 ? "" : "s"
    } (--strict refuses them)`,
  ];
}

function places(count: number): string {
  return `${count} place${count === 1 ? "" : "s"}`;
}
