/**
 * The collapsed-page reader's stack of open objects and lists: putting a finished value into its slot, closing
 * frames (checking each finished object against the model) and the checks on the whole document at the end.
 */
import type { Entries, Path } from "./evidence.ts";
import { kindProblem, objectProblem, partialSchemaProblem, undeclaredRequiredName } from "./model-rules.ts";
import { type Kind, type MappingKind, SCHEMA } from "./openapi-model.ts";

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
  if (
    top.options.length === 1 &&
    top.options[0] === SCHEMA &&
    partialSchemaProblem(Object.fromEntries(entries))
  )
    return undefined;
  if (check?.(top.path, entries, false)) return undefined;
  return [...rest, { tag: "map", options: top.options, path: top.path, entries }];
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
          const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(item);
          const name = match?.[2]?.replace(/~1/g, "/").replace(/~0/g, "~");
          if (match && name !== undefined && !Object.hasOwn(components?.[match[1] as string] ?? {}, name))
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
