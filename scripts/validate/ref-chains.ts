/**
 * The longest chain of `$ref`s in a document, measured without recursion. @redocly's walker recurses once per `$ref`
 * it follows (several frames each), so a legal document whose schemas reference each other in a line of 500
 * (`S0.next → S1`, `S1.next → S2`, …) overflowed the stack inside it. The chain is measured before validating, and
 * a document over MAX_REF_CHAIN is refused with the chain's first schema named, the same on every machine whatever
 * its stack size.
 */
import { isRecord } from "../shared/openapi.ts";

/** Far beyond any real API's nesting, and well under where @redocly's walker overflowed (between 350 and 500). */
export const MAX_REF_CHAIN = 200;

/** A chain of references: the pointers of its targets, in the order they are followed. */
export type RefChain = string[];

/** Every `$ref` target (a `#/…` pointer without the `#`) inside `value`, not following references. */
function refsIn(value: unknown): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (isRecord(node)) {
      if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) found.push(node.$ref.slice(1));
      for (const [key, child] of Object.entries(node)) if (key !== "$ref") pending.push(child);
    }
  }
  return found;
}

/** The value at a JSON pointer, or undefined. */
function resolve(document: unknown, at: string): unknown {
  let node = document;
  for (const raw of at.split("/").slice(1)) {
    const key = decodeFragment(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** A `$ref` is a URI fragment, so its segments may be percent-encoded; a malformed escape is taken literally. */
function decodeFragment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The longest chain of references followed one inside another, starting from any reference in `document`. A
 * reference back into the chain (a cycle) ends it, as it ends the validator's walk.
 */
export function longestRefChain(document: unknown): RefChain {
  const targetsOf = new Map<string, string[]>();
  const childrenOf = (at: string): string[] => {
    let children = targetsOf.get(at);
    if (!children) {
      children = refsIn(resolve(document, at));
      targetsOf.set(at, children);
    }
    return children;
  };
  /** The longest chain starting at each finished target: its next target (or none) and its length. */
  const best = new Map<string, { next: string | undefined; length: number }>();
  const onPath = new Set<string>();
  for (const root of new Set(refsIn(document))) {
    // Depth-first with an explicit stack; a frame is [target, index of the next child to look at].
    const stack: [string, number][] = [[root, 0]];
    onPath.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [string, number];
      const [at, index] = frame;
      const children = childrenOf(at);
      const child = children[index];
      if (child !== undefined && !best.has(child) && !onPath.has(child)) {
        frame[1] += 1;
        stack.push([child, 0]);
        onPath.add(child);
        continue;
      }
      if (child !== undefined) {
        frame[1] += 1;
        continue;
      }
      best.set(at, longestVia(children, best));
      onPath.delete(at);
      stack.pop();
    }
  }
  return chainFrom(best);
}

function longestVia(
  children: string[],
  best: ReadonlyMap<string, { next: string | undefined; length: number }>,
): { next: string | undefined; length: number } {
  let result: { next: string | undefined; length: number } = { next: undefined, length: 1 };
  for (const child of children) {
    const length = (best.get(child)?.length ?? 0) + 1;
    if (length > result.length) result = { next: child, length };
  }
  return result;
}

function chainFrom(best: ReadonlyMap<string, { next: string | undefined; length: number }>): RefChain {
  let start: string | undefined;
  let longest = 0;
  for (const [at, { length }] of best) {
    if (length > longest) {
      start = at;
      longest = length;
    }
  }
  const chain: RefChain = [];
  for (let at = start; at !== undefined && chain.length < longest; at = best.get(at)?.next) chain.push(at);
  return chain;
}
