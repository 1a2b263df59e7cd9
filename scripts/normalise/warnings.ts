/**
 * What normalisation reports: one typed record per rewrite, and the summary a run prints (one line per kind and
 * file with a count, then one total line), so a 300-page collection prints a screenful, not thousands of lines.
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

/** One line per file and kind (`0203_createRun.yaml: nullable normalised in 7 places`), then a total line. */
export function summariseNormalisations(normalisations: readonly Normalisation[]): string[] {
  if (normalisations.length === 0) return [];
  const counts = new Map<string, { file: string; kind: NormalisationKind; count: number }>();
  for (const { file, kind } of normalisations) {
    const key = `${file}\u0000${kind}`;
    const entry = counts.get(key) ?? { file, kind, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const lines = [...counts.values()]
    .sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind))
    .map(
      ({ file, kind, count }) =>
        `${file}: ${WHAT[kind]}${kind === "openapi-3.0" ? "" : ` in ${places(count)}`}`,
    );
  const files = new Set(normalisations.map((n) => n.file)).size;
  return [
    ...lines,
    `${normalisations.length} normalisation${normalisations.length === 1 ? "" : "s"} in ${files} file${
      files === 1 ? "" : "s"
    } (--strict refuses them)`,
  ];
}

function places(count: number): string {
  return `${count} place${count === 1 ? "" : "s"}`;
}
