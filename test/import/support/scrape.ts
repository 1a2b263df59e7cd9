/** What the docs site's scrape did to a page: every `<…>` run removed, every whitespace run made one space. */
export function scrape(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/\s+/g, " ");
}

/** The same loss applied to every string in a document (keys and values), for comparing a recovered document. */
export function scrapeValues(value: unknown): unknown {
  return mapTexts(value, scrape);
}

/** `value` with `text` applied to every string value, and the scrape to every key. */
function mapTexts(value: unknown, text: (value: string) => string): unknown {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((item) => mapTexts(item, text));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrape(key), mapTexts(item, text)]),
    );
  return value;
}

/**
 * What a collapsed page can still show of a document, for judging a recovered one: the scrape's loss, and a value's
 * whitespace at either end, which on the page runs into the space that separates the value from the tokens around it
 * (jokes.one's example `}` followed by 22 spaces, written `|-`, reads back as `}`; api2pdf's `info` description opens
 * with a line break, written `|-` then a blank line). A leading space js-yaml would mark (quoted, or `|2-`) is lost
 * with it: the reader does not keep it either. Keys are kept as the scrape leaves them.
 */
export function visibleValues(value: unknown): unknown {
  return mapTexts(value, (text) => scrape(text).trim());
}
