/**
 * `generate --check`: how the output folder differs from what the inputs generate, file by file, so the message
 * can name each file and say what is wrong with it.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../load/load.ts";
import { MANIFEST_FILE } from "./input-hash.ts";
import type { OutputFiles } from "./write.ts";

export interface Drift {
  /** Name relative to the output folder. */
  file: string;
  /** `stale`: content differs; `missing`: not there; `unexpected`: generator-owned but no longer generated. */
  kind: "stale" | "missing" | "unexpected";
}

export async function driftOf(
  outDir: string,
  files: OutputFiles,
  owned: ReadonlySet<string>,
): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const [file, content] of files) {
    const current = await readFile(path.join(outDir, file), "utf8").catch(() => undefined);
    if (current === undefined) drift.push({ file, kind: "missing" });
    else if (current !== content) drift.push({ file, kind: "stale" });
  }
  for (const file of await readdir(outDir).catch(() => [] as string[])) {
    if (owned.has(file) && !files.has(file)) drift.push({ file, kind: "unexpected" });
  }
  return drift.sort((a, b) => compareStrings(a.file, b.file));
}

/** One line per drifted file, naming it, saying what is wrong and how to fix it. */
export function describeDrift(outDir: string, drift: Drift): string {
  const file = path.join(outDir, drift.file).split(path.sep).join("/");
  const what =
    drift.file === MANIFEST_FILE && drift.kind === "stale"
      ? "records other inputs: specs/, scripts/, package-lock.json or the config changed since the last generation"
      : {
          stale: "differs from what the specs and generator produce",
          missing: "is missing",
          unexpected: "is a generator-owned file that is no longer generated",
        }[drift.kind];
  return `${drift.kind}: ${file} ${what}; run \`make generate\` and commit ${outDir}/`;
}
