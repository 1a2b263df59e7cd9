// Runs the whole vitest suite and, beside it, the type-check (`npm run typecheck`), then ends with the plain totals
// line CI reads: `N passed, N failed`. The type-check is one single-threaded compiler run of about 20 s CPU; started
// together with the suite it fills the gaps where the test files wait on child processes, servers and timers, instead
// of leaving a CPU idle before the suite starts. Its output is held back and printed after the suite's, and a failed
// type-check counts as one failure.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Runs `command`, resolving with its exit status and, when `capture` is set, its combined output. */
function run(command, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture)
      for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on("close", (status) => resolve({ status: status ?? 1, output }));
  });
}

const report = path.join(mkdtempSync(path.join(tmpdir(), "vitest-")), "results.json");
const [suite, typecheck] = await Promise.all([
  run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    false,
  ),
  run("npm", ["run", "--silent", "typecheck"], true),
]);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests;
  // A test file that fails before any of its tests runs (an import that throws) holds no test results: one failure.
  const unrun = (results.testResults ?? []).filter(
    (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
  ).length;
  failed = results.numFailedTests + Math.max(results.numRuntimeErrorTestSuites ?? 0, unrun);
  if (results.numTotalTests === 0) failed += 1;
} catch {
  failed += 1;
}
// Whatever made vitest fail, the totals never say `0 failed` beside it.
if (suite.status !== 0 && failed === 0) failed = 1;
if (typecheck.status !== 0) {
  process.stdout.write(typecheck.output);
  console.log("typecheck failed (npm run typecheck)");
  failed += 1;
} else console.log("typecheck passed");
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = suite.status === 0 && failed === 0 ? 0 : 1;
