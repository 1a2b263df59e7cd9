/**
 * What `--help` prints for each command of scripts/cli.ts: usage, options and an example, written the way users call
 * the commands (`npm run <command> -- …`). The option lists mirror the parseArgs tables in cli.ts.
 */

/** The commands of scripts/cli.ts, in the order the overview lists them. */
export const COMMAND_NAMES = ["generate", "import", "sync", "diff", "mock"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

interface CommandHelp {
  /** The line after `usage: npm run `. */
  usage: string;
  /** What the command does, in a few words, for the overview. */
  brief: string;
  /** One or two sentences: what the command does. */
  summary: string;
  /** [flag with its value, what it does] pairs. */
  options: readonly (readonly [string, string])[];
  example: string;
}

const HELP_OPTION = ["-h, --help", "print this help and exit"] as const;

const HELP: Record<CommandName, CommandHelp> = {
  generate: {
    brief: "regenerate generated/ from specs/",
    usage: "generate -- [--specs DIR] [--out DIR] [--check] [--strict] [--config FILE]",
    summary:
      "Merges the per-endpoint OpenAPI documents under DIR into one spec and regenerates the types, aliases and\n" +
      "client table in the output folder, atomically. Does nothing when no input changed since the last run.",
    options: [
      ["--specs DIR", "folder of .yaml/.yml/.json OpenAPI documents (default: specs)"],
      ["--out DIR", "output folder (default: generated)"],
      ["--check", "write nothing; exit 1 listing each stale, missing or leftover file (what CI runs)"],
      ["--strict", "refuse specs that need normalising to OpenAPI 3.1 (3.0 idioms, unknown fields)"],
      ["--config FILE", "configuration file (default: bctrl-api.config.json, when present)"],
      HELP_OPTION,
    ],
    example: "npm run generate -- --check",
  },
  import: {
    brief: "turn docs pages into specs",
    usage: "import -- [--out DIR] [--page-cpu-ms N] [--page-memory-mb N] [--max-page-bytes N] PAGE_OR_DIR...",
    summary:
      "Writes the OpenAPI document of each docs page (.md/.txt, collapsed scrapes included) or plain YAML spec to\n" +
      "DIR/<tag>/<operationId>.yaml. Failed pages get one error line each; the others are still imported (exit 1).",
    options: [
      ["--out DIR", "folder the specs are written to (default: specs)"],
      ["--page-cpu-ms N", "CPU budget for reading one collapsed page (default: 2000)"],
      ["--page-memory-mb N", "heap budget for reading one collapsed page (default: 256)"],
      ["--max-page-bytes N", "largest page read (default: 4 MiB)"],
      HELP_OPTION,
    ],
    example: "npm run import -- --out specs ~/Downloads/create-connection.md",
  },
  sync: {
    brief: "refresh specs/ from the docs site",
    usage: "sync -- --from URL [--out DIR] [--prune] [--dry-run] [--keep-going]",
    summary:
      "Refreshes DIR from the docs site: reads its page index (llms.txt), downloads the Markdown copy of every\n" +
      "page and imports the specs. Any failed page fails the run and, without --keep-going, writes nothing.",
    options: [
      ["--from URL", "the docs site's llms.txt (required)"],
      ["--out DIR", "specs folder to update (default: specs)"],
      ["--prune", "also delete specs whose page the site no longer lists"],
      ["--dry-run", "download and report what would change; write nothing"],
      ["--keep-going", "write the pages that synced even when others failed (never prunes then)"],
      HELP_OPTION,
    ],
    example: "npm run sync -- --from https://platform.bctrl.ai/llms.txt --dry-run",
  },
  diff: {
    brief: "report what changed between two specs, for client users",
    usage: "diff -- OLD NEW [--fail-on-breaking]",
    summary:
      "Prints, in Markdown, the operations, types and aliases added, removed and changed between two merged specs,\n" +
      "and which changes break client code. OLD and NEW are each a file or a git ref (its generated/openapi.yaml).",
    options: [
      ["--fail-on-breaking", "exit 2 when a change breaks client code (default: exit 0)"],
      HELP_OPTION,
    ],
    example: "npm run diff -- HEAD generated/openapi.yaml",
  },
  mock: {
    brief: "serve the merged spec with Prism",
    usage: "mock -- [--port PORT] [--host HOST] [PRISM_OPTION...]",
    summary:
      "Serves generated/openapi.yaml with Prism: answers each request with an example response and 422 for a\n" +
      "request the spec does not allow. Other options go to `prism mock` unchanged.",
    options: [
      ["--port PORT", "port to listen on (default: 8787, the spec's local server)"],
      ["--host HOST", "address to listen on (default: 127.0.0.1)"],
      ["--errors, --dynamic, …", "Prism's own options, passed through (see `npx prism mock --help`)"],
      HELP_OPTION,
    ],
    example: "npm run mock -- --port 8899 --errors",
  },
};

/** True when the arguments ask for help (before any `--`, which ends the options). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** The one-line usage of a command, as its usage errors print it. */
export function usageLine(name: CommandName): string {
  return `usage: npm run ${HELP[name].usage}`;
}

/** The full help of a command: usage, what it does, options and an example. */
export function commandHelp(name: CommandName): string {
  const help = HELP[name];
  const width = Math.max(...help.options.map(([flag]) => flag.length));
  return [
    usageLine(name),
    "",
    help.summary,
    "",
    "options:",
    ...help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    "",
    "example:",
    `  ${help.example}`,
    "",
  ].join("\n");
}

/** What `cli.ts` prints with no command, an unknown one, or `--help` alone. */
export function overviewHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  return [
    "usage: npm run <command> -- [options]      (each command answers --help)",
    "",
    "commands:",
    ...COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${HELP[name].brief}`),
    "",
  ].join("\n");
}
