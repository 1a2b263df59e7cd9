/**
 * Finds the OpenAPI document in one input: a docs page in Markdown (the `## OpenAPI Specification` section's fenced
 * YAML block), the same page scraped with its whitespace collapsed, or a plain YAML spec.
 */

export type Extracted =
  | { kind: "markdown"; yaml: string }
  | { kind: "yaml"; yaml: string }
  | { kind: "collapsed"; candidates: CollapsedCandidate[] }
  | { kind: "problem"; message: string; line?: number };

/** One possible extent of a collapsed page's YAML block: the block may itself contain ``` inside text values. */
export interface CollapsedCandidate {
  yaml: string;
  /** Character offset of `yaml` in the page. */
  offset: number;
}

const SECTION_HEADING = /^ {0,3}#{1,6}[ \t]+OpenAPI Specification[ \t]*#*[ \t]*$/m;
const COLLAPSED_OPENING = /#{1,6} OpenAPI Specification ```(?:yaml|yml) /g;

export function extractSpec(text: string): Extracted {
  if (text.trim() === "") return { kind: "problem", message: "empty file" };
  const collapsedOpenings = [...text.matchAll(COLLAPSED_OPENING)];
  if (collapsedOpenings.length > 0) return extractCollapsed(text, collapsedOpenings);
  if (SECTION_HEADING.test(text)) return extractMarkdown(text);
  if (/^(openapi|swagger)\s*:/m.test(text) || /^\s*\{/.test(text)) {
    return text.trim().includes("\n") || !/^openapi: /.test(text.trim())
      ? { kind: "yaml", yaml: text }
      : extractCollapsedSpec(text);
  }
  return {
    kind: "problem",
    message:
      "not a docs page of this site (no `## OpenAPI Specification` section) and not an OpenAPI YAML document",
  };
}

interface Fence {
  readonly info: string;
  /** Offsets of the content: from after the opening line to the start of the closing line. */
  readonly start: number;
  readonly end?: number;
  readonly line: number;
}

/** CommonMark fenced blocks: an opening ``` or ~~~ line, closed by a line of at least as many of the same marks. */
function fences(text: string): Fence[] {
  const found: Fence[] = [];
  let open: { marks: string; info: string; start: number; line: number } | undefined;
  let offset = 0;
  const lines = text.split("\n");
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.replace(/\r$/, "");
    const next = offset + rawLine.length + 1;
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (
        match?.[1]?.startsWith(open.marks[0] as string) &&
        match[1].length >= open.marks.length &&
        match[2]?.trim() === ""
      ) {
        found.push({ info: open.info, start: open.start, end: offset, line: open.line });
        open = undefined;
      }
    } else if (match && !(match[1]?.startsWith("`") && match[2]?.includes("`"))) {
      open = {
        marks: match[1] as string,
        info: (match[2] as string).trim(),
        start: Math.min(next, text.length),
        line: index + 1,
      };
    }
    offset = next;
  }
  if (open) found.push({ info: open.info, start: open.start, line: open.line });
  return found;
}

function isYamlInfo(info: string): boolean {
  return /^(yaml|yml)(\s|$)/i.test(info);
}

/**
 * The spec section's fenced YAML blocks: from the `OpenAPI Specification` heading to the next heading of the same or
 * a higher level outside a fence (other sections may hold YAML examples of their own).
 */
function sectionBlocks(text: string, all: readonly Fence[]): Fence[] {
  const heading = SECTION_HEADING.exec(text);
  if (!heading) return [];
  const level = (/#+/.exec(heading[0]) as RegExpExecArray)[0].length;
  const start = heading.index + heading[0].length;
  const inFence = (offset: number) =>
    all.some((fence) => offset >= fence.start && offset < (fence.end ?? Number.POSITIVE_INFINITY));
  let end = text.length;
  for (const match of text.slice(start).matchAll(/^ {0,3}(#{1,6})[ \t]/gm)) {
    const offset = start + (match.index as number);
    if ((match[1] as string).length <= level && !inFence(offset)) {
      end = offset;
      break;
    }
  }
  return all.filter((fence) => fence.start > start && fence.start < end);
}

function extractMarkdown(text: string): Extracted {
  const blocks = sectionBlocks(text, fences(text)).filter((fence) => isYamlInfo(fence.info));
  if (blocks.length === 0) return { kind: "problem", message: "no ```yaml spec block in the page" };
  if (blocks.length > 1)
    return {
      kind: "problem",
      line: (blocks[1] as Fence).line,
      message: `${blocks.length} \`\`\`yaml spec blocks in the page; expected exactly one`,
    };
  const block = blocks[0] as Fence;
  if (block.end === undefined)
    return {
      kind: "problem",
      line: block.line,
      message: "unterminated ```yaml spec block (no closing fence)",
    };
  return { kind: "markdown", yaml: text.slice(block.start, block.end) };
}

function extractCollapsed(text: string, openings: RegExpMatchArray[]): Extracted {
  const opening = openings[0] as RegExpMatchArray;
  const start = (opening.index as number) + opening[0].length;
  // Only the spec section counts: up to the first place its block can end (YAML elsewhere on the page is fine).
  const firstEnd = [...text.slice(start).matchAll(/ ``` #{1,6} /g)][0]?.index;
  const section = text.slice(start, firstEnd === undefined ? text.length : start + firstEnd);
  const yamlOpenings = secondSpecOpenings(section) + 1;
  if (yamlOpenings > 1)
    return {
      kind: "problem",
      message: `${yamlOpenings} \`\`\`yaml spec blocks in the page; expected exactly one`,
    };
  const candidates: CollapsedCandidate[] = [];
  for (const close of text.slice(start).matchAll(/ ```/g)) {
    const end = start + (close.index as number);
    const after = text.slice(end + 4);
    // The block ends at a fence followed by the page's end or by its next heading.
    if (after.trim() === "" || /^ #{1,6} /.test(after))
      candidates.push({ yaml: text.slice(start, end), offset: start });
  }
  if (candidates.length === 0)
    return {
      kind: "problem",
      message: "unterminated ```yaml spec block (no closing fence before a heading)",
    };
  return { kind: "collapsed", candidates };
}

/**
 * The later ```yaml openings of a collapsed spec section that open another block. A text's Markdown may hold a YAML
 * code block (probely's `info` shows the header to send, ```yaml Authorization: JWT …```): one that follows an even
 * number of fences (the text's code blocks closed, so it opens one in the text) and starts no document is the text's.
 * After an odd number, the spec's block has closed before it (`… ``` Example response: ```yaml name: Rex`).
 */
function secondSpecOpenings(section: string): number {
  let fences = 0;
  let openings = 0;
  for (const fence of section.matchAll(/```((?:yaml|yml) (?:(?:openapi|swagger):)?)?/g)) {
    const info = fence[1];
    if (info !== undefined && (fences % 2 === 1 || info.endsWith(":"))) openings += 1;
    fences += 1;
  }
  return openings;
}

/** A plain spec that was itself collapsed to one line. */
function extractCollapsedSpec(text: string): Extracted {
  const offset = text.length - text.trimStart().length;
  return { kind: "collapsed", candidates: [{ yaml: text.trim(), offset }] };
}
