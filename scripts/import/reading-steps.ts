/**
 * The grammar side of the collapsed-page reader (recover-collapsed.ts runs the search): from one reading state, the
 * ways the next words can continue it under the OpenAPI/JSON Schema model (openapi-model.ts, model-rules.ts): a key
 * for one of the open objects, a `- ` item of an open list, or a value of the expected kind with each extent its text
 * could have. Alternatives come in the reader's order of preference; `group` marks those no rule prefers.
 */
import {
  blockHeader,
  isDash,
  readFlow,
  readKey,
  readQuoted,
  readSpacedName,
  resolvePlain,
  type Word,
} from "./collapsed-text.ts";
import type { Entries, EvidenceRule, Path, ValueShape } from "./evidence.ts";
import { declaredTypes, kindProblem, schemaKeyProblem, TYPE_KEYWORDS } from "./model-rules.ts";
import {
  ANY,
  alternatives,
  isExtensionKey,
  isSchemaMap,
  type Kind,
  type ListKind,
  type MappingKind,
  SCHEMA,
} from "./openapi-model.ts";
import {
  attach,
  childPath,
  closeAbove,
  closeAll,
  closeProblem,
  type Frame,
  type KeyPositions,
  type ListFrame,
  type MapFrame,
  missesReferencedComponent,
  missesRequiredKey,
  type ObjectCheck,
  opensResponseDefault,
  pointerText,
  type ReferenceMemo,
  slotTakes,
} from "./reading-stack.ts";
import { firstSpacedName, spacedNameEnds, takesSpacedNames } from "./spaced-names.ts";

/** An array's keywords that take a schema, as a property of that name would (`uniqueItems: true` is a flag there). */
const ARRAY_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set(["items", "contains", "unevaluatedItems"]);

export interface State {
  readonly index: number;
  readonly stack: readonly Frame[];
  /** The kind of value expected at `index`; undefined when a key, a `- ` or the end is expected. */
  readonly expect?: Kind;
  /** How many places where text could have ended this reading ran past: lower is preferred. */
  readonly cost: number;
  /**
   * The text just read ended before the key at `index` and could have run on past it; kept on the state that reads
   * that key's value: only there may a `description` read as emptied (emptiedText).
   */
  readonly afterRunnableText?: boolean;
}

/** One way to continue; `group` marks choices that no rule prefers (checked for ambiguity). */
export interface Alternative {
  readonly state: State;
  readonly group?: "map entry" | "list item" | "text" | "field" | "field against entries";
  /**
   * For a field: a map entry of that name is a rival too. The field takes any value (`default`, `example`, `x-…`), or
   * it is an array's schema keyword whose reading closes a schema map (`properties`) that could take it.
   */
  readonly entriesRival?: boolean;
  /** For a map entry: of an object inside a free value (an example), which takes any key, so any field's rival. */
  readonly free?: boolean;
  /**
   * For text: every later end is a rival, not only the next one (a folded text shorter than any the site's writer
   * folds, see SHORTEST_FOLDED_TEXT).
   */
  readonly everyLaterEndRivals?: boolean;
  readonly reading: string;
}

export interface Found {
  readonly document: Record<string, unknown>;
  readonly cost: number;
}

export type Step = Found | { readonly alternatives: Alternative[] };

/** What the grammar needs of the reader's context. */
export interface StepContext {
  readonly words: readonly Word[];
  readonly source: string;
  /** `section/name` of every `#/components/<section>/<name>` reference in the text. */
  readonly references: ReadonlySet<string>;
  /**
   * Words that can only be a key of the document itself: the one word in the text that reads as a field the
   * document must have (`components` when the text refers to components); no other reading keeps the document valid.
   */
  readonly anchors: ReadonlySet<number>;
  /** The plain scalars read from each word (they depend on the text alone, and a long list is read from every item). */
  readonly plainReadings: Map<number, ScalarReading[]>;
  /** Where each key word is, and each open object's last word to get a key it requires (missesRequiredKey). */
  readonly keyPositions: KeyPositions;
  readonly keyDeadlines: WeakMap<Frame, number>;
  /**
   * How each open object can take a key (keyRole), by frame and key: a block text asks it of every frame for each of
   * its words that reads as a key, and the frames below are shared by every state that reads over them.
   */
  readonly keyRoles: WeakMap<Frame, Map<string, KeyRole>>;
  /** The `$ref`s read inside each frame and value (missesReferencedComponent). */
  readonly frameReferences: ReferenceMemo;
  furthest: { index: number; message: string };
  readonly rules: readonly EvidenceRule[];
  /** The evidence readings are held to while searching (see recover-collapsed.ts). */
  check?: ObjectCheck;
  /** The same evidence, judging an object the moment a key is opened in it (before its value is read). */
  keyCheck?: KeyCheck;
}

/** Judges opening `key` in the object at `path`; again with `value` once its value's text shows a mapping or a list. */
export type KeyCheck = (path: Path, entries: Entries, key: string, value?: ValueShape) => string | undefined;

function dead(context: StepContext, index: number, message: string): Step {
  if (index >= context.furthest.index) context.furthest = { index, message };
  return { alternatives: [] };
}

export function successors(context: StepContext, state: State): Step {
  return state.expect === undefined ? afterValue(context, state) : valueAt(context, state, state.expect);
}

// ---------------------------------------------------------------- after a value: a key, a `- `, or the end

function afterValue(context: StepContext, state: State): Step {
  const { words, source } = context;
  if (missesRequiredKey(state.stack, state.index, context.keyPositions, context.keyDeadlines))
    return dead(context, state.index, closeProblem(state.stack));
  if (missesReferencedComponent(state.stack, state.index, context.keyPositions, context.frameReferences))
    return dead(context, state.index, "a component it refers to can no longer be defined");
  if (state.index >= words.length) {
    const document = closeAll(state.stack, context.check);
    return document === undefined
      ? dead(context, state.index, closeProblem(state.stack))
      : { document, cost: state.cost };
  }
  if (isDash(words, state.index)) return { alternatives: listItemAlternatives(context, state) };
  const single = readKey(words, source, state.index);
  // After a value that cannot run on (a quoted scalar, a flow collection), the words up to the next `:` can only be
  // a key: a name of several words, for a map whose names may hold them (Azure's `value: '2018-05-01' Get the
  // Serial Console status: value: …`). Plain text offers its own ends before such a name (beforeSpacedNames).
  const key = single ?? readSpacedName(words, source, state.index);
  if (!key) return dead(context, state.index, "expected a key, a `- ` item or the end");
  const found = keyAlternatives(context, state, key.value, key.next, { spaced: single === undefined });
  if (found.length === 0) return dead(context, state.index, `no open object takes the key \`${key.value}\``);
  return { alternatives: found };
}

function listItemAlternatives(context: StepContext, state: State): Alternative[] {
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

function keyAlternatives(
  context: StepContext,
  state: State,
  key: string,
  next: number,
  { spaced }: { spaced: boolean },
): Alternative[] {
  const fields: Alternative[] = [];
  const entries: Alternative[] = [];
  const onlyFields = afterEmptiedText(context, state);
  let innermostSchemaMap = -1;
  // An object inside a free value (an example, an extension) takes a key of any name: a field of an outer object is
  // no better a reading of it (`description:` inside a response's example), so evidence must decide.
  let freeEntry = false;
  const lowest = context.anchors.has(state.index) ? 0 : state.stack.length - 1;
  for (let level = Math.min(lowest, state.stack.length - 1); level >= 0; level--) {
    const frame = state.stack[level] as Frame;
    if (frame.tag !== "map" || (spaced && !frame.options.some(takesSpacedNames))) continue;
    const role = keyRole(context, frame, key);
    if (!role || opensResponseDefault(state.stack, level, key)) continue;
    const stack = closeAbove(state.stack, level, context.check);
    if (!stack) continue;
    const target = stack[stack.length - 1] as MapFrame;
    if (context.keyCheck?.(target.path, target.entries, key)) continue;
    const option: Alternative = {
      state: {
        index: next,
        stack: [...stack.slice(0, -1), { ...target, pending: key }],
        expect: valueKind(frame, key),
        cost: state.cost,
        ...(state.afterRunnableText ? { afterRunnableText: true } : {}),
      },
      reading: `${pointerText([...frame.path, key])}`,
    };
    if (role === "field")
      fields.push(
        level < innermostSchemaMap && ARRAY_SCHEMA_KEYWORDS.has(key)
          ? { ...option, entriesRival: true }
          : option,
      );
    else if (!onlyFields) {
      const free = frame.options.some((kind) => kind.type === "any");
      entries.push({ ...option, group: "map entry", ...(free ? { free } : {}) });
      freeEntry ||= free;
      if (frame.options.some(isSchemaMap)) innermostSchemaMap = Math.max(innermostSchemaMap, level);
    }
  }
  if (OUTERMOST_FIRST.has(key)) fields.reverse();
  const shape = valueShape(context, next);
  rankByEvidence(context, fields, key, shape);
  rankByEvidence(context, entries, key, shape);
  // A field that takes any value (`default`, `example`, `x-…`) is no better a reading than a map entry of that name,
  // and a field that several open objects take could belong to any of them (the page has no indentation to tell):
  // both are choices only evidence can decide.
  const marked = fields.map((option): Alternative => {
    // An array's keyword on the schema whose `properties` could take the key as a property (`properties: infos: $ref:
    // … items:`) is no better a reading than that property: real schemas name a later property `items` 151 times. An
    // object's keyword there (`additionalProperties: false`) stays the schema's, as sites write it (docs/import.md),
    // but not on an array, where it is a slip (objectKeywordOnArray).
    const entriesRival =
      option.entriesRival === true ||
      objectKeywordOnArray(option, key) ||
      (option.state.expect !== undefined &&
        alternatives(option.state.expect).some((kind) => kind.type === "any"));
    if (fields.length > 1) return { ...option, group: "field", entriesRival };
    return (entriesRival || freeEntry) && entries.length > 0
      ? { ...option, group: "field against entries", entriesRival }
      : option;
  });
  // A `description` whose value starts with a key reads only as a text the scrape emptied (emptiedText): after every
  // other reading of the key, which it rivals (a property named `description` holding `description: …` is no text
  // field emptied).
  const emptied = (option: Alternative) =>
    key === "description" &&
    shape === "object" &&
    option.state.expect !== undefined &&
    alternatives(option.state.expect).every(isPlainText);
  const slips = marked.filter((option) => !emptied(option) && objectKeywordOnArray(option, key));
  const kept = marked.filter((option) => !emptied(option) && !slips.includes(option));
  const last = marked
    .filter(emptied)
    .map((option): Alternative => ({ ...option, group: "field", entriesRival: true }));
  return [
    ...(evidenceFavoursEntries(context, kept, entries, key, shape)
      ? [...entries, ...kept]
      : [...kept, ...entries]),
    ...slips,
    ...last,
  ];
}

/**
 * Whether `option` puts an object's keyword (TYPE_KEYWORDS.object) on an array schema (its `type`, or its `items` where
 * the site writes `type` last). The model reads such a slip (keywordFits: 79 real arrays hold one after their `items`),
 * but as the key's last reading, after the same keyword on any other open schema and after a property of that name,
 * whose rival it is: a property named `additionalProperties` after an array property stays a property (a review's
 * pages were written with it on the array), and an array's object `items` keep their own `additionalProperties` where
 * the site's clean pages show such slips (site style had read it onto the array). Evidence must rule the slip in
 * (arrayObjectKeywordsRule rules it out).
 */
function objectKeywordOnArray(option: Alternative, key: string): boolean {
  if (!OBJECT_KEYWORDS.has(key)) return false;
  const frame = option.state.stack[option.state.stack.length - 1];
  if (frame?.tag !== "map" || !frame.options.includes(SCHEMA)) return false;
  const schema = Object.fromEntries(frame.entries);
  const types = declaredTypes(schema);
  return types ? types.has("array") && !types.has("object") : Object.hasOwn(schema, "items");
}

const OBJECT_KEYWORDS: ReadonlySet<string> = new Set(TYPE_KEYWORDS.object);

/**
 * Whether an extension's key is tried first as an entry of a free map (an extension's or an example's value) rather
 * than as a field of any value: such a field is no better a reading than the entry, so the order between them may be
 * the evidence's, where the rules that know where a key belongs (`ranksFreeEntries`: known fragments, the site's
 * document) rank the entry before every field. APIs.guru's AWS pages write `x-origin: - … converter: url: … version:
 * 1.0.0 x-apisguru-driver: external`, the clean pages' `info` holding the driver in the `x-origin` entry: the reader
 * tried `info`'s own extension first, and that reading met an ambiguity later on the page before the entry's was
 * tried. The entry then rivals the fields (reading-evidence.ts `rivalsOf`). Not the site style's rank, which only says
 * a key is unusual on a class (a review: a property's rare `default` after its `example` object read into the example,
 * whose free value no style judges, and the true reading then ruled out by the style); and only for an extension's
 * key (a fourth review: a known header's property writing `default: a: 1 example: a: 2`, where the page's own header,
 * a longer one, held the `example` on the property). **Known limit** (the same review's): an extension on `info` whose
 * text is a clean page's, where the clean page holds it inside an extension's value (`x-logo: url: …
 * x-apisguru-driver: external`), is read as the clean page has it.
 */
function evidenceFavoursEntries(
  context: StepContext,
  fields: readonly Alternative[],
  entries: readonly Alternative[],
  key: string,
  value: ValueShape,
): boolean {
  if (
    !isExtensionKey(key) ||
    fields.length === 0 ||
    entries.length === 0 ||
    !fields.every((option) => option.entriesRival === true)
  )
    return false;
  const rankers = context.rules.filter((rule) => rule.rank !== undefined && rule.ranksFreeEntries === true);
  if (rankers.length === 0) return false;
  const rankOf = (option: Alternative) => evidenceRank(rankers, option, key, value);
  const best = Math.min(...fields.map(rankOf));
  return rankOf(entries[0] as Alternative) < best;
}

function evidenceRank(
  rankers: readonly EvidenceRule[],
  option: Alternative,
  key: string,
  value: ValueShape,
): number {
  const target = option.state.stack[option.state.stack.length - 1] as MapFrame;
  return rankers.reduce((sum, rule) => sum + (rule.rank?.(target.path, target.entries, key, value) ?? 0), 0);
}

/** What the text at `index` starts, as a value: a mapping (a key follows), a list (`- `) or a scalar. */
function valueShape(context: StepContext, index: number): ValueShape {
  if (isDash(context.words, index)) return "array";
  return readKey(context.words, context.source, index) ? "object" : "scalar";
}

/** Orders the fields (stably) by the evidence's ranks of the objects that would take `key`. */
function rankByEvidence(context: StepContext, fields: Alternative[], key: string, value: ValueShape): void {
  const rankers = context.rules.filter((rule) => rule.rank !== undefined);
  if (rankers.length === 0 || fields.length < 2) return;
  const rankOf = (option: Alternative) => evidenceRank(rankers, option, key, value);
  const ranked = fields.map((option) => ({ option, rank: rankOf(option) })).sort((a, b) => a.rank - b.rank);
  fields.splice(0, fields.length, ...ranked.map(({ option }) => option));
}

/**
 * Keys generators write after an object's nested content, at the end of the outer object: a schema's `title` after
 * its `properties`, the document's `servers` after `paths`. They go to the outermost open object that takes them.
 */
const OUTERMOST_FIRST = new Set(["title", "servers"]);

type KeyRole = "field" | "entry" | undefined;

/** How `frame` can take `key`: as a fixed field (or extension), as an entry of an arbitrary-key map, or not at all. */
function keyRole(context: StepContext, frame: MapFrame, key: string): KeyRole {
  let roles = context.keyRoles.get(frame);
  if (!roles) {
    roles = new Map();
    context.keyRoles.set(frame, roles);
  }
  if (roles.has(key)) return roles.get(key);
  const role = roleOf(context, frame, key);
  roles.set(key, role);
  return role;
}

function roleOf(context: StepContext, frame: MapFrame, key: string): KeyRole {
  if (frame.pending === key || frame.entries.some(([existing]) => existing === key)) return undefined;
  let role: KeyRole;
  for (const option of frame.options) {
    if (option.type === "object") {
      if (!Object.hasOwn(option.fields, key) && !(option.extensions && isExtensionKey(key))) continue;
      if (option === SCHEMA && schemaKeyProblem(Object.fromEntries(frame.entries), key)) continue;
      return "field";
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

function valueAt(context: StepContext, state: State, expect: Kind): Step {
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
    if (!item || !slotTakes(state.stack, []) || opensAs(context, state.stack, "array"))
      return dead(context, state.index, "a list where none is allowed");
    const frame: ListFrame = { tag: "list", item, items: [], path: childPath(state.stack) };
    const nested = {
      state: { index: state.index + 1, stack: [...state.stack, frame], expect: item, cost: state.cost },
      reading: "",
    };
    return { alternatives: nullValue ? [nested, nullValue] : [nested] };
  }

  const key = readKey(words, source, state.index) ?? firstSpacedName(words, source, kinds, state.index);
  if (key) {
    const mappings = kinds.filter(
      (kind): kind is MappingKind => kind.type !== "list" && kind.type !== "scalar" && kind.type !== "union",
    );
    const frame: MapFrame = { tag: "map", options: mappings, entries: [], path: childPath(state.stack) };
    const alternativesFound: Alternative[] = [];
    // The value's first key is judged as it opens, as every later one is (afterValue): `default: content:` after a
    // response schema's `$ref` would otherwise take the rest of the operation before the schema closed.
    const nests =
      mappings.length > 0 &&
      !context.anchors.has(state.index) &&
      !context.keyCheck?.(frame.path, [], key.value) &&
      !opensAs(context, state.stack, "object") &&
      !opensResponseDefault([...state.stack, frame], state.stack.length, key.value);
    // A frame made for this one question: nothing to remember (keyRole).
    if (nests && roleOf(context, frame, key.value) && slotTakes(state.stack, {})) {
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
    const emptied = emptiedText(context, state, kinds);
    if (emptied) alternativesFound.push(emptied);
    return alternativesFound.length > 0
      ? { alternatives: alternativesFound }
      : dead(context, state.index, `\`${key.value}\` is not a key this value can hold`);
  }

  const header = blockHeader(word);
  if (header) return checked(context, state, expect, blockTextAlternatives(context, state, header));

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
  const plain = plainAlternatives(context, state.index);
  const ends = beforeSpacedNames(context, state, plain);
  // Every plain value passes here: the cached readings stay as they are where no later name can start.
  return checked(context, state, expect, ends.length > 0 ? [...ends, ...plain] : plain);
}

/** The plain text's ends before a later name of several words (spaced-names.ts spacedNameEnds). */
function beforeSpacedNames(
  context: StepContext,
  state: State,
  readings: readonly ScalarReading[],
): ScalarReading[] {
  const end = readings[readings.length - 1]?.next ?? state.index;
  return spacedNameEnds(context.words, context.source, state.stack, state.index, end).map(
    ({ start, name }) => ({
      ...plainReading(context, state.index, start),
      endsBefore: `text ending before \`${name}\``,
    }),
  );
}

/** Evidence against the open key on top of `stack` taking a value of this shape (known before it is read). */
function opensAs(context: StepContext, stack: readonly Frame[], value: ValueShape): boolean {
  const top = stack[stack.length - 1];
  if (top?.tag !== "map" || top.pending === undefined || !context.keyCheck) return false;
  return context.keyCheck(top.path, top.entries, top.pending, value) !== undefined;
}

function unionOf(kinds: Kind[]): Kind | undefined {
  if (kinds.length <= 1) return kinds[0];
  return { type: "union", options: kinds.map((kind) => () => kind) };
}

/**
 * A scalar's extent; `endsBefore` says what starts after it when nothing prefers the shorter text to the longer one
 * (a map entry's name: text may hold `name:`; a `- ` item: text may hold ` - `), as the reading's text for messages,
 * made once with the extent (readings are attached many times over in a search).
 */
interface ScalarReading {
  readonly value: unknown;
  readonly next: number;
  readonly endsBefore?: `text ending before ${string}`;
  /** A folded text too short for the writer to have folded it (Alternative's `everyLaterEndRivals`). */
  readonly everyLaterEndRivals?: true;
}

function checked(context: StepContext, state: State, expect: Kind, readings: readonly ScalarReading[]): Step {
  const found: Alternative[] = [];
  let problem: string | undefined;
  let runsOn: string | undefined;
  for (const [skipped, reading] of readings.entries()) {
    problem = kindProblem(expect, reading.value);
    if (problem) continue;
    const stack = attach(state.stack, reading.value, context.check);
    if (!stack) continue;
    const runnable = reading.endsBefore !== undefined && skipped < readings.length - 1;
    const next: State = {
      index: reading.next,
      stack,
      cost: state.cost + skipped,
      ...(runnable ? { afterRunnableText: true } : {}),
    };
    if (reading.endsBefore === undefined) {
      runsOn ??= `text running on past word ${state.index + 1}`;
      found.push({ state: next, reading: runsOn });
    } else if (reading.everyLaterEndRivals)
      found.push({ state: next, group: "text", reading: reading.endsBefore, everyLaterEndRivals: true });
    else found.push({ state: next, group: "text", reading: reading.endsBefore });
  }
  return found.length > 0
    ? { alternatives: found }
    : dead(context, state.index, problem ?? "value does not fit");
}

/**
 * Whether the key at `state` comes right after a text field read as emptied (emptiedText): it is then a field of an
 * open object, not a new entry of a map of names. A text starting with a bold label (`admin: <b>Warning:</b> full
 * access`, `seats: description: <strong>Seats:</strong>`) reads as well as an emptied text and an invented scope or
 * property named by the label (a review's pages, written wrong so).
 */
function afterEmptiedText(context: StepContext, state: State): boolean {
  const top = state.stack[state.stack.length - 1];
  if (top?.tag !== "map" || top.pending !== undefined) return false;
  const last = top.entries[top.entries.length - 1];
  return last?.[1] === "" && readKey(context.words, context.source, state.index - 1) !== undefined;
}

/**
 * A description followed at once by a key held a value of `<…>` markup only, which the scrape removed (`description:
 * <p/>`, 812 descriptions of 124 APIs.guru specs, 55 of them AWS's): it reads as the empty text the scrape left. In
 * valid YAML nothing else leaves a text field without a value (the site writes `''`), so this reading is new only
 * where the field's value was dead; the text before the field, which could also run on past `description:`, is then a
 * choice evidence decides (keywordEndingTextRule: no real text ends a sentence with `description:`), not a silent
 * reading.
 */
function emptiedText(context: StepContext, state: State, kinds: readonly Kind[]): Alternative | undefined {
  // A `description` field's value only: of the 7.3 million strings of the 2 639 APIs.guru specs, the scrape empties
  // 812 descriptions and no summary or title among the 20 fields it empties most. A list's item (`scopes: - <scope>`)
  // leaves a dash the reader could join to anything (`- Pin: []` read as an empty scope and a requirement's key), and
  // a `summary:` ending a text once its markup is gone (`… the weekly summary:<img/>`, a review's) read as an emptied
  // `info` summary.
  // And only after text that could have run on past `description:` (AWS's `- description: >- … requested.
  // description: servers:`): the emptied reading is then the rival of that text's longer reading, which evidence must
  // rule out. Where nothing else reads (a description starting with a field's label, `<b>default:</b> 20`, read as
  // `description: default: 20`; a plain text ending with `description:`), it was the only reading, and a second review
  // had such pages written wrong with it; requiring only that the key after it close its object (a response's
  // `default: description: servers:`) still wrote its plain parameter texts ending `… name or description:` wrong.
  // Or before an extension whose value is a mapping (`info: … description: <p/> x-logo: url: …`, AWS's: 9 APIs.guru
  // specs, every page of each unread before): no real description starts with an `x-` key (none of the 2 639 specs'
  // texts does), and a label the scrape bared is a key with a scalar after it (`<code>x-request-id</code>: its id`,
  // which the site's writer quotes or folds anyway).
  const holder = state.stack[state.stack.length - 1];
  const describes =
    holder?.tag === "map" &&
    holder.pending === "description" &&
    holder.options.some((kind) => kind.type === "object" && Object.hasOwn(kind.fields, "description")) &&
    (state.afterRunnableText === true || beforeExtensionMapping(context, state.index));
  return describes && kinds.some(isPlainText)
    ? attachScalar(context, state, state.index, "", state.cost)
    : undefined;
}

/** Whether the key at `index` is an extension whose value opens a mapping (`x-logo: url: …`). */
function beforeExtensionMapping(context: StepContext, index: number): boolean {
  const key = readKey(context.words, context.source, index);
  return key !== undefined && isExtensionKey(key.value) && valueShape(context, key.next) === "object";
}

/** A text of any words: not one of a few values, nor a URI (which a `<…>` placeholder would not empty alone). */
function isPlainText(kind: Kind): boolean {
  return kind.type === "scalar" && kind.scalar === "text" && !kind.values && !kind.singleWord;
}

function attachScalar(
  context: StepContext,
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
function plainAlternatives(context: StepContext, index: number): ScalarReading[] {
  const known = context.plainReadings.get(index);
  if (known) return known;
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  let end = index + 1;
  for (; end < words.length; end++) {
    const word = (words[end] as Word).text;
    if (word.startsWith("#") || word.endsWith(":") || readKey(words, source, end)) break;
    if (word === "-") readings.push({ ...plainReading(context, index, end), endsBefore: BEFORE_NEW_ITEM });
  }
  readings.push(plainReading(context, index, end));
  context.plainReadings.set(index, readings);
  return readings;
}

const BEFORE_NEW_ITEM = "text ending before `- ` (a new item)";

function plainReading(context: StepContext, from: number, to: number): { value: unknown; next: number } {
  return { value: resolvePlain(textBetween(context, from, to)), next: to };
}

/** The words `from` (inclusive) to `to` (exclusive) as text: words are single-space separated in the source. */
function textBetween(context: StepContext, from: number, to: number): string {
  const first = context.words[from];
  const last = context.words[to - 1];
  return first && last && to > from ? context.source.slice(first.offset, last.offset + last.text.length) : "";
}

/**
 * Most places a block scalar's text may run past before it ends: each one is a reading tried only when the earlier
 * ones fail, and a page whose text needs more is refused (`cannot read`) rather than searched without end.
 */
const MAX_BLOCK_ENDS = 32;

/**
 * The site's writer (js-yaml 4) folds (`>-`) only text with a line longer than its width, 80 columns less the
 * indentation and never under 40, so at least 41 characters; the scrape shortens text (`<…>` removed, whitespace runs
 * made one space), but of the 364 130 texts (keys and values) with a line over 40 characters in 557 APIs.guru specs,
 * 1 158 read shorter than 40 characters after the scrape and 13 shorter than 12 (not counting the 81 the scrape
 * emptied). A shorter folded text most often ended too early: afterbanks' `description: >- Posibles valores:
 * description: 1, Genérico; …` was written as a property `valores` after a `description: Posibles`.
 */
const SHORTEST_FOLDED_TEXT = 41;

/** A `>-`/`|` block scalar's text runs until a word that can start an entry of an open object or list. */
function blockTextAlternatives(
  context: StepContext,
  state: State,
  header: { keepsFinalNewline: boolean; folded: boolean },
): ScalarReading[] {
  const { words, source } = context;
  const readings: ScalarReading[] = [];
  const hasList = state.stack.some((frame) => frame.tag === "list");
  for (let end = state.index + 1; end <= words.length && readings.length < MAX_BLOCK_ENDS; end++) {
    if (context.anchors.has(end - 1)) break;
    const key = readKey(words, source, end)?.value;
    const role = key === undefined ? undefined : strongestRole(context, state.stack, key);
    if (!(end === words.length || (hasList && isDash(words, end)) || role)) continue;
    const text = textBetween(context, state.index + 1, end);
    const endsBefore =
      role === "entry"
        ? (`text ending before \`${key}:\` (a new entry)` as const)
        : role === "field"
          ? (`text ending before \`${key}:\` (a field)` as const)
          : end < words.length
            ? BEFORE_NEW_ITEM
            : undefined;
    const tooShortToFold = header.folded && text !== "" && text.length < SHORTEST_FOLDED_TEXT;
    readings.push({
      value: header.keepsFinalNewline && text !== "" ? `${text} ` : text,
      next: end,
      ...(endsBefore === undefined ? {} : { endsBefore }),
      ...(tooShortToFold ? { everyLaterEndRivals: true as const } : {}),
    });
  }
  return readings;
}

/** How the open frames could take `key`: as some object's field if any can, else as a map entry, else not. */
function strongestRole(
  context: StepContext,
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
