/**
 * Command line: parses arguments and hands them to the library functions in scripts/. No logic lives here.
 *   generate [--specs DIR] [--out DIR] [--check] [--strict]
 *   import [--out DIR] PAGE_OR_DIR...   (docs pages, collapsed scrapes or plain YAML specs -> DIR/<tag>/<operationId>.yaml)
 *   diff OLD NEW [--fail-on-breaking]   (OLD, NEW: a merged document's path, or a git ref of generated/openapi.yaml)
 *   sync --from URL [--out DIR] [--prune] [--dry-run] [--keep-going]   (the docs site's llms.txt -> DIR)
 * Each answers --help (scripts/cli-help.ts). `npm run mock` has its own entry, scripts/mock.ts, so that it starts without
 * loading the generator.
 */
import { parseArgs } from "node:util";
import { type CommandName, commandHelp, overviewHelp, usageLine, wantsHelp } from "./cli-help.ts";
import { diffSources } from "./diff/compare.ts";
import { generate } from "./generate.ts";
import { importPages } from "./import/import-pages.ts";
import { formatMergeSummary } from "./merge/merge.ts";
import { summariseNormalisations } from "./normalise/warnings.ts";
import { describeDrift } from "./output/drift.ts";
import { DEFAULT_CONFIG_FILE, loadConfig } from "./shared/config.ts";
import { formatProblem, GeneratorError } from "./shared/openapi.ts";
import { runSyncCommand } from "./sync/command.ts";

type Command = (args: string[]) => Promise<number>;

const commands: Record<Exclude<CommandName, "mock">, Command> = {
  async import(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { out: { type: "string", default: "specs" } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) {
      console.error(usageLine("import"));
      return 2;
    }
    const summary = await importPages({ inputs: positionals, outDir: values.out });
    for (const { source, fileName } of summary.imported)
      console.log(`imported ${source} -> ${values.out}/${fileName}`);
    for (const problem of summary.failed) console.error(`error: ${formatProblem(problem)}`);
    console.log(`import: ${summary.imported.length} imported, ${summary.failed.length} failed`);
    return summary.failed.length === 0 ? 0 : 1;
  },
  async diff(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { "fail-on-breaking": { type: "boolean", default: false } },
      allowPositionals: true,
      strict: true,
    });
    const [oldSource, newSource] = positionals;
    if (positionals.length !== 2 || oldSource === undefined || newSource === undefined) {
      console.error(usageLine("diff"));
      return 2;
    }
    const result = await diffSources(oldSource, newSource, process.cwd());
    process.stdout.write(result.markdown);
    return values["fail-on-breaking"] && result.breaking ? 2 : 0;
  },
  async generate(args) {
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
    const config = await loadConfig(values.config ?? DEFAULT_CONFIG_FILE, {
      required: values.config !== undefined,
    });
    const result = await generate({
      specsDir: values.specs,
      outDir: values.out,
      check: values.check,
      strict: values.strict,
      config,
    });
    if (values.check) {
      if (result.drift.length === 0) {
        console.log(`${values.out} is up to date (${result.files.length} files)`);
        return 0;
      }
      for (const drift of result.drift) console.error(describeDrift(values.out, drift));
      console.error(`${values.out}/ is out of date: run \`make generate\` and commit ${values.out}/`);
      return 1;
    }
    if (result.unchanged || !result.report) {
      console.log(`${values.out} is up to date (inputs unchanged, every file intact): nothing written`);
      return 0;
    }
    // Printed only when files were written: the same warnings on every no-op or --check would drown real news.
    for (const warning of result.report.warnings) console.warn(`warning: ${warning}`);
    for (const line of summariseNormalisations(result.normalisations ?? [])) console.warn(`warning: ${line}`);
    const [counts, ...renames] = formatMergeSummary(result.report);
    console.log([`generated ${values.out}: ${counts}`, ...renames].join("\n"));
    return 0;
  },
  async sync(args) {
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
      console.error("error: sync needs --from URL (the docs site's llms.txt)");
      console.error(usageLine("sync"));
      return 2;
    }
    return runSyncCommand({
      from: values.from,
      out: values.out,
      prune: values.prune,
      dryRun: values["dry-run"],
      keepGoing: values["keep-going"],
    });
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command =
    name !== undefined && Object.hasOwn(commands, name) ? commands[name as keyof typeof commands] : undefined;
  if (!command) {
    const asked = name === undefined ? false : wantsHelp([name]);
    (asked ? console.log : console.error)(overviewHelp());
    return asked ? 0 : 2;
  }
  if (wantsHelp(rest)) {
    console.log(commandHelp(name as CommandName));
    return 0;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof GeneratorError) {
      for (const problem of error.message.split("\n")) console.error(`error: ${problem}`);
      return 1;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
