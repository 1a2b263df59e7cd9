/**
 * Syntax-level analysis of openapi-typescript's output (no type checker): where each component schema's type is
 * declared, where each operation's parameters and bodies are, and every `components["schemas"]["X"]` reference.
 * Everything is recorded as text spans so the rewrite can be done in one batch afterwards.
 */
import { Node, Project, type PropertySignature, type TypeNode, ts } from "ts-morph";
import type { OperationInfo, SlotKind } from "./spec-index.ts";

export interface Span {
  start: number;
  end: number;
}

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

function propertyKey(property: PropertySignature): string {
  const name = property.getNameNode();
  return Node.isStringLiteral(name) || Node.isNumericLiteral(name) ? name.getLiteralText() : name.getText();
}

/** The type of member `key` of a type literal, if `node` is one. */
function member(node: TypeNode | undefined, key: string): TypeNode | undefined {
  if (!node || !Node.isTypeLiteral(node)) return undefined;
  return node
    .getProperties()
    .find((property) => propertyKey(property) === key)
    ?.getTypeNode();
}

function spanOf(node: Node): Span {
  return { start: node.getStart(), end: node.getEnd() };
}

export function scanSource(text: string, operations: readonly OperationInfo[]): SourceScan {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const file = project.createSourceFile("schema.ts", text);
  const declaredNames = new Set<string>();
  for (const statement of file.getStatements()) {
    if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement))
      declaredNames.add(statement.getName());
  }
  const schemaTypes = new Map<string, Span>();
  const schemas = file.getInterface("components")?.getProperty("schemas")?.getTypeNode();
  if (schemas && Node.isTypeLiteral(schemas)) {
    for (const property of schemas.getProperties()) {
      const type = property.getTypeNode();
      if (type) schemaTypes.set(propertyKey(property), spanOf(type));
    }
  }
  const operationTypes = new Map<string, TypeNode>();
  for (const property of file.getInterface("operations")?.getProperties() ?? []) {
    const type = property.getTypeNode();
    if (type) operationTypes.set(propertyKey(property), type);
  }
  const pathTypes = new Map<string, TypeNode>();
  for (const property of file.getInterface("paths")?.getProperties() ?? []) {
    const type = property.getTypeNode();
    if (type) pathTypes.set(propertyKey(property), type);
  }
  const slots = new Map<string, Span>();
  for (const operation of operations) {
    const inline = member(pathTypes.get(operation.route), operation.method);
    const type =
      inline && Node.isTypeLiteral(inline)
        ? inline
        : operation.operationId === undefined
          ? undefined
          : operationTypes.get(operation.operationId);
    const parameters = member(type, "parameters");
    if (parameters) slots.set(slotKey(operation, "params"), spanOf(parameters));
    if (operation.request) {
      const body = member(member(member(type, "requestBody"), "content"), operation.request.media);
      if (body) slots.set(slotKey(operation, "request"), spanOf(body));
    }
    if (operation.response?.status !== undefined) {
      const response = member(member(type, "responses"), operation.response.status);
      const body = member(member(response, "content"), operation.response.media);
      if (body) slots.set(slotKey(operation, "response"), spanOf(body));
    }
  }
  return { text, declaredNames, schemaTypes, slots, references: findSchemaReferences(file.compilerNode) };
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
