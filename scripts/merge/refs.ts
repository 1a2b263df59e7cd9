/**
 * `$ref` handling: finding every reference in a document (outside example and enum data, where a `$ref` key is
 * just data), resolving local ones, refusing the rest, and rewriting references to renamed schemas.
 */
import { escapePointer, isRecord, type Problem, type SpecFile } from "../shared/openapi.ts";

/** Keys whose values are literal data, never OpenAPI objects: a `$ref` inside them is not a reference. */
const DATA_KEYS = new Set(["enum", "const", "default", "example", "examples", "value"]);

/**
 * Keys whose values map user-chosen names (property names, status codes, media types, header names, component
 * names) to OpenAPI objects. A key of such a map is a name, never a keyword: `responses.default`, a property called
 * `value` or a header called `x-total-count` hold objects whose references count.
 */
export const NAME_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "responses",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
  "variables",
  "examples",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "pathItems",
  "paths",
  "webhooks",
]);

function isDataKey(key: string, value: unknown): boolean {
  if (key.startsWith("x-")) return true;
  // `examples` is data in a schema (an array) but a map of Example Objects in a media type or parameter.
  if (key === "examples") return Array.isArray(value);
  return DATA_KEYS.has(key);
}

/** Whether the value under `key` of an OpenAPI object (not of a name map) is a map from names to objects. */
function isNameMap(key: string, value: unknown): boolean {
  return NAME_MAPS.has(key) && isRecord(value);
}

/**
 * A discriminator's `mapping` values are references too: `#/…` pointers, or bare schema names that stand for
 * `#/components/schemas/<name>`. Returns the reference a mapping value means.
 */
export function mappingRef(value: string): string {
  return value.startsWith("#") || value.includes("/")
    ? value
    : `#/components/schemas/${escapePointer(value)}`;
}

/**
 * Calls `visit` for every reference in `value` (`$ref` strings and discriminator mappings) with a function that
 * prints its pointer (printed on demand: most callers only need the pointers of the few bad references).
 */
export function visitRefs(value: unknown, visit: (ref: string, at: () => string) => void, at = ""): void {
  walkRefs(value, visit, at, [], false);
}

/**
 * Depth-first over `value` with the keys walked so far in `path` (reused): a pointer is only printed for the few
 * places that hold a reference, not for every key of every document.
 */
function walkRefs(
  value: unknown,
  visit: (ref: string, at: () => string) => void,
  base: string,
  path: (string | number)[],
  names: boolean,
): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      walkRefs(value[index], visit, base, path, false);
      path.pop();
    }
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (names) {
      path.push(key);
      walkRefs(child, visit, base, path, false);
      path.pop();
    } else if (key === "$ref" && typeof child === "string") visit(child, pointerAt(base, path, key));
    else if (key === "discriminator" && isRecord(child) && isRecord(child.mapping)) {
      for (const [name, target] of Object.entries(child.mapping))
        if (typeof target === "string")
          visit(mappingRef(target), pointerAt(base, path, key, "mapping", name));
    } else {
      const nameMap = isNameMap(key, child);
      if (nameMap || !isDataKey(key, child)) {
        path.push(key);
        walkRefs(child, visit, base, path, nameMap);
        path.pop();
      }
    }
  }
}

/** A function printing the pointer of `path` plus `rest`; `path` is copied now, as the walk goes on changing it. */
function pointerAt(base: string, path: readonly (string | number)[], ...rest: string[]): () => string {
  const segments = [...path, ...rest];
  return () => base + segments.map((segment) => `/${escapePointer(segment)}`).join("");
}

/**
 * A copy of `value` with every reference passed through `rewrite`; unchanged subtrees are shared, not copied, and
 * nothing is allocated for an object until one of its values changes.
 */
export function mapRefs(value: unknown, rewrite: (ref: string) => string): unknown {
  return mapRefsIn(value, rewrite, false);
}

/** mapRefs of `value`; `names` when `value` is a name map (its keys are names, not keywords). */
function mapRefsIn(value: unknown, rewrite: (ref: string) => string, names: boolean): unknown {
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      const next = mapRefsIn(item, rewrite, false);
      if (items === undefined && next !== item) items = value.slice(0, index);
      items?.push(next);
    }
    return items ?? value;
  }
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  let entries: [string, unknown][] | undefined;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const child = value[key];
    let next: unknown;
    if (names) next = mapRefsIn(child, rewrite, false);
    else if (key === "$ref" && typeof child === "string") next = rewrite(child);
    else if (key === "discriminator" && isRecord(child) && isRecord(child.mapping))
      next = mapDiscriminator(child, rewrite);
    else if (isNameMap(key, child)) next = mapRefsIn(child, rewrite, true);
    else next = isDataKey(key, child) ? child : mapRefsIn(child, rewrite, false);
    if (entries === undefined && next !== child)
      entries = keys.slice(0, index).map((earlier): [string, unknown] => [earlier, value[earlier]]);
    entries?.push([key, next]);
  }
  return entries ? Object.fromEntries(entries) : value;
}

/** Rewrites a discriminator's mapping; a bare name stays a bare name when it is renamed. */
function mapDiscriminator(discriminator: Record<string, unknown>, rewrite: (ref: string) => string): unknown {
  const mapping = discriminator.mapping as Record<string, unknown>;
  let changed = false;
  const entries = Object.entries(mapping).map(([name, target]): [string, unknown] => {
    if (typeof target !== "string") return [name, target];
    const ref = mappingRef(target);
    const next = rewrite(ref);
    if (next === ref) return [name, target];
    changed = true;
    const bare = target === ref ? undefined : schemaRefName(next);
    return [name, bare !== undefined && next === `#/components/schemas/${escapePointer(bare)}` ? bare : next];
  });
  return changed ? { ...discriminator, mapping: Object.fromEntries(entries) } : discriminator;
}

/** Decodes a local reference (`#/components/schemas/A~1B`) into its pointer segments; undefined when not local. */
export function refSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  const fragment = ref.slice(1);
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return decoded
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value a local reference points at inside `document`, or undefined when it points nowhere. */
export function resolveRef(document: unknown, ref: string): unknown {
  const segments = refSegments(ref);
  if (segments === undefined) return undefined;
  let node: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(segment)) node = node[Number(segment)];
    else if (isRecord(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Every `$ref` of one input file that is not local or does not resolve, as a problem with file and pointer. */
export function checkRefs({ file, document }: SpecFile): Problem[] {
  const problems: Problem[] = [];
  // A page refers to the same few components many times: resolve each distinct reference once.
  const resolves = new Map<string, boolean>();
  const resolvable = (ref: string) => {
    let found = resolves.get(ref);
    if (found === undefined) {
      found = resolveRef(document, ref) !== undefined;
      resolves.set(ref, found);
    }
    return found;
  };
  visitRefs(document, (ref, at) => {
    if (resolvable(ref)) return;
    if (refSegments(ref) === undefined) {
      problems.push({
        file,
        pointer: at(),
        message: `reference ${JSON.stringify(ref)} points outside the document; only local references (#/…) are supported`,
      });
    } else {
      problems.push({
        file,
        pointer: at(),
        message: `unresolvable reference ${JSON.stringify(ref)}`,
      });
    }
  });
  return problems;
}

/** `#/components/schemas/Name/…`: the schema name a reference starts at, or undefined. */
export function schemaRefName(ref: string): string | undefined {
  const segments = refSegments(ref);
  if (segments === undefined || segments[0] !== "components" || segments[1] !== "schemas") return undefined;
  return segments[2];
}

/** `#/components/schemas/<name>` plus the rest of `ref` after the schema name, re-encoded. */
export function renameSchemaRef(ref: string, rename: (name: string) => string | undefined): string {
  const segments = refSegments(ref);
  if (segments === undefined || segments[0] !== "components" || segments[1] !== "schemas") return ref;
  const name = segments[2];
  if (name === undefined) return ref;
  const target = rename(name);
  if (target === undefined) return ref;
  return `#${["components", "schemas", target, ...segments.slice(3)].map((s) => `/${escapePointer(s)}`).join("")}`;
}
