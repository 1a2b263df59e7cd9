/**
 * The collapsed-recovery round trip as a property over random valid OpenAPI documents (fast-check, fixed seed): render
 * the document as the docs site does, collapse it the way the scrape did, recover it. The reader must either give back
 * the original (its text passed through the same loss), key order included, or refuse with two readings that are
 * both valid documents and both collapse to the same page: it may only refuse when it really cannot know.
 */
import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { kindProblem } from "../scripts/import/model-rules.ts";
import { OBJECT_KINDS, OPENAPI_DOCUMENT } from "../scripts/import/openapi-model.ts";
import { recoverCollapsed } from "../scripts/import/recover-collapsed.ts";
import { collapsesTo } from "./support/collapsed-rendering.ts";
import { drawFrom, type MapNode, type Node, randomDocumentTree } from "./support/random-openapi.ts";
import { scrape, scrapeValues } from "./support/scrape.ts";
import { conventionalDocument, Unconventional } from "./support/writing-convention.ts";

const RUNS = 1_000;
const SEED = 3_112_026;
/**
 * Refusals must be genuine ambiguities (checked below). One document in ten may hold keys the reader has to refuse,
 * and text written as a block scalar can always end before an entry or a `- ` that could follow it, so some
 * refusals are expected; far more than the strict share of documents would mean the reader refuses pages it can read.
 */
const MAX_REFUSED_SHARE = 0.15;
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

/** Checks one sample; returns how it went or throws with what is wrong. */
function check(value: Sample | undefined): Outcome {
  if (!value) return "skipped";
  const { document, style } = value;
  expect(kindProblem(OPENAPI_DOCUMENT, document), "the generator made an invalid document").toBeUndefined();
  const page = scrape(STYLES[style](document)).trim();
  expect(collapsesTo(scrapeValues(document), page), "the rendering check rejects the original").toBe(true);
  const recovered = recoverCollapsed(page);
  if (recovered.ok) {
    expect(JSON.stringify(recovered.document)).toBe(JSON.stringify(scrapeValues(document)));
    return "exact";
  }
  // Known limitation: a wrong early reading that only fails at the end of the page can still exhaust the search
  // when an any-valued mapping (`x-…`, `example`) could take every key after it. The reader then says so; it never
  // writes a document. Kept rare by the bound below.
  if (!recovered.readings && recovered.message.startsWith("too many possible readings")) return "gave up";
  expect(recovered.readings, recovered.message).toBeDefined();
  const [first, second] = recovered.readings as readonly [Record<string, unknown>, Record<string, unknown>];
  expect(JSON.stringify(first), recovered.message).not.toBe(JSON.stringify(second));
  for (const reading of [first, second]) {
    expect(kindProblem(OPENAPI_DOCUMENT, reading), recovered.message).toBeUndefined();
    expect(collapsesTo(reading, page), `${recovered.message}: a reading the page cannot come from`).toBe(
      true,
    );
  }
  return "refused";
}

/** `Kind.field` for every fixed field of every object kind, and `Kind.x-` for kinds that allow extensions. */
function modelKeywords(): string[] {
  return OBJECT_KINDS.flatMap((kind) => [
    ...Object.keys(kind.fields).map((field) => `${kind.name}.${field}`),
    ...(kind.extensions ? [`${kind.name}.x-`] : []),
  ]);
}

function collectKeywords(node: Node, into: Set<string>): void {
  if (node.tag === "scalar") return;
  if (node.tag === "list") {
    for (const item of node.items) collectKeywords(item, into);
    return;
  }
  for (const [key, value] of node.entries) {
    if (node.kind.type === "object") into.add(`${node.kind.name}.${key.startsWith("x-") ? "x-" : key}`);
    collectKeywords(value, into);
  }
}

describe("collapsed recovery of random OpenAPI documents", () => {
  it(`reads ${RUNS} random documents back exactly or refuses only genuine ambiguities`, () => {
    const outcomes: Record<Outcome, number> = { exact: 0, refused: 0, "gave up": 0, skipped: 0 };
    const generated = new Set<string>();
    fc.assert(
      fc.property(sample, (value) => {
        outcomes[check(value)] += 1;
        if (value) collectKeywords(value.tree, generated);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.info(`collapsed recovery of ${RUNS} random documents: ${JSON.stringify(outcomes)}`);
    expect(outcomes.skipped / RUNS).toBeLessThanOrEqual(0.05);
    expect(outcomes.refused / RUNS).toBeLessThanOrEqual(MAX_REFUSED_SHARE);
    expect(outcomes["gave up"] / RUNS).toBeLessThanOrEqual(MAX_GAVE_UP_SHARE);
    expect(modelKeywords().filter((keyword) => !generated.has(keyword))).toEqual([]);
  });
});
