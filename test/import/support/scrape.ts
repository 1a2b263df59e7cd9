/** What the docs site's scrape did to a page: every `<…>` run removed, every whitespace run made one space. */
export function scrape(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/\s+/g, " ");
}

/** The same loss applied to every string in a document (keys and values), for comparing a recovered document. */
export function scrapeValues(value: unknown): unknown {
  if (typeof value === "string") return scrape(value);
  if (Array.isArray(value)) return value.map(scrapeValues);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrape(key), scrapeValues(item)]));
  return value;
}
