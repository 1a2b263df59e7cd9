/**
 * The client's runtime cost: src/index.ts bundled and minified with openapi-fetch left external, gzipped, next to
 * openapi-fetch's own bundle minified and gzipped. esbuild comes with tsx.
 */

import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "./spawn.ts";

export interface BundleSizes {
  /** Our client code alone (openapi-fetch external), minified + gzipped bytes. */
  clientGzip: number;
  /** openapi-fetch alone, minified + gzipped bytes. */
  openapiFetchGzip: number;
}

async function minifiedGzipSize(entry: string, external: string[]): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    external,
    write: false,
    logLevel: "silent",
    absWorkingDir: ROOT,
  });
  const code = result.outputFiles.map((file) => file.contents);
  return gzipSync(Buffer.concat(code), { level: 9 }).length;
}

export async function measureBundleSizes(): Promise<BundleSizes> {
  return {
    clientGzip: await minifiedGzipSize(path.join(ROOT, "src/index.ts"), ["openapi-fetch"]),
    openapiFetchGzip: await minifiedGzipSize("openapi-fetch", []),
  };
}
