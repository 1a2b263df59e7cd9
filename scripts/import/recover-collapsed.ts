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
import { type KindNames, stateSignature } from "./reading-signature.ts";
import {
  attach,
  childPath,
  closeAbove,
  closeAll,
  closeProblem,
  type Frame,
  type ListFrame,
  type MapFrame,
  pointerText,
  slotTakes,
} from "./reading-stack.ts";

export type Recovery =
  | {
      ok: true;
      document: Record<string, unknown>;
      /** How many places where text could have ended the reading ran past (0 for most pages). */
      cost: number;
    }
  | {
      ok: false;
      message: string;
      /** Character offset in the collapsed text. */
      offset: number;
      /** For an ambiguous page: the two whole documents the text reads as. */
      readings?: readonly [Record<string, unknown>, Record<string, unknown>];
    };

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
  readonly group?: "map entry" | "list item" | "text" | "any-valued field";
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
  readonly kindNames: KindNames;
}

/** Steps after which the reader gives up rather than search on; far above what real pages need. */
const STEP_BUDGET = 60_000;

class AmbiguityError extends Error {
  constructor(
    readonly index: number,
    readonly readings: readonly [string, string],
    readonly documents: readonly [Record<string, unknown>, Record<string, unknown>],
  ) {
    super("ambiguous");
  }
}

class BudgetError extends Error {}

/** Reads collapsed YAML text into an OpenAPI document, or says why it cannot be read unambiguously. */
export function recoverCollapsed(text: string): Recovery {
  const source = text.replace(/\s+/g, " ").trim();
  const context: Context = {
    words: splitWords(source),
    source,
    references: componentReferences(source),
    steps: 0,
    furthest: { index: 0, message: "empty document" },
    failed: new Set(),
    kindNames: new Map(),
  };
  const start: State = {
    index: 0,
    cost: 0,
    stack: [{ tag: "map", options: [OPENAPI_DOCUMENT], entries: [], path: [] }],
  };
  try {
    const found = explore(context, start);
    if (found) return { ok: true, document: found.document, cost: found.cost };
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
    if (error instanceof BudgetError) {
      const { index, message } = context.furthest;
      return {
        ok: false,
        offset: offsetOf(context, index),
        message: `too many possible readings (gave up after ${STEP_BUDGET} steps); furthest reading stopped at word ${index + 1}${near(context, index)}: ${message}`,
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
    if (context.steps > STEP_BUDGET) throw new BudgetError();
    if (state.cost > ceiling) return undefined;
    const step = successors(context, state);
    if ("document" in step) return step;
    const options = step.alternatives;
    if (options.length === 1) {
      state = (options[0] as Alternative).state;
      continue;
    }
    const signature = stateSignature(
      state.index,
      state.expect,
      state.stack,
      ceiling - state.cost,
      context.kindNames,
    );
    if (context.failed.has(signature)) return undefined;
    for (const [position, option] of options.entries()) {
      const found = explore(context, option.state, ceiling, checkRivals);
      if (!found) continue;
      if (checkRivals && option.group) {
        for (const rival of rivalsOf(options, position)) {
          const ceiling = option.group === "text" ? found.cost + 1 : found.cost;
          const other = explore(context, rival.state, ceiling, false);
          if (other)
            throw new AmbiguityError(
              option.group === "text" ? option.state.index : state.index,
              [option.reading, rival.reading],
              [found.document, other.document],
            );
        }
      }
      return found;
    }
    context.failed.add(signature);
    return undefined;
  }
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
    const document = closeAll(state.stack);
    return document === undefined
      ? dead(context, state.index, closeProblem(state.stack))
      : { document, cost: state.cost };
  }
  if (isDash(words, state.index)) return { alternatives: listItemAlternatives(state) };
  const key = readKey(words, source, state.index);
  if (!key) return dead(context, state.index, "expected a key, a `- ` item or the end");
  const found = keyAlternatives(context, state, key.value, key.next);
  if (found.length === 0) return dead(context, state.index, `no open object takes the key \`${key.value}\``);
  return { alternatives: found };
}

function listItemAlternatives(state: State): Alternative[] {
  const found: Alternative[] = [];
  for (let level = state.stack.length - 1; level >= 0; level--) {
    const frame = state.stack[level] as Frame;
    if (frame.tag !== "list") continue;
    const stack = closeAbove(state.stack, level);
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
    const stack = closeAbove(state.stack, level);
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
  // A field that takes any value (`default`, `example`, `x-…`) is no better a reading than a map entry of that name.
  const marked = fields.map((option) =>
    entries.length > 0 &&
    option.state.expect &&
    alternatives(option.state.expect).some((kind) => kind.type === "any")
      ? { ...option, group: "any-valued field" as const }
      : option,
  );
  return [...marked, ...entries];
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
  const nullValue = takesAny ? attachScalar(state, state.index, null, state.cost) : undefined;
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
    const option = attachScalar(state, reading.next, reading.value, state.cost + skipped);
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

function attachScalar(state: State, next: number, value: unknown, cost: number): Alternative | undefined {
  const stack = attach(state.stack, value);
  return stack ? { state: { index: next, stack, cost }, reading: "" } : undefined;
}

/**
 * A plain scalar runs to the next key (`: ` cannot occur in it) or comment; a ` - ` inside ends it early when that
 * gives a valid document, so that `enum: - a - b` is two items. Known limitation: a plain list item whose text holds
 * ` - ` is read as two items (YAML writers do write `- a - b` for the one item "a - b"; the page cannot tell).
 */
function plainAlternatives(context: Context, index: number): ScalarReading[] {
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  let end = index + 1;
  for (; end < words.length; end++) {
    const word = (words[end] as Word).text;
    if (word.startsWith("#") || word.endsWith(":") || readKey(words, source, end)) break;
    if (word === "-") readings.push(plainReading(words, index, end));
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

/** A `>-`/`|` block scalar's text runs until a word that can start an entry of an open object or list. */
function blockTextAlternatives(context: Context, state: State, keepsFinalNewline: boolean): ScalarReading[] {
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  const hasList = state.stack.some((frame) => frame.tag === "list");
  for (let end = state.index + 1; end <= words.length; end++) {
    const key = readKey(words, source, end)?.value;
    const role = key === undefined ? undefined : strongestRole(context, state.stack, key);
    if (!(end === words.length || (hasList && isDash(words, end)) || role)) continue;
    const text = words
      .slice(state.index + 1, end)
      .map((word) => word.text)
      .join(" ");
    const endsBefore =
      role === "entry"
        ? `\`${key}:\` (a new entry)`
        : role === undefined && end < words.length
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
