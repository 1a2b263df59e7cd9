/**
 * Paths: the union of every page's operations. Before comparing, each operation is made self-contained (the path
 * item's shared parameters and servers pushed down into it), its Authorization header is lifted (auth.ts) and its
 * schema references follow the folds. The same path and method in two files is then kept once when equal, and is a
 * conflict naming both files otherwise. Two paths that differ only in parameter names (`/a/{id}`, `/a/{key}`) are
 * the same route to a server, so they are a conflict too. The path item's own `summary`, `description` and `x-`
 * extensions describe the route, not an operation: they are kept on the merged path item, the first file's where
 * files differ (with a warning). `webhooks` merge the same way, keyed by name, with their auth left as written
 * (a webhook's security is the receiver's, not the API's).
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
import { sameJson } from "./json.ts";
import { resolveRef } from "./refs.ts";
import { type Findings, reconcile, type Sourced } from "./variants.ts";

/** Path → method → the kept operation and the file it came from. */
export type MergedPaths = Map<string, Map<HttpMethod, Sourced<OperationObject>>>;

export interface MergedRoutes {
  operations: MergedPaths;
  /** Route → the path item's own fields (`summary`, `description`, `x-…`) to print before its operations. */
  fields: Map<string, Record<string, unknown>>;
}

/** Which map of path items to merge: `paths` (routes) or `webhooks` (names). */
export type PathItemRoot = "paths" | "webhooks";

/** Path item fields pushed down into every operation before comparing (see pushDownPathItem). */
const PUSHED_DOWN = new Set<string>(["parameters", "servers"]);
const DESCRIBING = new Set<string>(["summary", "description"]);

export function mergePaths(
  specs: readonly SpecFile[],
  rewriteRefs: (value: unknown) => unknown,
  findings: Findings,
  root: PathItemRoot = "paths",
): MergedRoutes {
  const copies = new Map<string, Map<HttpMethod, Sourced<OperationObject>[]>>();
  const fields = new Map<string, Record<string, unknown>>();
  const firstFile = new Map<string, string>();
  for (const { file, document } of specs) {
    for (const [route, item] of Object.entries(document[root] ?? {})) {
      if (!isRecord(item)) continue;
      const kept = fields.get(route) ?? {};
      fields.set(route, kept);
      for (const [key, value] of Object.entries(item)) {
        if (HTTP_METHODS.includes(key as HttpMethod) || PUSHED_DOWN.has(key)) continue;
        if (!DESCRIBING.has(key) && !key.startsWith("x-")) {
          findings.problems.push({
            file,
            pointer: pointer(root, route, key),
            message: `path item field ${JSON.stringify(key)} is not supported by the merge`,
          });
          continue;
        }
        const at = `${route}\u0000${key}`;
        if (!Object.hasOwn(kept, key)) {
          Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
          firstFile.set(at, file);
        } else if (!sameJson(kept[key], value))
          findings.warnings.push(
            `${file}#${pointer(root, route, key)}: differs from ${firstFile.get(at)}; kept ${firstFile.get(at)}'s`,
          );
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
        const authed = root === "paths" ? liftBearerAuth(selfContained, document).operation : selfContained;
        const value = rewriteRefs(authed) as OperationObject;
        methods.set(method, [...(methods.get(method) ?? []), { value, file }]);
      }
    }
  }
  if (root === "paths") checkRouteClashes(copies, findings);
  const merged: MergedPaths = new Map();
  for (const route of [...copies.keys()].sort(compareStrings)) {
    const methods = copies.get(route) as Map<HttpMethod, Sourced<OperationObject>[]>;
    const kept = new Map<HttpMethod, Sourced<OperationObject>>();
    for (const method of HTTP_METHODS) {
      const found = methods.get(method);
      if (found) kept.set(method, reconcile(found, pointer(root, route, method), findings));
    }
    if (kept.size > 0) merged.set(route, kept);
  }
  return { operations: merged, fields };
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
  const byShape = new Map<string, string[]>();
  for (const route of [...copies.keys()].sort(compareStrings)) {
    const shape = route.replace(/\{[^}]*\}/g, "{}");
    const earlier = byShape.get(shape) ?? [];
    byShape.set(shape, [...earlier, route]);
    const methods = copies.get(route) ?? new Map();
    const fileOf = (r: string) => [...(copies.get(r)?.values() ?? [])][0]?.[0]?.file ?? "";
    for (const other of earlier) {
      const shared = [...methods.keys()].filter((method) => copies.get(other)?.has(method));
      const clash = `path ${route} is the same route as ${other} (only parameter names differ)`;
      // Each method still has one operation (GitHub's GET …/{subject_digest} beside DELETE …/{attestation_id}):
      // the client keys calls by path and method, so both stay; the same method on both is ambiguous.
      if (shared.length === 0) {
        findings.warnings.push(
          `${fileOf(route)}#${pointer("paths", route)}: ${clash}; kept both, as no method is on both`,
        );
        continue;
      }
      findings.problems.push({
        file: fileOf(route),
        pointer: pointer("paths", route),
        otherFile: fileOf(other),
        message: `${clash} and both have ${shared.map((m) => m.toUpperCase()).join(", ")}`,
      });
    }
  }
}
