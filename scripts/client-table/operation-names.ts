/**
 * Names every operation of the merged spec for people: a resource namespace taken from the path's fixed segments
 * (`/v1/spaces/{id}/runtimes/{runtimeId}/connections` → `spaces.runtimes.connections`) and a verb taken from what the
 * operationId says beyond those resources (`runtimes-connections-create` → `create`). A trailing path segment that
 * is the operationId's verb is an action, not a resource (`…/runtimes/{alias}/stop` + `runtimes-stop` →
 * `workspaces.runtimes.stop`). Names are deterministic and never collide: the first operation (by name, API version,
 * path, method) keeps a contested name, the others fall back to version-suffixed, operationId-based and numbered names.
 */

/** What naming needs to know about one operation. */
export interface NamingInput {
  method: string;
  path: string;
  /** The operationId as the spec's author wrote it (before the merge made it unique), if any. */
  originalOperationId?: string;
  /** The merged, unique operationId, if any. */
  operationId?: string;
}

/** Property names that must never be generated: they would break objects, promises or the client's own members. */
const RESERVED_ANYWHERE = new Set(["__proto__", "constructor", "prototype", "then", "toString", "valueOf"]);
const RESERVED_AT_TOP = new Set([
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "PATCH",
  "TRACE",
  "request",
  "use",
  "eject",
]);

const VERSION_SEGMENT = /^v\d+(?:\.\d+)*$/i;

/** Splits text into lower-case ASCII words at separators and camelCase boundaries. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/** Joins words as a camelCase identifier, safe as a JavaScript property name; undefined for no words. */
export function camelIdentifier(parts: readonly string[]): string | undefined {
  if (parts.length === 0) return undefined;
  const joined = parts
    .map((word, index) => (index === 0 ? word : word[0]?.toUpperCase() + word.slice(1)))
    .join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Appends `_` to a name that would clash with JavaScript or the client's own members at that depth. */
export function safeName(name: string, depth: number): string {
  const reserved = RESERVED_ANYWHERE.has(name) || (depth === 0 && RESERVED_AT_TOP.has(name));
  return reserved ? `${name}_` : name;
}

function staticSegments(path: string): { segments: string[]; version?: string; endsWithParameter: boolean } {
  const all = path.split("/").filter((segment) => segment !== "");
  const version = all.find((segment) => VERSION_SEGMENT.test(segment));
  const segments = all.filter((segment) => !segment.includes("{") && !VERSION_SEGMENT.test(segment));
  return { segments, ...(version ? { version } : {}), endsWithParameter: all.at(-1)?.includes("{") ?? false };
}

function fallbackVerb(method: string, endsWithParameter: boolean): string {
  const verbs: Record<string, string> = { post: "create", put: "replace", patch: "update", delete: "delete" };
  if (method === "get") return endsWithParameter ? "get" : "list";
  return verbs[method] ?? method;
}

/** True when `word` names the resource `segment` (equal, or its singular). */
function namesResource(word: string, segment: string): boolean {
  return word === segment || `${word}s` === segment || `${word}es` === segment;
}

interface NaturalName {
  namespace: string[];
  verb: string;
  version?: string;
}

/** The name an operation gets when nothing else claims it. */
export function naturalName(input: NamingInput): NaturalName {
  const { segments, version, endsWithParameter } = staticSegments(input.path);
  const idWords = words(input.originalOperationId ?? input.operationId ?? "");
  const lastWords = words(segments.at(-1) ?? "");
  const isAction =
    segments.length > 1 &&
    !endsWithParameter &&
    lastWords.length > 0 &&
    lastWords.every((word, index) => idWords[idWords.length - lastWords.length + index] === word);
  const namespaceSegments = isAction ? segments.slice(0, -1) : segments;
  const namespaceWords = namespaceSegments.flatMap(words);
  const verbWords = isAction
    ? lastWords
    : idWords.filter((word) => !namespaceWords.some((segment) => namesResource(word, segment)));
  const namespace = namespaceSegments.flatMap((segment, depth) => {
    const name = camelIdentifier(words(segment));
    return name ? [safeName(name, depth)] : [];
  });
  const verb = safeName(
    camelIdentifier(verbWords) ?? fallbackVerb(input.method, endsWithParameter),
    namespace.length,
  );
  return { namespace, verb, ...(version ? { version } : {}) };
}

function versionNumber(version: string | undefined): number {
  return version === undefined ? -1 : Number.parseFloat(version.slice(1));
}

/** Fallback leaf names for an operation whose natural name is taken, best first. */
function fallbackVerbs(input: NamingInput, natural: NaturalName): string[] {
  const depth = natural.namespace.length;
  const versioned = natural.version
    ? camelIdentifier([...words(natural.verb), natural.version.toLowerCase()])
    : "";
  const byId = camelIdentifier(words(input.operationId ?? ""));
  const byMethod = camelIdentifier([...words(natural.verb), input.method]);
  return [versioned, byId, byMethod].flatMap((name) => (name ? [safeName(name, depth)] : []));
}

/**
 * Names every operation: returns, for each input (same order), the property path of its client method. Leaves never
 * equal another leaf nor a namespace, so the names form a tree.
 */
export function nameOperations(inputs: readonly NamingInput[]): string[][] {
  const naturals = inputs.map(naturalName);
  const namespaces = new Set(
    naturals.flatMap((natural) =>
      natural.namespace.map((_, end) => natural.namespace.slice(0, end + 1).join(".")),
    ),
  );
  const order = inputs
    .map((input, index) => ({ input, index, natural: naturals[index] as NaturalName }))
    .sort(
      (a, b) =>
        compare(
          [...a.natural.namespace, a.natural.verb].join("."),
          [...b.natural.namespace, b.natural.verb].join("."),
        ) ||
        versionNumber(a.natural.version) - versionNumber(b.natural.version) ||
        compare(a.input.path, b.input.path) ||
        compare(a.input.method, b.input.method),
    );
  const taken = new Set(namespaces);
  const names: string[][] = new Array(inputs.length);
  for (const { input, index, natural } of order) {
    const prefix = natural.namespace.join(".");
    const full = (verb: string) => (prefix ? `${prefix}.${verb}` : verb);
    const candidates = [natural.verb, ...fallbackVerbs(input, natural)];
    let verb = candidates.find((candidate) => !taken.has(full(candidate)));
    for (let n = 2; verb === undefined; n++) {
      if (!taken.has(full(`${natural.verb}${n}`))) verb = `${natural.verb}${n}`;
    }
    taken.add(full(verb));
    names[index] = [...natural.namespace, verb];
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
