/**
 * Writes a recovered document in the docs site's YAML style (the js-yaml 4 `dump` defaults the site uses): 2-space
 * indent, block sequences indented under their key, single quotes when quoting is needed, and strings that do not
 * fit in 80 columns written as `>-` folded scalars. Only plain data (what a YAML parse produces) is supported.
 */

const LINE_WIDTH = 80;
const INDENT = 2;

export function renderSiteYaml(document: unknown): string {
  return `${renderNode(document, 0, false).replace(/^\n/, "")}\n`;
}

/** Renders `value` at nesting `level`; block collections start with a newline, scalars with nothing. */
function renderNode(value: unknown, level: number, inSequence: boolean): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : renderSequence(value, level);
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : renderMapping(entries, level, inSequence);
  }
  return renderScalar(value, level);
}

function renderMapping(entries: [string, unknown][], level: number, compact: boolean): string {
  const indent = " ".repeat(INDENT * level);
  return entries
    .map(([key, item], position) => {
      const prefix = compact && position === 0 ? "" : `\n${indent}`;
      const child = renderNode(item, level + 1, false);
      const separator = child.startsWith("\n") ? "" : " ";
      return `${prefix}${renderKey(key)}:${separator}${child}`;
    })
    .join("");
}

function renderSequence(items: unknown[], level: number): string {
  const indent = " ".repeat(INDENT * level);
  return items
    .map((item) => {
      const child = renderNode(item, level + 1, true);
      const nested = Array.isArray(item) && item.length > 0 ? child.replace(/^\n\s*/, "") : child;
      return `\n${indent}- ${nested}`;
    })
    .join("");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function renderKey(key: string): string {
  return isPlainSafe(key) && !looksLikeOtherType(key) ? key : singleQuoted(key);
}

function renderScalar(value: unknown, level: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return renderNumber(value);
  const text = String(value);
  if (!isPrintable(text)) return JSON.stringify(text);
  const indent = INDENT * Math.max(1, level);
  const width = Math.max(Math.min(LINE_WIDTH, 40), LINE_WIDTH - indent);
  if (text.length <= width || text.startsWith(" ")) {
    return isPlainSafe(text) && !looksLikeOtherType(text) ? text : singleQuoted(text);
  }
  const header = text.endsWith(" ") ? ">" : ">-";
  if (header === ">") return singleQuoted(text);
  const lines = foldLine(text, width).split("\n");
  return `${header}${lines.map((line) => `\n${" ".repeat(indent)}${line}`).join("")}`;
}

/** Tabs, line breaks and other control characters need double quotes (escapes); everything else prints as is. */
export function isPrintable(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0 && code !== 0x85)) return false;
    if (code === 0xfeff || code === 0xfffe || code === 0xffff) return false;
  }
  return true;
}

function renderNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (value === Number.POSITIVE_INFINITY) return ".inf";
  if (value === Number.NEGATIVE_INFINITY) return "-.inf";
  if (Object.is(value, -0)) return "-0.0";
  return String(value);
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Plain style is safe when the text cannot be read as YAML syntax (js-yaml's isPlainSafeFirst/Last rules). */
function isPlainSafe(text: string): boolean {
  if (text === "") return false;
  if (/^[\s\-?:,[\]{}#&*!|=>'"%@`]/.test(text)) return false;
  if (/[\s:]$/.test(text)) return false;
  return !/: |\s#|[\t]/.test(text);
}

/** Text that a YAML parser would resolve to a null, boolean or number, so it must be quoted to stay a string. */
function looksLikeOtherType(text: string): boolean {
  return (
    /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(
      text,
    ) ||
    /^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?)$/.test(
      text,
    ) ||
    /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(text) ||
    /^\d{4}-\d\d?-\d\d?/.test(text) ||
    text === "<<"
  );
}

/** js-yaml's foldLine: break at the last space before `width`; words longer than the width stay whole. */
function foldLine(line: string, width: number): string {
  const breakPattern = / [^ ]/g;
  let start = 0;
  let current = 0;
  let result = "";
  for (let match = breakPattern.exec(line); match !== null; match = breakPattern.exec(line)) {
    const next = match.index;
    if (next - start > width) {
      const end = current > start ? current : next;
      result += `\n${line.slice(start, end)}`;
      start = end + 1;
    }
    current = next;
  }
  result += "\n";
  if (line.length - start > width && current > start) {
    result += `${line.slice(start, current)}\n${line.slice(current + 1)}`;
  } else {
    result += line.slice(start);
  }
  return result.slice(1);
}
