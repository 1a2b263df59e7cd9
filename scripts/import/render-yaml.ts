/**
 * Writes a document in the docs site's YAML style. The site writes its pages with js-yaml 4's `dump` and its defaults
 * (the seed pages read back and dumped again are the same text): 2-space indent, single quotes when quoting is
 * needed, text longer than its line (80 columns less the indent, at least 40) folded as `>-` even when it is one word,
 * multi-line text as a `|-` literal (or `>-` where a line is too long). js-yaml 5, which parses here, no longer folds
 * a single word, so the writer is js-yaml 4 itself (`js-yaml-4`), not a copy of its rules.
 */
import { createRequire } from "node:module";

type Dump = (value: unknown, options: { noRefs: boolean }) => string;
const { dump } = createRequire(import.meta.url)("js-yaml-4") as { dump: Dump };

/** The site's text for `document` (shared objects written out again, as the site's pages never hold an anchor). */
export function renderSiteYaml(document: unknown): string {
  return dump(document, { noRefs: true });
}

/** The site writes a text as it is (no escapes) unless it holds a tab or another control character but a line break. */
export function isPrintable(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code < 0xa1)) return false;
    if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff)
      return false;
  }
  return true;
}
