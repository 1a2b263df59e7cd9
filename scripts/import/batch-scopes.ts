/**
 * Evidence across the pages of a batch: the OAuth 2 scopes its pages' security requirements name. Every page of a
 * docs site copies the same security schemes, while each operation asks for its own scopes; a scope one page asks for
 * is declared by the scheme on every page (none of 549 APIs.guru specs names a scope its flows do not declare, which
 * `declaredScopesRule` holds each page to). On a page whose scheme's scope texts could run on past the next scope's
 * key (drchrono's `… View calendar tasks:read: View tasks`), the reading that declares a scope another page asks for
 * is the one.
 */
import { isRecord } from "../shared/openapi.ts";
import { declaredScopes, type EvidenceRule, securityRequirements } from "./evidence.ts";

/** Scheme name → the scopes the batch's pages ask for, sorted (plain data: it goes to the workers). */
export type RequiredScopes = Record<string, string[]>;

/** Adds the scopes a clean document's security requirements name. */
export function learnRequiredScopes(required: RequiredScopes, document: unknown): void {
  if (!isRecord(document)) return;
  for (const [, requirement] of securityRequirements(document))
    for (const [scheme, scopes] of Object.entries(requirement))
      if (Array.isArray(scopes))
        addScopes(
          required,
          scheme,
          scopes.filter((scope) => typeof scope === "string"),
        );
}

/**
 * Adds the scopes a collapsed page's security requirements name, read from its text: `security: - scheme: - a:read
 * - a:write` (each requirement a `- name:` item, each scope a one-word item; a requirement list ends at the first word
 * that is neither). A scope holds no space (a habit the declared-scopes rule leans on too), so its items are words.
 */
export function learnRequiredScopesFromText(required: RequiredScopes, collapsedYaml: string): void {
  const words = collapsedYaml.split(" ");
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
      addScopes(required, scheme, scopes);
    }
  }
}

function isKeyWord(word: string | undefined): boolean {
  return word !== undefined && /^[A-Za-z_][\w.-]*:$/.test(word);
}

function addScopes(required: RequiredScopes, scheme: string, scopes: readonly string[]): void {
  if (scopes.length === 0) return;
  const known = new Set(required[scheme] ?? []);
  for (const scope of scopes) known.add(scope);
  required[scheme] = [...known].sort();
}

/**
 * An OAuth 2 scheme whose flows declare scopes declares every scope the batch's pages ask of it (a habit, judged on
 * the whole document). Undefined when no page asks for one.
 */
export function batchScopesRule(required: RequiredScopes): EvidenceRule | undefined {
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
