/**
 * `npm run bench -- [--sizes 10,100,1000] [--runs 3] [--seed 1] [--write] [--out FILE] [--no-profile]`
 * The results are printed; the committed bench/RESULTS.md is rewritten only with `--write` (or `--out FILE`).
 */

/** What `npm run bench -- --help` prints. */
export const BENCH_HELP = `usage: npm run bench -- [--sizes 10,100,1000] [--runs 3] [--seed 1] [--no-profile] [--write] [--out FILE]

Times every stage of the generator on generated corpora of each size, the client's throughput and size, and prints
the results. The committed bench/RESULTS.md changes only with --write.

options:
  --sizes N,N,...  corpus sizes, in endpoints (default: 10,100,1000)
  --runs N         runs per measurement; medians are reported (default: 3)
  --seed N         corpus seed (default: 1)
  --no-profile     skip the CPU profile of one run at the largest size
  --write          save the Markdown results to bench/RESULTS.md
  --out FILE       save them to FILE instead (implies --write)
  -h, --help       print this help and exit

example:
  npm run bench -- --sizes 100 --runs 1 --no-profile
`;

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
