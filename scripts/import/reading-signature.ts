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

export function stateSignature(
  index: number,
  expect: Kind | undefined,
  stack: readonly (MapLike | ListLike)[],
  slack: number,
  names: KindNames,
): string {
  const parts: string[] = [String(index), String(slack), expect ? kindKey(expect, names) : "-"];
  const references = new Set<string>();
  for (const [level, frame] of stack.entries()) {
    if (frame.tag === "list") {
      const below = stack[level - 1];
      const key = below?.tag === "map" ? below.pending : undefined;
      parts.push(`L${kindKey(frame.item, names)}${shallow(key, frame.items)}`);
      for (const item of frame.items) collectReferences(item, references);
      continue;
    }
    const entries = frame.entries.map(([key, value]) => `${JSON.stringify(key)}=${shallow(key, value)}`);
    parts.push(
      `M${frame.options.map((kind) => kindKey(kind, names)).join("|")}:${frame.pending ?? ""}{${entries}}`,
    );
    for (const [key, value] of frame.entries) {
      collectReferences(value, references);
      if (key === "components" && frame === stack[0]) parts.push(`C${componentNames(value)}`);
    }
  }
  parts.push(`R${[...references].sort().join(" ")}`);
  return parts.join("\u0000");
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

/** Keys whose values the model's rules compare exactly: `type` and `in` values, `required` names or flag. */
const EXACT = new Set(["type", "in", "required"]);

/** A value as the model's rules see it under `key`; for most keys only its JSON type matters. */
function shallow(key: string | undefined, value: unknown): string {
  if (key !== undefined && EXACT.has(key)) return JSON.stringify(value) ?? "u";
  if (Array.isArray(value))
    return key === "enum" ? `[${value.map((item) => jsonType(item)).join(",")}]` : "A";
  if (key === "properties" && typeof value === "object" && value !== null)
    return `{${Object.keys(value).map((name) => JSON.stringify(name))}}`;
  return jsonType(value);
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "A";
  if (typeof value === "object" && value !== null) return "O";
  if (typeof value === "number") return Number.isInteger(value) ? "i" : "f";
  if (typeof value === "string") return "s";
  return String(value);
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectReferences(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") into.add(item);
      else collectReferences(item, into);
    }
  }
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
