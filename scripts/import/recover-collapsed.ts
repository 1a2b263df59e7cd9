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
import {
  blockHeader,
  isDash,
  readFlow,
  readKey,
  readQuoted,
  resolvePlain,
  splitWords,
  type Word,
} from "./collapsed-text.ts";
import { documentProblems, type EvidenceRule } from "./evidence.ts";
import { kindProblem, schemaKeyProblem } from "./model-rules.ts";
import {
  ANY,
  alternatives,
  isExtensionKey,
  type Kind,
  type ListKind,
  type MappingKind,
  OPENAPI_DOCUMENT,
  SCHEMA,
} from "./openapi-model.ts";
import { type SignatureMemo, signatureMemo, stateSignature } from "./reading-signature.ts";
import {
  attach,
  childPath,
  closeAbove,
  closeAll,
  closeProblem,
  type Frame,
  type ListFrame,
  type MapFrame,
  type ObjectCheck,
  pointerText,
  slotTakes,
} from "./reading-stack.ts";

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

export interface RecoverOptions {
  /** Evidence beyond the model (evidence.ts, site-style.ts) that may decide between two valid readings. */
  readonly rules?: readonly EvidenceRule[];
  /** Only readings that run text past at most this many places (see `cost`); default: any. */
  readonly maxCost?: number;
  /** Steps after which the reader gives up (default STEP_BUDGET). */
  readonly steps?: number;
  /** Polled every few hundred steps: true when the caller's time budget is spent. */
  readonly expired?: () => boolean;
  /** Told the furthest character offset read so far, every few hundred steps. */
  readonly onProgress?: (offset: number) => void;
}

interface State {
  readonly index: number;
  readonly stack: readonly Frame[];
  /** The kind of value expected at `index`; undefined when a key, a `- ` or the end is expected. */
  readonly expect?: Kind;
  /** How many places where text could have ended this reading ran past: lower is preferred. */
  readonly cost: number;
}

/** One way to continue; `group` marks choices that no rule prefers (checked for ambiguity). */
interface Alternative {
  readonly state: State;
  readonly group?: "map entry" | "list item" | "text" | "field" | "any-valued field";
  /** For a field: it takes any value (`default`, `example`, `x-…`), so a map entry of that name is a rival too. */
  readonly anyValued?: boolean;
  readonly reading: string;
}

interface Found {
  readonly document: Record<string, unknown>;
  readonly cost: number;
}

type Step = Found | { readonly alternatives: Alternative[] };

interface Context {
  readonly words: readonly Word[];
  readonly source: string;
  /** `section/name` of every `#/components/<section>/<name>` reference in the text. */
  readonly references: ReadonlySet<string>;
  steps: number;
  furthest: { index: number; message: string };
  /** Signatures of choice points whose every reading led nowhere (see reading-signature.ts). */
  readonly failed: Set<string>;
  readonly memo: SignatureMemo;
  readonly options: RecoverOptions;
  /** The evidence rule readings are held to while searching a rival (see `decide`), and its name for the memo. */
  check?: ObjectCheck;
  checkName: string;
  readonly decidedBy: Set<string>;
  /** Rules every reading must satisfy in full: adopted when one decided against the reader's preferred reading. */
  readonly held: readonly EvidenceRule[];
  /** While evidence is searching a rival: the step count past which it stops and leaves the choice undecided. */
  stepLimit?: number;
}

/**
 * Steps evidence may spend searching one rival: a rule that only fails a reading when its document closes can make
 * the search try every combination of the choices in between; past this, the rule does not decide (a refusal).
 */
const RIVAL_STEPS = 4_000;

class RivalLimit extends Error {}

/** A rule rules out the preferred reading but not its rival: read again, holding every reading to that rule. */
class HoldRule extends Error {
  constructor(readonly rule: EvidenceRule) {
    super("hold rule");
  }
}

/** Steps after which the reader gives up rather than search on, when the caller sets no budget of its own. */
const STEP_BUDGET = 200_000;
/** How often (in steps) the caller's time budget is polled. */
const POLL_EVERY = 256;

class AmbiguityError extends Error {
  constructor(
    readonly index: number,
    readonly readings: readonly [string, string],
    readonly documents: readonly [Record<string, unknown>, Record<string, unknown>],
  ) {
    super("ambiguous");
  }
}

/** The reading ran out of steps or of the caller's time budget. */
class BudgetError extends Error {}

/** Reads collapsed YAML text into an OpenAPI document, or says why it cannot be read unambiguously. */
export function recoverCollapsed(text: string, options: RecoverOptions = {}): Recovery {
  const source = text.replace(/\s+/g, " ").trim();
  const words = splitWords(source);
  const references = componentReferences(source);
  let steps = 0;
  const held: EvidenceRule[] = [];
  for (;;) {
    const context: Context = {
      words,
      source,
      references,
      steps,
      furthest: { index: 0, message: "empty document" },
      failed: new Set(),
      memo: signatureMemo(),
      options,
      checkName: held.map((rule) => rule.name).join("\u0003"),
      decidedBy: new Set(held.map((rule) => rule.name)),
      held,
      ...(held.length > 0 ? { check: heldCheck(held) } : {}),
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

function heldCheck(rules: readonly EvidenceRule[]): ObjectCheck {
  return (path, entries, complete) => {
    for (const rule of rules) {
      const problem = rule.problems(path, entries, complete)[0];
      if (problem) return problem;
    }
    return undefined;
  };
}

function readWith(context: Context): Recovery {
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
 * The site's per-endpoint documents carry only the components their operations use, so an entry of a components
 * map must be referenced somewhere in the text; this tells a new component from one more property of the last one.
 */
function componentReferences(source: string): Set<string> {
  const references = new Set<string>();
  for (const match of source.matchAll(/#\/components\/([A-Za-z]+)\/([^\s'"#]+)/g)) {
    const name = (match[2] as string).replace(/~1/g, "/").replace(/~0/g, "~");
    references.add(`${match[1]}/${name}`);
    references.add(`${match[1]}/${safeDecode(name)}`);
  }
  return references;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function offsetOf(context: Context, index: number): number {
  return context.words[index]?.offset ?? context.source.length;
}

function near(context: Context, index: number): string {
  const word = context.words[index];
  return word ? ` (character ${word.offset}, "${word.text.slice(0, 40)}")` : " (end of text)";
}

/**
 * Depth first over the alternatives, in order of preference; the first whole document wins. A rival reading at a
 * choice no rule decides makes the text ambiguous only if it runs text past no more key-like words (`ceiling`).
 */
function explore(
  context: Context,
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
      context.memo,
    )}`;
    if (context.failed.has(signature)) return undefined;
    for (const [position, option] of options.entries()) {
      const found = explore(context, option.state, ceiling, checkRivals);
      if (!found) continue;
      if (checkRivals && option.group) {
        for (const rival of rivalsOf(options, position)) {
          const ceiling = option.group === "text" ? found.cost + 1 : found.cost;
          const other = explore(context, rival.state, ceiling, false);
          if (!other) continue;
          const rule = decide(context, found, rival.state, ceiling);
          if (rule === undefined)
            throw new AmbiguityError(
              option.group === "text" ? option.state.index : state.index,
              [option.reading, rival.reading],
              [found.document, other.document],
            );
          context.decidedBy.add(rule);
        }
      }
      return found;
    }
    context.failed.add(signature);
    return undefined;
  }
}

function spendStep(context: Context): void {
  if (context.stepLimit !== undefined && context.steps > context.stepLimit) throw new RivalLimit();
  const { steps = STEP_BUDGET, expired, onProgress } = context.options;
  if (context.steps > steps)
    throw new BudgetError(`too many possible readings (gave up after ${steps} steps)`);
  if (context.steps % POLL_EVERY !== 0) return;
  if (expired?.()) throw new BudgetError(`time budget spent after ${context.steps} steps`);
  onProgress?.(offsetOf(context, context.furthest.index));
}

/**
 * Evidence deciding between two valid readings: the first rule such that every completion of the rival has a problem
 * under it that the preferred reading (`found`) does not have. The rival is searched again with the rule applied to
 * every object as it is read, under its own memo of dead states.
 */
function decide(context: Context, found: Found, rival: State, ceiling: number): string | undefined {
  for (const rule of context.options.rules ?? []) {
    if (context.held.includes(rule)) continue;
    const accepted = documentProblems(rule, found.document);
    if (!searchUnder(context, rule, accepted, rival, ceiling)) return rule.name;
    // The preferred reading breaks a rule that is certainly true of the page: read again, holding every reading to it.
    if (accepted.size > 0 && rule.exact) throw new HoldRule(rule);
  }
  return undefined;
}

/** Whether a completion of `state` has no problem under `rule` besides the `accepted` ones. */
function searchUnder(
  context: Context,
  rule: EvidenceRule,
  accepted: ReadonlySet<string>,
  state: State,
  ceiling: number,
): boolean {
  const saved = { check: context.check, checkName: context.checkName };
  const base = saved.check;
  context.check = (path, entries, complete) =>
    base?.(path, entries, complete) ??
    rule.problems(path, entries, complete).find((problem) => !accepted.has(problem));
  context.checkName = `${saved.checkName}\u0002${rule.name}\u0002${[...accepted].sort().join("\u0002")}`;
  context.stepLimit = context.steps + RIVAL_STEPS;
  try {
    if (stackProblem(state.stack, rule, accepted)) return false;
    return explore(context, state, ceiling, false) !== undefined;
  } catch (error) {
    if (error instanceof RivalLimit) return true;
    throw error;
  } finally {
    context.check = saved.check;
    context.checkName = saved.checkName;
    context.stepLimit = undefined;
  }
}

/**
 * Whether what `stack` has already read breaks `rule` beyond the `accepted` problems: the rival's state was reached
 * without the rule, so the objects it has closed were never shown to it.
 */
function stackProblem(stack: readonly Frame[], rule: EvidenceRule, accepted: ReadonlySet<string>): boolean {
  const breaks = (problems: Iterable<string>) => [...problems].some((problem) => !accepted.has(problem));
  for (const frame of stack) {
    const items: readonly (readonly [string | number, unknown])[] =
      frame.tag === "map" ? frame.entries : frame.items.map((item, index) => [index, item] as const);
    for (const [key, value] of items)
      if (
        typeof value === "object" &&
        value !== null &&
        breaks(documentProblems(rule, value, [...frame.path, key]))
      )
        return true;
    if (frame.tag === "map" && breaks(rule.problems(frame.path, frame.entries, false))) return true;
  }
  return false;
}

/**
 * The readings that compete with the one at `position` without a rule to prefer either: other entries of a different
 * map, items of a different list, or, for text that ends before a word read as a map entry's name, the text running
 * on past that word.
 */
function rivalsOf(options: readonly Alternative[], position: number): Alternative[] {
  const option = options[position] as Alternative;
  if (option.group === "text") return options.slice(position + 1, position + 2);
  if (option.group === "any-valued field") return options.filter((rival) => rival.group === "map entry");
  if (option.group === "field")
    return options
      .slice(position + 1)
      .filter(
        (rival) =>
          rival.group === "field" ||
          rival.group === "any-valued field" ||
          (option.anyValued === true && rival.group === "map entry"),
      );
  return options.slice(position + 1).filter((rival) => rival.group === option.group);
}

function dead(context: Context, index: number, message: string): Step {
  if (index >= context.furthest.index) context.furthest = { index, message };
  return { alternatives: [] };
}

function successors(context: Context, state: State): Step {
  return state.expect === undefined ? afterValue(context, state) : valueAt(context, state, state.expect);
}

// ---------------------------------------------------------------- after a value: a key, a `- `, or the end

function afterValue(context: Context, state: State): Step {
  const { words, source } = context;
  if (state.index >= words.length) {
    const document = closeAll(state.stack, context.check);
    return document === undefined
      ? dead(context, state.index, closeProblem(state.stack))
      : { document, cost: state.cost };
  }
  if (isDash(words, state.index)) return { alternatives: listItemAlternatives(context, state) };
  const key = readKey(words, source, state.index);
  if (!key) return dead(context, state.index, "expected a key, a `- ` item or the end");
  const found = keyAlternatives(context, state, key.value, key.next);
  if (found.length === 0) return dead(context, state.index, `no open object takes the key \`${key.value}\``);
  return { alternatives: found };
}

function listItemAlternatives(context: Context, state: State): Alternative[] {
  const found: Alternative[] = [];
  for (let level = state.stack.length - 1; level >= 0; level--) {
    const frame = state.stack[level] as Frame;
    if (frame.tag !== "list") continue;
    const stack = closeAbove(state.stack, level, context.check);
    if (!stack) continue;
    found.push({
      state: { index: state.index + 1, stack, expect: frame.item, cost: state.cost },
      group: "list item",
      reading: `an item of ${pointerText(frame.path)}`,
    });
  }
  return found;
}

function keyAlternatives(context: Context, state: State, key: string, next: number): Alternative[] {
  const fields: Alternative[] = [];
  const entries: Alternative[] = [];
  for (let level = state.stack.length - 1; level >= 0; level--) {
    const frame = state.stack[level] as Frame;
    if (frame.tag !== "map") continue;
    const role = keyRole(context, frame, key);
    if (!role) continue;
    const stack = closeAbove(state.stack, level, context.check);
    if (!stack) continue;
    const target = stack[stack.length - 1] as MapFrame;
    const option: Alternative = {
      state: {
        index: next,
        stack: [...stack.slice(0, -1), { ...target, pending: key }],
        expect: valueKind(frame, key),
        cost: state.cost,
      },
      reading: `${pointerText([...frame.path, key])}`,
    };
    if (role === "field") fields.push(option);
    else entries.push({ ...option, group: "map entry" });
  }
  if (OUTERMOST_FIRST.has(key)) fields.reverse();
  rankByEvidence(context, fields, key);
  // A field that takes any value (`default`, `example`, `x-…`) is no better a reading than a map entry of that name,
  // and a field that several open objects take could belong to any of them (the page has no indentation to tell):
  // both are choices only evidence can decide.
  const marked = fields.map((option): Alternative => {
    const anyValued =
      option.state.expect !== undefined &&
      alternatives(option.state.expect).some((kind) => kind.type === "any");
    if (fields.length > 1) return { ...option, group: "field", anyValued };
    return anyValued && entries.length > 0 ? { ...option, group: "any-valued field" } : option;
  });
  return [...marked, ...entries];
}

/** Orders the fields (stably) by the evidence's ranks of the objects that would take `key`. */
function rankByEvidence(context: Context, fields: Alternative[], key: string): void {
  const rankers = (context.options.rules ?? []).filter((rule) => rule.rank !== undefined);
  if (rankers.length === 0 || fields.length < 2) return;
  const rankOf = (option: Alternative) => {
    const target = option.state.stack[option.state.stack.length - 1] as MapFrame;
    return rankers.reduce((sum, rule) => sum + (rule.rank?.(target.path, target.entries, key) ?? 0), 0);
  };
  const ranked = fields.map((option) => ({ option, rank: rankOf(option) })).sort((a, b) => a.rank - b.rank);
  fields.splice(0, fields.length, ...ranked.map(({ option }) => option));
}

/**
 * Keys generators write after an object's nested content, at the end of the outer object: a schema's `title` after
 * its `properties`, the document's `servers` after `paths`. They go to the outermost open object that takes them.
 */
const OUTERMOST_FIRST = new Set(["title", "servers"]);

/** How `frame` can take `key`: as a fixed field (or extension), as an entry of an arbitrary-key map, or not at all. */
function keyRole(context: Context, frame: MapFrame, key: string): "field" | "entry" | undefined {
  if (frame.pending === key || frame.entries.some(([existing]) => existing === key)) return undefined;
  let role: "field" | "entry" | undefined;
  const entries = Object.fromEntries(frame.entries);
  for (const option of frame.options) {
    if (option.type === "object") {
      if (option === SCHEMA && schemaKeyProblem(entries, key)) continue;
      if (Object.hasOwn(option.fields, key) || (option.extensions && isExtensionKey(key))) return "field";
    } else if (option.type === "map") {
      if (option.extensions && isExtensionKey(key)) return "field";
      if (option.keyAllowed(key) && (!option.section || context.references.has(`${option.section}/${key}`)))
        role = "entry";
    } else role = "entry";
  }
  return role;
}

function valueKind(frame: MapFrame, key: string): Kind {
  const kinds: Kind[] = [];
  for (const option of frame.options) {
    let kind: Kind | undefined;
    if (option.type === "object") {
      const field = Object.hasOwn(option.fields, key) ? option.fields[key] : undefined;
      kind = field ? field() : option.extensions && isExtensionKey(key) ? ANY : undefined;
    } else if (option.type === "map") {
      kind =
        option.extensions && isExtensionKey(key) ? ANY : option.keyAllowed(key) ? option.value() : undefined;
    } else kind = ANY;
    if (kind && !kinds.includes(kind)) kinds.push(kind);
  }
  return kinds.length === 1
    ? (kinds[0] as Kind)
    : { type: "union", options: kinds.map((kind) => () => kind) };
}

// ---------------------------------------------------------------- a value of an expected kind

function valueAt(context: Context, state: State, expect: Kind): Step {
  const { words, source } = context;
  const kinds = alternatives(expect);
  const takesAny = kinds.some((kind) => kind.type === "any");
  const nullValue = takesAny ? attachScalar(context, state, state.index, null, state.cost) : undefined;
  if (state.index >= words.length)
    return nullValue ? { alternatives: [nullValue] } : dead(context, state.index, "missing value at the end");
  const word = (words[state.index] as Word).text;

  if (word === "-") {
    const lists = kinds.filter((kind): kind is ListKind => kind.type === "list");
    const item = takesAny ? ANY : unionOf(lists.map((kind) => kind.item()));
    if (!item || !slotTakes(state.stack, []))
      return dead(context, state.index, "a list where none is allowed");
    const frame: ListFrame = { tag: "list", item, items: [], path: childPath(state.stack) };
    const nested = {
      state: { index: state.index + 1, stack: [...state.stack, frame], expect: item, cost: state.cost },
      reading: "",
    };
    return { alternatives: nullValue ? [nested, nullValue] : [nested] };
  }

  const key = readKey(words, source, state.index);
  if (key) {
    const mappings = kinds.filter(
      (kind): kind is MappingKind => kind.type !== "list" && kind.type !== "scalar" && kind.type !== "union",
    );
    const frame: MapFrame = { tag: "map", options: mappings, entries: [], path: childPath(state.stack) };
    const alternativesFound: Alternative[] = [];
    if (mappings.length > 0 && keyRole(context, frame, key.value) && slotTakes(state.stack, {})) {
      alternativesFound.push({
        state: {
          index: key.next,
          stack: [...state.stack, { ...frame, pending: key.value }],
          expect: valueKind(frame, key.value),
          cost: state.cost,
        },
        reading: "",
      });
    }
    if (nullValue) alternativesFound.push(nullValue);
    return alternativesFound.length > 0
      ? { alternatives: alternativesFound }
      : dead(context, state.index, `\`${key.value}\` is not a key this value can hold`);
  }

  const header = blockHeader(word);
  if (header)
    return checked(context, state, expect, blockTextAlternatives(context, state, header.keepsFinalNewline));

  if (word.startsWith("'") || word.startsWith('"')) {
    const quoted = readQuoted(words, source, state.index);
    if (!quoted) return dead(context, state.index, "unterminated quoted scalar");
    return checked(context, state, expect, [{ value: quoted.value, next: quoted.next }]);
  }
  if (word.startsWith("{") || word.startsWith("[")) {
    const flow = readFlow(words, source, state.index);
    if (!flow) return dead(context, state.index, "unreadable flow collection");
    return checked(context, state, expect, [flow]);
  }
  if (word.startsWith("#")) return dead(context, state.index, "a comment where a value is expected");
  // Anchors, aliases, tags and reserved indicators: no YAML writer starts a plain scalar with them.
  if (/^[&*!%@`|>]/.test(word) || word === "?" || word === ":")
    return dead(context, state.index, `\`${word[0]}\` cannot start a plain value`);
  return checked(context, state, expect, plainAlternatives(context, state.index));
}

function unionOf(kinds: Kind[]): Kind | undefined {
  if (kinds.length <= 1) return kinds[0];
  return { type: "union", options: kinds.map((kind) => () => kind) };
}

/**
 * A scalar's extent; `endsBefore` says what starts after it when nothing prefers the shorter text to the longer one:
 * a map entry's name (text may hold `name:`) or a `- ` item (text may hold ` - `).
 */
interface ScalarReading {
  readonly value: unknown;
  readonly next: number;
  readonly endsBefore?: string;
}

function checked(context: Context, state: State, expect: Kind, readings: readonly ScalarReading[]): Step {
  const found: Alternative[] = [];
  let problem: string | undefined;
  for (const [skipped, reading] of readings.entries()) {
    problem = kindProblem(expect, reading.value);
    if (problem) continue;
    const option = attachScalar(context, state, reading.next, reading.value, state.cost + skipped);
    if (!option) continue;
    found.push(
      reading.endsBefore === undefined
        ? { ...option, reading: `text running on past word ${state.index + 1}` }
        : {
            ...option,
            group: "text",
            reading: `text ending before ${reading.endsBefore}`,
          },
    );
  }
  return found.length > 0
    ? { alternatives: found }
    : dead(context, state.index, problem ?? "value does not fit");
}

function attachScalar(
  context: Context,
  state: State,
  next: number,
  value: unknown,
  cost: number,
): Alternative | undefined {
  const stack = attach(state.stack, value, context.check);
  return stack ? { state: { index: next, stack, cost }, reading: "" } : undefined;
}

/**
 * A plain scalar runs to the next key (`: ` cannot occur in it) or comment; a ` - ` inside may end it (`enum: - a - b`
 * is two items) or be part of it (YAML writers write `- a - b` for the one item "a - b"): when both read, only
 * evidence decides (e.g. the site's enum values are single words).
 */
function plainAlternatives(context: Context, index: number): ScalarReading[] {
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  let end = index + 1;
  for (; end < words.length; end++) {
    const word = (words[end] as Word).text;
    if (word.startsWith("#") || word.endsWith(":") || readKey(words, source, end)) break;
    if (word === "-") readings.push({ ...plainReading(words, index, end), endsBefore: NEW_ITEM });
  }
  readings.push(plainReading(words, index, end));
  return readings;
}

const NEW_ITEM = "`- ` (a new item)";

function plainReading(words: readonly Word[], from: number, to: number): { value: unknown; next: number } {
  const text = words
    .slice(from, to)
    .map((word) => word.text)
    .join(" ");
  return { value: resolvePlain(text), next: to };
}

/** The words `from` (inclusive) to `to` (exclusive) as text: words are single-space separated in the source. */
function textBetween(context: Context, from: number, to: number): string {
  const first = context.words[from];
  const last = context.words[to - 1];
  return first && last && to > from ? context.source.slice(first.offset, last.offset + last.text.length) : "";
}

/**
 * Most places a block scalar's text may run past before it ends: each one is a reading tried only when the earlier
 * ones fail, and a page whose text needs more is refused (`cannot read`) rather than searched without end.
 */
const MAX_BLOCK_ENDS = 32;

/** A `>-`/`|` block scalar's text runs until a word that can start an entry of an open object or list. */
function blockTextAlternatives(context: Context, state: State, keepsFinalNewline: boolean): ScalarReading[] {
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  const hasList = state.stack.some((frame) => frame.tag === "list");
  for (let end = state.index + 1; end <= words.length && readings.length < MAX_BLOCK_ENDS; end++) {
    const key = readKey(words, source, end)?.value;
    const role = key === undefined ? undefined : strongestRole(context, state.stack, key);
    if (!(end === words.length || (hasList && isDash(words, end)) || role)) continue;
    const text = textBetween(context, state.index + 1, end);
    const endsBefore =
      role === "entry"
        ? `\`${key}:\` (a new entry)`
        : role === "field"
          ? `\`${key}:\` (a field)`
          : end < words.length
            ? NEW_ITEM
            : undefined;
    readings.push({
      value: keepsFinalNewline && text !== "" ? `${text} ` : text,
      next: end,
      ...(endsBefore === undefined ? {} : { endsBefore }),
    });
  }
  return readings;
}

/** How the open frames could take `key`: as some object's field if any can, else as a map entry, else not. */
function strongestRole(
  context: Context,
  stack: readonly Frame[],
  key: string,
): "field" | "entry" | undefined {
  let found: "field" | "entry" | undefined;
  for (const frame of stack) {
    if (frame.tag !== "map") continue;
    const role = keyRole(context, frame, key);
    if (role === "field") return role;
    found ??= role;
  }
  return found;
}
