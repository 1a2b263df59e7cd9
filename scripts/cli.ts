/**
 * Command line: parses arguments and hands them to the library functions in scripts/. No logic lives here.
 *   generate [--specs DIR] [--out DIR] [--check] [--strict]
 *   import [--out DIR] PAGE_OR_DIR...   (docs pages, collapsed scrapes or plain YAML specs -> DIR/<tag>/<operationId>.yaml)
 *   diff OLD NEW [--fail-on-breaking]   (OLD, NEW: a merged document's path, or a git ref of generated/openapi.yaml)
 *   sync --from URL [--out DIR] [--prune] [--dry-run] [--keep-going]   (the docs site's llms.txt -> DIR)
 * Each answers --help (scripts/cli-help.ts). `npm run mock` has its own entry, scripts/mock.ts, so that it starts without
 * loading the generator.
 *
 * Each command imports its stages when it runs (`await import`), so `generate` with nothing changed never loads
 * TypeScript, ts-morph, openapi-core or openapi-typescript, and `diff` never loads the generator. `runCli` runs a
 * command in this process with its own output streams and working folder; scripts/run.mjs (what `npm run` calls)
 * and the tests use it, and running this file directly (`tsx scripts/cli.ts …`) does the same for the real process.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type CommandName, commandHelp, overviewHelp, usageLine, wantsHelp } from "./cli-help.ts";
import { describeError, formatProblem, GeneratorError, oneLine } from "./shared/openapi.ts";

/** Where a command writes and what it treats as the working folder. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Relative paths in arguments and the default config file resolve against this folder. */
  cwd: string;
}

/** The part of a stream a command uses; `isTTY` and `columns` decide whether sync draws a progress line. */
export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const line = (stream: OutputStream, text: string) => stream.write(`${text}\n`);

/** A path argument as this process opens it: relative to `io.cwd`, and as typed when that is the process's own. */
function inCwd(io: CliIo, file: string): string {
  return path.isAbsolute(file) || path.resolve(io.cwd) === process.cwd() ? file : path.join(io.cwd, file);
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: "string", default: "specs" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) {
    line(io.stderr, usageLine("import"));
    return 2;
  }
  const { importPages } = await import("./import/import-pages.ts");
  const summary = await importPages({
    inputs: positionals.map((input) => inCwd(io, input)),
    outDir: inCwd(io, values.out),
  });
  for (const { source, fileName } of summary.imported)
    line(io.stdout, `imported ${source} -> ${values.out}/${fileName}`);
  for (const problem of summary.failed) line(io.stderr, `error: ${formatProblem(problem)}`);
  line(io.stdout, `import: ${summary.imported.length} imported, ${summary.failed.length} failed`);
  return summary.failed.length === 0 ? 0 : 1;
}

async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { "fail-on-breaking": { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [oldSource, newSource] = positionals;
  if (positionals.length !== 2 || oldSource === undefined || newSource === undefined) {
    line(io.stderr, usageLine("diff"));
    return 2;
  }
  const { diffSources } = await import("./diff/compare.ts");
  const result = await diffSources(oldSource, newSource, io.cwd);
  io.stdout.write(result.markdown);
  return values["fail-on-breaking"] && result.breaking ? 2 : 0;
}

async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      specs: { type: "string", default: "specs" },
      out: { type: "string", default: "generated" },
      check: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      config: { type: "string" },
    },
    strict: true,
  });
  const { DEFAULT_CONFIG_FILE, loadConfig } = await import("./shared/config.ts");
  const config = await loadConfig(inCwd(io, values.config ?? DEFAULT_CONFIG_FILE), {
    required: values.config !== undefined,
  });
  // generate.ts loads the heavy stages itself, only once it knows the inputs changed.
  const { generate } = await import("./generate.ts");
  const result = await generate({
    specsDir: inCwd(io, values.specs),
    outDir: inCwd(io, values.out),
    check: values.check,
    strict: values.strict,
    config,
    lock: {
      onWait: (holder) =>
        line(io.stderr, `waiting: another generate run (pid ${holder.pid}) is writing ${values.out}`),
    },
  });
  if (values.check) {
    if (result.drift.length === 0) {
      line(io.stdout, `${values.out} is up to date (${result.files.length} files)`);
      return 0;
    }
    const { describeDrift } = await import("./output/drift.ts");
    for (const drift of result.drift) line(io.stderr, describeDrift(values.out, drift));
    line(io.stderr, `${values.out}/ is out of date: run \`make generate\` and commit ${values.out}/`);
    return 1;
  }
  if (result.unchanged || !result.report) {
    line(io.stdout, `${values.out} is up to date (inputs unchanged, every file intact): nothing written`);
    return 0;
  }
  // Printed only when files were written: the same warnings on every no-op or --check would drown real news.
  for (const warning of result.report.warnings) line(io.stderr, `warning: ${warning}`);
  const { summariseNormalisations } = await import("./normalise/warnings.ts");
  for (const text of summariseNormalisations(result.normalisations ?? []))
    line(io.stderr, `warning: ${text}`);
  const { formatMergeSummary } = await import("./merge/merge.ts");
  const [counts, ...renames] = formatMergeSummary(result.report);
  line(io.stdout, [`generated ${values.out}: ${counts}`, ...renames].join("\n"));
  return 0;
}

async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      out: { type: "string", default: "specs" },
      prune: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      "keep-going": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.from === undefined) {
    line(io.stderr, "error: sync needs --from URL (the docs site's llms.txt)");
    line(io.stderr, usageLine("sync"));
    return 2;
  }
  const { runSyncCommand } = await import("./sync/command.ts");
  return runSyncCommand(
    {
      from: values.from,
      out: inCwd(io, values.out),
      prune: values.prune,
      dryRun: values["dry-run"],
      keepGoing: values["keep-going"],
    },
    io,
  );
}

const commands: Record<Exclude<CommandName, "mock">, Command> = {
  import: importCommand,
  diff: diffCommand,
  generate: generateCommand,
  sync: syncCommand,
};

/** The process's own streams and working folder. */
export const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

/**
 * Runs one command line (without the `node cli.ts` part) and returns its exit code. Bad input prints one-line
 * `error:` messages to `io.stderr` and returns 1; a bad argument returns 2; anything else is a bug, still reported as one line, returning 1.
 */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [name, ...rest] = argv;
  const command =
    name !== undefined && Object.hasOwn(commands, name) ? commands[name as keyof typeof commands] : undefined;
  if (!command) {
    const asked = name === undefined ? false : wantsHelp([name]);
    line(asked ? io.stdout : io.stderr, overviewHelp());
    return asked ? 0 : 2;
  }
  if (wantsHelp(rest)) {
    line(io.stdout, commandHelp(name as CommandName));
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof GeneratorError) {
      for (const problem of error.message.split("\n")) line(io.stderr, `error: ${problem}`);
      return 1;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      line(io.stderr, `error: ${error.message}`);
      return 2;
    }
    // Anything else is a bug or a crash in a dependency: still one line, never a stack trace.
    line(io.stderr, `error: ${name}: unexpected failure: ${oneLine(describeError(error))}`);
    return 1;
  }
}

/**
 * Makes this process print a failure outside the awaited chain (an emitter's "error", a stray rejection) as the same
 * one line; for entry points only (scripts/run.mjs, or this file run directly), never for in-process callers.
 */
export function reportUncaughtFailures(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const)
    process.on(event, (error: unknown) => {
      process.stderr.write(`error: unexpected failure: ${oneLine(describeError(error))}\n`);
      process.exit(1);
    });
}

// Run directly (`tsx scripts/cli.ts …`): this file is the process's entry point.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  reportUncaughtFailures();
  process.exitCode = await runCli(process.argv.slice(2));
}
