/**
 * The API change report: compares two merged documents (and, when both are known, the aliases of their schema.ts)
 * and prints Markdown for reviewers, each change classified for client users.
 */
import { type Aliases, compareAliases } from "./aliases.ts";
import { compareComponentSchemas } from "./components.ts";
import { allChanges, type ChangeReport, type Entry, type Section, type Severity } from "./model.ts";
import { compareOperations } from "./operations.ts";
import type { Json } from "./resolve.ts";

export interface DocumentSide {
  document: Json;
  /** Aliases generated with the document (see aliases.ts); undefined when they could not be read. */
  aliases?: Aliases;
}

export function diffDocuments(before: DocumentSide, after: DocumentSide): ChangeReport {
  const sides = { oldDocument: before.document, newDocument: after.document };
  const report: ChangeReport = {
    operations: compareOperations(sides),
    schemas: compareComponentSchemas(sides),
  };
  if (before.aliases && after.aliases) report.aliases = compareAliases(sides, before.aliases, after.aliases);
  return report;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  breaking: "**breaking**",
  "potentially-breaking": "**potentially breaking**",
  safe: "safe",
};

/**
 * A Markdown code span holding `text` verbatim: the fence is one backtick longer than any run inside, and line
 * breaks become spaces, so nothing a spec says can end the span or start Markdown of its own.
 */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Escapes Markdown in free text taken from a document (enum values, names inside messages). An underscore inside a
 * word cannot start emphasis, so `snake_case_names` stay readable; one at a word's edge is escaped. The text never
 * starts a line, so `#` needs no escape.
 */
export function plain(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/([\\`*[\]<>|~])/g, "\\$1")
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

function sectionChanges(section: Section | undefined) {
  return section ? [...section.added, ...section.removed, ...section.changed].flatMap((e) => e.changes) : [];
}

/**
 * One count per section: the same edit can show under an operation and under the schema it lives in, so a single
 * total would count it twice.
 */
export function summarize(report: ChangeReport): string {
  if (allChanges(report).length === 0) return "No changes for client users.";
  const sections: [string, Section | undefined][] = [
    ["Operations", report.operations],
    ["schemas", report.schemas],
    ["aliases", report.aliases],
  ];
  const parts = sections.map(([title, section]) => {
    const counts: Record<Severity, number> = { breaking: 0, "potentially-breaking": 0, safe: 0 };
    for (const change of sectionChanges(section)) counts[change.severity]++;
    const listed = (Object.keys(counts) as Severity[])
      .filter((severity) => counts[severity] > 0)
      .map((severity) => `${counts[severity]} ${severity.replace("-", " ")}`);
    return `${title}: ${section === undefined ? "not compared" : listed.length === 0 ? "none" : listed.join(", ")}`;
  });
  return `${parts.join("; ")}.`;
}

function renderEntry(entry: Entry, single: boolean): string[] {
  const head = `${code(entry.name)}${entry.note === undefined ? "" : ` (${plain(entry.note)})`}`;
  const line = (c: Entry["changes"][number]) => {
    const place = [
      c.where === "operation" || c.where === "schema" || c.where === "alias" ? "" : plain(c.where),
    ]
      .concat(c.field === "" ? [] : [code(c.field)])
      .filter(Boolean)
      .join(" ");
    return `${SEVERITY_LABEL[c.severity]}: ${place === "" ? "" : `${place}: `}${plain(c.message)}`;
  };
  const [first] = entry.changes;
  if (single && entry.changes.length === 1 && first) return [`- ${head}: ${line(first)}`];
  return [`- ${head}`, ...entry.changes.map((c) => `  - ${line(c)}`)];
}

function renderSection(
  title: string,
  section: Section | undefined,
  level: string,
  missing: string,
): string[] {
  if (!section) return [`${level} ${title}`, "", missing, ""];
  const parts: string[] = [`${level} ${title}`, ""];
  const groups: [string, Entry[], boolean][] = [
    ["Added", section.added, true],
    ["Removed", section.removed, true],
    ["Changed", section.changed, false],
  ];
  const nonEmpty = groups.filter(([, entries]) => entries.length > 0);
  if (nonEmpty.length === 0) return [...parts, "No changes.", ""];
  for (const [name, entries, single] of nonEmpty)
    parts.push(`${level}# ${name}`, "", ...entries.flatMap((e) => renderEntry(e, single)), "");
  return parts;
}

export interface RenderOptions {
  /** Heading level of the title: `#` for a file, `##` inside a job summary. */
  level: "#" | "##";
  oldLabel: string;
  newLabel: string;
}

/** Renders the report as Markdown; the same report always renders to the same text. */
export function renderReport(report: ChangeReport, options: RenderOptions): string {
  const sub = `${options.level}#`;
  const lines = [
    `${options.level} API changes`,
    "",
    `Compared ${code(options.oldLabel)} with ${code(options.newLabel)}: ${summarize(report)}`,
    "",
    "Breaking: client code that compiled or worked before may not now. Potentially breaking: code that handles every " +
      "known case (an exhaustive switch) may meet a new one. Safe: existing code keeps working.",
    "",
    ...renderSection("Operations", report.operations, sub, ""),
    ...renderSection("Schemas", report.schemas, sub, ""),
    ...renderSection(
      "Aliases",
      report.aliases,
      sub,
      "Not compared: the schema.ts generated with one of the documents was not found.",
    ),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
