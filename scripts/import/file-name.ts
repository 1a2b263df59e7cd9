/**
 * Where an imported endpoint goes: `<tag without "subpackage_">/<operationId>.yaml`, derived from the document only,
 * so re-importing a page gives the same file. Names are reduced to safe characters (an operationId can never climb
 * out of the output folder) and made portable: no Windows device name (`CON`, `aux`, `COM1`…), no trailing dot. Two
 * names that differ only in letter case are the same file on Windows and macOS: the import refuses the second.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
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

/** Names Windows reserves for devices, whatever the extension (`CON.yaml` is the console too). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * One portable path segment: letters, digits, `.`, `_` and `-` only, no leading or trailing dot, at most 100
 * characters, and not a device name (which gets a `_`).
 */
export function safeSegment(text: string, fallback: string): string {
  const safe = text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 100)
    .replace(/[.-]+$/, "");
  if (safe === "") return fallback;
  const [stem, ...rest] = safe.split(".");
  return DEVICE_NAME.test(stem as string) ? [`${stem}_`, ...rest].join(".") : safe;
}

/**
 * The file already under `outDir` whose path equals `fileName` but for letter case (undefined when none): writing
 * both would lose one of them on a case-insensitive file system.
 */
export async function portableCollision(outDir: string, fileName: string): Promise<string | undefined> {
  let dir = outDir;
  const found: string[] = [];
  for (const segment of fileName.split("/")) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const same = names.find((name) => name.toLowerCase() === segment.toLowerCase());
    if (same === undefined) return undefined;
    found.push(same);
    if (same !== segment) return found.join("/");
    dir = path.join(dir, same);
  }
  return undefined;
}
