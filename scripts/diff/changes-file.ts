/**
 * `generated/CHANGES.md`: the API change report written next to the generated files on each regeneration, so a
 * pull request's diff shows what changed for client users.
 *
 * The rule that keeps it reproducible (and `generate --check` meaningful): the report compares the merged document
 * already in the output folder with the new one. When neither the document nor schema.ts changes, the existing
 * CHANGES.md is kept as it is, so regenerating an unchanged tree reproduces the committed report byte for byte
 * rather than replacing it with "no changes".
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFiles } from "../write.ts";
import { parseAliases } from "./components.ts";
import { diffDocuments, renderReport } from "./report.ts";
import { parseDocument } from "./sources.ts";

export const CHANGES_FILE = "CHANGES.md";

const HEADER =
  "<!-- Written by bctrl-api's generator when a regeneration changes generated/openapi.yaml or schema.ts: the " +
  "changes since the previous generated document. Do not edit by hand. -->\n";

/** The previous generation as far as the report needs it: the files it left in the output folder. */
export interface PreviousOutputs {
  document?: string;
  schema?: string;
  changes?: string;
}

export async function readPreviousOutputs(outDir: string): Promise<PreviousOutputs> {
  const read = (name: string) => readFile(path.join(outDir, name), "utf8").catch(() => undefined);
  return {
    document: await read("openapi.yaml"),
    schema: await read("schema.ts"),
    changes: await read(CHANGES_FILE),
  };
}

/** The CHANGES.md that goes with `files`, given what the previous generation left behind. */
export function renderChangesFile(previous: PreviousOutputs, files: OutputFiles): string {
  const document = files.get("openapi.yaml") ?? "";
  const schema = files.get("schema.ts");
  const unchanged = previous.document === document && previous.schema === schema;
  if (unchanged && previous.changes !== undefined) return previous.changes;
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
    { document: before, aliases: previous.schema === undefined ? undefined : parseAliases(previous.schema) },
    {
      document: parseDocument("openapi.yaml", document),
      aliases: schema === undefined ? undefined : parseAliases(schema),
    },
  );
  return (
    HEADER + renderReport(report, { level: "#", oldLabel: "previous openapi.yaml", newLabel: "openapi.yaml" })
  );
}
