/**
 * Paths: the union of every page's operations. Before comparing, each operation is made self-contained (the path
 * item's shared parameters and servers pushed down into it), its Authorization header is lifted (auth.ts) and its
 * schema references follow the folds. The same path and method in two files is then kept once when equal, and is a
 * conflict naming both files otherwise. Two paths that differ only in parameter names (`/a/{id}`, `/a/{key}`) are
 * the same route to a server, so they are a conflict too.
 */
import { compareStrings } from "../load/load.ts";
import {
  HTTP_METHODS,
  type HttpMethod,
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  pointer,
  type SpecFile,
} from "../shared/openapi.ts";
import { liftBearerAuth } from "./auth.ts";
import { resolveRef } from "./refs.ts";
import { type Findings, reconcile, type Sourced } from "./variants.ts";

/** Path → method → the kept operation and the file it came from. */
export type MergedPaths = Map<string, Map<HttpMethod, Sourced<OperationObject>>>;

const PATH_ITEM_KEYS = new Set<string>([...HTTP_METHODS, "parameters", "servers"]);

export function mergePaths(
  specs: readonly SpecFile[],
  rewriteRefs: (value: unknown) => unknown,
  findings: Findings,
): MergedPaths {
  const copies = new Map<string, Map<HttpMethod, Sourced<OperationObject>[]>>();
  for (const { file, document } of specs) {
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      if (!isRecord(item)) continue;
      for (const key of Object.keys(item)) {
        if (key.startsWith("x-"))
          findings.warnings.push(`${file}#${pointer("paths", route, key)}: path item extension ignored`);
        else if (!PATH_ITEM_KEYS.has(key))
          findings.problems.push({
            file,
            pointer: pointer("paths", route, key),
            message: `path item field ${JSON.stringify(key)} is not supported by the merge`,
          });
      }
      const methods = copies.get(route) ?? new Map<HttpMethod, Sourced<OperationObject>[]>();
      copies.set(route, methods);
      for (const method of HTTP_METHODS) {
        const operation = (item as PathItemObject)[method];
        if (!isRecord(operation)) continue;
        const selfContained = pushDownPathItem(
          operation as OperationObject,
          item as PathItemObject,
          document,
        );
        const value = rewriteRefs(liftBearerAuth(selfContained, document).operation) as OperationObject;
        methods.set(method, [...(methods.get(method) ?? []), { value, file }]);
      }
    }
  }
  checkRouteClashes(copies, findings);
  const merged: MergedPaths = new Map();
  for (const route of [...copies.keys()].sort(compareStrings)) {
    const methods = copies.get(route) as Map<HttpMethod, Sourced<OperationObject>[]>;
    const kept = new Map<HttpMethod, Sourced<OperationObject>>();
    for (const method of HTTP_METHODS) {
      const found = methods.get(method);
      if (found) kept.set(method, reconcile(found, pointer("paths", route, method), findings));
    }
    if (kept.size > 0) merged.set(route, kept);
  }
  return merged;
}

/** `in` and `name` of a parameter, following a `$ref` into the page's components. */
function parameterKey(parameter: unknown, document: OpenAPI3): string {
  const resolved =
    isRecord(parameter) && typeof parameter.$ref === "string"
      ? resolveRef(document, parameter.$ref)
      : parameter;
  const p = (isRecord(resolved) ? resolved : {}) as Partial<ParameterObject>;
  return `${p.in}\u0000${p.name}`;
}

/** The operation with the path item's parameters (unless it overrides them) and servers (unless it has its own). */
function pushDownPathItem(
  operation: OperationObject,
  item: PathItemObject,
  document: OpenAPI3,
): OperationObject {
  let result = operation;
  const shared = item.parameters ?? [];
  if (shared.length > 0) {
    const own = operation.parameters ?? [];
    const overridden = new Set(own.map((p) => parameterKey(p, document)));
    const inherited = shared.filter((p) => !overridden.has(parameterKey(p, document)));
    result = { ...result, parameters: [...inherited, ...own] };
  }
  if (item.servers && !operation.servers) result = { ...result, servers: item.servers };
  return result;
}

/** Routes that differ only in path parameter names reach the same server handler: a conflict. */
function checkRouteClashes(
  copies: Map<string, Map<HttpMethod, Sourced<OperationObject>[]>>,
  findings: Findings,
) {
  const byShape = new Map<string, string>();
  for (const route of [...copies.keys()].sort(compareStrings)) {
    const shape = route.replace(/\{[^}]*\}/g, "{}");
    const other = byShape.get(shape);
    if (other === undefined) {
      byShape.set(shape, route);
      continue;
    }
    const fileOf = (r: string) => [...(copies.get(r)?.values() ?? [])][0]?.[0]?.file ?? "";
    findings.problems.push({
      file: fileOf(route),
      pointer: pointer("paths", route),
      otherFile: fileOf(other),
      message: `path ${route} is the same route as ${other} (only parameter names differ)`,
    });
  }
}
