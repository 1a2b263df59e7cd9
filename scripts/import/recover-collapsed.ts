/**
 * Rebuilds an OpenAPI document from YAML whose line breaks and indentation were collapsed to single spaces.
 *
 * Without indentation, every key could close any number of open objects; the OpenAPI/JSON Schema model
 * (openapi-model.ts, model-rules.ts) says which open object can take it. The reader searches the readings depth
 * first, in a fixed order of preference, and keeps the first whole document that satisfies the model:
 *  - text (plain or `>-`/`|` block scalars) ends at the earliest point that still gives a valid document;
 *  - a key that is a fixed field of several open objects goes to the innermost one (`title`: the outermost one,
 *    because generators write a schema's `title` after its properties);
 *  - a fixed field is preferred to an entry of an arbitrary-key map (`items` after `type: array` is the keyword,
 *    not a property named `items`).
 * Where a key could be an entry of two different arbitrary-key maps (a property of the inner object or of the outer
 * one), a `- ` item of two different lists, or where block text could end before an entry's name or a `- ` item or
 * run on, nothing prefers either: when both give a valid document, the reader fails with both readings (and both
 * documents, for tests) instead of guessing. Dead choice points are remembered (reading-signature.ts), so a wrong
 * early choice that only fails at the end of the page is not retried with every combination of later choices.
 */
import { splitWords, type Word } from "./collapsed-text.ts";
import { type EvidenceRule, forEachObject, insideFreeValue } from "./evidence.ts";
import { exampleValuesRule } from "./example-values.ts";
import { OPENAPI_DOCUMENT } from "./openapi-model.ts";
import {
  combined,
  componentReferences,
  documentAnchors,
  finer,
  heldCheck,
  heldKeyCheck,
  keyPositions,
  rivalsOf,
  stackProblem,
} from "./reading-evidence.ts";
import { type Detail, signatureMemo, stateSignature } from "./reading-signature.ts";
import { type Alternative, type Found, type State, successors } from "./reading-steps.ts";
import {
  AmbiguityError,
  BudgetError,
  closedValueMemo,
  HoldRule,
  MAX_QUICK_RIVAL_STEPS,
  near,
  offsetOf,
  problemsOf,
  QUICK_RIVAL_STEPS,
  type RecoverOptions,
  RIVAL_READ_STEPS,
  RIVAL_STEPS,
  RivalLimit,
  ruleKey,
  type SearchContext,
  spendStep,
  UndecidedError,
} from "./search-context.ts";

export type { RecoverOptions };

export type Recovery =
  | {
      ok: true;
      document: Record<string, unknown>;
      /** How many places where text could have ended the reading ran past (0 for most pages). */
      cost: number;
      /** The evidence rules that decided between readings the model alone could not (empty: unique under the model). */
      decidedBy: string[];
    }
  | {
      ok: false;
      message: string;
      /** Character offset in the collapsed text. */
      offset: number;
      /** For an ambiguous page: the two whole documents the text reads as. */
      readings?: readonly [Record<string, unknown>, Record<string, unknown>];
      /** The reading ran out of its budget (steps, or the caller's time budget). */
      exhausted?: boolean;
    };

/**
 * Reads collapsed YAML text into an OpenAPI document, or says why it cannot be read unambiguously. Where two readings
 * remain, the schemas they agree on may decide the keys inside the examples (example-values.ts): the page is read
 * again with that evidence, and the reading is kept only if it still has those schemas.
 */
export function recoverCollapsed(text: string, options: RecoverOptions = {}): Recovery {
  const refusing = (options.rules ?? []).filter((rule) => rule.refuses === true);
  if (refusing.length === 0) return recoverDeciding(text, options);
  const recovered = recoverDeciding(text, {
    ...options,
    rules: (options.rules ?? []).filter((rule) => rule.refuses !== true),
  });
  return recovered.ok ? (refusal(text, recovered.document, refusing) ?? recovered) : recovered;
}

/** The page refused where its reading breaks a rule that `refuses`, at the first text value that breaks it. */
function refusal(
  text: string,
  document: Record<string, unknown>,
  rules: readonly EvidenceRule[],
): Recovery | undefined {
  let found: { problem: string; value: string } | undefined;
  forEachObject(document, [], (path, entries) => {
    if (found) return;
    const problem = rules.flatMap((rule) => rule.problems(path, entries, true))[0];
    if (problem === undefined) return;
    // The text the page is refused at: the value that breaks the rule, or the object's first text.
    const texts = entries.filter((entry): entry is [string, string] => typeof entry[1] === "string");
    const [, value] =
      texts.find((entry) => rules.some((rule) => rule.problems(path, [entry], true).length > 0)) ??
      texts[0] ??
      [];
    found = { problem, value: value ?? "" };
  });
  if (!found) return undefined;
  const offset = Math.max(0, text.replace(/\s+/g, " ").indexOf(found.value.slice(0, 40)));
  return {
    ok: false,
    offset,
    message: `refused: ${found.problem}`,
  };
}

function recoverDeciding(text: string, options: RecoverOptions): Recovery {
  const first = readHolding(text, options);
  if (first.ok || !first.readings) return first;
  const examples = exampleValuesRule(first.readings[0], first.readings[1], options.listedResponseKeys);
  if (!examples) return first;
  const rules = [
    ...(options.rules ?? []),
    examples.rule,
    ...(examples.listedKeys ? [examples.listedKeys] : []),
  ];
  const second = readHolding(text, { ...options, rules });
  if (second.ok) return examples.agrees(second.document) ? second : first;
  return second.readings || second.exhausted ? second : first;
}

function readHolding(text: string, options: RecoverOptions): Recovery {
  const source = text.replace(/\s+/g, " ").trim();
  const words = splitWords(source);
  const references = componentReferences(source);
  const positions = keyPositions(words, source);
  const anchors = documentAnchors(positions, references, options.requiredKeys);
  const keys = { positions, anchors: [...anchors].sort((a, b) => a - b) };
  let steps = 0;
  const held: EvidenceRule[] = (options.rules ?? []).filter((rule) => rule.heldFromStart === true);
  for (;;) {
    // A held rule is reported only once it has ruled out a reading (heldCheck).
    const decidedBy = new Set<string>();
    const context: SearchContext = {
      words,
      source,
      references,
      anchors,
      plainReadings: new Map(),
      keyPositions: keys,
      keyDeadlines: new WeakMap(),
      keyRoles: new WeakMap(),
      frameReferences: { frames: new WeakMap(), values: new WeakMap() },
      rules: (options.rules ?? []).filter((rule) => rule.overrules !== true),
      overruling: (options.rules ?? []).filter((rule) => rule.overrules === true),
      steps,
      furthest: { index: 0, message: "empty document" },
      failed: new Set(),
      problems: new WeakMap(),
      objects: new WeakMap(),
      closedValueProblems: new WeakMap(),
      memos: {
        model: signatureMemo("model"),
        scalars: signatureMemo("scalars"),
        whole: signatureMemo("whole"),
      },
      sees: held.reduce<Detail>((detail, rule) => finer(detail, rule.sees ?? "whole"), "model"),
      options,
      checkName: held.map((rule) => rule.name).join("\u0003"),
      ruleKeys: new Map(),
      decidedBy,
      held,
      deciders: [],
      quickSteps: new Map(),
      ...(held.length > 0
        ? { check: heldCheck(held, decidedBy), keyCheck: heldKeyCheck(held, decidedBy) }
        : {}),
    };
    try {
      return readWith(context);
    } catch (error) {
      if (!(error instanceof HoldRule) || held.includes(error.rule)) throw error;
      held.push(error.rule);
      steps = context.steps;
    }
  }
}

function readWith(context: SearchContext): Recovery {
  const start: State = {
    index: 0,
    cost: 0,
    stack: [{ tag: "map", options: [OPENAPI_DOCUMENT], entries: [], path: [] }],
  };
  try {
    const found = explore(context, start, context.options.maxCost ?? Number.POSITIVE_INFINITY);
    if (found)
      return {
        ok: true,
        document: found.document,
        cost: found.cost,
        decidedBy: [...context.decidedBy].sort(),
      };
    const { index, message } = context.furthest;
    return {
      ok: false,
      offset: offsetOf(context, index),
      message: `cannot read word ${index + 1}${near(context, index)}: ${message}`,
    };
  } catch (error) {
    if (error instanceof UndecidedError)
      return {
        ok: false,
        offset: offsetOf(context, error.index),
        message: `undecided at word ${error.index + 1}${near(context, error.index)}: no evidence rules out the reading as ${error.reading}, and it has more readings than the reader searches`,
      };
    if (error instanceof AmbiguityError) {
      const [first, second] = error.readings;
      return {
        ok: false,
        offset: offsetOf(context, error.index),
        message: `ambiguous at word ${error.index + 1}${near(context, error.index)}: it reads as ${first} or as ${second}`,
        readings: error.documents,
      };
    }
    // Every choice point still open on the way to the end is a frame of `explore`: a page with more of them than the
    // thread's stack holds is refused like one over its step budget (workers get a larger stack, page-pool.ts).
    if (error instanceof RangeError && /call stack/.test(error.message)) {
      const { index, message } = context.furthest;
      return {
        ok: false,
        offset: offsetOf(context, index),
        message: `too many open choices for the reader's stack; furthest reading stopped at word ${index + 1}${near(context, index)}: ${message}`,
        exhausted: true,
      };
    }
    if (error instanceof BudgetError) {
      const { index, message } = context.furthest;
      return {
        ok: false,
        offset: offsetOf(context, index),
        message: `${error.message}; furthest reading stopped at word ${index + 1}${near(context, index)}: ${message}`,
        exhausted: true,
      };
    }
    throw error;
  }
}

/**
 * Depth first over the alternatives, in order of preference; the first whole document wins. A rival reading at a
 * choice no rule decides makes the text ambiguous only if it runs text past no more places than the preferred one
 * allows it (`ceiling`, see settleRivals).
 */
function explore(
  context: SearchContext,
  initial: State,
  ceiling = Number.POSITIVE_INFINITY,
  checkRivals = true,
): Found | undefined {
  let state = initial;
  for (;;) {
    context.steps += 1;
    spendStep(context);
    if (state.cost > ceiling) return undefined;
    const step = successors(context, state);
    if ("document" in step) return step;
    const options = step.alternatives;
    if (options.length === 1) {
      state = (options[0] as Alternative).state;
      continue;
    }
    const signature = `${context.checkName}\u0001${stateSignature(
      state.index,
      state.expect,
      state.stack,
      ceiling - state.cost,
      context.memos[context.sees],
    )}`;
    if (context.failed.has(signature)) return undefined;
    for (const [position, option] of options.entries()) {
      const found = explore(context, option.state, ceiling, checkRivals);
      if (!found) continue;
      if (checkRivals && option.group) settleRivals(context, state, options, position, found);
      return found;
    }
    context.failed.add(signature);
    return undefined;
  }
}

/**
 * Makes sure no rival of the option at `position` (which read as `found`) also reads, unless evidence rules it out:
 * first the rules that judge objects as they are read (not only the whole document, `atEnd`), in the order given
 * (most specific first), searched without reading
 * the rival first (a rival that an example or extension lets take the rest of the page may have more readings than
 * can be searched); then, with the rival's own reading, the other rules, each only where the rival's reading breaks
 * it somewhere the preferred one does not (else no search could rule the rival out). Not the page's own habits (what
 * two readings agree on elsewhere on the page): three reviews wrote pages wrong through every form of it tried, and
 * with the cases they found refused it decided one page of the bench's 700 (docs/import.md, seventh pass).
 */
function settleRivals(
  context: SearchContext,
  state: State,
  options: readonly Alternative[],
  position: number,
  found: Found,
): void {
  const option = options[position] as Alternative;
  for (const rival of rivalsOf(options, position)) {
    // A text's rival runs it past as many more places as the rival's end is past the option's (one for the next end,
    // more where an end in between could not take the text).
    const ceiling = option.group === "text" ? found.cost + rival.state.cost - option.state.cost : found.cost;
    const pruners = context.rules.filter((rule) => !rule.atEnd);
    const early = decide(context, pruners, found, undefined, rival.state, ceiling);
    if (early !== undefined) {
      context.decidedBy.add(early);
      continue;
    }
    const other = readRival(context, rival, ceiling);
    if (!other) continue;
    const rest = context.rules.filter(
      (rule) =>
        !pruners.includes(rule) || (!rule.exact && problemsOf(context, rule, found.document).size > 0),
    );
    const rule =
      decide(context, rest, found, other, rival.state, ceiling) ??
      decide(context, combined(pruners), found, other, rival.state, ceiling);
    if (rule === undefined) {
      const overruling = overrulingRule(context, found, other, rival);
      if (overruling) throw new HoldRule(overruling);
      throw new AmbiguityError(
        option.group === "text" ? option.state.index : state.index,
        [option.reading, rival.reading],
        [found.document, other.document],
      );
    }
    context.decidedBy.add(rule);
  }
}

/**
 * Where no rule rules the rival out, a rule that `overrules` the reader's order of preference and that the preferred
 * reading breaks where the rival's own reading keeps it (every problem of the rival's is one of the preferred's, and
 * the preferred has more), while no rule at all has a problem with the rival's reading that the preferred lacks: that
 * rule, as an exact one tolerating only the rival's problems, for the page to be read again holding every reading to
 * it (NetLicensing's property named `items`, which the model prefers as the keyword, the site's schemas never hold).
 * Only where the rival puts a key where the rule `welcomes` it: into a map of names outside free values (a schema's
 * `properties`), or onto an object whose class the site shows holding it. Not into an example, a default or an
 * extension, nor onto a class the site shows too seldom, where a rule of the site's style sees nothing: session 29's
 * review had a schema's `required` after a property's example read into the example, a request body's `required`
 * into its media type's example. A rule that `reorders` (a text habit no real text breaks) overrules at any choice, a
 * text's end too, welcome or not: its evidence is the preferred reading's text, not where the rival puts a key
 * (plaid's request body `description`, read onto the body so that its text ran on over the schema's `properties: …
 * type: string … >-`, where the schema could take it). At most MAX_OVERRULINGS a page.
 */
function overrulingRule(
  context: SearchContext,
  found: Found,
  other: Found,
  rival: Alternative,
): EvidenceRule | undefined {
  // The held rules `tolerating` made keep `overrules` (or `reorders`): they count the page's overrulings so far.
  if (context.held.filter((rule) => rule.overrules || rule.reorders).length >= MAX_OVERRULINGS)
    return undefined;
  const againstRival = context.rules.some((rule) => {
    if (context.held.includes(rule)) return false;
    const preferred = problemsOf(context, rule, found.document);
    return [...problemsOf(context, rule, other.document)].some((problem) => !preferred.has(problem));
  });
  if (againstRival) return undefined;
  const target = rival.state.stack[rival.state.stack.length - 1];
  const placed =
    target?.tag === "map" && target.pending !== undefined && !insideFreeValue(target.path)
      ? target
      : undefined;
  const names = placed?.options.some((kind) => kind.type === "map") === true;
  const welcomed = (rule: EvidenceRule) =>
    rule.reorders === true ||
    (placed !== undefined &&
      (names || rule.welcomes?.(placed.path, placed.entries, placed.pending as string) === true));
  for (const rule of [...context.overruling, ...context.rules.filter((each) => each.reorders)]) {
    if (!welcomed(rule)) continue;
    const tolerated = problemsOf(context, rule, other.document);
    const preferred = problemsOf(context, rule, found.document);
    if (preferred.size > tolerated.size && [...tolerated].every((problem) => preferred.has(problem)))
      return tolerating(rule, tolerated);
  }
  return undefined;
}

const MAX_OVERRULINGS = 4;

/** `rule` as an exact rule with every problem but the `tolerated` ones. */
function tolerating(rule: EvidenceRule, tolerated: ReadonlySet<string>): EvidenceRule {
  const keep = (problems: string[]) => problems.filter((problem) => !tolerated.has(problem));
  const { keyProblems, openListProblems } = rule;
  return {
    ...rule,
    exact: true,
    problems: (path, entries, complete) => keep(rule.problems(path, entries, complete)),
    ...(keyProblems
      ? {
          keyProblems: (path, entries, key, value) => keep(keyProblems.call(rule, path, entries, key, value)),
        }
      : {}),
    ...(openListProblems
      ? { openListProblems: (path, items, rest) => keep(openListProblems.call(rule, path, items, rest)) }
      : {}),
  };
}

/** The rival's first reading, searched within RIVAL_READ_STEPS: past them, the choice is refused as undecided. */
function readRival(context: SearchContext, rival: Alternative, ceiling: number): Found | undefined {
  context.stepLimit = context.steps + RIVAL_READ_STEPS;
  try {
    return explore(context, rival.state, ceiling, false);
  } catch (error) {
    if (!(error instanceof RivalLimit)) throw error;
    throw new UndecidedError(rival.state.index, rival.reading);
  } finally {
    context.stepLimit = undefined;
  }
}

/**
 * Evidence deciding between two valid readings: a rule such that every completion of the rival has a problem
 * under it that the preferred reading (`found`) does not have. The rival is searched again with the rule applied to
 * every object as it is read, under its own memo of dead states. A habit (a rule not `exact`) decides only if the
 * preferred reading breaks it nowhere the rival's own reading (`other`; without it: nowhere at all) does not, but where
 * the rule `excuses` the break beside that reading: a reading that only moves a break of the habit elsewhere is no
 * better.
 */
function decide(
  context: SearchContext,
  rules: readonly EvidenceRule[],
  found: Found,
  other: Found | undefined,
  rival: State,
  ceiling: number,
): string | undefined {
  const judged: { rule: EvidenceRule; accepted: Set<string>; relevant: boolean }[] = [];
  let vetoed = false;
  for (const rule of rules) {
    if (context.held.includes(rule)) continue;
    const accepted = withWeakProblems(problemsOf(context, rule, found.document), rule);
    const breaks = other && problemsOf(context, rule, other.document);
    // A habit the preferred reading breaks decides only where the rival's own reading breaks it as much (without that
    // reading, never); a vetoing one so broken leaves the choice to exact rules.
    if (!rule.exact && accepted.size > 0) {
      const rivalBreaks =
        other !== undefined &&
        breaks !== undefined &&
        [...accepted].every((problem) => rule.excuses?.(problem, other.document) || breaks.has(problem));
      if (!rivalBreaks) {
        vetoed ||= rule.vetoes === true;
        continue;
      }
    }
    // A rule the rival's own reading keeps as well as the preferred one cannot rule the rival out: no search.
    const relevant = breaks === undefined || [...breaks].some((problem) => !accepted.has(problem));
    judged.push({ rule, accepted, relevant });
  }
  const deciding = vetoed ? judged.filter(({ rule }) => rule.exact) : judged;
  // Unless the preferred reading breaks an exact rule (it must then be read again, below, whichever rule would rule the
  // rival out), no rule can send the page back, and the order of the rules only picks which one is named.
  if (!deciding.some(({ rule, accepted }) => rule.exact && accepted.size > 0))
    return cheapestFirst(
      context,
      deciding.filter(({ relevant }) => relevant),
      rival,
      ceiling,
    );
  for (const { rule, accepted, relevant } of deciding) {
    if (
      relevant &&
      (stackProblem(
        rival.stack,
        rule,
        accepted,
        closedValueMemo(context, rule),
        laterWords(context, rival),
      ) ||
        searchUnder(context, rule, accepted, rival, ceiling, RIVAL_STEPS) === "ruled out")
    )
      return rule.name;
    // The preferred reading breaks a rule that is certainly true of the page: read again, holding every reading to it.
    if (accepted.size > 0 && rule.exact) throw new HoldRule(rule);
  }
  return undefined;
}

/**
 * The preferred reading's problems under `rule`, as a set that also holds every problem the rule counts as weak
 * evidence (`blocksOnly`): a rival breaking only those is not ruled out. Its members (what the preferred reading
 * breaks, weak ones too) are the problems themselves, so a weak one the rival keeps still stops the rule deciding.
 */
function withWeakProblems(problems: Set<string>, rule: EvidenceRule): Set<string> {
  const { blocksOnly } = rule;
  return blocksOnly === undefined
    ? problems
    : new WeakTolerantSet(problems, (problem) => blocksOnly.call(rule, problem));
}

/** A set of problems that also holds every problem `weak` names (withWeakProblems). */
class WeakTolerantSet extends Set<string> {
  readonly #weak: (problem: string) => boolean;
  constructor(problems: Iterable<string>, weak: (problem: string) => boolean) {
    super(problems);
    this.#weak = weak;
  }
  override has(problem: string): boolean {
    return super.has(problem) || this.#weak(problem);
  }
}

/** The page's words from where `rival` reads on (stackProblem's `rest`). */
function laterWords(context: SearchContext, rival: State): () => Iterable<string> {
  return function* () {
    for (let index = rival.index; index < context.words.length; index++)
      yield (context.words[index] as Word).text;
  };
}

interface Judged {
  readonly rule: EvidenceRule;
  readonly accepted: ReadonlySet<string>;
}

/**
 * The first rule that rules the rival out, the cheapest proofs first: what the rival has already read breaking a rule
 * (no search); then a short search under each rule, since a rule rules a rival out soon after it or not for hundreds of
 * steps (a rival that keeps a rule has to read the rest of the page to show it); then the full search under the rules
 * the short one left undecided. The short search is QUICK_RIVAL_STEPS: most rule-outs take under 8 steps, and a long
 * page's hundreds of rivals each paid 33 steps under every rule that does not decide it (Twilio's api_v2010 pages, a
 * third of their reading). A rule whose rule-out on the page took longer (up to MAX_QUICK_RIVAL_STEPS) gets that long
 * at its next short searches: the page's next choices are of the same shapes (cybertaxonomy's took 9 to 33 steps,
 * each a full search of the rules tried before it).
 */
function cheapestFirst(
  context: SearchContext,
  given: readonly Judged[],
  rival: State,
  ceiling: number,
): string | undefined {
  const judged = recentDecidersFirst(context, given);
  const decided = (rule: EvidenceRule) => {
    const { deciders } = context;
    // Only the page's own rules: `combined` builds a new rule for each rival, which no later choice would match.
    if (!context.rules.includes(rule)) return rule.name;
    const at = deciders.indexOf(rule);
    if (at !== 0) {
      if (at > 0) deciders.splice(at, 1);
      deciders.unshift(rule);
    }
    return rule.name;
  };
  for (const { rule, accepted } of judged)
    if (stackProblem(rival.stack, rule, accepted, closedValueMemo(context, rule), laterWords(context, rival)))
      return decided(rule);
  // A completion of the rival found under one rule that another rule has no new problem with shows that rule keeps the
  // rival too, without a search of its own (each such search would read the rest of the page again).
  const completions: Record<string, unknown>[] = [];
  const keptBy = ({ rule, accepted }: Judged) =>
    completions.some((document) =>
      [...problemsOf(context, rule, document)].every((problem) => accepted.has(problem)),
    );
  const unfinished: Judged[] = [];
  for (const entry of judged) {
    if (keptBy(entry)) continue;
    const steps = context.quickSteps.get(entry.rule) ?? QUICK_RIVAL_STEPS;
    const outcome = searchUnder(context, entry.rule, entry.accepted, rival, ceiling, steps);
    if (outcome === "ruled out") return decided(entry.rule);
    if (outcome === "limit") {
      if (entry.rule.local !== true) unfinished.push(entry);
    } else completions.push(outcome.document);
  }
  for (const entry of unfinished) {
    if (keptBy(entry)) continue;
    const start = context.steps;
    const outcome = searchUnder(context, entry.rule, entry.accepted, rival, ceiling, RIVAL_STEPS);
    if (outcome === "ruled out") {
      // Give the rule's short search that many steps (up to MAX_QUICK_RIVAL_STEPS) at the page's next choices; never
      // fewer than it has (the full search reuses the dead states the short one found, and may finish in fewer).
      const spent = context.steps - start;
      const steps = context.quickSteps.get(entry.rule) ?? QUICK_RIVAL_STEPS;
      if (spent > steps && spent <= MAX_QUICK_RIVAL_STEPS) context.quickSteps.set(entry.rule, spent);
      return decided(entry.rule);
    }
    if (outcome !== "limit") completions.push(outcome.document);
  }
  return undefined;
}

/**
 * The rules judged, those that ruled out the page's latest rivals first: a page's choices repeat (each example value's
 * keys, each enum's items), and the rule that decided one usually decides the next, where trying the others first
 * spends a short search each. Each rule-out is still a whole search under its rule, so the order changes which rule is
 * named and, at the step limits (the dead states one search leaves for the next), which rivals are decided.
 */
function recentDecidersFirst(context: SearchContext, judged: readonly Judged[]): readonly Judged[] {
  const rank = (entry: Judged) => {
    const at = context.deciders.indexOf(entry.rule);
    return at < 0 ? context.deciders.length : at;
  };
  return [...judged].sort((a, b) => rank(a) - rank(b));
}

/**
 * Whether a completion of `state` has no problem under `rule` besides the `accepted` ones, searching from `state` on
 * (what the state has already read is judged by the caller, `decide`, with `stackProblem`): the completion found, or
 * "ruled out" when there is none, or "limit" past `steps` (which the caller takes as kept, or searches again for longer).
 */
function searchUnder(
  context: SearchContext,
  rule: EvidenceRule,
  accepted: ReadonlySet<string>,
  state: State,
  ceiling: number,
  steps: number,
): Found | "ruled out" | "limit" {
  const saved = {
    check: context.check,
    keyCheck: context.keyCheck,
    checkName: context.checkName,
    sees: context.sees,
  };
  context.sees = finer(saved.sees, rule.sees ?? "whole");
  const base = saved.check;
  const baseKey = saved.keyCheck;
  context.check = (path, entries, complete) =>
    base?.(path, entries, complete) ??
    rule.problems(path, entries, complete).find((problem) => !accepted.has(problem));
  context.keyCheck = (path, entries, key, value) =>
    baseKey?.(path, entries, key, value) ??
    rule.keyProblems?.(path, entries, key, value).find((problem) => !accepted.has(problem));
  context.checkName = `${saved.checkName}\u0002${ruleKey(context, rule)}\u0002${[...accepted].sort().join("\u0002")}`;
  context.stepLimit = context.steps + steps;
  try {
    return explore(context, state, ceiling, false) ?? "ruled out";
  } catch (error) {
    if (error instanceof RivalLimit) return "limit";
    throw error;
  } finally {
    context.check = saved.check;
    context.keyCheck = saved.keyCheck;
    context.checkName = saved.checkName;
    context.sees = saved.sees;
    context.stepLimit = undefined;
  }
}
