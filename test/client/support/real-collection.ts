/**
 * A larger real collection for the client's type tests: AssemblyAI's public OpenAPI document (copied with its SOURCE
 * note into test/client/fixtures/assemblyai, since CI has no /work/shared), cut into docs pages by split-spec and
 * generated like bctrl's own specs.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { buildOutputs } from "../../../scripts/generate.ts";
import { isRecord, type OpenAPI3 } from "../../../scripts/shared/openapi.ts";
import { splitSpec } from "../../support/split-spec.ts";

const SPEC = path.join(import.meta.dirname, "../fixtures/assemblyai/openapi.yml");

/**
 * What the docs site does not publish on a page: response `links` and named `examples` (references into components
 * a page does not carry), and parameter schemas by reference (the site inlines them).
 */
function publishable(source: OpenAPI3): OpenAPI3 {
  const schemas = (source.components?.schemas ?? {}) as Record<string, unknown>;
  const inline = (schema: unknown): unknown => {
    const ref = isRecord(schema) ? schema.$ref : undefined;
    return typeof ref === "string" ? schemas[ref.replace("#/components/schemas/", "")] : schema;
  };
  const strip = (value: unknown, key = ""): unknown => {
    if (Array.isArray(value)) return value.map((item) => strip(item));
    if (!isRecord(value)) return value;
    const kept = Object.entries(value).filter(([name]) => name !== "links" && name !== "examples");
    const copy = Object.fromEntries(kept.map(([name, item]) => [name, strip(item, name)]));
    if (key === "parameters" || (typeof copy.in === "string" && "schema" in copy))
      copy.schema = inline(copy.schema);
    return copy;
  };
  return { ...source, paths: strip(source.paths) as OpenAPI3["paths"] };
}

/** The collection's generated files (schema.ts, methods.ts, operations.ts, …), by file name. */
export async function generateRealCollection(): Promise<ReadonlyMap<string, string>> {
  const source = parse(await readFile(SPEC, "utf8")) as OpenAPI3;
  const dir = await mkdtemp(path.join(tmpdir(), "real-collection-"));
  try {
    for (const page of splitSpec(publishable(source))) {
      const file = path.join(dir, page.file);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, stringify(page.document));
    }
    return (await buildOutputs(dir)).files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
