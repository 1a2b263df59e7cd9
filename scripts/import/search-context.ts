/**
 * The state of one reading of a collapsed page (recover-collapsed.ts): its budget of steps, the memos its searches
 * share (dead choice points, each rule's problems with a reading) and the ways a search ends early. Rules are asked the
 * same questions at every choice point a reading passes through, so their answers are kept here, per reading.
 */
import { type EvidenceRule, objectProblems, objectsIn } from "./evidence.ts";
import type { ClosedValueProblems } from "./reading-evidence.ts";
import type { Detail, SignatureMemo } from "./reading-signature.ts";
import type { StepContext } from "./reading-steps.ts";

export interface RecoverOptions {
  /** Evidence beyond the model (evidence.ts, site-style.ts) that may decide between two valid readings. */
  readonly rules?: readonly EvidenceRule[];
  /** Only readings that run text past at most this many places (see `cost`); default: any. */
  readonly maxCost?: number;
  /** Steps after which the reader gives up (default STEP_BUDGET). */
  readonly steps?: number;
  /** Polled every few hundred steps: true when the caller's time budget is spent. */
  readonly expired?: () => boolean;
  /** Keys the document must have beyond what the model requires (`paths` on a page that documents an endpoint). */
  readonly requiredKeys?: readonly string[];
  /**
   * The site's clean pages show its response examples holding only their schemas' properties (example-values.ts
   * listedResponseKeys): a habit judged on its own when the page's examples are judged against their schemas.
   */
  readonly listedResponseKeys?: boolean;
  /** Told the furthest character offset read so far, every few hundred steps. */
  readonly onProgress?: (offset: number) => void;
}

export interface SearchContext extends StepContext {
  steps: number;
  furthest: { index: number; message: string };
  /** Signatures of choice points whose every reading led nowhere (see reading-signature.ts). */
  readonly failed: Set<string>;
  /** One memo per detail of signature (see reading-signature.ts); `sees` says which one the search uses now. */
  readonly memos: Readonly<Record<Detail, SignatureMemo>>;
  sees: Detail;
  readonly options: RecoverOptions;
  /** The name of the evidence `check` holds readings to (see `decide`), for the memo. */
  checkName: string;
  /**
   * Each rule's key in `checkName`: names are not unique (the combined habits are rebuilt at each choice point under
   * the same name), and two rules sharing a memo of dead states would be unsound.
   */
  readonly ruleKeys: Map<EvidenceRule, number>;
  /** Each rule's problems with a whole reading, kept while the reading is settled choice point by choice point. */
  readonly problems: WeakMap<object, Map<EvidenceRule, Set<string>>>;
  /** The problems of the values rivals have closed, by rule and place (reading-evidence.ts `stackProblem`). */
  readonly closedValueProblems: ClosedValueProblems;
  /** Each whole reading's objects, walked once for every rule that judges it (`problemsOf`). */
  readonly objects: WeakMap<object, ReturnType<typeof objectsIn>>;
  readonly decidedBy: Set<string>;
  /** Rules every reading must satisfy in full: adopted when one decided against the reader's preferred reading. */
  readonly held: readonly EvidenceRule[];
  /** Rules that only overrule the reader's order of preference (`overrulingRule`), apart from `rules`. */
  readonly overruling: readonly EvidenceRule[];
  /** While evidence is searching a rival: the step count past which it stops and leaves the choice undecided. */
  stepLimit?: number;
  /** The rules that last ruled a rival out, the latest first: tried first at the next choice (see `cheapestFirst`). */
  readonly deciders: EvidenceRule[];
  /** Each rule's short search, in steps, where one of its rule-outs on this page took longer than QUICK_RIVAL_STEPS. */
  readonly quickSteps: Map<EvidenceRule, number>;
}

/**
 * Steps evidence may spend searching one rival: a rule that only fails a reading when its document closes can make
 * the search try every combination of the choices in between; past this, the rule does not decide (a refusal).
 */
export const RIVAL_STEPS = 4_000;

/** Steps of the first, short search of a rival under each rule (see `cheapestFirst`). */
export const QUICK_RIVAL_STEPS = 8;

/** The longest short search a rule is given after one of its rule-outs took that long (see `cheapestFirst`). */
export const MAX_QUICK_RIVAL_STEPS = 64;

export class RivalLimit extends Error {}

/** Steps the reader may spend finding whether a rival reading reads at all, when no evidence ruled it out first. */
export const RIVAL_READ_STEPS = 20_000;

/** A rival reading no evidence ruled out and whose search ran past RIVAL_READ_STEPS: the page is refused. */
export class UndecidedError extends Error {
  constructor(
    readonly index: number,
    readonly reading: string,
  ) {
    super("undecided");
  }
}

/** A rule rules out the preferred reading but not its rival: read again, holding every reading to that rule. */
export class HoldRule extends Error {
  constructor(readonly rule: EvidenceRule) {
    super("hold rule");
  }
}

/** Steps after which the reader gives up rather than search on, when the caller sets no budget of its own. */
export const STEP_BUDGET = 200_000;
/** How often (in steps) the caller's time budget is polled. */
export const POLL_EVERY = 256;

export class AmbiguityError extends Error {
  constructor(
    readonly index: number,
    readonly readings: readonly [string, string],
    readonly documents: readonly [Record<string, unknown>, Record<string, unknown>],
  ) {
    super("ambiguous");
  }
}

/** The reading ran out of steps or of the caller's time budget. */
export class BudgetError extends Error {}

export function offsetOf(context: SearchContext, index: number): number {
  return context.words[index]?.offset ?? context.source.length;
}

export function near(context: SearchContext, index: number): string {
  const word = context.words[index];
  return word ? ` (character ${word.offset}, "${word.text.slice(0, 40)}")` : " (end of text)";
}

export function spendStep(context: SearchContext): void {
  if (context.stepLimit !== undefined && context.steps > context.stepLimit) throw new RivalLimit();
  const { steps = STEP_BUDGET, expired, onProgress } = context.options;
  if (context.steps > steps)
    throw new BudgetError(`too many possible readings (gave up after ${steps} steps)`);
  if (context.steps % POLL_EVERY !== 0) return;
  if (expired?.()) throw new BudgetError(`time budget spent after ${context.steps} steps`);
  onProgress?.(offsetOf(context, context.furthest.index));
}

export function closedValueMemo(context: SearchContext, rule: EvidenceRule) {
  return { problems: context.closedValueProblems, ruleKey: ruleKey(context, rule) };
}

export function ruleKey(context: SearchContext, rule: EvidenceRule): number {
  let key = context.ruleKeys.get(rule);
  if (key === undefined) {
    key = context.ruleKeys.size;
    context.ruleKeys.set(rule, key);
  }
  return key;
}

/**
 * `rule`'s problems with a whole reading: the same reading is settled at every choice point it passed through, each
 * asking every rule about it.
 */
export function problemsOf(
  context: SearchContext,
  rule: EvidenceRule,
  document: Record<string, unknown>,
): Set<string> {
  const byRule = context.problems.get(document) ?? new Map<EvidenceRule, Set<string>>();
  context.problems.set(document, byRule);
  const known = byRule.get(rule);
  if (known) return known;
  const objects = context.objects.get(document) ?? objectsIn(document);
  context.objects.set(document, objects);
  const found = objectProblems(rule, objects);
  byRule.set(rule, found);
  return found;
}
