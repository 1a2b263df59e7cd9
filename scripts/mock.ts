/** `npm run mock [-- --port PORT] [--host HOST] [PRISM_OPTION...]`: see scripts/mock/command.ts. */
import { commandHelp, usageLine, wantsHelp } from "./cli-help.ts";
import { parseMockArgs, runMockCommand } from "./mock/command.ts";

async function main(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    console.log(commandHelp("mock"));
    return 0;
  }
  let options: ReturnType<typeof parseMockArgs>;
  try {
    options = parseMockArgs(args);
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${usageLine("mock")}`);
    return 2;
  }
  return runMockCommand(options);
}

process.exitCode = await main(process.argv.slice(2));
