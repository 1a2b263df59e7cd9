/**
 * Evidence across the pages of a batch: the OAuth 2 scopes its pages' security requirements name. Every page of a
 * docs site copies the same security schemes, while each operation asks for its own scopes; a scope one page asks for
 * is declared by the scheme on every page (none of 549 APIs.guru specs names a scope its flows do not declare, which
 * `declaredScopesRule` holds each page to). On a page whose scheme's scope texts could run on past the next scope's
 * key (drchrono's `… View calendar tasks:read: View tasks`), the reading that declares a scope another page asks for
 * is the one.
 */
import { declaredScopes, type EvidenceRule } from "./evidence.ts";

/**
 * The scopes the batch's collapsed pages ask for, by the text of the security schemes they copy (the page's text from
 * `securitySchemes:` on): a page counts only for pages holding the very same schemes, so two APIs of one batch that
 * name their schemes alike do not lend each other scopes (a review's Accounts and Billing APIs, both `oauth2`). Plain
 * data: it goes to the workers.
 */
export type RequiredScopes = Record<string, Record<string, string[]>>;

/**
 * Adds the scopes a collapsed page's security requirements name, read from its text before its schemes: `security: -
 * scheme: - a:read - a:write` (each requirement a `- name:` item, each scope a one-word item; a requirement list ends
 * at the first word that is neither). A scope holds no space (a habit the declared-scopes rule leans on too), so its
 * items are words. Not from clean documents, the output folder or specs/: a clean page shows its schemes whole (known
 * components decide there), and another run's API would lend its scopes to this one's.
 */
export function learnRequiredScopesFromText(required: RequiredScopes, collapsedYaml: string): void {
  const schemesAt = schemesStart(collapsedYaml);
  if (schemesAt < 0) return;
  const schemes = collapsedYaml.slice(schemesAt);
  // Before the schemes only: a scheme's own description may show a requirement as an example (a review's).
  const words = collapsedYaml.slice(0, schemesAt).split(" ");
  const found = required[schemes] ?? {};
  for (let at = words.indexOf("security:"); at >= 0; at = words.indexOf("security:", at + 1)) {
    let next = at + 1;
    while (words[next] === "-" && isKeyWord(words[next + 1])) {
      const scheme = (words[next + 1] as string).slice(0, -1);
      const scopes: string[] = [];
      next += 2;
      while (words[next] === "-" && words[next + 1] !== undefined && !isKeyWord(words[next + 1])) {
        scopes.push(words[next + 1] as string);
        next += 2;
      }
      addScopes(found, scheme, scopes);
    }
  }
  if (Object.keys(found).length > 0) required[schemes] = found;
}

/** The scopes asked for by the batch's pages that copy the same schemes as `collapsedYaml`. */
export function scopesAskedWith(required: RequiredScopes, collapsedYaml: string): Record<string, string[]> {
  const schemesAt = schemesStart(collapsedYaml);
  return schemesAt < 0 ? {} : (required[collapsedYaml.slice(schemesAt)] ?? {});
}

function schemesStart(collapsedYaml: string): number {
  return collapsedYaml.lastIndexOf(" securitySchemes: ");
}

function isKeyWord(word: string | undefined): boolean {
  return word !== undefined && /^[A-Za-z_][\w.-]*:$/.test(word);
}

function addScopes(required: Record<string, string[]>, scheme: string, scopes: readonly string[]): void {
  if (scopes.length === 0) return;
  const known = new Set(required[scheme] ?? []);
  for (const scope of scopes) known.add(scope);
  required[scheme] = [...known].sort();
}

/**
 * An OAuth 2 scheme whose flows declare scopes declares every scope the batch's pages ask of it (a habit, judged on
 * the whole document). Undefined when no page asks for one.
 */
export function batchScopesRule(required: Record<string, string[]>): EvidenceRule | undefined {
  if (Object.keys(required).length === 0) return undefined;
  return {
    name: "a scheme declares the scopes the batch's pages ask for",
    exact: false,
    atEnd: true,
    problems(path, entries, complete) {
      if (path.length !== 0 || !complete) return [];
      const declared = declaredScopes(Object.fromEntries(entries));
      return [...declared].flatMap(([scheme, scopes]) =>
        (required[scheme] ?? [])
          .filter((scope) => !scopes.has(scope))
          .map((scope) => `components/securitySchemes/${scheme}: no scope ${JSON.stringify(scope)}`),
      );
    },
  };
}
