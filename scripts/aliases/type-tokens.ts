/**
 * openapi-typescript's printed declarations read as a token list, not a syntax tree. The aliases stage needs only
 * the top-level declarations, the members of a few nested type literals and the `components["schemas"]["X"]`
 * references; the compiler's scanner finds those in a fraction of what a full parse of the
 * 1.7 MB file at 1,000 endpoints cost, and skips comments and whitespace exactly as the parser would.
 * Positions match the parser's: a type's span runs from its first token's start to its last token's end.
 */
// The `typescript` package openapi-typescript already loaded, not ts-morph's bundled copy: a second compiler cost
// about a second of start-up and 40 MB (bench/RESULTS.md, profile).
import ts from "typescript";

export interface Span {
  start: number;
  end: number;
}

/** A type in the token list: its first and last token. */
export interface TypeTokens {
  first: number;
  last: number;
}

export interface TokenList {
  kinds: ts.SyntaxKind[];
  starts: number[];
  ends: number[];
  /** Identifier, keyword, string and number tokens: the value (unescaped) the parser would give the node. */
  values: (string | undefined)[];
  /** Each bracket's partner (`{`↔`}`, `(`↔`)`, `[`↔`]`); -1 for other tokens. */
  partners: number[];
}

/** The opening bracket a closing one pairs with; undefined for any other token. */
function openerOf(kind: ts.SyntaxKind): ts.SyntaxKind | undefined {
  switch (kind) {
    case ts.SyntaxKind.CloseBraceToken:
      return ts.SyntaxKind.OpenBraceToken;
    case ts.SyntaxKind.CloseParenToken:
      return ts.SyntaxKind.OpenParenToken;
    case ts.SyntaxKind.CloseBracketToken:
      return ts.SyntaxKind.OpenBracketToken;
    default:
      return undefined;
  }
}

function isOpening(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.OpenBraceToken ||
    kind === ts.SyntaxKind.OpenParenToken ||
    kind === ts.SyntaxKind.OpenBracketToken
  );
}

function hasValue(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.Identifier ||
    (kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword) ||
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.NumericLiteral
  );
}

/** Tokenizes printed TypeScript declarations. Unbalanced brackets are a bug upstream (the printer's), not input. */
export function tokenize(text: string): TokenList {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const list: TokenList = { kinds: [], starts: [], ends: [], values: [], partners: [] };
  const open: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const index = list.kinds.length;
    list.kinds.push(kind);
    list.starts.push(scanner.getTokenStart());
    list.ends.push(scanner.getTokenEnd());
    list.values.push(hasValue(kind) ? scanner.getTokenValue() : undefined);
    list.partners.push(-1);
    if (isOpening(kind)) open.push(index);
    const opener = openerOf(kind);
    if (opener === undefined) continue;
    const partner = open.pop();
    if (partner === undefined || list.kinds[partner] !== opener)
      throw new Error(`aliases: unbalanced bracket at offset ${list.starts[index]} of the printed types`);
    list.partners[partner] = index;
    list.partners[index] = partner;
  }
  if (open.length > 0) throw new Error("aliases: unclosed bracket in the printed types");
  return list;
}

/** The token after the one at `index`, stepping over a whole bracketed group when `index` opens one. */
function stepOver(tokens: TokenList, index: number): number {
  const partner = tokens.partners[index] ?? -1;
  return partner > index ? partner + 1 : index + 1;
}

/** The first `;` at this nesting level from `index` on, or `limit` (the closing brace) when there is none. */
function statementEnd(tokens: TokenList, index: number, limit: number): number {
  let at = index;
  while (at < limit && tokens.kinds[at] !== ts.SyntaxKind.SemicolonToken) at = stepOver(tokens, at);
  return at;
}

export function spanOf(tokens: TokenList, type: TypeTokens): Span {
  return { start: tokens.starts[type.first] ?? 0, end: tokens.ends[type.last] ?? 0 };
}

/** True when the type is exactly one `{ … }`: a type literal (or an interface's body). */
export function isTypeLiteral(tokens: TokenList, type: TypeTokens): boolean {
  return (
    tokens.kinds[type.first] === ts.SyntaxKind.OpenBraceToken && tokens.partners[type.first] === type.last
  );
}

function isPropertyName(tokens: TokenList, index: number): boolean {
  const kind = tokens.kinds[index];
  return kind !== undefined && hasValue(kind);
}

/**
 * The property signatures of a type literal, by name → their type. Like the parser's view: index, call and method
 * signatures are not properties; anything but a type literal has none.
 */
export function propertiesOf(tokens: TokenList, type: TypeTokens | undefined): Map<string, TypeTokens> {
  const properties = new Map<string, TypeTokens>();
  if (type === undefined || !isTypeLiteral(tokens, type)) return properties;
  const { kinds, values } = tokens;
  for (let member = type.first + 1; member < type.last; ) {
    const end = statementEnd(tokens, member, type.last);
    const modified = kinds[member] === ts.SyntaxKind.ReadonlyKeyword && isPropertyName(tokens, member + 1);
    const name = modified ? member + 1 : member;
    const colon = kinds[name + 1] === ts.SyntaxKind.QuestionToken ? name + 2 : name + 1;
    const value = values[name];
    if (
      isPropertyName(tokens, name) &&
      value !== undefined &&
      kinds[colon] === ts.SyntaxKind.ColonToken &&
      colon + 1 < end
    )
      properties.set(value, { first: colon + 1, last: end - 1 });
    member = end + 1;
  }
  return properties;
}

/**
 * Top-level `interface` and `type` declarations by name. An interface maps to its body (whose members
 * propertiesOf reads); a type alias to undefined, as the parser-based reading gave aliases no members.
 */
export function topLevelDeclarations(tokens: TokenList): Map<string, TypeTokens | undefined> {
  const declared = new Map<string, TypeTokens | undefined>();
  const { kinds, values } = tokens;
  for (let at = 0; at < kinds.length; ) {
    const name = values[at + 1];
    const named = kinds[at + 1] === ts.SyntaxKind.Identifier && name !== undefined;
    if (named && kinds[at] === ts.SyntaxKind.InterfaceKeyword) {
      let open = at + 2;
      while (open < kinds.length && kinds[open] !== ts.SyntaxKind.OpenBraceToken)
        open = stepOver(tokens, open);
      const close = tokens.partners[open] ?? -1;
      if (close < 0) break;
      declared.set(name, { first: open, last: close });
      at = close + 1;
    } else if (named && kinds[at] === ts.SyntaxKind.TypeKeyword && isAliasStart(kinds[at + 2])) {
      declared.set(name, undefined);
      at = statementEnd(tokens, at + 2, kinds.length) + 1;
    } else at = stepOver(tokens, at);
  }
  return declared;
}

function isAliasStart(kind: ts.SyntaxKind | undefined): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.LessThanToken;
}

/** Every `components["schemas"]["X"]` (not in a comment or string), in source order, with X. */
export function schemaReferences(tokens: TokenList): (Span & { schema: string })[] {
  const { kinds, values } = tokens;
  const found: (Span & { schema: string })[] = [];
  const K = ts.SyntaxKind;
  const pattern = [
    K.OpenBracketToken,
    K.StringLiteral,
    K.CloseBracketToken,
    K.OpenBracketToken,
    K.StringLiteral,
  ];
  for (let at = 0; at + 6 < kinds.length; at++) {
    if (kinds[at] !== K.Identifier || values[at] !== "components" || kinds[at - 1] === K.DotToken) continue;
    if (values[at + 2] !== "schemas" || kinds[at + 6] !== K.CloseBracketToken) continue;
    if (!pattern.every((kind, offset) => kinds[at + 1 + offset] === kind)) continue;
    const schema = values[at + 5];
    if (schema === undefined) continue;
    found.push({ start: tokens.starts[at] ?? 0, end: tokens.ends[at + 6] ?? 0, schema });
    at += 6;
  }
  return found;
}
