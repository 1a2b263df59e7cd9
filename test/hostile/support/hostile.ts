/**
 * The hostile-input corpus (test/hostile/fixtures/): one folder per behaviour, holding `specs/` and `expected.txt`
 * (`generates`, or the start of the one error line the CLI prints).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "../../../scripts/generate.ts";
import { ROOT, SPECS_DIR } from "../../support/seeds.ts";

export const CORPUS_DIR = path.join(ROOT, "test/hostile/fixtures");

export interface CorpusCase {
  name: string;
  /** A temporary copy of the case's `specs/`, completed with any input written at test time. */
  specsDir: string;
  /** `undefined` when the case must generate; otherwise the start of the expected `error: …` line. */
  error: string | undefined;
}

/** Inputs too big to commit, written into the case's copy at test time. */
const WRITTEN_AT_TEST_TIME: Record<string, (specsDir: string) => Promise<void>> = {
  "fails-on-50-mib-document": async (specsDir) => {
    const head = "openapi: 3.1.0\ninfo:\n  title: huge\n  version: '1'\npaths: {}\nx-padding: |\n";
    const line = `  ${"x".repeat(1021)}\n`;
    const body = line.repeat(Math.ceil((50 * 2 ** 20 - head.length) / line.length));
    await writeFile(path.join(specsDir, "huge.yaml"), head + body.slice(0, 50 * 2 ** 20 - head.length));
  },
};

/** Copies every corpus case to a temporary folder (`dir`, for removing afterwards) and reads its expectation. */
export async function readCorpus(): Promise<{ dir: string; cases: CorpusCase[] }> {
  const work = await mkdtemp(path.join(tmpdir(), "hostile-corpus-"));
  const names = (await readdir(CORPUS_DIR)).sort();
  const cases = await Promise.all(
    names.map(async (name) => {
      const specsDir = path.join(work, name, "specs");
      await cp(path.join(CORPUS_DIR, name), path.join(work, name), { recursive: true });
      await mkdir(specsDir, { recursive: true });
      await WRITTEN_AT_TEST_TIME[name]?.(specsDir);
      const expected = (await readFile(path.join(CORPUS_DIR, name, "expected.txt"), "utf8")).trim();
      return { name, specsDir, error: expected === "generates" ? undefined : expected };
    }),
  );
  return { dir: work, cases };
}

/**
 * The corpus copy plus a good output generated from the seed specs, which every illegal case must leave
 * byte-identical; `folders` lists what to remove afterwards.
 */
export async function corpusWithPriorOutput(
  prefix: string,
): Promise<{ cases: CorpusCase[]; prior: string; folders: string[] }> {
  const copy = await readCorpus();
  const prior = await mkdtemp(path.join(tmpdir(), prefix));
  await generate({ specsDir: SPECS_DIR, outDir: prior, parseCache: false });
  return { cases: copy.cases, prior, folders: [copy.dir, prior] };
}

/** Every file under `dir` (recursively, hidden ones too) with its bytes, for byte-for-byte comparison. */
export async function snapshotFolder(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const snapshot = new Map<string, Buffer>();
  for (const entry of files) {
    const full = path.join(entry.parentPath, entry.name);
    snapshot.set(path.relative(dir, full), await readFile(full));
  }
  return new Map([...snapshot].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
