/**
 * Client table stage: the runtime facts the client needs from the merged spec (servers, and each operation's
 * method and path), emitted as a small TypeScript module so `src/` never parses YAML at run time.
 */
import { HTTP_METHODS, type OpenAPI3, type OperationObject, type PathItemObject } from "./openapi.ts";

export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
}

export function listOperations(document: OpenAPI3): OperationEntry[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = (item as PathItemObject)[method] as OperationObject | undefined;
      return operation ? [{ operationId: operation.operationId ?? `${method} ${path}`, method, path }] : [];
    }),
  );
}

/** Renders `generated/operations.ts`. JSON.stringify escapes every spec-provided string. */
export function renderOperationsModule(document: OpenAPI3): string {
  const servers = (document.servers ?? []).map((server) => server.url);
  const operations = listOperations(document);
  return [
    `/** The API's servers, in the merged spec's order; the first is the client's default base URL. */`,
    `export const servers = ${JSON.stringify(servers)} as const;`,
    "",
    `/** Every operation's method and path, by operationId. */`,
    `export const operations = {`,
    ...operations.map(
      (op) =>
        `  ${JSON.stringify(op.operationId)}: { method: ${JSON.stringify(op.method)}, path: ${JSON.stringify(op.path)} },`,
    ),
    `} as const;`,
    "",
  ].join("\n");
}
