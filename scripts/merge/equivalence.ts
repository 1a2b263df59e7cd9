/**
 * Faithfulness check: for every operation of every input document, the merged document's operation at the same
 * path and method must mean the same: equal fully resolved parameters (the Authorization header aside, which the
 * merge lifts), request body and responses, and the same effective security. "Equal" follows `$ref`s on both
 * sides (cycles are assumed equal once entered, so recursive schemas terminate), ignores the `title` keyword and
 * the merge's own `x-bctrl-*` extensions, and compares example, enum and extension data exactly.
 * Both sides are first read the way the normalise stage reads them (scripts/normalise/), so a normalisation
 * (`nullable: true` ↔ `type: [T, "null"]`, a boolean `exclusiveMinimum`, a schema `example`) counts as equal and
 * nothing else does: a merge that dropped `null` still differs.
 */
import { compareStrings } from "../load/load.ts";
import { normaliseDocument } from "../normalise/normalise.ts";
import {
  escapePointer,
  HTTP_METHODS,
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  pointer,
  type SpecFile,
} from "../shared/openapi.ts";
import { BEARER_SCHEME, isAuthorizationHeader } from "./auth.ts";
import { sameJson } from "./json.ts";
import { mappingRef, NAME_MAPS, resolveRef } from "./refs.ts";

export interface Difference {
  file: string;
  path: string;
  method: string;
  /** Where in the source operation the first difference is. */
  pointer: string;
  message: string;
}

/** node: an OpenAPI or schema object; names: a map keyed by user names; data: literal; mapping: name → reference. */
type Mode = "node" | "names" | "data" | "mapping";

const DATA_KEYS = new Set(["enum", "const", "default", "example", "value"]);
/** How many `$ref` hops a chain may take before it counts as a loop. */
const MAX_REF_HOPS = 64;

interface Side {
  document: unknown;
  value: unknown;
}

/** Every difference between the sources' operations and the merged document's (empty when faithful). */
export function checkEquivalence(sources: readonly SpecFile[], mergedAsGiven: OpenAPI3): Difference[] {
  const merged = normaliseDocument({ file: "merged", document: mergedAsGiven }).document;
  const differences: Difference[] = [];
  for (const source of sources) {
    const { file } = source;
    const { document } = normaliseDocument(source);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      if (!isRecord(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = (item as PathItemObject)[method];
        if (!isRecord(operation)) continue;
        const found = compareOperation(
          { document, item: item as PathItemObject, operation: operation as OperationObject },
          merged,
          path,
          method,
        );
        if (found) differences.push({ file, path, method, ...found });
      }
    }
  }
  return differences;
}

interface Located {
  document: OpenAPI3;
  item: PathItemObject;
  operation: OperationObject;
}

function compareOperation(
  source: Located,
  merged: OpenAPI3,
  path: string,
  method: (typeof HTTP_METHODS)[number],
): { pointer: string; message: string } | undefined {
  const mergedItem = merged.paths?.[path] as PathItemObject | undefined;
  const mergedOperation = mergedItem?.[method];
  if (!mergedItem || !isRecord(mergedOperation))
    return { pointer: "", message: "operation missing from the merged document" };
  const target: Located = {
    document: merged,
    item: mergedItem,
    operation: mergedOperation as OperationObject,
  };
  const assumed = new Set<string>();

  const sourceParameters = parametersOf(source);
  const targetParameters = parametersOf(target);
  const keys = [...new Set([...sourceParameters.keys(), ...targetParameters.keys()])].sort(compareStrings);
  for (const key of keys) {
    const a = sourceParameters.get(key);
    const b = targetParameters.get(key);
    const at = `/parameters/${escapePointer(key)}`;
    if (!a || !b)
      return { pointer: at, message: `parameter ${key} ${a ? "missing from" : "added in"} the merge` };
    const difference = compareNode(a, b, at, "node", assumed);
    if (difference !== undefined) return { pointer: difference, message: `parameter ${key} differs` };
  }
  for (const field of ["requestBody", "responses"] as const) {
    const difference = compareNode(
      { document: source.document, value: source.operation[field] },
      { document: merged, value: target.operation[field] },
      `/${field}`,
      "node",
      assumed,
    );
    if (difference !== undefined) return { pointer: difference, message: `${field} differs` };
  }
  const expected = expectedSecurity(source);
  const actual = target.operation.security ?? merged.security ?? [];
  if (!sameJson(expected, actual))
    return {
      pointer: "/security",
      message: `effective security ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`,
    };
  return undefined;
}

/** Parameters by `in:name` (header names are case-insensitive), the path item's included, Authorization left out. */
function parametersOf({ document, item, operation }: Located): Map<string, Side> {
  const result = new Map<string, Side>();
  for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const resolved = dereference(document, parameter);
    if (!isRecord(resolved) || isAuthorizationHeader(resolved)) continue;
    const p = resolved as Partial<ParameterObject>;
    const name = p.in === "header" ? String(p.name).toLowerCase() : String(p.name);
    result.set(`${p.in}:${name}`, { document, value: parameter });
  }
  return result;
}

/** The page's effective security, with its Authorization header read as the bearer requirement it stands for. */
function expectedSecurity({ document, item, operation }: Located): unknown {
  const own = operation.security ?? document.security;
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
  const hasHeader = parameters.some((p) => isAuthorizationHeader(dereference(document, p)));
  if (hasHeader && (own === undefined || sameJson(own, [{ [BEARER_SCHEME]: [] }])))
    return [{ [BEARER_SCHEME]: [] }];
  return own ?? [];
}

/** Follows `$ref`s to the value they name; sibling keywords override the target's, as 3.1 allows them. */
function dereference(document: unknown, value: unknown): unknown {
  let node = value;
  for (let hops = 0; hops < MAX_REF_HOPS && isRecord(node) && typeof node.$ref === "string"; hops++) {
    const { $ref, ...siblings } = node;
    const target = resolveRef(document, $ref);
    node =
      Object.keys(siblings).length === 0 ? target : isRecord(target) ? { ...target, ...siblings } : target;
  }
  return node;
}

function refOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.$ref === "string" ? value.$ref : undefined;
}

function isIgnored(key: string, mode: Mode): boolean {
  return mode === "node" && (key === "title" || key.startsWith("x-bctrl-"));
}

function childMode(key: string, value: unknown, mode: Mode): Mode {
  if (mode === "data") return "data";
  if (mode === "names") return "node";
  if (key === "mapping" && isRecord(value)) return "mapping";
  if (key.startsWith("x-") || DATA_KEYS.has(key) || (key === "examples" && Array.isArray(value)))
    return "data";
  return NAME_MAPS.has(key) && isRecord(value) ? "names" : "node";
}

/** The pointer of the first difference between two values (each in its own document), or undefined. */
function compareNode(a: Side, b: Side, at: string, mode: Mode, assumed: Set<string>): string | undefined {
  if (mode === "data") return sameJson(a.value, b.value) ? undefined : at;
  if (mode === "mapping") return compareMapping(a, b, at, assumed);
  const refA = mode === "node" ? refOf(a.value) : undefined;
  const refB = mode === "node" ? refOf(b.value) : undefined;
  if (refA !== undefined && refB !== undefined) {
    // Both sides name something: once this pair is being compared, meeting it again (a cycle) proves nothing new.
    const pair = `${refA}\u0000${refB}\u0000${sameJson(a.value, { $ref: refA })}\u0000${sameJson(b.value, { $ref: refB })}`;
    if (assumed.has(pair)) return undefined;
    assumed.add(pair);
  }
  const left = mode === "node" ? dereference(a.document, a.value) : a.value;
  const right = mode === "node" ? dereference(b.document, b.value) : b.value;
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return at;
    for (let index = 0; index < left.length; index++) {
      const found = compareNode(
        { document: a.document, value: left[index] },
        { document: b.document, value: right[index] },
        `${at}/${index}`,
        mode,
        assumed,
      );
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])]
      .filter((key) => !isIgnored(key, mode))
      .sort(compareStrings);
    for (const key of keys) {
      const child = `${at}/${escapePointer(key)}`;
      if (!(key in left) || !(key in right)) return child;
      const found = compareNode(
        { document: a.document, value: left[key] },
        { document: b.document, value: right[key] },
        child,
        childMode(key, left[key], mode),
        assumed,
      );
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(left, right) ? undefined : at;
}

/** A discriminator mapping: the same names, each naming an equal schema (names may differ after folding). */
function compareMapping(a: Side, b: Side, at: string, assumed: Set<string>): string | undefined {
  const left = a.value as Record<string, unknown>;
  const right = isRecord(b.value) ? b.value : {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort(compareStrings);
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    const child = `${at}/${escapePointer(key)}`;
    if (typeof x !== "string" || typeof y !== "string") {
      if (!sameJson(x, y)) return child;
      continue;
    }
    const found = compareNode(
      { document: a.document, value: { $ref: mappingRef(x) } },
      { document: b.document, value: { $ref: mappingRef(y) } },
      child,
      "node",
      assumed,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** One line per difference, for test failure messages and the CLI. */
export function formatDifference(difference: Difference): string {
  return `${difference.file}#${pointer("paths", difference.path, difference.method)}${difference.pointer}: ${difference.message}`;
}
