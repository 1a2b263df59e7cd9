/**
 * Holds random document trees to the key order real generators write, the convention the collapsed-page reader's
 * documented preferences rely on (recover-collapsed.ts): once indentation is gone, a key after a nested block could
 * belong to any open object, and the reader gives a fixed field to the innermost open object that takes it (`title`
 * and `servers` to the outermost), and prefers a fixed field to an entry of an arbitrary-key map. A key written where
 * an earlier-preferred open object could also take it (with the same value) breaks that convention: it is dropped, or,
 * when the object requires it, moved first (a mapping's first key can only belong to it).
 * Also: an entry of a `components` section must be referenced (the reader tells entries from properties that way)
 * and a local reference must have its target.
 * This is computed from the model and the original tree, not by the reader, so the property can catch the reader
 * picking a wrong reading.
 *
 * What is excluded, and why: keys placed against that convention (dropped, or moved first) are the documents the
 * reader would read wrongly WITHOUT refusing (the key goes to the innermost object that takes it; see the
 * "conventions that can write a wrong document" cases in import-roundtrip.test.ts), so the property says nothing about
 * them. `strict` (nine documents in ten) also shortens block text that a `- ` item or a map entry follows and drops
 * keys the reader must refuse, so most samples exercise exact recovery; the tenth keeps them and exercises refusals.
 * The other convention, "a field name inside block text is read as that field", is kept out by random-text.ts.
 */
import { kindProblem, partialSchemaProblem, schemaKeyProblem } from "../../../scripts/import/model-rules.ts";
import {
  ANY,
  alternatives,
  isExtensionKey,
  type Kind,
  type MappingKind,
  OBJECT_KINDS,
  SCHEMA,
} from "../../../scripts/import/openapi-model.ts";
import { type MapNode, type Node, toPlain } from "./random-openapi.ts";

/** The keys the reader gives to the outermost open object that takes them (OUTERMOST_FIRST in the reader). */
const OUTERMOST_FIRST = new Set(["title", "servers"]);

interface OpenFrame {
  readonly options: readonly MappingKind[];
  readonly entries: Readonly<Record<string, unknown>>;
  /** The key whose value is being read (the reader does not give an object a key it already has). */
  readonly pending?: string;
}

/** A key an object requires that no order of its keys can place where the reader will find it. */
export class Unconventional extends Error {}

/**
 * The tree made conventional (in place) and returned as plain data. `strict` also drops keys the reader would have to
 * refuse (two maps' entries, an any-valued field against an entry): most pages are written without such keys.
 */
export function conventionalDocument(tree: MapNode, strict = false): Record<string, unknown> {
  for (let round = 0; round < 20; round++) {
    const references = referencesIn(tree);
    const pruned = pruneComponents(tree, references);
    const fixed = fixDangling(tree, tree) || dropUndeclaredSchemes(tree);
    const conformed = conform(tree, [], referencesIn(tree), strict);
    const repaired = dropOrphanRequired(tree);
    if (!pruned && !fixed && !conformed && !repaired) break;
  }
  return toPlain(tree) as Record<string, unknown>;
}

/** `section/name` of every `#/components/<section>/<name>` in the document's text, as the reader finds them. */
function referencesIn(tree: Node): Set<string> {
  const found = new Set<string>();
  for (const match of JSON.stringify(toPlain(tree)).matchAll(/#\/components\/([A-Za-z]+)\/([^\s'"#\\]+)/g))
    found.add(`${match[1]}/${match[2]}`);
  return found;
}

const COMPONENTS = OBJECT_KINDS.find((kind) => kind.name === "Components");

function pruneComponents(tree: MapNode, references: ReadonlySet<string>): boolean {
  const components = entry(tree, "components");
  if (components?.tag !== "map") return false;
  let changed = false;
  for (const [name, section] of components.entries) {
    const kind = COMPONENTS?.fields[name]?.();
    if (section.tag !== "map" || kind?.type !== "map" || !kind.section) continue;
    const kept = section.entries.filter(([key]) => references.has(`${kind.section}/${key}`));
    changed ||= kept.length !== section.entries.length;
    section.entries = kept;
  }
  return changed;
}

function fixDangling(node: Node, root: MapNode): boolean {
  if (node.tag === "scalar") return false;
  if (node.tag === "list") return node.items.map((item) => fixDangling(item, root)).some(Boolean);
  let changed = false;
  for (const pair of node.entries) {
    const [key, value] = pair;
    if (key === "$ref" && value.tag === "scalar" && typeof value.value === "string") {
      const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(value.value);
      const section = match ? entry(entry(root, "components"), match[1] as string) : undefined;
      if (match && !(section?.tag === "map" && section.entries.some(([name]) => name === match[2]))) {
        pair[1] = { tag: "scalar", value: "common.yaml#/Missing" };
        changed = true;
      }
    } else changed = fixDangling(value, root) || changed;
  }
  return changed;
}

/**
 * A security requirement names only schemes the document declares (OpenAPI: MUST; the reader holds readings to it):
 * the document's and its operations' requirements lose the names `components/securitySchemes` lacks.
 */
function dropUndeclaredSchemes(root: MapNode): boolean {
  const schemes = entry(entry(root, "components"), "securitySchemes");
  const declared = new Set(schemes?.tag === "map" ? schemes.entries.map(([name]) => name) : []);
  const lists = [entry(root, "security")];
  const paths = entry(root, "paths");
  if (paths?.tag === "map")
    for (const [, item] of paths.entries)
      if (item.tag === "map")
        for (const [, operation] of item.entries) lists.push(entry(operation, "security"));
  let changed = false;
  for (const list of lists)
    if (list?.tag === "list")
      for (const requirement of list.items)
        if (requirement.tag === "map" && requirement.entries.some(([name]) => !declared.has(name))) {
          requirement.entries = requirement.entries.filter(([name]) => declared.has(name));
          changed = true;
        }
  return changed;
}

/** Rules dropped keys can break: a schema without `properties` names none as required; a path parameter is required. */
function dropOrphanRequired(node: Node): boolean {
  if (node.tag === "scalar") return false;
  if (node.tag === "list") return node.items.map(dropOrphanRequired).some(Boolean);
  let changed = node.entries.map(([, value]) => dropOrphanRequired(value)).some(Boolean);
  if (node.kind === SCHEMA && entry(node, "required") && !entry(node, "properties")) {
    node.entries = node.entries.filter(([key]) => key !== "required");
    changed = true;
  }
  const location = node.entries.find(([key]) => key === "in");
  const required = entry(node, "required");
  if (
    node.kind.type === "object" &&
    node.kind.name === "Parameter" &&
    location?.[1].tag === "scalar" &&
    location[1].value === "path" &&
    !(required?.tag === "scalar" && required.value === true)
  ) {
    location[1] = { tag: "scalar", value: "query" };
    changed = true;
  }
  return changed;
}

function entry(node: Node | undefined, key: string): Node | undefined {
  return node?.tag === "map" ? node.entries.find(([name]) => name === key)?.[1] : undefined;
}

/** Drops (or moves first) every key of `node` and below that an earlier-preferred open object could take. */
function conform(
  node: Node,
  ancestors: readonly OpenFrame[],
  references: ReadonlySet<string>,
  strict: boolean,
): boolean {
  if (node.tag === "scalar") return false;
  if (node.tag === "list") {
    const { items } = node;
    if (strict)
      for (let index = 0; index < items.length - 1; index++) items[index] = shortened(items[index] as Node);
    return node.items.map((item) => conform(item, ancestors, references, strict)).some(Boolean);
  }
  let changed = false;
  const moved = new Set<string>();
  for (let restart = true; restart; ) {
    restart = false;
    const kept: [string, Node][] = [];
    let tail: OpenFrame[] = [];
    for (const [key, value] of node.entries) {
      const self = frameOf(node, kept, key);
      const previous = kept[kept.length - 1];
      if (strict && previous && node.kind.type !== "object") previous[1] = shortened(previous[1]);
      if (
        kept.length > 0 &&
        breaksConvention(key, value, [...ancestors, self, ...tail], self, references, strict)
      ) {
        changed = true;
        if (!isRequired(node, key)) continue;
        if (moved.has(key)) throw new Unconventional(key);
        moved.add(key);
        node.entries = [[key, value], ...node.entries.filter(([other]) => other !== key)];
        restart = true;
        break;
      }
      changed = conform(value, [...ancestors, self], references, strict) || changed;
      kept.push([key, value]);
      tail = tailOf(value);
    }
    if (!restart) node.entries = kept;
  }
  return changed;
}

/**
 * Text that may be written as a block scalar (long or several lines) followed by a `- ` item or an entry of an
 * arbitrary-key map can end there or run on, and the reader must refuse; strict documents shorten it.
 */
function shortened(value: Node): Node {
  if (value.tag === "scalar") return isLongText(value.value) ? SHORTENED : value;
  if (value.tag === "list" && value.items.length > 0)
    value.items[value.items.length - 1] = shortened(value.items[value.items.length - 1] as Node);
  const last = value.tag === "map" ? value.entries[value.entries.length - 1] : undefined;
  if (last) last[1] = shortened(last[1]);
  return value;
}

const SHORTENED: Node = { tag: "scalar", value: "(shortened)" };

function isLongText(value: unknown): boolean {
  return typeof value === "string" && (value.length > 35 || value.includes("\n"));
}

function isRequired(node: MapNode, key: string): boolean {
  return node.options.some((option) => option.type === "object" && option.required.includes(key));
}

/** The frame the reader has for `node` when `pending` is read: the keys before it plus the pending one. */
function frameOf(node: MapNode, kept: readonly [string, Node][], pending: string): OpenFrame {
  const entries = Object.fromEntries(kept.map(([key, value]) => [key, toPlain(value)]));
  return { options: node.options, entries, pending };
}

/** The mappings still open at the end of `value` (its last entry's value, recursively), outermost first. */
function tailOf(value: Node): OpenFrame[] {
  if (value.tag === "list") {
    const last = value.items[value.items.length - 1];
    return last ? tailOf(last) : [];
  }
  if (value.tag !== "map" || value.entries.length === 0) return [];
  const entries = Object.fromEntries(value.entries.map(([key, item]) => [key, toPlain(item)]));
  const last = value.entries[value.entries.length - 1] as [string, Node];
  return [{ options: value.options, entries }, ...tailOf(last[1])];
}

/**
 * Whether an open object the reader prefers to `self` could take `key` with this value. Rivals the reader cannot
 * rank (two maps' entries, an any-valued field against an entry) are not breaches: the reader must refuse those.
 */
function breaksConvention(
  key: string,
  value: Node,
  open: readonly OpenFrame[],
  self: OpenFrame,
  references: ReadonlySet<string>,
  strict: boolean,
): boolean {
  const fields: OpenFrame[] = [];
  const entries: OpenFrame[] = [];
  for (const frame of [...open].reverse()) {
    const role = roleOf(
      frame === self ? { options: frame.options, entries: frame.entries } : frame,
      key,
      references,
    );
    if (role === "field") fields.push(frame);
    else if (role === "entry") entries.push(frame);
  }
  if (OUTERMOST_FIRST.has(key)) fields.reverse();
  const selfIsEntry = entries.includes(self);
  if (!selfIsEntry && !fields.includes(self)) return true;
  const plain = toPlain(value);
  if (strict) {
    // Rivals the reader cannot rank: another map's entry, or an entry against an any-valued field.
    const rivals = selfIsEntry
      ? [...entries, ...fields.filter((frame) => takesAnyValue(frame, key))]
      : takesAnyValue(self, key)
        ? entries
        : [];
    if (rivals.some((frame) => frame !== self && fits(frame, key, plain))) return true;
  }
  for (const frame of [...fields, ...entries]) {
    if (frame === self) return false;
    const isField = fields.includes(frame);
    if (!isField && selfIsEntry) continue;
    if (isField && selfIsEntry && takesAnyValue(frame, key)) continue;
    if (fits(frame, key, plain)) return true;
  }
  return false;
}

/** The reader's keyRole, from the model: a fixed field (or extension), an entry of an arbitrary-key map, or neither. */
function roleOf(
  frame: OpenFrame,
  key: string,
  references: ReadonlySet<string>,
): "field" | "entry" | undefined {
  if (Object.hasOwn(frame.entries, key) || frame.pending === key) return undefined;
  let role: "field" | "entry" | undefined;
  for (const option of frame.options) {
    if (option.type === "object") {
      if (option === SCHEMA && schemaKeyProblem(frame.entries, key)) continue;
      if (Object.hasOwn(option.fields, key) || (option.extensions && isExtensionKey(key))) return "field";
    } else if (option.type === "map") {
      if (option.extensions && isExtensionKey(key)) return "field";
      if (option.keyAllowed(key) && (!option.section || references.has(`${option.section}/${key}`)))
        role = "entry";
    } else role = "entry";
  }
  return role;
}

function valueKinds(frame: OpenFrame, key: string): Kind[] {
  return frame.options.flatMap((option): Kind[] => {
    if (option.type === "object") {
      const field = Object.hasOwn(option.fields, key) ? option.fields[key] : undefined;
      return field ? [field()] : option.extensions && isExtensionKey(key) ? [ANY] : [];
    }
    if (option.type === "map")
      return option.extensions && isExtensionKey(key)
        ? [ANY]
        : option.keyAllowed(key)
          ? [option.value()]
          : [];
    return [ANY];
  });
}

function takesAnyValue(frame: OpenFrame, key: string): boolean {
  return valueKinds(frame, key).some((kind) => alternatives(kind).some((option) => option.type === "any"));
}

function fits(frame: OpenFrame, key: string, value: unknown): boolean {
  if (!valueKinds(frame, key).some((kind) => kindProblem(kind, value) === undefined)) return false;
  if (!frame.options.includes(SCHEMA)) return true;
  return partialSchemaProblem({ ...frame.entries, [key]: value }) === undefined;
}
