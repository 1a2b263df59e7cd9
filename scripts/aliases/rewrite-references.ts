/**
 * The one batch edit: every schema type and inline slot type moves into its exported alias, its old place and every
 * `components["schemas"]["X"]` reference now name the alias, and the aliases are appended with their JSDoc. Because
 * each alias *declares* its type (rather than pointing into `components`), the compiler attaches the alias name to
 * the type, and hovers and errors read `ConnectionEndpoint`.
 */
import type { AliasPlan, PlannedAlias } from "./plan-aliases.ts";
import type { SchemaReference, SourceScan } from "./scan-source.ts";
import type { Span } from "./type-tokens.ts";
import { escapeCommentText } from "./words.ts";

interface Edit extends Span {
  text: string;
}

/** Applies non-overlapping edits (sorted by start) to `text`, which begins at `offset` of the original. */
function applyEdits(text: string, offset: number, edits: readonly Edit[]): string {
  let out = "";
  let at = offset;
  for (const edit of edits) {
    out += text.slice(at - offset, edit.start - offset) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at - offset);
}

/** Removes the indentation of the line a moved type started on from its following lines. */
function dedent(source: string, start: number, body: string): string {
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart, start))?.[0] ?? "";
  if (indent === "") return body;
  return body
    .split("\n")
    .map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join("\n");
}

function jsDoc(alias: PlannedAlias): string {
  const source = escapeCommentText(alias.source).join(" ");
  if (alias.description === undefined) return `/** ${source} */`;
  const lines = [...escapeCommentText(alias.description.trim()), "", source];
  return ["/**", ...lines.map((line) => (line ? ` * ${line}` : " *")), " */"].join("\n");
}

export function rewriteSource(scan: SourceScan, plan: AliasPlan): string {
  const { text } = scan;
  const moved: Edit[] = [];
  for (const [schema, span] of scan.schemaTypes) {
    const name = plan.schemaAliases.get(schema);
    if (name !== undefined) moved.push({ ...span, text: name });
  }
  for (const [slot, span] of scan.slots) {
    const name = plan.slotAliases.get(slot);
    if (name !== undefined) moved.push({ ...span, text: name });
  }
  moved.sort((a, b) => a.start - b.start);
  const references = scan.references
    .filter((reference) => plan.schemaAliases.has(reference.schema))
    .map((reference: SchemaReference) => ({
      ...reference,
      text: plan.schemaAliases.get(reference.schema) ?? "",
    }))
    .sort((a, b) => a.start - b.start);
  // One sweep over both sorted lists: each reference is either inside one moved type (and goes with it) or stays.
  const bodies = new Map<string, string>();
  const topLevel: Edit[] = [...moved];
  let next = 0;
  for (const edit of moved) {
    while (next < references.length && (references[next]?.start ?? 0) < edit.start) {
      const outside = references[next++];
      if (outside) topLevel.push(outside);
    }
    const nested: Edit[] = [];
    while (next < references.length && (references[next]?.end ?? 0) <= edit.end) {
      const inside = references[next++];
      if (inside) nested.push(inside);
    }
    if (!bodies.has(edit.text))
      bodies.set(
        edit.text,
        dedent(text, edit.start, applyEdits(text.slice(edit.start, edit.end), edit.start, nested)),
      );
  }
  topLevel.push(...references.slice(next));
  topLevel.sort((a, b) => a.start - b.start);
  const declarations = plan.aliases.map((alias) => {
    const body = alias.body.kind === "alias" ? alias.body.target : bodies.get(alias.name);
    // Every planned schema and slot was found in the source by the scan; a miss is a bug, not bad input.
    if (body === undefined) throw new Error(`aliases: no declaration found for ${alias.name}`);
    return `${jsDoc(alias)}\nexport type ${alias.name} = ${body};\n`;
  });
  return `${applyEdits(text, 0, topLevel).trimEnd()}\n\n${declarations.join("")}`;
}
