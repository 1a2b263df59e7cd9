/**
 * Cuts the pages of test/client/fixtures/kinds/specs from the real specs kept in the shared folder (run once, by
 * hand: `npx tsx test/client/support/cut-kind-pages.ts /work/shared/real-specs`; CI reads the committed pages), with
 * split-spec.ts as the docs site cuts pages. A page keeps its path item's own `servers` (Twilio's messaging API
 * declares its host on every path item and none at the top), which split-spec drops.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { resolveRef } from "../../../scripts/merge/refs.ts";
import { isRecord, type OpenAPI3 } from "../../../scripts/shared/openapi.ts";
import { splitSpec } from "../../support/split-spec.ts";

const OUT = path.join(import.meta.dirname, "../fixtures/kinds/specs");

/** From each real spec, the operations that show a kind: a binary upload, a text response, two URL-encoded forms. */
const CUTS = [
  {
    file: "assemblyai/openapi.yml",
    folder: "assemblyai",
    keep: ["post /v2/upload", "get /v2/transcript/{transcript_id}/{subtitle_format}"],
  },
  {
    file: "twilio/twilio_api_v2010.yaml",
    folder: "twilio",
    keep: ["post /2010-04-01/Accounts/{AccountSid}/Messages.json"],
  },
  {
    file: "twilio/twilio_messaging_v1.yaml",
    folder: "twilio",
    keep: ["post /v1/Services/{ServiceSid}/AlphaSenders"],
  },
];

/** `node` with every reference the page cannot resolve (split-spec inlines only schemas) replaced by its target. */
function inlineMissing(node: unknown, page: OpenAPI3, source: OpenAPI3): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineMissing(item, page, source));
  if (!isRecord(node)) return node;
  if (typeof node.$ref === "string" && resolveRef(page, node.$ref) === undefined)
    return inlineMissing(resolveRef(source, node.$ref), page, source);
  // Twilio's specs are OpenAPI 3.0; the docs site publishes 3.1, where `nullable` is a type.
  const { nullable, ...rest } = node;
  if (nullable === true && typeof rest.type === "string") rest.type = [rest.type, "null"];
  return Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, inlineMissing(value, page, source)]),
  );
}

function cut(realSpecs: string): void {
  for (const { file, folder, keep } of CUTS) {
    const source = parse(readFileSync(path.join(realSpecs, file), "utf8")) as OpenAPI3;
    for (const page of splitSpec(source)) {
      const [[route, item]] = Object.entries(page.document.paths ?? {}) as [
        [string, Record<string, unknown>],
      ];
      const method = Object.keys(item)[0] ?? "";
      if (!keep.includes(`${method} ${route}`)) continue;
      const servers = (source.paths?.[route] as { servers?: unknown } | undefined)?.servers;
      if (servers) item.servers = servers;
      const name = `${method}-${route
        .replace(/[{}]/g, "")
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .join("-")}`;
      mkdirSync(path.join(OUT, folder), { recursive: true });
      const document = inlineMissing(page.document, page.document, source);
      writeFileSync(path.join(OUT, folder, `${name.toLowerCase()}.yaml`), stringify(document));
    }
  }
}

cut(process.argv[2] ?? "../shared/real-specs");
