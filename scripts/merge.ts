/**
 * Merge stage: many per-endpoint documents in, one OpenAPI 3.1 document out.
 * Every conflict is collected as a Problem naming both files; the run then fails once with all of them.
 */
import { isDeepStrictEqual } from "node:util";
import { compareStrings } from "./load.ts";
import {
  GeneratorError,
  HTTP_METHODS,
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type Problem,
  pointer,
  type SpecFile,
} from "./openapi.ts";

export interface MergeReport {
  specs: number;
  paths: number;
  operations: number;
  schemas: number;
  warnings: string[];
}

export interface MergeResult {
  document: OpenAPI3;
  report: MergeReport;
}

const COMPONENT_KINDS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
] as const;

interface Origin {
  value: unknown;
  file: string;
}

/** Merges per-endpoint documents into one; input order does not matter (files are sorted by path first). */
export function mergeSpecs(specs: readonly SpecFile[]): MergeResult {
  const sorted = [...specs].sort((a, b) => compareStrings(a.file, b.file));
  const problems: Problem[] = [];
  const operations = new Map<string, Map<string, Origin>>();
  const components = new Map<string, Map<string, Origin>>();
  const servers = new Map<string, unknown>();
  const tags = new Map<string, unknown>();
  const warnings: string[] = [];

  for (const { file, document } of sorted) {
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      if (!isRecord(item)) continue;
      const methods = operations.get(route) ?? new Map<string, Origin>();
      operations.set(route, methods);
      for (const method of HTTP_METHODS) {
        const operation = (item as PathItemObject)[method];
        if (!operation) continue;
        const origin = { value: liftBearerAuth(operation), file };
        addOnce(methods, method, origin, { problems, warnings }, ["paths", route, method]);
      }
    }
    for (const kind of COMPONENT_KINDS) {
      const entries = document.components?.[kind];
      if (!isRecord(entries)) continue;
      const named = components.get(kind) ?? new Map<string, Origin>();
      components.set(kind, named);
      for (const [name, value] of Object.entries(entries)) {
        addOnce(named, name, { value, file }, { problems, warnings }, ["components", kind, name]);
      }
    }
    for (const server of document.servers ?? [])
      if (!servers.has(server.url)) servers.set(server.url, server);
    for (const tag of document.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }
  if (problems.length > 0) throw new GeneratorError(problems);

  const first = sorted[0]?.document;
  const document: OpenAPI3 = {
    openapi: "3.1.0",
    info: first?.info ?? { title: "bctrl API", version: "0.0.0" },
    servers: [...servers.values()] as OpenAPI3["servers"],
    security: [{ bearerAuth: [] }],
    ...(tags.size > 0 ? { tags: [...tags.values()] as OpenAPI3["tags"] } : {}),
    paths: Object.fromEntries(
      sortedEntries(operations).map(([route, methods]) => [
        route,
        Object.fromEntries(
          HTTP_METHODS.filter((m) => methods.has(m)).map((m) => [m, methods.get(m)?.value]),
        ) as PathItemObject,
      ]),
    ),
    components: Object.fromEntries(
      COMPONENT_KINDS.filter((kind) => components.has(kind)).map((kind) => [
        kind,
        Object.fromEntries(sortedEntries(components.get(kind) ?? new Map()).map(([n, o]) => [n, o.value])),
      ]),
    ),
  };
  const operationCount = [...operations.values()].reduce((sum, methods) => sum + methods.size, 0);
  return {
    document,
    report: {
      specs: sorted.length,
      paths: operations.size,
      operations: operationCount,
      schemas: components.get("schemas")?.size ?? 0,
      warnings,
    },
  };
}

/**
 * Keeps the first value under `key`. A later equal value is folded; one that differs only in `description` text is
 * folded with a warning (scraped pages lose `<…>` runs from descriptions); any other difference is a problem.
 */
function addOnce(
  target: Map<string, Origin>,
  key: string,
  origin: Origin,
  found: { problems: Problem[]; warnings: string[] },
  at: string[],
): void {
  const existing = target.get(key);
  if (!existing) {
    target.set(key, origin);
    return;
  }
  if (isDeepStrictEqual(existing.value, origin.value)) return;
  if (isDeepStrictEqual(withoutDescriptions(existing.value), withoutDescriptions(origin.value))) {
    found.warnings.push(
      `${origin.file}${pointer(...at)}: description differs from ${existing.file}; kept the one from ${existing.file}`,
    );
    return;
  }
  found.problems.push({
    file: origin.file,
    pointer: pointer(...at),
    otherFile: existing.file,
    message: `${at.join(" ")} differs between files`,
  });
}

function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === "description" && typeof v === "string"))
      .map(([key, v]) => [key, withoutDescriptions(v)]),
  );
}

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => compareStrings(a, b));
}

function isAuthorizationHeader(parameter: unknown): boolean {
  if (!isRecord(parameter)) return false;
  const p = parameter as Partial<ParameterObject>;
  return p.in === "header" && typeof p.name === "string" && p.name.toLowerCase() === "authorization";
}

/** Drops the per-operation `Authorization` header parameter; the document-level bearer requirement replaces it. */
export function liftBearerAuth(operation: OperationObject): OperationObject {
  const parameters = operation.parameters ?? [];
  if (!parameters.some(isAuthorizationHeader)) return operation;
  const kept = parameters.filter((p) => !isAuthorizationHeader(p));
  const { parameters: _dropped, ...rest } = operation;
  return kept.length > 0 ? { ...rest, parameters: kept } : rest;
}
