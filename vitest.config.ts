import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds the generator once for every file that spawns the real command.
    globalSetup: ["test/support/global-setup.ts"],
    // Vitest's default on a 2-vCPU machine is one worker (CPUs − 1): the files then run one after another, though
    // many spend their time waiting on child processes, servers and timers. Two keep both CPUs busy.
    maxWorkers: 2,
    // One module graph per worker instead of one per file: TypeScript, ts-morph and the generator's stages are loaded
    // once per worker, not once per file (that loading was about a sixth of the suite's time). The test files hold no
    // state outside their own module, and the ones that set an environment variable put it back.
    isolate: false,
  },
});
