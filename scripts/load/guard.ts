/**
 * Limits and checks that make a parsed spec safe for the later stages, which recurse into it, expand it and hand
 * it to third-party tools. Each rule exists because a hostile document otherwise crashed or hung the generator:
 * - YAML aliases share one object, so nine levels of nine aliases ("billion laughs") parse in a millisecond but
 *   expand to 10^9 values when merged or printed; a node budget over the expanded document stops that.
 * - An anchor can contain an alias to itself, which builds a cyclic object that every recursive stage overflows on.
 * - `$ref`s outside the document would make the resolvers read other files or fetch URLs.
 * - openapi-typescript's bundled resolver looks keys up on plain objects, so a key named after an
 *   `Object.prototype` member such as `valueOf` reaches the prototype and crashes it; `__proto__` is refused too,
 *   as anything merged with plain assignment would replace the object's prototype.
 */
import { type Problem, pointer } from "../shared/openapi.ts";

/** The bounds on one spec file. Per-endpoint documents are a few KiB, so each leaves a wide margin. */
export const LOAD_LIMITS = {
  /** Bytes of one file, checked before reading it. */
  maxFileBytes: 8 * 2 ** 20,
  /** Nesting of mappings and sequences, checked by js-yaml while parsing and again with aliases expanded. */
  maxDepth: 100,
  /** Alias nodes (`*name`) in one document. */
  maxAliases: 100,
  /** Values in one document with every alias expanded. */
  maxNodes: 1_000_000,
} as const;

/** js-yaml's `load` options (besides the file name) wherever a spec is parsed, on this thread or a worker. */
export const YAML_LOAD_OPTIONS = {
  maxDepth: LOAD_LIMITS.maxDepth,
  maxAliases: LOAD_LIMITS.maxAliases,
} as const;

/**
 * Keys refused anywhere in a document: `__proto__`, and the `Object.prototype` members that crash
 * openapi-typescript's resolver (`constructor` and `toString` happen to be harmless and stay allowed).
 */
export const REFUSED_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "valueOf",
]);

interface Walk {
  file: string;
  /** Objects on the current path, to detect an alias that contains itself. */
  ancestors: Set<object>;
  visited: number;
}

/** Returns the first problem that makes `value` unsafe for the later stages, or undefined. */
export function guardDocument(file: string, value: unknown): Problem | undefined {
  return visit({ file, ancestors: new Set(), visited: 0 }, value, []);
}

/** Depth-first over the value as the later stages will see it (aliases expanded); `at` is the path, reused. */
function visit(walk: Walk, value: unknown, at: (string | number)[]): Problem | undefined {
  walk.visited += 1;
  if (walk.visited > LOAD_LIMITS.maxNodes)
    return problemAt(
      walk.file,
      at,
      `more than ${LOAD_LIMITS.maxNodes} values once YAML aliases are expanded`,
    );
  if (typeof value === "number") return checkNumber(walk.file, value, at);
  if (typeof value !== "object" || value === null) return undefined;
  if (walk.ancestors.has(value)) return problemAt(walk.file, at, "a YAML alias contains itself (a cycle)");
  if (at.length >= LOAD_LIMITS.maxDepth)
    return problemAt(walk.file, at, `nested more than ${LOAD_LIMITS.maxDepth} levels deep`);
  walk.ancestors.add(value);
  const problem = Array.isArray(value) ? visitItems(walk, value, at) : visitEntries(walk, value, at);
  walk.ancestors.delete(value);
  return problem;
}

function visitItems(walk: Walk, items: unknown[], at: (string | number)[]): Problem | undefined {
  for (let index = 0; index < items.length; index++) {
    at.push(index);
    const problem = visit(walk, items[index], at);
    if (problem) return problem;
    at.pop();
  }
  return undefined;
}

function visitEntries(walk: Walk, object: object, at: (string | number)[]): Problem | undefined {
  for (const key of Object.keys(object)) {
    at.push(key);
    const child = (object as Record<string, unknown>)[key];
    const problem = checkKey(walk.file, key, child, at) ?? visit(walk, child, at);
    if (problem) return problem;
    at.pop();
  }
  return undefined;
}

function problemAt(file: string, at: (string | number)[], message: string): Problem {
  return { file, pointer: pointer(...at), message };
}

function checkKey(file: string, key: string, value: unknown, at: (string | number)[]): Problem | undefined {
  if (REFUSED_KEYS.has(key))
    return {
      file,
      pointer: pointer(...at),
      message: `\`${key}\` is not allowed as a name (Object.prototype member)`,
    };
  if (key === "$ref") return checkRef(file, value, at);
  return undefined;
}

/**
 * Only references into the same document (`#/…`) are followed: no other files, no URLs. `#` alone names the whole
 * OpenAPI document, which no `$ref` may stand for (not a schema, parameter or response); after merging, the
 * validator reported it once per top-level key against the merged document instead of once here.
 */
function checkRef(file: string, ref: unknown, at: (string | number)[]): Problem | undefined {
  if (typeof ref !== "string") return { file, pointer: pointer(...at), message: "`$ref` must be a string" };
  if (ref === "#")
    return {
      file,
      pointer: pointer(...at),
      message: "`$ref: '#'` points at the whole document, which is not a schema (use #/components/…)",
    };
  if (ref.startsWith("#/")) return undefined;
  return {
    file,
    pointer: pointer(...at),
    message: `external $ref refused: ${JSON.stringify(ref)} (only #/… references within the same document are allowed)`,
  };
}

/**
 * YAML numbers become JavaScript numbers, and an integer past 2^53 silently loses its last digits (9007199254740993
 * reads as …992), so the spec could not be written back as it said: refused. (An underflowing literal such as
 * 1e-400 reads as 0 and is not caught here: the parsed value no longer tells it from a written 0.)
 */
function checkNumber(file: string, value: number, at: (string | number)[]): Problem | undefined {
  if (!Number.isInteger(value) || Number.isSafeInteger(value) || Math.abs(value) >= 1e21) return undefined;
  return problemAt(
    file,
    at,
    `an integer beyond 2^53 (read as ${value}) cannot be kept exact: quote it as a string, or use a smaller number`,
  );
}
