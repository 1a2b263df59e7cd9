/**
 * Decides every alias: which schemas and operation slots get one, what each is called, and what it stands for.
 * Pure data in, data out; the source rewrite happens afterwards in one batch.
 */
import { compareStrings } from "../load/load.ts";
import { isRecord, type OpenAPI3 } from "../shared/openapi.ts";
import { fernNameDecoder, hoistedNameDecoder } from "./decode-hoisted-name.ts";
import { groupIdenticalSchemas } from "./fold-identical-schemas.ts";
import type { AliasLock } from "./name-lock.ts";
import { describeRoute, operationNameCandidates } from "./name-operations.ts";
import { authorCandidates, isAuthorName, RANK, schemaCandidates } from "./name-schemas.ts";
import { normalizeOverrides } from "./overrides.ts";
import { PACKAGE_EXPORTS } from "./package-exports.ts";
import {
  type NameRequest,
  type NumberedName,
  resolveNames,
  resolveNamesWithReport,
} from "./resolve-collisions.ts";
import { type SourceScan, slotKey } from "./scan-source.ts";
import {
  alsoNamed,
  bodyUses,
  countSchemaRefs,
  type OperationInfo,
  type SlotKind,
  schemaRefName,
} from "./spec-index.ts";
import { toPascalCase } from "./words.ts";

/** What an alias stands for: a schema's type or an inline slot type (both moved into the alias), or another alias. */
export type AliasBody =
  | { kind: "schema"; schema: string }
  | { kind: "slot"; slot: string }
  | { kind: "alias"; target: string };

export interface PlannedAlias {
  name: string;
  body: AliasBody;
  /** One line naming where the alias comes from (unescaped spec text; the renderer escapes it). */
  source: string;
  description?: string;
}

export interface AliasPlan {
  /** In output order: each operation's slots in document order, then the other schemas by name. */
  aliases: PlannedAlias[];
  /** Component schema → alias name, for rewriting references. */
  schemaAliases: Map<string, string>;
  /** Slot key → alias name, for slots whose inline type moves into an alias. */
  slotAliases: Map<string, string>;
  lock: Map<string, string>;
  /** Names that needed a number to be unique (the generator warns about each). */
  numbered: NumberedName[];
}

export interface PlanOptions {
  overrides?: Readonly<Record<string, unknown>>;
  lock?: AliasLock;
  /** Named in errors about overrides. */
  overridesFile: string;
}

interface AliasItem extends NameRequest {
  body: AliasBody;
  source: string;
  description?: string;
  /** Where in the output the alias goes: an operation's index, or none for a schema used elsewhere. */
  operationIndex?: number;
  /** For schema items: the group's members, whose types all become the alias. */
  members: readonly string[];
}

const SLOT_WORDS: Record<SlotKind, string> = { params: "Params", request: "Request", response: "Response" };
const SLOT_TEXT: Record<SlotKind, string> = {
  params: "Parameters",
  request: "Request body",
  response: "Success response body",
};

function describeOperation(operation: OperationInfo): string {
  const route = `${operation.method.toUpperCase()} ${operation.route}`;
  return operation.operationId === undefined ? route : `\`${operation.operationId}\` (${route})`;
}

function schemaDescription(schemas: Record<string, unknown>, members: readonly string[]): string | undefined {
  for (const member of members) {
    const schema = schemas[member];
    if (isRecord(schema) && typeof schema.description === "string" && schema.description.trim())
      return schema.description;
  }
  return undefined;
}

export function planAliases(
  document: OpenAPI3,
  operations: readonly OperationInfo[],
  scan: SourceScan,
  options: PlanOptions,
): AliasPlan {
  const schemas: Record<string, unknown> = { ...(document.components?.schemas ?? {}) };
  const overrides = normalizeOverrides(
    options.overrides ?? {},
    new Set(Object.keys(schemas)),
    operations,
    options.overridesFile,
  );
  const pins = {
    overrides,
    lock: options.lock ?? new Map<string, string>(),
    reserved: new Set([...scan.declaredNames, ...PACKAGE_EXPORTS]),
    overridesFile: options.overridesFile,
  };
  const operationNames = resolveNames(
    operations.map((operation) => ({
      id: operation.key,
      keys: [`${operation.key}#operation`],
      candidates: operationNameCandidates(operation),
      rank: 0,
    })),
    { ...pins, lock: new Map() },
  );
  const refCounts = countSchemaRefs(document);
  const naming = {
    document,
    operations,
    operationNames,
    decodeHoisted: hoistedNameDecoder(operations),
    decodeFern: fernNameDecoder(operations),
    bodyUses: bodyUses(operations),
    routeOf: memoized(describeRoute),
  };
  const schemaItems = new Map<string, AliasItem>();
  const groupOf = new Map<string, AliasItem>();
  const authorItems: AliasItem[] = [];
  for (const members of groupIdenticalSchemas(schemas)) {
    const evidence = [...members, ...members.flatMap((member) => alsoNamed(schemas[member]))];
    const authored = evidence.filter((name) => isAuthorName(name, naming));
    const [primary, ...alsoAuthored] = authored;
    const { candidates, rank } =
      primary === undefined
        ? schemaCandidates(evidence, naming)
        : { candidates: authorCandidates(primary), rank: authorRank(primary) };
    const description = schemaDescription(schemas, members);
    const others = members.slice(1).map((m) => `\`${m}\``);
    const item: AliasItem = {
      id: `schema ${members[0]}`,
      keys: evidence.filter((name) => !alsoAuthored.includes(name)),
      candidates,
      rank,
      body: { kind: "schema", schema: members[0] ?? "" },
      source: `Schema \`${members[0]}\`${others.length > 0 ? ` (same shape as ${others.join(", ")})` : ""}.`,
      members,
      ...(description === undefined ? {} : { description }),
    };
    schemaItems.set(item.id, item);
    for (const member of members) groupOf.set(member, item);
    // Every name an author wrote stays importable, even when its schema folds into another one.
    for (const name of alsoAuthored)
      authorItems.push({
        id: `schema ${name}`,
        keys: [name],
        candidates: authorCandidates(name),
        rank: authorRank(name),
        body: { kind: "alias", target: item.id },
        source: `Schema \`${name}\` (same shape as \`${primary}\`).`,
        members: [],
        ...(description === undefined ? {} : { description }),
      });
  }
  const slotItems: AliasItem[] = [];
  operations.forEach((operation, operationIndex) => {
    const keyName = toPascalCase(operation.key);
    const operationName = operationNames.get(operation.key) ?? keyName;
    for (const kind of ["params", "request", "response"] as const) {
      const slot = slotKey(operation, kind);
      if (!scan.slots.has(slot)) continue;
      const source = `${SLOT_TEXT[kind]} of ${describeOperation(operation)}.`;
      const wanted = operationName + SLOT_WORDS[kind];
      const body = kind === "params" ? undefined : operation[kind];
      const referenced = schemaRefName(body?.schema);
      const group = referenced === undefined ? undefined : groupOf.get(referenced);
      const uses = group ? group.members.reduce((sum, member) => sum + (refCounts.get(member) ?? 0), 0) : 0;
      // A schema only this body refers to (from one or several media types) is the body: one alias for both.
      if (group && uses === body?.sameRefs && group.rank >= RANK.response) {
        group.keys = [...group.keys, slot];
        group.candidates = [wanted, ...group.candidates];
        group.rank = -1;
        group.operationIndex = operationIndex;
        group.source = `${SLOT_TEXT[kind]} of ${describeOperation(operation)}, schema \`${group.members[0]}\`.`;
        if (group.description === undefined && operation.summary !== undefined)
          group.description = operation.summary;
        continue;
      }
      const description = operation.summary;
      slotItems.push({
        id: slot,
        keys: [slot],
        candidates: [wanted, keyName + SLOT_WORDS[kind]],
        rank: -1,
        body: group ? { kind: "alias", target: group.id } : { kind: "slot", slot },
        source,
        operationIndex,
        members: [],
        ...(description === undefined ? {} : { description }),
      });
    }
  });
  const items = [...slotItems, ...schemaItems.values(), ...authorItems];
  const { names, numbered } = resolveNamesWithReport(items, pins);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const planned = (item: AliasItem): PlannedAlias => ({
    name: nameOf(item.id),
    body: item.body.kind === "alias" ? { kind: "alias", target: nameOf(item.body.target) } : item.body,
    source: item.source,
    ...(item.description === undefined ? {} : { description: item.description }),
  });
  const byOperation = items
    .filter((item) => item.operationIndex !== undefined)
    .sort((a, b) => (a.operationIndex ?? 0) - (b.operationIndex ?? 0) || slotOrder(a) - slotOrder(b));
  const rest = items
    .filter((item) => item.operationIndex === undefined)
    .sort((a, b) => compareStrings(nameOf(a.id), nameOf(b.id)));
  const schemaAliases = new Map<string, string>();
  const slotAliases = new Map<string, string>();
  const lock = new Map<string, string>();
  for (const item of items) {
    for (const member of item.members) schemaAliases.set(member, nameOf(item.id));
    if (item.body.kind === "slot") slotAliases.set(item.body.slot, nameOf(item.id));
    for (const key of item.keys) lock.set(key, nameOf(item.id));
  }
  return { aliases: [...byOperation, ...rest].map(planned), schemaAliases, slotAliases, lock, numbered };
}

function memoized<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key) as T;
  };
}

/** Author names outrank every other claim; between two, the shorter namespace (`a.recording` over `a.call.recording`). */
function authorRank(name: string): number {
  return RANK.author + name.split(".").length / 1000;
}

function slotOrder(item: AliasItem): number {
  const slot = item.keys.find((key) => key.includes("#")) ?? "";
  return slot.endsWith("#params") ? 0 : slot.endsWith("#request") ? 1 : 2;
}
