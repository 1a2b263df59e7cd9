/**
 * `generated/CHANGES.md`: the API change report written next to the generated files on each regeneration, so a
 * pull request's diff shows what changed for client users.
 *
 * The rule that keeps it reproducible (and `generate --check` meaningful): the report compares the merged document
 * already in the output folder with the new one. When neither the document nor the aliases (names and what they
 * stand for) change, the existing CHANGES.md is kept as it is, so regenerating an unchanged tree reproduces the
 * committed report byte for byte rather than replacing it with "no changes".
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ALIAS_LOCK_FILE } from "../aliases/name-lock.ts";
import { CHANGES_FILE, type OutputFiles } from "../output/write.ts";
import { type Aliases, readAliases } from "./aliases.ts";
import { diffDocuments, renderReport } from "./report.ts";
import { parseDocument } from "./sources.ts";

const HEADER =
  "<!-- Written by bctrl-api's generator when a regeneration changes openapi.yaml or the aliases: the " +
  "changes since the previous generated document. Do not edit by hand. -->\n";

/** The previous generation as far as the report needs it: the files it left in the output folder. */
export interface PreviousOutputs {
  document?: string;
  schema?: string;
  lock?: string;
  changes?: string;
}

export async function readPreviousOutputs(outDir: string): Promise<PreviousOutputs> {
  const read = (name: string) => readFile(path.join(outDir, name), "utf8").catch(() => undefined);
  return {
    document: await read("openapi.yaml"),
    schema: await read("schema.ts"),
    lock: await read(ALIAS_LOCK_FILE),
    changes: await read(CHANGES_FILE),
  };
}

function sameAliases(before: Aliases | undefined, after: Aliases | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  const same = (name: string, keys: readonly string[]) => after.get(name)?.join("\n") === keys.join("\n");
  return before.size === after.size && [...before].every(([name, keys]) => same(name, keys));
}

const LOCK_DELETED =
  `**Aliases renamed because ${ALIAS_LOCK_FILE} was deleted.** The alias lock was missing from the output folder, so ` +
  "every alias name was chosen afresh; alias renames above come from that, not from the API. Restore the lock " +
  "from version control and regenerate to keep the old names.";

/** The previous generation left a schema.ts but no lock, and the aliases it exported differ from the new ones. */
function lockDeleted(
  previous: PreviousOutputs,
  before: Aliases | undefined,
  after: Aliases | undefined,
): boolean {
  if (
    previous.lock !== undefined ||
    previous.schema === undefined ||
    before === undefined ||
    after === undefined
  )
    return false;
  const names = (aliases: Aliases) => [...aliases.keys()].sort().join("\n");
  return names(before) !== names(after);
}

/** The CHANGES.md that goes with `files`, given what the previous generation left behind. */
export function renderChangesFile(previous: PreviousOutputs, files: OutputFiles): string {
  const document = files.get("openapi.yaml") ?? "";
  const oldAliases = readAliases(previous);
  const newAliases = readAliases({ lock: files.get(ALIAS_LOCK_FILE), schema: files.get("schema.ts") });
  if (previous.changes !== undefined && previous.document === document && sameAliases(oldAliases, newAliases))
    return previous.changes;
  if (previous.document === undefined) {
    return `${HEADER}# API changes\n\nThere was no previous generated openapi.yaml to compare with: this is the first generation.\n`;
  }
  let before: unknown;
  try {
    before = parseDocument("previous openapi.yaml", previous.document);
  } catch {
    return `${HEADER}# API changes\n\nThe previous generated openapi.yaml could not be parsed, so there is nothing to compare with.\n`;
  }
  const report = diffDocuments(
    { document: before, aliases: oldAliases },
    { document: parseDocument("openapi.yaml", document), aliases: newAliases },
  );
  const labels = { oldLabel: "previous openapi.yaml", newLabel: "openapi.yaml" };
  const rendered = HEADER + renderReport(report, { level: "#", ...labels });
  return lockDeleted(previous, oldAliases, newAliases)
    ? `${rendered.trimEnd()}\n\n${LOCK_DELETED}\n`
    : rendered;
}
