/** `npm run diff -- OLD NEW`: reads both sides, compares them and renders the report. */
import { hasBreaking } from "./model.ts";
import { diffDocuments, renderReport } from "./report.ts";
import { readSide } from "./sources.ts";

export interface DiffResult {
  markdown: string;
  breaking: boolean;
}

export async function diffSources(oldSource: string, newSource: string, cwd: string): Promise<DiffResult> {
  const before = await readSide(oldSource, cwd);
  const after = await readSide(newSource, cwd);
  const report = diffDocuments(before, after);
  return {
    markdown: renderReport(report, { level: "##", oldLabel: before.label, newLabel: after.label }),
    breaking: hasBreaking(report),
  };
}
