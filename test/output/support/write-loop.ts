/**
 * Child process for test/output/atomic.test.ts: installs two output sets into one folder, alternately, with the real
 * `writeOutputs`, until it is killed. Usage: `node write-loop.mjs OUT_DIR SETS_JSON` (the test bundles it first, see
 * test/support/bundle.ts) where SETS_JSON holds
 * `[{ "name": "content", … }, { … }]`. Prints `ready` once the first set is in place.
 */
import { readFile } from "node:fs/promises";
import { writeOutputs } from "../../../scripts/output/write.ts";

const [outDir, setsFile] = process.argv.slice(2);
if (!outDir || !setsFile) throw new Error("usage: write-loop.ts OUT_DIR SETS_JSON");
const sets = (JSON.parse(await readFile(setsFile, "utf8")) as Record<string, string>[]).map(
  (set) => new Map(Object.entries(set)),
);
const owned = new Set(sets.flatMap((set) => [...set.keys()]));
for (let round = 0; ; round++) {
  await writeOutputs(outDir, sets[round % sets.length] ?? new Map(), owned);
  if (round === 0) console.log("ready");
}
