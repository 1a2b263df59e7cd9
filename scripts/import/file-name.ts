/**
 * Where an imported endpoint goes: `<tag without "subpackage_">/<operationId>.yaml`, derived from the document only,
 * so re-importing a page gives the same file. Names are reduced to safe characters: an operationId can never climb
 * out of the output folder.
 */
import { isRecord } from "../shared/openapi.ts";
import { HTTP_METHOD_KEYS } from "./openapi-model.ts";

const UNTAGGED = "untagged";

export function specFileName(document: Record<string, unknown>): string {
  const operation = firstOperation(document);
  const tags = operation?.operation.tags;
  const firstTag = Array.isArray(tags) ? tags.flat()[0] : undefined;
  const tag = typeof firstTag === "string" ? firstTag.replace(/^subpackage_/, "") : UNTAGGED;
  const operationId = operation?.operation.operationId;
  const name =
    typeof operationId === "string" && operationId.trim() !== ""
      ? operationId
      : operation
        ? `${operation.method}-${operation.path}`
        : "document";
  return `${safeSegment(tag, UNTAGGED)}/${safeSegment(name, "operation")}.yaml`;
}

function firstOperation(
  document: Record<string, unknown>,
): { path: string; method: string; operation: Record<string, unknown> } | undefined {
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHOD_KEYS) {
      const operation = item[method];
      if (isRecord(operation)) return { path, method, operation };
    }
  }
  return undefined;
}

/** One path segment: letters, digits, `.`, `_` and `-` only, no leading dot, at most 100 characters. */
export function safeSegment(text: string, fallback: string): string {
  const safe = text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[.-]+/, "")
    .replace(/-+$/, "")
    .slice(0, 100);
  return safe === "" ? fallback : safe;
}
