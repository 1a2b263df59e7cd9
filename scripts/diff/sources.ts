/**
 * Where the compared documents come from: a file path, or a git ref whose `generated/openapi.yaml` is read with
 * `git show`. The `schema.ts` generated alongside supplies the aliases when it can be found.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parse, YAMLParseError } from "yaml";
import { ALIAS_LOCK_FILE } from "../aliases/name-lock.ts";
import { GeneratorError } from "../shared/openapi.ts";
import { readAliases } from "./aliases.ts";
import type { DocumentSide } from "./report.ts";

const run = promisify(execFile);

/** The merged document's and the types' paths inside the repository, as `git show REF:PATH` wants them. */
export const GIT_DOCUMENT_PATH = "generated/openapi.yaml";
export const GIT_SCHEMA_PATH = "generated/schema.ts";
export const GIT_LOCK_PATH = `generated/${ALIAS_LOCK_FILE}`;

/** Parses a merged document's text; a YAML error names the source and line. */
export function parseDocument(label: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new GeneratorError([{ file: label, line, message: `invalid YAML: ${(error as Error).message}` }]);
  }
}

async function gitShow(ref: string, file: string, cwd: string): Promise<string | undefined> {
  return run("git", ["show", `${ref}:${file}`], { cwd, maxBuffer: 256 * 1024 * 1024 }).then(
    (result) => result.stdout,
    () => undefined,
  );
}

/** Reads one side of the comparison: `source` is a file when one exists at that path, otherwise a git ref. */
export async function readSide(source: string, cwd: string): Promise<DocumentSide & { label: string }> {
  const file = path.resolve(cwd, source);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text !== undefined) {
    const sibling = (name: string) =>
      readFile(path.join(path.dirname(file), name), "utf8").catch(() => undefined);
    const aliases = readAliases({ lock: await sibling(ALIAS_LOCK_FILE), schema: await sibling("schema.ts") });
    return { label: source, document: parseDocument(source, text), aliases };
  }
  if (source.startsWith("-") || source.includes(":"))
    throw new GeneratorError([{ file: source, message: "no such file, and not a git ref" }]);
  const fromGit = await gitShow(source, GIT_DOCUMENT_PATH, cwd);
  if (fromGit === undefined)
    throw new GeneratorError([
      { file: source, message: `no such file, and no ${GIT_DOCUMENT_PATH} at this git ref` },
    ]);
  const aliases = readAliases({
    lock: await gitShow(source, GIT_LOCK_PATH, cwd),
    schema: await gitShow(source, GIT_SCHEMA_PATH, cwd),
  });
  const label = `${source}:${GIT_DOCUMENT_PATH}`;
  return {
    label,
    document: parseDocument(label, fromGit),
    aliases,
  };
}
