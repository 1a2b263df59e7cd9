/**
 * Vocabulary of the API change report: what one change is, how bad it is for client users, and the report's shape.
 */

/** How a change affects code that uses the generated client and types. */
export type Severity = "breaking" | "potentially-breaking" | "safe";

/** Which way data flows through a schema: requests are written by clients, responses are read by them. */
export type Direction = "request" | "response";

/** One change, located by a human-readable place (`request body`, `response 200`) and a field path. */
export interface Change {
  severity: Severity;
  /** Where in the operation or schema: e.g. `request body`, `response 200`, `query parameter limit`. */
  where: string;
  /** Field path inside the schema (`a.b[].c`); empty for the schema itself. */
  field: string;
  message: string;
}

/** A named thing (operation, schema, alias) that was added, removed or changed. */
export interface Entry {
  /** `POST /v1/things`, a schema name or an alias name. */
  name: string;
  /** Extra context shown after the name, e.g. the operationId. */
  note?: string;
  changes: Change[];
}

export interface Section {
  added: Entry[];
  removed: Entry[];
  changed: Entry[];
}

export interface ChangeReport {
  operations: Section;
  schemas: Section;
  /** Absent when the aliases of one side could not be read (no schema.ts next to the document). */
  aliases?: Section;
}

export const SEVERITY_ORDER: readonly Severity[] = ["breaking", "potentially-breaking", "safe"];

/** The worse of two severities. */
export function worst(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) <= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/** Every change of a report, flattened, for counting and for `--fail-on-breaking`. */
export function allChanges(report: ChangeReport): Change[] {
  return [report.operations, report.schemas, report.aliases]
    .flatMap((section) => (section ? [...section.added, ...section.removed, ...section.changed] : []))
    .flatMap((entry) => entry.changes);
}

export function hasBreaking(report: ChangeReport): boolean {
  return allChanges(report).some((change) => change.severity === "breaking");
}

/** Code-unit order, independent of locale. */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Orders changes worst first, then by place, so the report reads the same on every machine. */
export function sortChanges(changes: Change[]): Change[] {
  const key = (c: Change) =>
    `${SEVERITY_ORDER.indexOf(c.severity)}\u0000${c.where}\u0000${c.field}\u0000${c.message}`;
  return [...changes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
