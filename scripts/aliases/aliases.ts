/**
 * Aliases stage: a pass over openapi-typescript's output that gives every schema and every operation's parameters,
 * request body and success response body one exported alias with a readable name, and makes the generated
 * declarations use those names. Analysis first (the output read as tokens by the TypeScript compiler's scanner;
 * no full parse, no type checker), then one batch of edits.
 * The modules in ./aliases/ hold the parts: reading the tokens, decoding hoisted names, naming, collisions, the lock,
 * the rewrite.
 */

import { DEFAULT_CONFIG_FILE } from "../shared/config.ts";
import type { OpenAPI3 } from "../shared/openapi.ts";
import type { AliasLock } from "./name-lock.ts";
import { type PlannedAlias, planAliases } from "./plan-aliases.ts";
import { rewriteSource } from "./rewrite-references.ts";
import { scanSource } from "./scan-source.ts";
import { listOperations } from "./spec-index.ts";

export interface AliasOptions {
  /** `aliases` from the config file: schema name or operation slot → alias name. */
  overrides?: Readonly<Record<string, unknown>>;
  /** Names chosen by earlier runs (the output folder's lock file). */
  lock?: AliasLock;
  /** Named in errors about overrides; defaults to the default config file. */
  overridesFile?: string;
}

export interface AliasResult {
  /** openapi-typescript's source with the aliases added and used. */
  source: string;
  /** Every alias, in the order written. */
  aliases: PlannedAlias[];
  /** The names to record for the next run. */
  lock: Map<string, string>;
}

export function addAliases(typesSource: string, document: OpenAPI3, options: AliasOptions = {}): AliasResult {
  const operations = listOperations(document);
  const scan = scanSource(typesSource, operations);
  const plan = planAliases(document, operations, scan, {
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.lock ? { lock: options.lock } : {}),
    overridesFile: options.overridesFile ?? DEFAULT_CONFIG_FILE,
  });
  return { source: rewriteSource(scan, plan), aliases: plan.aliases, lock: plan.lock };
}
