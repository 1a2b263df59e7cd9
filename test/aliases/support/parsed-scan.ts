/**
 * The aliases stage's source scan as it was done before the token reader (scripts/aliases/type-tokens.ts): a full
 * parse with the compiler, navigated by syntax nodes. Kept as the reference the token reader is checked against.
 */
import ts from "typescript";
import { type SourceScan, slotKey } from "../../../scripts/aliases/scan-source.ts";
import type { OperationInfo } from "../../../scripts/aliases/spec-index.ts";
import type { Span } from "../../../scripts/aliases/type-tokens.ts";

type SchemaReference = SourceScan["references"][number];

function propertyKey(name: ts.PropertyName): string {
  return ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isIdentifier(name) ? name.text : "";
}

/** The property types of a type literal (or interface), by property name. */
function membersOf(node: ts.Node | undefined): Map<string, ts.TypeNode> {
  const members = new Map<string, ts.TypeNode>();
  const list = node && (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) ? node.members : [];
  for (const member of list)
    if (ts.isPropertySignature(member) && member.type) members.set(propertyKey(member.name), member.type);
  return members;
}

/** Follows a chain of property names through nested type literals. */
function memberAt(node: ts.Node | undefined, ...keys: string[]): ts.TypeNode | undefined {
  let current = node;
  for (const key of keys) current = membersOf(current).get(key);
  return current as ts.TypeNode | undefined;
}

export function parsedScan(text: string, operations: readonly OperationInfo[]): SourceScan {
  const file = ts.createSourceFile("schema.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = new Map<string, ts.Node>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))
      declared.set(statement.name.text, statement);
  }
  const spanOf = (node: ts.Node): Span => ({ start: node.getStart(file), end: node.getEnd() });
  const schemaTypes = new Map<string, Span>();
  for (const [name, type] of membersOf(memberAt(declared.get("components"), "schemas")))
    schemaTypes.set(name, spanOf(type));
  const operationTypes = membersOf(declared.get("operations"));
  const pathTypes = membersOf(declared.get("paths"));
  const slots = new Map<string, Span>();
  for (const operation of operations) {
    const inline = memberAt(pathTypes.get(operation.route), operation.method);
    const type =
      inline && ts.isTypeLiteralNode(inline)
        ? inline
        : operation.operationId === undefined
          ? undefined
          : operationTypes.get(operation.operationId);
    const parameters = memberAt(type, "parameters");
    if (parameters) slots.set(slotKey(operation, "params"), spanOf(parameters));
    if (operation.request) {
      const body = memberAt(type, "requestBody", "content", operation.request.media);
      if (body) slots.set(slotKey(operation, "request"), spanOf(body));
    }
    if (operation.response?.status !== undefined) {
      const body = memberAt(
        type,
        "responses",
        operation.response.status,
        "content",
        operation.response.media,
      );
      if (body) slots.set(slotKey(operation, "response"), spanOf(body));
    }
  }
  return {
    text,
    declaredNames: new Set(declared.keys()),
    schemaTypes,
    slots,
    references: findSchemaReferences(file),
  };
}

/** Every `components["schemas"]["X"]`, found by a plain compiler-node walk (fast on large files). */
function findSchemaReferences(root: ts.SourceFile): SchemaReference[] {
  const found: SchemaReference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIndexedAccessTypeNode(node)) {
      const schema = schemaIndex(node);
      if (schema !== undefined) {
        found.push({ start: node.getStart(root), end: node.getEnd(), schema });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function stringIndex(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

function schemaIndex(node: ts.IndexedAccessTypeNode): string | undefined {
  const inner = node.objectType;
  if (!ts.isIndexedAccessTypeNode(inner) || stringIndex(inner.indexType) !== "schemas") return undefined;
  if (
    !ts.isTypeReferenceNode(inner.objectType) ||
    !ts.isIdentifier(inner.objectType.typeName) ||
    inner.objectType.typeName.text !== "components"
  )
    return undefined;
  return stringIndex(node.indexType);
}
