/**
 * The readable aliases exported by `schema.ts`, and what each stands for. The alias lock (`aliases.lock.json`,
 * written beside schema.ts) maps each schema name or operation slot (`METHOD /route#params|request|response`) to
 * its alias; without it, aliases are read from `export type Name = components["schemas"]["X"]` lines, or by name
 * only. A removed alias breaks imports of it; an alias that now stands for something of another shape is a type
 * change under the same name.
 */
import { HTTP_METHODS, isRecord } from "../shared/openapi.ts";
import { byName, type Entry, type Section, type Severity } from "./model.ts";
import { fingerprint, type Json, resolve } from "./resolve.ts";
import type { Sides } from "./schema.ts";

/** Alias name → the schema names and operation slots it stands for (empty when unknown), sorted. */
export type Aliases = ReadonlyMap<string, readonly string[]>;

/** openapi-typescript's own exports, which are not aliases. */
const OPENAPI_TYPESCRIPT_EXPORTS = new Set(["paths", "webhooks", "components", "operations", "$defs"]);

/** Reads the aliases a `schema.ts` exports (`export type Name = …`). */
export function parseAliases(schemaSource: string): Aliases {
  const aliases = new Map<string, string[]>();
  for (const match of schemaSource.matchAll(/^export type ([A-Za-z_$][\w$]*) = ([^\n]*)$/gm)) {
    const [, name, rest] = match;
    if (name === undefined || OPENAPI_TYPESCRIPT_EXPORTS.has(name)) continue;
    const schema = /^components\["schemas"\]\[("(?:[^"\\]|\\.)*")\];?$/.exec(rest?.trim() ?? "")?.[1];
    aliases.set(name, schema === undefined ? [] : [JSON.parse(schema) as string]);
  }
  return aliases;
}

/** Reads the alias lock's `aliases` object (key → alias name) and inverts it; undefined when it is not one. */
export function parseAliasLock(text: string): Aliases | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value.aliases)) return undefined;
  const aliases = new Map<string, string[]>();
  for (const key of Object.keys(value.aliases).sort()) {
    const name = value.aliases[key];
    if (typeof name === "string") aliases.set(name, [...(aliases.get(name) ?? []), key]);
  }
  return aliases;
}

/** The aliases generated with a document: from the lock when there is one, else from schema.ts. */
export function readAliases(files: { lock?: string; schema?: string }): Aliases | undefined {
  const fromLock = files.lock === undefined ? undefined : parseAliasLock(files.lock);
  if (fromLock) return fromLock;
  return files.schema === undefined ? undefined : parseAliases(files.schema);
}

/** The schema behind a lock key: a component schema name, or an operation slot `METHOD /route#slot`. */
function schemaOf(document: Json, key: string): Json {
  const slot = /^([A-Z]+) (\/.*)#(params|request|response)$/.exec(key);
  if (!slot) {
    const schemas =
      isRecord(document) && isRecord(document.components) ? document.components.schemas : undefined;
    return isRecord(schemas) && Object.hasOwn(schemas, key) ? schemas[key] : undefined;
  }
  const [, method = "", route = "", part] = slot;
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  const item = Object.hasOwn(paths, route) ? resolve(document, paths[route]).node : undefined;
  const lower = method.toLowerCase();
  if (!isRecord(item) || !(HTTP_METHODS as readonly string[]).includes(lower)) return undefined;
  const operation = resolve(document, item[lower]).node;
  if (!isRecord(operation)) return undefined;
  if (part === "params") return { parameters: [item.parameters ?? [], operation.parameters ?? []] };
  if (part === "request") return resolve(document, operation.requestBody).node;
  const responses = isRecord(operation.responses) ? operation.responses : {};
  return Object.keys(responses)
    .filter((status) => status.startsWith("2"))
    .sort()
    .map((status) => resolve(document, responses[status]).node);
}

/**
 * Whether an alias keeps its shape. All keys of one alias share a shape (the aliases stage gives one alias to
 * schemas only when they are identical), so the first key that still resolves stands for the alias.
 */
function sameShape(sides: Sides, before: readonly string[], after: readonly string[]): boolean {
  const shape = (document: Json, keys: readonly string[]) => {
    const schema = keys.map((key) => schemaOf(document, key)).find((found) => found !== undefined);
    return schema === undefined ? undefined : fingerprint(document, schema);
  };
  const old = shape(sides.oldDocument, before);
  return old !== undefined && old === shape(sides.newDocument, after);
}

function describe(keys: readonly string[]): string {
  return keys.length === 0 ? "an unknown type" : keys.join(", ");
}

export function compareAliases(sides: Sides, before: Aliases, after: Aliases): Section {
  const section: Section = { added: [], removed: [], changed: [] };
  const entry = (name: string, severity: Severity, message: string): Entry => ({
    name,
    changes: [{ severity, where: "alias", field: "", message }],
  });
  for (const [name, keys] of after)
    if (!before.has(name)) section.added.push(entry(name, "safe", `alias added for ${describe(keys)}`));
  for (const [name, keys] of before) {
    const current = after.get(name);
    if (current === undefined) {
      section.removed.push(
        entry(name, "breaking", `alias removed (was ${describe(keys)}; imports of it break)`),
      );
      continue;
    }
    if (keys.length === 0 || current.length === 0 || keys.join("\n") === current.join("\n")) continue;
    const same = sameShape(sides, keys, current);
    section.changed.push(
      entry(
        name,
        same ? "safe" : "breaking",
        `now stands for ${describe(current)}, was ${describe(keys)}${same ? " (same shape)" : ""}`,
      ),
    );
  }
  for (const list of [section.added, section.removed, section.changed]) list.sort(byName);
  return section;
}
