/**
 * The collapsed-page reader's stack of open objects and lists: putting a finished value into its slot, closing
 * frames (checking each finished object against the model) and the checks on the whole document at the end.
 */
import type { Entries, Path } from "./evidence.ts";
import {
  kindProblem,
  objectProblem,
  partialSchemaProblem,
  responseSchemaProblem,
  undeclaredRequiredName,
} from "./model-rules.ts";
import { type Kind, type MappingKind, SCHEMA } from "./openapi-model.ts";
import { referencesIn } from "./reading-signature.ts";

export interface MapFrame {
  readonly tag: "map";
  readonly options: readonly MappingKind[];
  readonly entries: readonly (readonly [string, unknown])[];
  readonly path: readonly (string | number)[];
  readonly pending?: string;
}

export interface ListFrame {
  readonly tag: "list";
  readonly item: Kind;
  readonly items: readonly unknown[];
  readonly path: readonly (string | number)[];
}

export type Frame = MapFrame | ListFrame;

/**
 * Evidence the reader is holding readings to (see evidence.ts): called with an object's entries each time one is added
 * (`complete` false) and when it is closed (`complete` true).
 */
export type ObjectCheck = (path: Path, entries: Entries, complete: boolean) => string | undefined;

export function childPath(stack: readonly Frame[]): (string | number)[] {
  const top = stack[stack.length - 1];
  if (!top) return [];
  return top.tag === "map" ? [...top.path, top.pending ?? ""] : [...top.path, top.items.length];
}

/** Puts a finished value into the top frame's open slot (the pending key of a map, or a new list item). */
export function attach(stack: readonly Frame[], value: unknown, check?: ObjectCheck): Frame[] | undefined {
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  const rest = stack.slice(0, -1);
  if (top.tag === "list") return [...rest, { ...top, items: [...top.items, value] }];
  if (top.pending === undefined) return undefined;
  const entries = [...top.entries, [top.pending, value] as const];
  if (top.options.length === 1 && top.options[0] === SCHEMA) {
    const schema = Object.fromEntries(entries);
    if (partialSchemaProblem(schema)) return undefined;
    if (atResponseMediaType(rest) && responseSchemaProblem(schema)) return undefined;
  }
  if (check?.(top.path, entries, false)) return undefined;
  return [...rest, { tag: "map", options: top.options, path: top.path, entries }];
}

/**
 * Whether opening `key` in the frame at `level` makes it the default value of a response's `$ref` schema holding a
 * `content` (responseSchemaProblem), judged as the key opens: the value could otherwise take the rest of the
 * operation (bbc.co.uk's `requestBody:` after the default response) before it closed.
 */
export function opensResponseDefault(stack: readonly Frame[], level: number, key: string): boolean {
  const frame = stack[level];
  const schema = stack[level - 1];
  if (frame?.tag !== "map" || frame.path.at(-1) !== "default") return false;
  if (schema?.tag !== "map" || schema.pending !== "default" || schema.options[0] !== SCHEMA) return false;
  if (!schema.entries.some(([held]) => held === "$ref") || !atResponseMediaType(stack.slice(0, level - 1)))
    return false;
  return key === "content";
}

/** Whether the frames under a schema are a response's media type (by kind: a property may be named `content`). */
function atResponseMediaType(below: readonly Frame[]): boolean {
  const holds = (frame: Frame | undefined, name: string) =>
    frame?.tag === "map" && frame.options.some((kind) => kind.type !== "any" && kind.name === name);
  return (
    holds(below.at(-1), "Media Type") && holds(below.at(-2), "content") && holds(below.at(-3), "Response")
  );
}

/**
 * Whether the open slot on top of `stack` can take a value of the JSON type of `sample` (`{}` or `[]`): a schema's
 * `default`, `const` or `enum` item of the wrong type is refused before its content is read, not after the rest of
 * the page (an any-valued mapping would otherwise take every key that follows, and each one could end it).
 */
export function slotTakes(stack: readonly Frame[], sample: unknown): boolean {
  const top = stack[stack.length - 1];
  if (top?.tag === "list") {
    const below = stack.slice(0, -1);
    const parent = below[below.length - 1];
    return (
      parent?.tag !== "map" ||
      parent.pending !== "enum" ||
      attach(below, [...top.items, sample]) !== undefined
    );
  }
  if (top?.tag !== "map" || (top.pending !== "default" && top.pending !== "const")) return true;
  return attach(stack, sample) !== undefined;
}

/** Closes every frame above `level`, so that the frame at `level` is on top; undefined if one is invalid. */
export function closeAbove(stack: readonly Frame[], level: number, check?: ObjectCheck): Frame[] | undefined {
  let current: Frame[] | undefined = [...stack];
  while (current && current.length - 1 > level) current = closeTop(current, check);
  return current;
}

function closeTop(stack: readonly Frame[], check?: ObjectCheck): Frame[] | undefined {
  const value = finish(stack[stack.length - 1] as Frame, check);
  return value === INVALID ? undefined : attach(stack.slice(0, -1), value, check);
}

/**
 * Whether an open object of `stack` lacks a key its kind requires that no word from `index` on can give it, so the
 * state can never close: a response whose `description` went to the schema before it, and whose example then holds
 * two nested items, was otherwise searched through every way of nesting the example before the reader backed out to
 * the description (up.com.au's pages, over their budget). An object below the document closes at the next word
 * pinned to the document (`components:`), so only the words before it count for it. `deadlines` keeps each frame's
 * last useful word (frames are never changed once made, and one below the document never outlives its stretch).
 */
export function missesRequiredKey(
  stack: readonly Frame[],
  index: number,
  keys: KeyPositions,
  deadlines: WeakMap<Frame, number>,
): boolean {
  for (const [level, frame] of stack.entries()) {
    let deadline = deadlines.get(frame);
    if (deadline === undefined) {
      const end = level === 0 ? Number.POSITIVE_INFINITY : stretchEnd(keys, index);
      deadline = requiredKeyDeadline(frame, (key) => lastBefore(keys.positions.get(key), end));
      deadlines.set(frame, deadline);
    }
    if (deadline < index) return true;
  }
  return false;
}

/**
 * Whether a component this state has referenced (`$ref: '#/components/examples/Unauthorized'`) can no longer be
 * defined: its section of the open `components` is closed without it, or is open and lacks it past the last word that
 * reads as its name. soundcloud's `value: $ref: …` example took the next component, `Unauthorized:`, as one of its
 * keys, and the reader searched every reading of the schemas after it before the final check found the reference
 * dangling. `references` keeps each frame's references (frames are never changed once made).
 */
export function missesReferencedComponent(
  stack: readonly Frame[],
  index: number,
  keys: KeyPositions,
  references: ReferenceMemo,
): boolean {
  const components = stack[1];
  if (components?.tag !== "map" || components.path.length !== 1 || components.path[0] !== "components")
    return false;
  const open = stack[2];
  const openSection = open?.tag === "map" && open.path.length === 2 ? String(open.path[1]) : undefined;
  const closed = new Map<string, unknown>(components.entries);
  const end = stretchEnd(keys, index);
  const ahead = (key: string) => lastBefore(keys.positions.get(key), end) >= index;
  for (const frame of stack)
    for (const [section, name] of frameTargets(frame, references)) {
      const done = closed.get(section);
      if (done !== undefined) {
        if (typeof done === "object" && done !== null && !Object.hasOwn(done, name)) return true;
        continue;
      }
      if (section === openSection && open?.tag === "map") {
        if (open.pending === name || open.entries.some(([held]) => held === name)) continue;
        if (!ahead(name)) return true;
      } else if (components.pending !== section && (!ahead(section) || !ahead(name))) return true;
    }
  return false;
}

/** A local reference's `#/components/<section>/<name>` as `[section, name]` (the name unescaped). */
export type ComponentTarget = readonly [string, string];

export function componentTarget(reference: string): ComponentTarget | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(reference);
  return match
    ? [match[1] as string, (match[2] as string).replace(/~1/g, "/").replace(/~0/g, "~")]
    : undefined;
}

/** The component references read inside a frame, once per frame (`values` remembers them per value as well). */
function frameTargets(frame: Frame, memo: ReferenceMemo): readonly ComponentTarget[] {
  let found = memo.frames.get(frame);
  if (!found) {
    const held = frame.tag === "map" ? Object.fromEntries(frame.entries) : frame.items;
    found = referencesIn(held, memo.values)
      .map(componentTarget)
      .filter((target): target is ComponentTarget => target !== undefined);
    memo.frames.set(frame, found);
  }
  return found;
}

/** What missesReferencedComponent remembers: each frame's component references, and each value's `$ref`s. */
export interface ReferenceMemo {
  readonly frames: WeakMap<Frame, readonly ComponentTarget[]>;
  readonly values: WeakMap<object, readonly string[]>;
}

/** The end of the stretch of words an object below the document lives in: the next word pinned to the document. */
function stretchEnd(keys: KeyPositions, index: number): number {
  return keys.anchors.find((anchor) => anchor >= index) ?? Number.POSITIVE_INFINITY;
}

/** Where each key word is in the text (ascending), and the words pinned to the document (ascending). */
export interface KeyPositions {
  readonly positions: ReadonlyMap<string, readonly number[]>;
  readonly anchors: readonly number[];
}

/** The last of the ascending `positions` before `end`, or -1. */
function lastBefore(positions: readonly number[] | undefined, end: number): number {
  if (!positions) return -1;
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((positions[middle] as number) < end) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? -1 : (positions[low - 1] as number);
}

/** The last word at which `frame` can still get every key one of its kinds requires (Infinity: nothing missing). */
function requiredKeyDeadline(frame: Frame, lastAt: (key: string) => number): number {
  if (frame.tag !== "map") return Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const kind of frame.options) {
    let soonest = Number.POSITIVE_INFINITY;
    if (kind.type === "object")
      for (const key of kind.required)
        if (key !== frame.pending && !frame.entries.some(([held]) => held === key))
          soonest = Math.min(soonest, lastAt(key));
    latest = Math.max(latest, soonest);
  }
  return latest;
}

export function closeAll(stack: readonly Frame[], check?: ObjectCheck): Record<string, unknown> | undefined {
  const rest = closeAbove(stack, 0, check);
  const root = rest?.[0];
  if (!root) return undefined;
  const value = finish(root, check);
  const document = value as Record<string, unknown>;
  if (value === INVALID || danglingReference(document) || undeclaredScheme(document)) return undefined;
  if (undeclaredRequiredName(document) !== undefined) return undefined;
  return document;
}

/**
 * A security requirement naming a scheme the document does not declare (OpenAPI: each name MUST correspond to a
 * scheme under `components/securitySchemes`): a reading whose text ate the `securitySchemes`.
 */
function undeclaredScheme(document: Record<string, unknown>): string | undefined {
  const components = document.components as Record<string, unknown> | undefined;
  const schemes = (components?.securitySchemes ?? {}) as Record<string, unknown>;
  const requirements = [document.security];
  for (const item of Object.values((document.paths ?? {}) as Record<string, unknown>))
    if (typeof item === "object" && item !== null)
      for (const operation of Object.values(item))
        if (typeof operation === "object" && operation !== null)
          requirements.push((operation as Record<string, unknown>).security);
  for (const list of requirements)
    if (Array.isArray(list))
      for (const requirement of list)
        if (typeof requirement === "object" && requirement !== null)
          for (const name of Object.keys(requirement)) if (!Object.hasOwn(schemes, name)) return name;
  return undefined;
}

/** A local `#/components/...` reference whose target the document does not define (a reading that ate it). */
function danglingReference(document: Record<string, unknown>): string | undefined {
  const components = document.components as Record<string, Record<string, unknown> | undefined> | undefined;
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === "$ref" && typeof item === "string") {
          const [section, name] = componentTarget(item) ?? [];
          if (
            section !== undefined &&
            name !== undefined &&
            !Object.hasOwn(components?.[section] ?? {}, name)
          )
            return item;
        } else pending.push(item);
      }
    }
  }
  return undefined;
}

export function closeProblem(stack: readonly Frame[]): string {
  for (let level = stack.length - 1; level >= 0; level--) {
    const frame = stack[level] as Frame;
    if (frame.tag !== "map") continue;
    if (frame.pending !== undefined && level === stack.length - 1) return `\`${frame.pending}\` has no value`;
    const problems = mappingProblems(frame);
    if (problems.length === frame.options.length) return `${pointerText(frame.path)}: ${problems[0]}`;
  }
  return "the document is incomplete";
}

const INVALID = Symbol("invalid");

function finish(frame: Frame, check?: ObjectCheck): unknown {
  if (frame.tag === "list") return frame.items;
  if (frame.pending !== undefined) return INVALID;
  if (mappingProblems(frame).length === frame.options.length) return INVALID;
  if (check?.(frame.path, frame.entries, true)) return INVALID;
  return Object.fromEntries(frame.entries);
}

/** Problems of the finished mapping under each of its possible kinds (fewer problems than kinds means valid). */
function mappingProblems(frame: MapFrame): string[] {
  const value = Object.fromEntries(frame.entries);
  const problems: string[] = [];
  for (const option of frame.options) {
    const problem =
      option.type === "object"
        ? frame.options.length > 1
          ? kindProblem(option, value)
          : objectProblem(option, value)
        : frame.options.length > 1
          ? kindProblem(option, value)
          : undefined;
    if (problem) problems.push(problem);
  }
  return problems;
}

export function pointerText(path: readonly (string | number)[]): string {
  return path.length === 0
    ? "/"
    : path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
