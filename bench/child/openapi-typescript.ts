/**
 * Child process: openapi-typescript alone on the merged document, the way its CLI runs (read the YAML, generate,
 * print, write). The pipeline's total is compared with this.
 */
import { readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import type { TypesOnlyInput, TypesOnlySample } from "../samples.ts";
import { peakRss, scriptInput } from "../spawn.ts";
import { cpuMillis } from "../stats.ts";

const input = scriptInput<TypesOnlyInput>();
const cpuStart = process.cpuUsage();
const start = performance.now();
const nodes = await openapiTS(await readFile(input.yamlFile, "utf8"), { silent: true });
await writeFile(input.outFile, astToString(nodes));
const ms = performance.now() - start;
const sample: TypesOnlySample = { ms, cpuMs: cpuMillis(process.cpuUsage(cpuStart)), peakRss: peakRss() };
console.log(JSON.stringify(sample));
