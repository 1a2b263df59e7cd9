/**
 * A real-shaped corpus of docs pages: real public specs (test/import/fixtures/real/, with their licences) cut into
 * per-endpoint documents the way the docs site publishes them (test/support/split-spec.ts), rendered as the site's
 * pages (title, endpoint line, lead paragraph, the spec block in the site's YAML style, an SDK example with the
 * request body) and, for a collapsed page, scraped as the site's scrape did (`<…>` removed, whitespace collapsed).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { EvidenceRule } from "../../../scripts/import/evidence.ts";
import { extractSpec } from "../../../scripts/import/extract-page.ts";
import {
  emptyEvidence,
  type ImportEvidence,
  learnFrom,
  readingOptions,
} from "../../../scripts/import/import-evidence.ts";
import {
  type RecoverOptions,
  type Recovery,
  recoverCollapsed,
} from "../../../scripts/import/recover-collapsed.ts";
import { renderSiteYaml } from "../../../scripts/import/render-yaml.ts";
import { learnSdkBody } from "../../../scripts/import/sdk-example.ts";
import { isRecord, type OpenAPI3 } from "../../../scripts/shared/openapi.ts";
import { ROOT } from "../../support/seeds.ts";
import { splitSpec } from "../../support/split-spec.ts";
import { scrape, scrapeValues } from "./scrape.ts";

export const REAL_SPECS = {
  assemblyai: "test/import/fixtures/real/assemblyai/openapi.yml",
  twilio: "test/import/fixtures/real/twilio/twilio_messaging_v1.yaml",
  /** Kept out of the bench's tuning corpus: evaluated on its own (a spec the reader was not tuned on). */
  "twilio-v2010": "test/import/fixtures/real/twilio/twilio_api_v2010.yaml",
} as const;

export interface RealPage {
  /** File name for the page (unique in the corpus). */
  readonly name: string;
  /** The page as the site serves it (clean Markdown). */
  readonly clean: string;
  /** The same page after the scrape. */
  readonly collapsed: string;
  /** The document a collapsed page must read back as (its text passed through the scrape's loss). */
  readonly expected: unknown;
}

export function realPages(spec: keyof typeof REAL_SPECS): RealPage[] {
  return pagesOf(parse(readFileSync(path.join(ROOT, REAL_SPECS[spec]), "utf8")) as OpenAPI3, spec);
}

/** Any spec cut into the site's pages, named `<prefix>-NNN.md` (an API outside the fixtures, for an evaluation). */
export function pagesOf(source: OpenAPI3, prefix: string): RealPage[] {
  return splitSpec(source).map(({ document }, index) => {
    const clean = renderPage(document as unknown as Record<string, unknown>);
    return {
      name: `${prefix}-${String(index).padStart(3, "0")}.md`,
      clean,
      collapsed: scrape(clean).trim(),
      expected: scrapeValues(document),
    };
  });
}

function renderPage(document: Record<string, unknown>): string {
  const paths = isRecord(document.paths) ? document.paths : {};
  const [route, item] = Object.entries(paths)[0] ?? ["/", {}];
  const [method, operation] = Object.entries(isRecord(item) ? item : {})[0] ?? ["get", {}];
  const op = isRecord(operation) ? operation : {};
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const server = isRecord(servers[0]) ? String(servers[0].url) : "https://api.example.com";
  const url = `${server}${route}`;
  const title = String(op.summary ?? op.operationId ?? `${method} ${route}`);
  const lead = typeof op.description === "string" ? `\n${op.description}\n` : "";
  const body = isRecord(op.requestBody) ? "Content-Type: application/json\n" : "";
  return [
    "> For clean Markdown of any page, append .md to the page URL.",
    "",
    `# ${title}`,
    "",
    `${method.toUpperCase()} ${url}`,
    `${body}${lead}`,
    `Reference: https://docs.example.com/api-reference/${String(op.operationId ?? method)}`,
    "",
    "## OpenAPI Specification",
    "",
    "```yaml",
    renderSiteYaml(document),
    "```",
    "",
    "## SDK Code Examples",
    "",
    "```javascript",
    `const url = '${url}';`,
    `const options = {method: '${method.toUpperCase()}', headers: {Authorization: 'Bearer <token>'}, body: '${sdkBody(op)}'};`,
    "const response = await fetch(url, options);",
    "```",
    "",
  ].join("\n");
}

/**
 * The body the site's SDK example sends, as the JavaScript string it writes: the request body's first example (of its
 * first media type); `{}` where there is none (seed page 002 sends `{}`; seed page 001, whose body has no example, sends
 * one the site made from the schema, which the harness does not imitate).
 */
function sdkBody(operation: Record<string, unknown>): string {
  const content = isRecord(operation.requestBody) ? operation.requestBody.content : undefined;
  const media = isRecord(content) ? Object.values(content)[0] : undefined;
  const examples = isRecord(media) && isRecord(media.examples) ? Object.values(media.examples) : [];
  const first =
    isRecord(media) && media.example !== undefined
      ? media.example
      : isRecord(examples[0])
        ? examples[0].value
        : undefined;
  return JSON.stringify(first ?? {}).replace(/[\\']/g, (character) => `\\${character}`);
}

/**
 * Reads `pages[index]` collapsed through the reader in-process, its rules built from the other pages clean (the
 * evidence an import of the batch has when the page's neighbours are published clean): those `neighbours.clean`
 * keeps (the bench's half: the even ones), under the rules `neighbours.keep` keeps.
 */
export function readAmongCleanNeighbours(
  pages: readonly RealPage[],
  index: number,
  options: Omit<RecoverOptions, "rules"> = {},
  neighbours: { clean?: (at: number) => boolean; keep?: (rule: EvidenceRule) => boolean } = {},
): { page: RealPage; evidence: ImportEvidence; rules: EvidenceRule[]; yaml: string; recovered: Recovery } {
  const page = pages[index] as RealPage;
  const evidence = emptyEvidence();
  for (const [at, neighbour] of pages.entries()) {
    const clean = extractSpec(neighbour.clean);
    if (neighbour === page || clean.kind !== "markdown" || neighbours.clean?.(at) === false) continue;
    const document = parse(clean.yaml);
    learnFrom(evidence, document);
    learnSdkBody(evidence.sdkBodies, neighbour.clean, document);
  }
  const extracted = extractSpec(page.collapsed);
  if (extracted.kind !== "collapsed") throw new Error(`${page.name}: expected a collapsed page`);
  const yaml = (extracted.candidates[0] as { yaml: string }).yaml;
  const given = readingOptions(evidence, page.collapsed, yaml);
  const rules = given.rules.filter(neighbours.keep ?? (() => true));
  return {
    page,
    evidence,
    rules,
    yaml,
    recovered: recoverCollapsed(yaml, { requiredKeys: ["paths"], ...given, ...options, rules }),
  };
}
