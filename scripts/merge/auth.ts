/**
 * Auth: every docs page declares an `Authorization` header parameter ("Use Bearer <api-key>.") next to a
 * `bearerAuth` security scheme. The merged document states that once, as a document-level bearer requirement, so
 * no caller passes the header per call. Operations whose auth is something else keep an explicit `security`.
 */
import {
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type ParameterObject,
  type SecuritySchemeObject,
} from "../shared/openapi.ts";
import { resolveRef } from "./refs.ts";

export const BEARER_SCHEME = "bearerAuth";

type SecurityRequirements = NonNullable<OperationObject["security"]>;

export interface AuthOutcome {
  operation: OperationObject;
  /** True when the operation's Authorization header became the document-level bearer requirement. */
  lifted: boolean;
}

/** The parameter itself, following a `$ref` into the page's own components. */
function resolveParameter(parameter: unknown, source: OpenAPI3): unknown {
  if (isRecord(parameter) && typeof parameter.$ref === "string") return resolveRef(source, parameter.$ref);
  return parameter;
}

export function isAuthorizationHeader(parameter: unknown): boolean {
  if (!isRecord(parameter)) return false;
  const p = parameter as Partial<ParameterObject>;
  return p.in === "header" && typeof p.name === "string" && p.name.toLowerCase() === "authorization";
}

/** `undefined` (no requirement) or exactly `[{ bearerAuth: [] }]`: what the lifted header stands for. */
function isBearerOnly(security: SecurityRequirements | undefined): boolean {
  if (security === undefined) return true;
  if (security.length !== 1) return false;
  const entries: [string, unknown][] = Object.entries(security[0] ?? {});
  const [name, scopes] = entries[0] ?? [];
  return entries.length === 1 && name === BEARER_SCHEME && Array.isArray(scopes) && scopes.length === 0;
}

/**
 * Lifts the operation's `Authorization` header into the bearer requirement when the page's auth is exactly that
 * (the header, and either no security or only `bearerAuth`); the result has no `security`. Otherwise the operation
 * keeps its parameters and gets its effective security written on it (its own, else its page's, else `[]` for
 * none), so it never inherits the merged document's requirement. Which of the two happened is thus visible in
 * the operation itself, and two copies of an operation compare equal only when their auth is the same.
 */
export function liftBearerAuth(operation: OperationObject, source: OpenAPI3): AuthOutcome {
  const parameters = operation.parameters ?? [];
  const isAuth = (p: unknown) => isAuthorizationHeader(resolveParameter(p, source));
  const effective = operation.security ?? source.security;
  // A page stating exactly the bearer requirement (as a merged document does) lifts too, so merging is idempotent.
  const statesBearer = effective !== undefined && isBearerOnly(effective);
  if ((parameters.some(isAuth) && isBearerOnly(effective)) || statesBearer) {
    const kept = parameters.filter((p) => !isAuth(p));
    // Rebuilt entry by entry so the operation's keys keep the page's order.
    const entries = Object.entries(operation)
      .filter(([key]) => key !== "security" && (key !== "parameters" || kept.length > 0))
      .map(([key, value]) => [key, key === "parameters" ? kept : value]);
    return { operation: Object.fromEntries(entries) as OperationObject, lifted: true };
  }
  if (operation.security !== undefined) return { operation, lifted: false };
  return { operation: { ...operation, security: effective ?? [] }, lifted: false };
}

/** Without a document-level requirement, `security: []` says nothing an absent `security` does not. */
export function withoutNeedlessSecurity(operation: OperationObject): OperationObject {
  if (operation.security === undefined || operation.security.length > 0) return operation;
  const { security: _empty, ...rest } = operation;
  return rest;
}

/** The scheme the document-level requirement names, as the pages define it or, when none does, plain bearer. */
export function bearerScheme(existing: unknown): SecuritySchemeObject {
  if (isRecord(existing)) return existing as SecuritySchemeObject;
  return { type: "http", scheme: "bearer" };
}

/**
 * The security every operation states, when they all state the same non-empty requirement (basic auth, an API
 * key in a header, query or cookie, OAuth2, …): the merged document then says it once at the top, as it does for
 * the lifted bearer header. `undefined` when operations differ or any states none.
 */
export function sharedSecurity(operations: readonly OperationObject[]): SecurityRequirements | undefined {
  const first = operations[0]?.security;
  if (first === undefined || first.length === 0) return undefined;
  const text = JSON.stringify(first);
  return operations.every((operation) => JSON.stringify(operation.security) === text) ? first : undefined;
}

/** The operation without its `security`, which the document-level requirement now states. */
export function withoutSecurity(operation: OperationObject): OperationObject {
  const { security: _shared, ...rest } = operation;
  return rest;
}
