/**
 * How a stage starts its worker thread. Built by scripts/run.mjs, the stage is JavaScript and the worker's bundle
 * (an entry of the build of its own) sits beside it; run from source (tests, the bench), the worker is TypeScript
 * beside the stage's module and starts through tsx.
 */
export function workerEntry(name: string, from: string): { entry: string | URL; eval: boolean } {
  if (from.endsWith(".js")) return { entry: new URL(`./${name}.js`, from), eval: false };
  const entry = new URL(`./${name}.ts`, from).href;
  const boot = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(from)}))`;
  return { entry: boot, eval: true };
}
