/**
 * The collapsed-recovery round trip as a property over random valid OpenAPI documents (fast-check, fixed seed): render
 * the document as the docs site does, collapse it the way the scrape did, recover it. The reader must either give back
 * the original (its text passed through the same loss), key order included, or refuse with two readings that are
 * both valid documents and both collapse to the same page: it may only refuse when it really cannot know.
 *
 * The invariant is that no document is ever read back wrong. The reader no longer follows conventions where the model
 * cannot decide (a field name inside block text, ` - ` inside a one-line item, a key after a nested block): without
 * evidence beyond the page (none here: a random document has no site), it refuses those pages, so most random pages
 * are refused and the share read back exactly is small; the bounds below only keep it from collapsing further. The
 * documents are still generated to the key order of real generators (writing-convention.ts; random-text.ts keeps
 * field names out of block text), so the pages read back exactly are typical pages. Evidence deciding refusals is
 * tested in roundtrip.test.ts and on real pages in real-pages.test.ts.
 * The coverage checks count only pages read back exactly: keywords of the model present in the document read back,
 * and text values holding each hazard (`#`, quotes, code fences, ` - `, `word:`, keywords, stripped `<tags>`).
 */
import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { kindProblem } from "../../scripts/import/model-rules.ts";
import { OBJECT_KINDS, OPENAPI_DOCUMENT } from "../../scripts/import/openapi-model.ts";
import { recoverCollapsed } from "../../scripts/import/recover-collapsed.ts";
import { collapsesTo } from "./support/collapsed-rendering.ts";
import { drawFrom, type MapNode, type Node, randomDocumentTree } from "./support/random-openapi.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";
import { conventionalDocument, Unconventional } from "./support/writing-convention.ts";

const RUNS = 250;
const SEED = 3_112_026;
/** Refusals must be genuine ambiguities (checked below); at least this share is read back exactly. */
const MIN_EXACT_SHARE = 0.05;
/** Of the model's keywords, at least this many are read back exactly somewhere. */
const MIN_KEYWORDS_READ_BACK = 50;
/** Pages the reader gives up on (step budget), see `check`: a known limitation that must stay rare. */
const MAX_GAVE_UP_SHARE = 0.005;

/** The site writes pages with js-yaml's `dump` (`>-` for long text); other generators use `yaml`'s `stringify`. */
const STYLES = {
  "js-yaml": (document: unknown) => dump(document),
  yaml: (document: unknown) => stringify(document),
} as const;

interface Sample {
  readonly tree: MapNode;
  readonly document: Record<string, unknown>;
  readonly style: keyof typeof STYLES;
}

/**
 * Nine documents in ten are strict (written without keys the reader must refuse, see writing-convention.ts); the
 * tenth may hold them, so refusals are exercised too. A document whose required keys cannot be ordered is skipped.
 */
const sample: fc.Arbitrary<Sample | undefined> = fc
  .tuple(fc.gen(), fc.constantFrom<keyof typeof STYLES>("js-yaml", "js-yaml", "yaml"), fc.nat(9))
  .map(([g, style, strictness]) => {
    const tree = randomDocumentTree(drawFrom(g));
    try {
      return { tree, document: conventionalDocument(tree, strictness !== 0), style };
    } catch (error) {
      if (error instanceof Unconventional) return undefined;
      throw error;
    }
  });

type Outcome = "exact" | "refused" | "gave up" | "skipped";

/** Checks one sample; returns how it went (and the document read back when exact) or throws with what is wrong. */
function checkRecovery(value: Sample): { outcome: Outcome; recovered?: Record<string, unknown> } {
  const { document, style } = value;
  expect(kindProblem(OPENAPI_DOCUMENT, document), "the generator made an invalid document").toBeUndefined();
  const page = scrape(STYLES[style](document)).trim();
  expect(collapsesTo(scrapeValues(document), page), "the rendering check rejects the original").toBe(true);
  const recovered = recoverCollapsed(page);
  if (recovered.ok) {
    expect(JSON.stringify(recovered.document)).toBe(JSON.stringify(scrapeValues(document)));
    return { outcome: "exact", recovered: recovered.document };
  }
  // Known limitation: a wrong early reading that only fails at the end of the page can still exhaust the search
  // when an any-valued mapping (`x-…`, `example`) could take every key after it. The reader then says so; it never
  // writes a document. Kept rare by the bound below.
  if (!recovered.readings && recovered.message.startsWith("too many possible readings"))
    return { outcome: "gave up" };
  expect(recovered.readings, recovered.message).toBeDefined();
  // The original need not be one of the two readings, so it is not compared with them: a page can have three or more
  // readings (a word that three open objects' maps or lists could take, or a second undecidable word later on), and
  // the reader stops at the first choice point where two rival readings both complete to valid documents and returns
  // those two; the original may take a third rival there, or another choice further on. What is checked is that the
  // refusal is genuine: two different valid documents that both collapse to this very page.
  const [first, second] = recovered.readings as readonly [Record<string, unknown>, Record<string, unknown>];
  expect(JSON.stringify(first), recovered.message).not.toBe(JSON.stringify(second));
  for (const reading of [first, second]) {
    expect(kindProblem(OPENAPI_DOCUMENT, reading), recovered.message).toBeUndefined();
    expect(collapsesTo(reading, page), `${recovered.message}: a reading the page cannot come from`).toBe(
      true,
    );
  }
  return { outcome: "refused" };
}

/** `Kind.field` for every fixed field of every object kind, and `Kind.x-` for kinds that allow extensions. */
function modelKeywords(): string[] {
  return OBJECT_KINDS.flatMap((kind) => [
    ...Object.keys(kind.fields).map((field) => `${kind.name}.${field}`),
    ...(kind.extensions ? [`${kind.name}.x-`] : []),
  ]);
}

/**
 * Adds `Kind.key` for every key of `node` that the document read back holds at the same place (`recovered` is the
 * document at that place): keys dropped by the convention filter or lost in a wrong reading do not count.
 */
function collectKeywords(node: Node, recovered: unknown, into: Set<string>): void {
  if (node.tag === "scalar") return;
  if (node.tag === "list") {
    if (Array.isArray(recovered))
      for (const [index, item] of node.items.entries()) collectKeywords(item, recovered[index], into);
    return;
  }
  if (typeof recovered !== "object" || recovered === null || Array.isArray(recovered)) return;
  for (const [key, value] of node.entries) {
    const read = scrape(key);
    if (!Object.hasOwn(recovered, read)) continue;
    if (node.kind.type === "object") into.add(`${node.kind.name}.${key.startsWith("x-") ? "x-" : key}`);
    collectKeywords(value, (recovered as Record<string, unknown>)[read], into);
  }
}

/** Every fixed field name of the model, as a word that text can hold. */
const FIELD_NAMES = new Set(OBJECT_KINDS.flatMap((kind) => Object.keys(kind.fields)));

const isBlockText = (text: string) => text.length > 35 || text.includes("\n");
const COLON_WORD = /(^|\s)\S+:(\s|$)/;

/** What makes text hard to read back from a collapsed page; each must occur often in pages read back exactly. */
const HAZARDS: Record<string, (text: string) => boolean> = {
  "#": (text) => text.includes("#"),
  "single quote": (text) => text.includes("'"),
  "double quote": (text) => text.includes('"'),
  "code fence": (text) => text.includes("```"),
  "` - ` on the page": (text) => scrape(text).includes(" - "),
  "`word:`": (text) => COLON_WORD.test(text),
  "`word:` in block text": (text) => isBlockText(text) && COLON_WORD.test(text),
  "OpenAPI keyword": (text) => text.split(/\s+/).some((word) => FIELD_NAMES.has(word)),
  "`<tag>` the scrape removed": (text) => /<[^>]*>/.test(text),
};
const MIN_HAZARD_TEXTS = 3;

function textValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(textValues);
  return [];
}

describe("collapsed recovery of random OpenAPI documents", () => {
  it(`reads ${RUNS} random documents back exactly or refuses only genuine ambiguities`, () => {
    const outcomes: Record<Outcome, number> = { exact: 0, refused: 0, "gave up": 0, skipped: 0 };
    const readBack = new Set<string>();
    const hazards = Object.fromEntries(Object.keys(HAZARDS).map((name) => [name, 0]));
    fc.assert(
      fc.property(sample, (value) => {
        if (!value) {
          outcomes.skipped += 1;
          return;
        }
        const { outcome, recovered } = checkRecovery(value);
        outcomes[outcome] += 1;
        if (!recovered) return;
        collectKeywords(value.tree, recovered, readBack);
        for (const text of textValues(value.document))
          for (const [name, holds] of Object.entries(HAZARDS))
            if (holds(text)) hazards[name] = (hazards[name] ?? 0) + 1;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.info(`collapsed recovery of ${RUNS} random documents: ${JSON.stringify(outcomes)}`);
    console.info(`keywords read back exactly: ${readBack.size} of ${modelKeywords().length}`);
    console.info(`text values with each hazard in pages read back exactly: ${JSON.stringify(hazards)}`);
    expect(outcomes.skipped / RUNS).toBeLessThanOrEqual(0.05);
    expect(outcomes.exact / RUNS).toBeGreaterThanOrEqual(MIN_EXACT_SHARE);
    expect(outcomes["gave up"] / RUNS).toBeLessThanOrEqual(MAX_GAVE_UP_SHARE);
    expect(readBack.size).toBeGreaterThanOrEqual(MIN_KEYWORDS_READ_BACK);
    expect(Object.entries(hazards).filter(([, count]) => count < MIN_HAZARD_TEXTS)).toEqual([]);
  });
});
