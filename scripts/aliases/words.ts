/**
 * Word-level helpers for naming: splitting identifiers and prose into words, PascalCase, singular nouns, and the
 * rules every alias name must follow. Only `[A-Za-z0-9]` survives into a name, so nothing spec-provided can inject code.
 */

/** The longest alias name the generator will emit. */
export const MAX_ALIAS_LENGTH = 40;

const ALIAS_PATTERN = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Global types the generated file or a consumer relies on; an alias with one of these names would shadow it.
 * Keywords need no entry: they are lowercase and aliases are PascalCase.
 */
const GLOBAL_TYPE_NAMES = new Set([
  "Array",
  "ArrayBuffer",
  "Awaited",
  "BigInt",
  "Blob",
  "Boolean",
  "Capitalize",
  "DataView",
  "Date",
  "Error",
  "Exclude",
  "Extract",
  "File",
  "FormData",
  "Function",
  "Headers",
  "InstanceType",
  "Iterable",
  "Iterator",
  "JSON",
  "Lowercase",
  "Map",
  "Math",
  "NoInfer",
  "NonNullable",
  "Number",
  "Object",
  "Omit",
  "Parameters",
  "Partial",
  "Pick",
  "Promise",
  "PromiseLike",
  "Readonly",
  "ReadonlyArray",
  "ReadableStream",
  "Record",
  "RegExp",
  "Request",
  "Required",
  "Response",
  "ReturnType",
  "Set",
  "String",
  "Symbol",
  "ThisType",
  "URL",
  "URLSearchParams",
  "Uint8Array",
  "Uncapitalize",
  "Uppercase",
  "WeakMap",
  "WeakSet",
]);

/** True for a name the generator may emit: PascalCase identifier, at most 40 characters, shadowing no global type. */
export function isAliasName(name: string): boolean {
  return ALIAS_PATTERN.test(name) && name.length <= MAX_ALIAS_LENGTH && !GLOBAL_TYPE_NAMES.has(name);
}

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * `launchMode` → [launch, Mode]; `base_url` → [base, url]; `HTTPServer` → [HTTP, Server]; `v2Beta` → [v2, Beta].
 * Words are runs of ASCII letters and digits, cut before an uppercase letter that follows a lowercase letter or a
 * digit, and before the last letter of an uppercase run that a lowercase letter follows. One pass over the
 * characters: naming calls this tens of thousands of times at 1,000 endpoints.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : -1;
    const upper = isUpper(code);
    if (!upper && !isLower(code) && !isDigit(code)) {
      if (start >= 0) words.push(text.slice(start, at));
      start = -1;
      continue;
    }
    if (start < 0) {
      start = at;
      continue;
    }
    const previous = text.charCodeAt(at - 1);
    const cut =
      upper &&
      (isLower(previous) || isDigit(previous) || (isUpper(previous) && isLower(text.charCodeAt(at + 1))));
    if (cut) {
      words.push(text.slice(start, at));
      start = at;
    }
  }
  return words;
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `runtime-connections` → `RuntimeConnections`; may start with a digit (callers check with isAliasName). */
export function toPascalCase(text: string): string {
  return splitWords(text).map(capitalize).join("");
}

/** Lowercase letters and digits only: how hoisted names and operationIds are compared. */
export function normalizeKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const IRREGULAR_SINGULARS = new Map([
  ["aliases", "alias"],
  ["analyses", "analysis"],
  ["children", "child"],
  ["criteria", "criterion"],
  ["indices", "index"],
  ["people", "person"],
  ["statuses", "status"],
]);

/** `connections` → `connection`, `policies` → `policy`, `status` stays; keeps the first letter's case. */
export function singularize(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_SINGULARS.get(lower);
  if (irregular !== undefined) return word.charAt(0) + irregular.slice(1);
  if (/(ss|us|is)$/.test(lower) || lower.length <= 2) return word;
  if (/[^aeiou]ies$/.test(lower)) return `${word.slice(0, -3)}y`;
  if (/(sses|shes|ches|xes|zes)$/.test(lower)) return word.slice(0, -2);
  if (lower.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** Singularizes the last word of a PascalCase name: `BrowserSessions` → `BrowserSession`. */
export function singularizeLast(pascal: string): string {
  const words = splitWords(pascal);
  const last = words.pop();
  return last === undefined ? pascal : words.join("") + singularize(last);
}

/**
 * Joins a qualifier and a noun without repeating the words where they meet:
 * (`Connection`, `Status`) → `ConnectionStatus`, (`CreateConnection`, `ConnectionStatus`) → `CreateConnectionStatus`.
 */
export function joinNoun(qualifier: string, noun: string): string {
  const left = splitWords(qualifier);
  const right = splitWords(noun);
  for (let overlap = Math.min(left.length, right.length); overlap > 0; overlap--) {
    const tail = left.slice(left.length - overlap).join("");
    if (tail === right.slice(0, overlap).join("")) return left.join("") + right.slice(overlap).join("");
  }
  return qualifier + noun;
}

/**
 * Makes a name fit the length rule by dropping leading qualifier words (never cutting a word):
 * `CreateWorkspaceRuntimeConnectionProtocol…` keeps its last words.
 */
export function dropLeadingWords(name: string, maxLength = MAX_ALIAS_LENGTH): string {
  const words = splitWords(name);
  while (words.length > 1 && words.join("").length > maxLength) words.shift();
  return words.join("");
}

/** What escapeCommentText changes: line terminators and other control characters, `*\/`, and `@` (a JSDoc tag). */
const NEEDS_COMMENT_ESCAPING = /[\p{Cc}\u2028\u2029@]|\*\//u;

/**
 * Text from the spec made safe inside a `/** … *\/` comment: no comment terminator, no stray line terminators, no
 * line that starts a JSDoc tag.
 */
export function escapeCommentText(text: string): string[] {
  // Most descriptions are one plain line: nothing to replace, split or unprefix.
  if (!NEEDS_COMMENT_ESCAPING.test(text)) return [text.trimEnd()];
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\p{Cc}/gu, (char) => (char === "\n" || char === "\t" ? char : ""))
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.trimEnd().replace(/^(\s*)@/, "$1\\@"));
}
