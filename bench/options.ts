/**
 * `npm run bench -- [--sizes 10,100,1000] [--runs 3] [--seed 1] [--write] [--out FILE] [--no-profile]`
 * The results are printed; the committed bench/RESULTS.md is rewritten only with `--write` (or `--out FILE`).
 */

export interface BenchOptions {
  sizes: number[];
  runs: number;
  seed: number;
  out: string;
  /** Write the Markdown results to `out`; without it the run only prints them. */
  write: boolean;
  /** Profile one pipeline run at the largest size and summarise where the time goes. */
  profile: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [10, 100, 1000],
  runs: 3,
  seed: 1,
  out: "bench/RESULTS.md",
  write: false,
  profile: true,
};

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer, got ${text}`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--sizes":
        options.sizes = (value() ?? "").split(",").map((size) => positiveInteger("--sizes", size.trim()));
        break;
      case "--runs":
        options.runs = positiveInteger("--runs", value());
        break;
      case "--seed":
        options.seed = positiveInteger("--seed", value());
        break;
      case "--out":
        options.out = value() ?? options.out;
        options.write = true;
        break;
      case "--write":
        options.write = true;
        break;
      case "--no-profile":
        options.profile = false;
        break;
      default:
        throw new Error(`unknown bench option ${flag}`);
    }
  }
  return options;
}
