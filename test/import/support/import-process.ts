/**
 * One collapsed page among clean neighbours, imported by a whole `npm run import` process (the way a user meets a
 * decision): the page's line of the summary and the document it wrote.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { type CliResult, spawnCli } from "../../support/cli.ts";
import type { RealPage } from "./real-pages.ts";

export interface ImportedPage {
  result: CliResult;
  /** The summary's line naming the page ("" where none does). */
  line: string;
  /** The document written for the page, parsed (undefined where none was). */
  written: unknown;
}

export async function importAmongCleanPages(
  pages: readonly RealPage[],
  index: number,
): Promise<ImportedPage> {
  const dir = await mkdtemp(path.join(tmpdir(), "import-process-"));
  try {
    await mkdir(path.join(dir, "pages"));
    for (const [at, page] of pages.entries())
      await writeFile(path.join(dir, "pages", page.name), at === index ? page.collapsed : page.clean);
    // The decision is tested, not the speed: a CPU budget of 10 s keeps a loaded machine from refusing the page.
    const result = await spawnCli([
      "import",
      "--page-cpu-ms",
      "10000",
      "--out",
      path.join(dir, "out"),
      path.join(dir, "pages"),
    ]);
    const name = (pages[index] as RealPage).name;
    const line = result.stdout.split("\n").find((each) => each.includes(name)) ?? "";
    const file = /-> (\S+) \(/.exec(line)?.[1];
    return { result, line, written: file === undefined ? undefined : parse(await readFile(file, "utf8")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
