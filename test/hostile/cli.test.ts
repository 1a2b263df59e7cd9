/**
 * A representative subset of the hostile corpus through the real command (`node scripts/run.mjs generate`, as `npm run generate`): exit code
 * 1, exactly one `error: …` line on stderr naming the file and the line or pointer, and the output folder
 * byte-identical. The whole corpus runs in-process in test/hostile/hostile.test.ts.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnCli } from "../support/cli.ts";
import { type CorpusCase, corpusWithPriorOutput, snapshotFolder } from "./support/hostile.ts";

/** One case per kind of failure: syntax, resource limits, references, prototype keys, shape. */
const SUBSET = [
  "fails-on-unclosed-flow-mapping",
  "fails-on-billion-laughs-alias-bomb",
  "fails-on-50-mib-document",
  "fails-on-ref-with-path-traversal",
  "fails-on-proto-property-name",
];

let corpus: CorpusCase[];
let prior: string;
const temporary: string[] = [];

beforeAll(async () => {
  const fixture = await corpusWithPriorOutput("hostile-cli-prior-");
  corpus = fixture.cases;
  prior = fixture.prior;
  temporary.push(...fixture.folders);
});

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe("generate --specs <hostile case> --out <a previous good output>", () => {
  it("exits 1 with one error line naming the file and location, and leaves the folder byte-identical", async () => {
    const before = await snapshotFolder(prior);
    const results = await Promise.all(
      SUBSET.map(async (name) => {
        const found = corpus.find((c) => c.name === name);
        if (!found?.error) throw new Error(`${name} is not an illegal corpus case`);
        const outDir = await mkdtemp(path.join(tmpdir(), "hostile-cli-out-"));
        temporary.push(outDir);
        await cp(prior, outDir, { recursive: true });
        const failure = await spawnCli(["generate", "--specs", found.specsDir, "--out", outDir], outDir);
        const after = await snapshotFolder(outDir);
        return {
          name,
          code: failure.code,
          lines: failure.stderr.trimEnd().split("\n"),
          expected: found.error,
          unchanged: after.size === before.size && [...after].every(([f, b]) => before.get(f)?.equals(b)),
        };
      }),
    );
    for (const result of results) {
      expect(result.code, result.name).toBe(1);
      expect(result.lines, result.name).toHaveLength(1);
      expect(result.lines[0]?.startsWith(result.expected), `${result.name}: ${result.lines[0]}`).toBe(true);
      expect(result.unchanged, result.name).toBe(true);
    }
  }, 180_000);
});
