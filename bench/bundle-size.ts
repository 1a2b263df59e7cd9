/**
 * The client's runtime cost: src/index.ts bundled and minified with openapi-fetch left external, gzipped, next to
 * openapi-fetch's own bundle minified and gzipped; with the byte share of each input file, and once more with the
 * operation table generated for the largest corpus in place of the seed specs' one. esbuild comes with tsx.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { ROOT } from "./spawn.ts";

export interface BundleSizes {
  /** Our client code alone (openapi-fetch external), minified + gzipped bytes. */
  clientGzip: number;
  /** openapi-fetch alone, minified + gzipped bytes. */
  openapiFetchGzip: number;
  /** Minified (not gzipped) bytes of each of our input files in the client bundle, largest first. */
  inputs: { file: string; bytes: number }[];
  /** The client bundle with another generated operation table, e.g. the N = 1000 corpus's. */
  withTable?: { endpoints: number; clientGzip: number };
}

interface Bundle {
  gzip: number;
  inputs: { file: string; bytes: number }[];
}

async function bundle(entry: string, external: string[], plugins: Plugin[] = []): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    external,
    plugins,
    write: false,
    metafile: true,
    logLevel: "silent",
    absWorkingDir: ROOT,
  });
  const code = Buffer.concat(result.outputFiles.map((file) => file.contents));
  const inputs = Object.values(result.metafile.outputs)
    .flatMap((output) => Object.entries(output.inputs))
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { gzip: gzipSync(code, { level: 9 }).length, inputs };
}

/** Makes the client's `../generated/operations.js` import resolve to `file` instead. */
function operationTable(file: string): Plugin {
  return {
    name: "operation-table",
    setup(builder) {
      builder.onResolve({ filter: /\/generated\/operations\.js$/ }, () => ({ path: file }));
    },
  };
}

export async function measureBundleSizes(table?: { endpoints: number; file: string }): Promise<BundleSizes> {
  const entry = path.join(ROOT, "src/index.ts");
  const client = await bundle(entry, ["openapi-fetch"]);
  const withTable = table ? await bundle(entry, ["openapi-fetch"], [operationTable(table.file)]) : undefined;
  return {
    clientGzip: client.gzip,
    openapiFetchGzip: (await bundle("openapi-fetch", [])).gzip,
    inputs: client.inputs,
    ...(table && withTable ? { withTable: { endpoints: table.endpoints, clientGzip: withTable.gzip } } : {}),
  };
}
