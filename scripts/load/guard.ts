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

/**
 * js-yaml's `load` options (besides the file name and schema) wherever a spec is parsed, on this thread or a worker.
 * Plain data, so a parser thread receives it as it is; the schema has functions and each thread builds its own.
 */
export const YAML_LOAD_OPTIONS = {
  maxDepth: LOAD_LIMITS.maxDepth,
  maxAliases: LOAD_LIMITS.maxAliases,
} as const;

/**
 * js-yaml's core schema with number tags that never change a number silently. A JavaScript number cannot hold every
 * YAML number: `9007199254740993` reads as …992 and `1e-400` as 0, while js-yaml reads `1e400` (or a 400-digit
 * integer) as the string "1e400"; the spec would be written back saying something else. Such a literal is read as a
 * boxed `String` holding its text, which `guardDocument` refuses at its pointer (an exception from a tag carries no
 * position, and a boxed String survives the structured clone from a parser thread; nothing else js-yaml builds is one).
 *
 * Self-contained: the parser threads (scripts/load/parse-threads.ts) rebuild it from this function's source text,
 * so it uses nothing but its argument.
 */
export function exactNumberSchema(jsYaml: typeof import("js-yaml")) {
  const { CORE_SCHEMA, defineScalarTag, floatCoreTag, intCoreTag } = jsYaml;
  const decimalInteger = /^[-+]?[0-9]+$/;
  // The core schema's float syntax, which js-yaml leaves unresolved (a string) when the value overflows.
  const decimalNumber = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
  const digitsOf = (text: string) => text.replace(/^[-+]?0*/, "") || "0";
  const inexactInteger = (source: string, value: unknown) =>
    typeof value === "number" &&
    !Number.isSafeInteger(value) &&
    decimalInteger.test(source) &&
    digitsOf(source) !== BigInt(Math.abs(value)).toString();
  const inexactFloat = (source: string, value: unknown) =>
    typeof value === "number"
      ? value === 0 && /[1-9]/.test(source.split(/[eE]/)[0] ?? "")
      : decimalNumber.test(source);
  const checked = (tag: typeof intCoreTag, inexact: (source: string, value: unknown) => boolean) =>
    defineScalarTag<unknown>(tag.tagName, {
      ...tag,
      resolve(source, isExplicit, tagName) {
        const value = tag.resolve(source, isExplicit, tagName);
        return inexact(source, value) ? new String(source) : value;
      },
    });
  return CORE_SCHEMA.withTags(checked(intCoreTag, inexactInteger), checked(floatCoreTag, inexactFloat));
}

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
  if (typeof value !== "object" || value === null) return undefined;
  if (value instanceof String) return checkInexactNumber(walk.file, value.valueOf(), at);
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

/** A number literal that `exactNumberSchema` read as its text, because no JavaScript number holds it. */
function checkInexactNumber(file: string, literal: string, at: (string | number)[]): Problem {
  const read = Number(literal);
  const message = !Number.isFinite(read)
    ? `the number ${literal} cannot be kept exact: it is beyond the range of a double; quote it as a string, or use a smaller number`
    : /^[-+]?[0-9]+$/.test(literal)
      ? `an integer beyond 2^53 (read as ${BigInt(read)}) cannot be kept exact: ${literal} would be written back as ${BigInt(read)}; quote it as a string, or use a smaller number`
      : `the number ${literal} cannot be kept exact: it would be read and written back as ${read}; quote it as a string, or use a number a double can hold`;
  return problemAt(file, at, message);
}
