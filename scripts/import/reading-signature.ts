/**
 * What of a collapsed-page reader state can still decide whether it ends in a whole document, as a string: the reader
 * remembers the signatures of states that led nowhere and does not search them again. Without it, a wrong choice
 * early on that only fails at the end of the page makes the reader retry every combination of the choices in between
 * (where each text could end), which grows exponentially with the page.
 *
 * A value already read only matters through its object's keys and what the model's rules look at in the values: the
 * exact `type`, `in` and `required` values, the JSON type of the others (`default`, `const` and `enum` items must
 * match `type`), the names under `properties`, and the `$ref`s and component names the final dangling-reference check
 * compares. Nested content was checked against the model when its object was closed. So two readings that differ
 * only in where a description ended, once past it, are the same search.
 */
import { alternatives, type Kind } from "./openapi-model.ts";

interface MapLike {
  readonly tag: "map";
  readonly path?: readonly (string | number)[];
  readonly options: readonly Kind[];
  readonly entries: readonly (readonly [string, unknown])[];
  readonly pending?: string;
}

interface ListLike {
  readonly tag: "list";
  readonly item: Kind;
  readonly items: readonly unknown[];
}

/** Stable names for the model's object and map kinds (other kinds are described by their structure). */
export type KindNames = Map<Kind, number>;

/**
 * What one reading remembers between signatures: kind names, and each frame's part of the signature and the `$ref`s
 * in its values. Frames and values are never changed once made and lower frames are shared by many states, so each
 * is described once (walking them for every state made reading a page quadratic in its length).
 */
export interface SignatureMemo {
  /** How much of a value read the evidence holding readings looks at (recover-collapsed.ts). */
  readonly detail: Detail;
  readonly names: KindNames;
  readonly frames: WeakMap<object, { readonly part: string; readonly references: readonly string[] }>;
  readonly values: WeakMap<object, readonly string[]>;
}

/**
 * What evidence may look at in the values already read: only what the model does (`model`), also every scalar of an
 * open object's own entries (`scalars`: a text that holds a property's `name:`), or whole values (`whole`: a known
 * component or fragment compared deeply).
 */
export type Detail = "model" | "scalars" | "whole";

export function signatureMemo(detail: Detail = "model"): SignatureMemo {
  return { detail, names: new Map(), frames: new WeakMap(), values: new WeakMap() };
}

export function stateSignature(
  index: number,
  expect: Kind | undefined,
  stack: readonly (MapLike | ListLike)[],
  slack: number,
  memo: SignatureMemo,
): string {
  const parts: string[] = [String(index), String(slack), expect ? kindKey(expect, memo.names) : "-"];
  const references = new Set<string>();
  for (const [level, frame] of stack.entries()) {
    let described = memo.frames.get(frame);
    if (!described) {
      described = describeFrame(frame, stack[level - 1], level === 0, memo);
      memo.frames.set(frame, described);
    }
    parts.push(described.part);
    for (const found of described.references) references.add(found);
  }
  parts.push(`R${[...references].sort().join(" ")}`);
  return parts.join("\u0000");
}

function describeFrame(
  frame: MapLike | ListLike,
  below: MapLike | ListLike | undefined,
  isRoot: boolean,
  memo: SignatureMemo,
): { part: string; references: readonly string[] } {
  const references = new Set<string>();
  if (frame.tag === "list") {
    const key = below?.tag === "map" ? below.pending : undefined;
    for (const item of frame.items)
      for (const found of referencesIn(item, memo.values)) references.add(found);
    if (key === "security") for (const name of securityNames(frame.items)) references.add(name);
    return {
      part: `L${kindKey(frame.item, memo.names)}${shallow(key, frame.items, memo)}`,
      references: [...references],
    };
  }
  const entries = frame.entries.map(([key, value]) => `${JSON.stringify(key)}=${shallow(key, value, memo)}`);
  let part = `M${frame.options.map((kind) => kindKey(kind, memo.names)).join("|")}:${frame.pending ?? ""}{${entries}}`;
  for (const [key, value] of frame.entries) {
    for (const found of referencesIn(value, memo.values)) references.add(found);
    if (key === "security") for (const name of securityNames(value)) references.add(name);
    if (key === "components" && isRoot) part += `\u0000C${componentNames(value)}`;
  }
  // An open `components`: the names of its finished sections, which the final checks compare too.
  if (frame.path?.length === 1 && frame.path[0] === "components")
    part += `\u0000C${componentNames(Object.fromEntries(frame.entries))}`;
  return { part, references: [...references] };
}

function kindKey(kind: Kind, names: KindNames): string {
  switch (kind.type) {
    case "object":
    case "map": {
      let name = names.get(kind);
      if (name === undefined) {
        name = names.size;
        names.set(kind, name);
      }
      return `#${name}`;
    }
    case "any":
      return "*";
    case "scalar":
      return `${kind.scalar}${kind.values ? `(${kind.values.join(",")})` : ""}`;
    case "list":
      return `[${kindKey(kind.item(), names)}]`;
    case "union":
      return `(${alternatives(kind)
        .map((option) => kindKey(option, names))
        .sort()
        .join("|")})`;
  }
}

/** Keys whose values the model's rules compare exactly: `type`, `in` and `format` values, `required` names or flag. */
const EXACT = new Set(["type", "in", "required", "format"]);

/** A value as the model's rules see it under `key`; for most keys only its JSON type matters. */
function shallow(key: string | undefined, value: unknown, memo: SignatureMemo): string {
  // Evidence may compare whole values (a known component or fragment, an example with its schema): under it, values
  // are compared whole. Only then: the model never looks deeper, and states that differ only there are one search.
  if (memo.detail === "whole" || (key !== undefined && EXACT.has(key))) return JSON.stringify(value) ?? "u";
  if (memo.detail === "scalars" && !isContainerOfContainers(value)) return JSON.stringify(value) ?? "u";
  if (Array.isArray(value))
    return key === "enum" ? `[${value.map((item) => jsonType(item)).join(",")}]` : "A";
  if (key === "properties" && typeof value === "object" && value !== null)
    return `{${Object.keys(value).map((name) => JSON.stringify(name))}}`;
  return jsonType(value);
}

/** An object, or a list holding a collection: what `scalars` describes by its shape (a list of scalars it spells out). */
function isContainerOfContainers(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => typeof item === "object" && item !== null);
  return typeof value === "object" && value !== null;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "A";
  if (typeof value === "object" && value !== null) return "O";
  if (typeof value === "number") return Number.isInteger(value) ? "i" : "f";
  if (typeof value === "string") return "s";
  return String(value);
}

const NO_REFERENCES: readonly string[] = [];

/**
 * The `$ref`s inside a value read (and its security requirements' scheme names, as `security:<name>`), remembered per
 * object in `values`: also what the reader's dangling-component cut looks at (reading-stack.ts).
 */
export function referencesIn(value: unknown, values: WeakMap<object, readonly string[]>): readonly string[] {
  if (typeof value !== "object" || value === null) return NO_REFERENCES;
  const cached = values.get(value);
  if (cached) return cached;
  const found = new Set<string>();
  if (Array.isArray(value))
    for (const item of value) for (const ref of referencesIn(item, values)) found.add(ref);
  else
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.add(item);
      else {
        if (key === "security") for (const name of securityNames(item)) found.add(name);
        for (const ref of referencesIn(item, values)) found.add(ref);
      }
    }
  const list = found.size === 0 ? NO_REFERENCES : [...found];
  values.set(value, list);
  return list;
}

function componentNames(components: unknown): string {
  if (typeof components !== "object" || components === null) return "";
  return JSON.stringify(
    Object.entries(components).map(([section, entries]) => [
      section,
      typeof entries === "object" && entries !== null ? Object.keys(entries) : [],
    ]),
  );
}

/** The scheme names a `security` list's requirements give, which the final check compares with the declared schemes. */
function securityNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((requirement) =>
    typeof requirement === "object" && requirement !== null
      ? Object.keys(requirement).map((name) => `security:${name}`)
      : [],
  );
}
