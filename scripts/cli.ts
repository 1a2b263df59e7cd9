/**
 * Command line: parses arguments and hands them to the library functions in scripts/. No logic lives here.
 *   generate [--specs DIR] [--out DIR] [--check]
 */
import { parseArgs } from "node:util";
import { DEFAULT_CONFIG_FILE, loadConfig } from "./config.ts";
import { generate } from "./generate.ts";
import { GeneratorError } from "./openapi.ts";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async generate(args) {
    const { values } = parseArgs({
      args,
      options: {
        specs: { type: "string", default: "specs" },
        out: { type: "string", default: "generated" },
        check: { type: "boolean", default: false },
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
      config,
    });
    for (const warning of result.report.warnings) console.warn(`warning: ${warning}`);
    const { specs, paths, operations, schemas } = result.report;
    if (values.check) {
      if (result.stale.length === 0) {
        console.log(`${values.out} is up to date (${result.files.length} files)`);
        return 0;
      }
      for (const file of result.stale) console.error(`stale: ${values.out}/${file}`);
      console.error("generated files are out of date: run `make generate` and commit the result");
      return 1;
    }
    console.log(
      `generated ${values.out}: ${specs} specs, ${paths} paths, ${operations} operations, ${schemas} schemas`,
    );
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    console.error(`usage: cli.ts <${Object.keys(commands).join("|")}> [options]`);
    return 2;
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
