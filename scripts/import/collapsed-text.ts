/**
 * The lexical layer of the collapsed-page reader: the text as words (single-space separated, with their character
 * offsets), and readers for what can span several words or carry its own syntax: quoted scalars, flow collections,
 * plain scalars' types and block scalar headers.
 */
import { parse as parseYaml } from "yaml";

export interface Word {
  readonly text: string;
  /** Character offset of the word in the collapsed text. */
  readonly offset: number;
}

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const pattern = /\S+/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    words.push({ text: match[0], offset: match.index });
  }
  return words;
}

/** A value that spans words: where it ends (index of the word after it) and what it is. */
export interface Spanned<T> {
  readonly value: T;
  readonly next: number;
}

/**
 * A mapping key at word `index`: `name:`, a quoted `'any text':`, or a media type with parameters
 * (`application/json; charset=utf-8:`), the one plain key of several words whose extent its own syntax gives.
 */
export function readKey(words: readonly Word[], source: string, index: number): Spanned<string> | undefined {
  const word = words[index];
  if (!word) return undefined;
  const first = word.text[0];
  if (first === "'" || first === '"') {
    const quoted = readQuoted(words, source, index);
    return quoted && quoted.suffix === ":" ? { value: quoted.value, next: quoted.next } : undefined;
  }
  if (MEDIA_TYPE_WITH_PARAMETERS.test(word.text)) return readMediaTypeKey(words, index);
  if (word.text.length < 2 || !word.text.endsWith(":")) return undefined;
  if (/^[#{[\]},&*!|>%@`]/.test(word.text) || word.text === "-:") return undefined;
  return { value: word.text.slice(0, -1), next: index + 1 };
}

/**
 * A plain mapping key of several words at word `index` (`200 Success - Retrieve a block:`), for a map whose names may
 * hold spaces where a single-word key cannot start (a map's first name, right after its key): a plain scalar holds no
 * `: `, so the name runs to the first word that ends with `:`. Undefined when a comment or another YAML indicator
 * comes first, or the name would be longer than any display name.
 */
export function readSpacedName(
  words: readonly Word[],
  source: string,
  index: number,
): Spanned<string> | undefined {
  const first = words[index]?.text ?? "";
  if (first.endsWith(":") || !/^[^-?:,[\]{}#&*!|>'"%@`]/.test(first)) return undefined;
  for (let end = index + 1; end < words.length && end <= index + MAX_NAME_WORDS; end++) {
    const word = (words[end] as Word).text;
    if (word.startsWith("#")) return undefined;
    if (!word.endsWith(":")) continue;
    const last = readKey(words, source, end);
    if (!last || last.next !== end + 1 || /^['"]/.test(word)) return undefined;
    const name = [...words.slice(index, end).map((spanned) => spanned.text), last.value].join(" ");
    return { value: name, next: end + 1 };
  }
  return undefined;
}

/** The longest of the 1 294 real example names holding a space (557 APIs.guru specs) is 22 words. */
const MAX_NAME_WORDS = 24;

const MEDIA_TYPE_WITH_PARAMETERS = /^[A-Za-z0-9][\w.+-]*\/[\w.+*-]+;$/;
const MEDIA_TYPE_PARAMETER = /^[\w.+-]+=[^\s:;]+([;:])$/;

/** `type/subtype;` followed by `name=value;` words and a last `name=value:`, as one key. */
function readMediaTypeKey(words: readonly Word[], index: number): Spanned<string> | undefined {
  for (let end = index + 1; end < words.length; end++) {
    const separator = MEDIA_TYPE_PARAMETER.exec((words[end] as Word).text)?.[1];
    if (separator === undefined) return undefined;
    if (separator === ":") {
      const text = words
        .slice(index, end + 1)
        .map((word) => word.text)
        .join(" ");
      return { value: text.slice(0, -1), next: end + 1 };
    }
  }
  return undefined;
}

export function isDash(words: readonly Word[], index: number): boolean {
  return words[index]?.text === "-";
}

/** A quoted scalar starting at word `index`; `suffix` is what follows the closing quote inside the same word. */
export function readQuoted(
  words: readonly Word[],
  source: string,
  index: number,
): (Spanned<string> & { suffix: string }) | undefined {
  const start = words[index]?.offset;
  if (start === undefined) return undefined;
  const quote = source[start];
  let value = "";
  let position = start + 1;
  while (position < source.length) {
    const char = source[position] as string;
    if (quote === "'" && char === "'") {
      if (source[position + 1] === "'") {
        value += "'";
        position += 2;
        continue;
      }
      return closeQuoted(words, source, value, position + 1);
    }
    if (quote === '"' && char === "\\") {
      const escaped = readEscape(source, position);
      if (!escaped) return undefined;
      value += escaped.value;
      position = escaped.next;
      continue;
    }
    if (quote === '"' && char === '"') return closeQuoted(words, source, value, position + 1);
    value += char;
    position += 1;
  }
  return undefined;
}

function closeQuoted(
  words: readonly Word[],
  source: string,
  value: string,
  after: number,
): (Spanned<string> & { suffix: string }) | undefined {
  const wordEnd = nextSpace(source, after);
  const suffix = source.slice(after, wordEnd);
  if (suffix !== "" && suffix !== ":") return undefined;
  const next = wordIndexAt(words, wordEnd);
  return { value, suffix, next };
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

function readEscape(source: string, position: number): Spanned<string> | undefined {
  const code = source[position + 1];
  if (code === undefined) return undefined;
  const simple = ESCAPES[code];
  if (simple !== undefined) return { value: simple, next: position + 2 };
  const width = code === "x" ? 2 : code === "u" ? 4 : code === "U" ? 8 : 0;
  const hex = source.slice(position + 2, position + 2 + width);
  if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
  return { value: String.fromCodePoint(Number.parseInt(hex, 16)), next: position + 2 + width };
}

function nextSpace(source: string, from: number): number {
  const found = source.indexOf(" ", from);
  return found === -1 ? source.length : found;
}

/** Index of the first word starting at or after character `offset`. */
function wordIndexAt(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((words[middle] as Word).offset < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A flow collection (`{...}` or `[...]`) starting at word `index`, parsed as YAML flow syntax. */
export function readFlow(
  words: readonly Word[],
  source: string,
  index: number,
): Spanned<unknown> | undefined {
  const start = words[index]?.offset;
  if (start === undefined) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let position = start; position < source.length; position++) {
    const char = source[position];
    if (quote) {
      if (char === "\\" && quote === '"') position++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) {
        const end = position + 1;
        if (end < source.length && source[end] !== " ") return undefined;
        try {
          return { value: parseYaml(source.slice(start, end)), next: wordIndexAt(words, end) };
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

/** A block scalar header: `>`, `|`, with optional chomping (`-`, `+`) and indentation indicator. */
export function blockHeader(
  word: string | undefined,
): { keepsFinalNewline: boolean; folded: boolean } | undefined {
  const match = word === undefined ? null : /^[|>](?:([1-9])?([-+])?|([-+])([1-9]))$/.exec(word);
  if (!match) return undefined;
  return { keepsFinalNewline: (match[2] ?? match[3]) !== "-", folded: word?.startsWith(">") === true };
}

/** The value of a plain scalar under the YAML 1.2 core schema (what `yaml` and the site's parser use). */
export function resolvePlain(text: string): unknown {
  if (/^(~|null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}
