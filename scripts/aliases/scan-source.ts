/**
 * Syntax-level analysis of openapi-typescript's output (no type checker): where each component schema's type is
 * declared, where each operation's parameters and bodies are, and every `components["schemas"]["X"]` reference.
 * Everything is recorded as text spans so the rewrite can be done in one batch afterwards.
 */
import type { OperationInfo, SlotKind } from "./spec-index.ts";
import {
  isTypeLiteral,
  propertiesOf,
  type Span,
  schemaReferences,
  spanOf,
  type TokenList,
  type TypeTokens,
  tokenize,
  topLevelDeclarations,
} from "./type-tokens.ts";

export interface SchemaReference extends Span {
  schema: string;
}

export interface SourceScan {
  text: string;
  /** Names of top-level declarations (`paths`, `components`, …): never usable as alias names. */
  declaredNames: Set<string>;
  /** Component schema name → the span of its type in `components["schemas"]`. */
  schemaTypes: Map<string, Span>;
  /** `METHOD /route#slot` → the span of the slot's type (parameters object or body type). */
  slots: Map<string, Span>;
  references: SchemaReference[];
}

export function slotKey(operation: OperationInfo, slot: SlotKind): string {
  return `${operation.key}#${slot}`;
}

/** Follows a chain of property names through nested type literals. */
function memberAt(
  tokens: TokenList,
  type: TypeTokens | undefined,
  ...keys: string[]
): TypeTokens | undefined {
  let current = type;
  for (const key of keys) current = propertiesOf(tokens, current).get(key);
  return current;
}

/**
 * The source is read as tokens (see ./type-tokens.ts), navigated by property names the way openapi-typescript
 * prints them: `components.schemas`, `paths[route][method]`, `operations[operationId]`.
 */
export function scanSource(text: string, operations: readonly OperationInfo[]): SourceScan {
  const tokens = tokenize(text);
  const declared = topLevelDeclarations(tokens);
  const schemaTypes = new Map<string, Span>();
  for (const [name, type] of propertiesOf(tokens, memberAt(tokens, declared.get("components"), "schemas")))
    schemaTypes.set(name, spanOf(tokens, type));
  const operationTypes = propertiesOf(tokens, declared.get("operations"));
  const pathTypes = propertiesOf(tokens, declared.get("paths"));
  const slots = new Map<string, Span>();
  for (const operation of operations) {
    const inline = memberAt(tokens, pathTypes.get(operation.route), operation.method);
    const type =
      inline && isTypeLiteral(tokens, inline)
        ? inline
        : operation.operationId === undefined
          ? undefined
          : operationTypes.get(operation.operationId);
    const parameters = memberAt(tokens, type, "parameters");
    if (parameters) slots.set(slotKey(operation, "params"), spanOf(tokens, parameters));
    if (operation.request) {
      const body = memberAt(tokens, type, "requestBody", "content", operation.request.media);
      if (body) slots.set(slotKey(operation, "request"), spanOf(tokens, body));
    }
    if (operation.response?.status !== undefined) {
      const body = memberAt(
        tokens,
        type,
        "responses",
        operation.response.status,
        "content",
        operation.response.media,
      );
      if (body) slots.set(slotKey(operation, "response"), spanOf(tokens, body));
    }
  }
  return {
    text,
    declaredNames: new Set(declared.keys()),
    schemaTypes,
    slots,
    references: schemaReferences(tokens),
  };
}
