/**
 * Security requirements must name schemes the document defines: a requirement naming nothing cannot be met, so the
 * output would describe an API no client can call. (Redocly's `security-defined` rule checks this too, but also
 * insists every operation has security, a style opinion that must not fail a run, so this check stands alone.)
 */
import { HTTP_METHODS, isRecord, type OpenAPI3, pointer } from "../shared/openapi.ts";

export interface UndefinedScheme {
  pointer: string;
  message: string;
}

/** Each security requirement naming a scheme missing from `components.securitySchemes`, in document order. */
export function undefinedSecuritySchemes(document: OpenAPI3): UndefinedScheme[] {
  const schemes = isRecord(document.components?.securitySchemes) ? document.components.securitySchemes : {};
  const found: UndefinedScheme[] = [];
  const check = (security: unknown, at: string[]) => {
    if (!Array.isArray(security)) return;
    security.forEach((requirement, index) => {
      if (!isRecord(requirement)) return;
      for (const name of Object.keys(requirement)) {
        if (!Object.hasOwn(schemes, name))
          found.push({
            pointer: pointer(...at, index, name),
            message: `security scheme ${JSON.stringify(name)} is not defined in components.securitySchemes`,
          });
      }
    });
  };
  check(document.security, ["security"]);
  for (const root of ["paths", "webhooks"] as const) {
    const items: unknown = document[root];
    if (!isRecord(items)) continue;
    for (const [route, item] of Object.entries(items)) {
      if (!isRecord(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (isRecord(operation)) check(operation.security, [root, route, method, "security"]);
      }
    }
  }
  return found;
}
