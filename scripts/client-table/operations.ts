/**
 * Client table stage: the runtime facts the client needs from the merged spec (servers, and each operation's
 * method, path and operationId under its human name), emitted as a small TypeScript module so `src/` never parses
 * YAML at run time. Types are not emitted here: `src/` derives every method's argument and result from `paths`.
 */

import { HTTP_METHODS, type OpenAPI3, type OperationObject, type PathItemObject } from "../shared/openapi.ts";
import { type NamingInput, nameOperations } from "./operation-names.ts";
import { type OperationRuntime, operationRuntime, serverUrl } from "./runtime.ts";

/** The extension the merge uses to keep an operationId it had to rename. */
const ORIGINAL_OPERATION_ID = "x-bctrl-original-operation-id";

export interface OperationEntry extends NamingInput {
  /** The property path of the operation's client method, e.g. `["spaces", "runtimes", "connections", "create"]`. */
  name: string[];
  summary?: string;
  /** Servers, request and response media: what the client needs at run time beyond the method and path. */
  runtime: OperationRuntime;
}

/** Every operation of the document with its method name; in path then method order. */
export function listOperations(document: OpenAPI3): OperationEntry[] {
  const found = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = (item as PathItemObject)[method] as OperationObject | undefined;
      if (!operation) return [];
      const original = (operation as Record<string, unknown>)[ORIGINAL_OPERATION_ID];
      return [
        {
          method,
          path,
          ...(operation.operationId ? { operationId: operation.operationId } : {}),
          ...(typeof original === "string" ? { originalOperationId: original } : {}),
          ...(operation.summary ? { summary: operation.summary } : {}),
          runtime: operationRuntime(document, item as PathItemObject, operation),
        },
      ];
    }),
  );
  const names = nameOperations(found);
  return found.map((entry, index) => ({ ...entry, name: names[index] as string[] }));
}

/** A tree of method names: a namespace has children, an operation has an entry (never both; see nameOperations). */
interface TreeNode {
  entry?: OperationEntry;
  children: Map<string, TreeNode>;
}

function buildTree(entries: readonly OperationEntry[]): TreeNode {
  const root: TreeNode = { children: new Map() };
  for (const entry of entries) {
    let node = root;
    for (const part of entry.name) {
      const child = node.children.get(part) ?? { children: new Map() };
      node.children.set(part, child);
      node = child;
    }
    node.entry = entry;
  }
  return root;
}

/** A JSDoc line safe whatever the spec's text holds (no comment terminator, one line). */
function docComment(text: string): string {
  return `/** ${text.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim()} */`;
}

function renderTree(node: TreeNode, indent: string): string[] {
  return [...node.children.keys()].sort().flatMap((key) => {
    const child = node.children.get(key) as TreeNode;
    const entry = child.entry;
    if (!entry) return [`${indent}${key}: {`, ...renderTree(child, `${indent}  `), `${indent}},`];
    const what = `\`${entry.method.toUpperCase()} ${entry.path}\``;
    const leaf = [
      entry.method,
      entry.path,
      entry.operationId ?? `${entry.method} ${entry.path}`,
      entry.runtime,
    ];
    return [
      `${indent}${docComment(entry.summary ? `${entry.summary} (${what})` : what)}`,
      `${indent}${key}: ${JSON.stringify(leaf)},`,
    ];
  });
}

/** Renders `generated/operations.ts`. JSON.stringify escapes every spec-provided string; names are identifiers. */
export function renderOperationsModule(document: OpenAPI3): string {
  const servers = (document.servers ?? []).map(serverUrl);
  return [
    `/** The API's servers, in the merged spec's order; the first is the client's default base URL. */`,
    `export const servers = ${JSON.stringify(servers)} as const;`,
    "",
    "/**",
    " * Every operation under its client method's name, grouped by resource: `[method, path, operationId, runtime]`;",
    " * `runtime.response` is what the method resolves to (`json`, `binary`: a Blob, `text`: a string, `events`: an",
    " * async iterable), `runtime.servers` the operation's own servers when they are not the document's, `runtime.body`",
    " * its request media type when it is not JSON. Method types come from `paths` in schema.ts.",
    " */",
    "export const operations = {",
    ...renderTree(buildTree(listOperations(document)), "  "),
    "} as const;",
    "",
  ].join("\n");
}
