/**
 * User overrides from the config file's `aliases` key. A key is a schema name, or an operation slot written with
 * the operationId or the method and route: `runtimes-connections-create#request` or
 * `POST /v1/spaces/{id}/runtimes/{runtimeId}/connections#request` (slots: `#params`, `#request`, `#response`, and
 * `#operation` for the name the three derive from). Unknown keys and invalid names are errors.
 */
import { GeneratorError, type Problem, pointer } from "../shared/openapi.ts";
import type { OperationInfo } from "./spec-index.ts";
import { isAliasName } from "./words.ts";

export const SLOT_SUFFIXES = ["params", "request", "response", "operation"] as const;

/** Maps every override to its canonical key (schema name or `METHOD /route#slot`), checking names and keys. */
export function normalizeOverrides(
  overrides: Readonly<Record<string, unknown>>,
  schemaNames: ReadonlySet<string>,
  operations: readonly OperationInfo[],
  file: string,
): Map<string, string> {
  const byId = new Map<string, OperationInfo[]>();
  for (const operation of operations)
    if (operation.operationId !== undefined)
      byId.set(operation.operationId, [...(byId.get(operation.operationId) ?? []), operation]);
  const byKey = new Set(operations.map((operation) => operation.key));
  const problems: Problem[] = [];
  const normalized = new Map<string, string>();
  const pinnedBy = new Map<string, string>();
  for (const [key, name] of Object.entries(overrides)) {
    const at = pointer("aliases", key);
    if (typeof name !== "string" || !isAliasName(name)) {
      problems.push({
        file,
        pointer: at,
        message: `alias must be a PascalCase identifier of at most 40 characters that shadows no global type, got ${JSON.stringify(name)}`,
      });
      continue;
    }
    const canonical = canonicalKey(key, schemaNames, byId, byKey);
    const earlier = pinnedBy.get(name);
    if (canonical === undefined)
      problems.push({
        file,
        pointer: at,
        message: `no schema or operation slot named ${JSON.stringify(key)}`,
      });
    else if (earlier !== undefined)
      problems.push({
        file,
        pointer: at,
        message: `alias ${name} is already pinned by ${JSON.stringify(earlier)}`,
      });
    else {
      normalized.set(canonical, name);
      pinnedBy.set(name, key);
    }
  }
  if (problems.length > 0) throw new GeneratorError(problems);
  return normalized;
}

function canonicalKey(
  key: string,
  schemaNames: ReadonlySet<string>,
  byId: ReadonlyMap<string, OperationInfo[]>,
  byKey: ReadonlySet<string>,
): string | undefined {
  if (schemaNames.has(key)) return key;
  const hash = key.lastIndexOf("#");
  const target = key.slice(0, hash);
  const slot = key.slice(hash + 1);
  if (hash < 0 || !(SLOT_SUFFIXES as readonly string[]).includes(slot)) return undefined;
  if (byKey.has(target)) return key;
  const matches = byId.get(target);
  return matches?.length === 1 && matches[0] ? `${matches[0].key}#${slot}` : undefined;
}
