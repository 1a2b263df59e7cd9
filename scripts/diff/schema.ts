/**
 * Structural comparison of two schemas as a client sees them. The same edit is judged by which way data flows:
 * a client must cope with anything a response may now contain, and a request must still accept what clients send.
 */
import { isRecord } from "../shared/openapi.ts";
import type { Change, Direction, Severity } from "./model.ts";
import { canonical, fingerprint, type Json, type JsonObject, resolve } from "./resolve.ts";

/** The two documents being compared, plus the reference pairs already on the comparison stack. */
export interface Sides {
  oldDocument: Json;
  newDocument: Json;
}

export interface CompareOptions {
  /**
   * Leave a `$ref` to the same component on both sides uncompared: the schemas section reports that component
   * under its own name, so its changes are not repeated under every schema that refers to it.
   */
  skipSharedRefs?: boolean;
}

interface Walk extends Sides, CompareOptions {
  direction: Direction;
  where: string;
  /** Reference pairs being compared higher up, so recursive schemas terminate. */
  visiting: ReadonlySet<string>;
}

/** Compares two schemas (either may be a `$ref`) and returns every change a client would notice. */
export function compareSchemas(
  sides: Sides,
  oldSchema: Json,
  newSchema: Json,
  direction: Direction,
  where: string,
  options: CompareOptions = {},
): Change[] {
  return compare({ ...sides, ...options, direction, where, visiting: new Set() }, oldSchema, newSchema, "");
}

function refOf(node: Json): unknown {
  return isRecord(node) ? node.$ref : undefined;
}

function compare(walk: Walk, oldRaw: Json, newRaw: Json, field: string): Change[] {
  if (walk.skipSharedRefs && typeof refOf(oldRaw) === "string" && refOf(oldRaw) === refOf(newRaw)) return [];
  const oldSide = resolve(walk.oldDocument, oldRaw);
  const newSide = resolve(walk.newDocument, newRaw);
  const pair = `${oldSide.refs.join(">")}|${newSide.refs.join(">")}`;
  if ((oldSide.refs.length > 0 || newSide.refs.length > 0) && walk.visiting.has(pair)) return [];
  const inner: Walk = { ...walk, visiting: new Set([...walk.visiting, pair]) };
  const oldSchema = asSchema(oldSide.node);
  const newSchema = asSchema(newSide.node);
  const change = (severity: Severity, message: string): Change => ({
    severity,
    where: walk.where,
    field,
    message,
  });

  const typeChanges = compareTypes(walk.direction, oldSchema, newSchema, change);
  if (typeChanges.incompatible) return typeChanges.changes;
  return [
    ...typeChanges.changes,
    ...compareEnums(walk.direction, oldSchema, newSchema, change),
    ...compareConstraints(walk.direction, oldSchema, newSchema, change),
    ...compareDeprecation(oldSchema, newSchema, change),
    ...compareProperties(inner, oldSchema, newSchema, field, change),
    ...compareSubschema(inner, oldSchema.items, newSchema.items, `${field}[]`),
    ...compareAdditional(inner, oldSchema, newSchema, field, change),
    ...compareVariants(inner, "oneOf", oldSchema, newSchema, field, change),
    ...compareVariants(inner, "anyOf", oldSchema, newSchema, field, change),
    ...compareAllOf(inner, oldSchema, newSchema, field, change),
  ];
}

type MakeChange = (severity: Severity, message: string) => Change;

/** `true` (any value) becomes an empty schema; `false` (no value) a schema no value matches. */
function asSchema(node: JsonObject | boolean | undefined): JsonObject {
  if (node === false) return { not: {} };
  return isRecord(node) ? node : {};
}

/** The JSON types a schema admits; undefined when it does not restrict the type (or is a composition). */
export function typesOf(schema: JsonObject): Set<string> | undefined {
  const types = new Set<string>();
  if (typeof schema.type === "string") types.add(schema.type);
  else if (Array.isArray(schema.type)) for (const t of schema.type) types.add(String(t));
  else if (isRecord(schema.properties)) types.add("object");
  else if (schema.items !== undefined) types.add("array");
  else if (Array.isArray(schema.enum) || Object.hasOwn(schema, "const")) {
    for (const value of enumValues(schema) ?? []) types.add(jsonType(value));
  }
  if (types.size === 0) return undefined;
  if (schema.nullable === true) types.add("null");
  return types;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describeTypes(types: Set<string> | undefined): string {
  return types === undefined ? "any" : [...types].sort().join(" | ");
}

function isComposite(schema: JsonObject): boolean {
  return Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);
}

/**
 * Type changes. Widening what a response may hold breaks readers; narrowing what a request accepts breaks writers;
 * a change both ways ("string" to "integer") breaks both. Returns `incompatible` when nothing below is comparable.
 */
function compareTypes(
  direction: Direction,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  change: MakeChange,
): { changes: Change[]; incompatible: boolean } {
  if (isComposite(oldSchema) !== isComposite(newSchema)) {
    const from = isComposite(oldSchema) ? "a union" : describeTypes(typesOf(oldSchema));
    const to = isComposite(newSchema) ? "a union" : describeTypes(typesOf(newSchema));
    return { changes: [change("breaking", `type changed from ${from} to ${to}`)], incompatible: true };
  }
  const oldTypes = typesOf(oldSchema);
  const newTypes = typesOf(newSchema);
  if (oldTypes === undefined && newTypes === undefined) return { changes: [], incompatible: false };
  const from = describeTypes(oldTypes);
  const to = describeTypes(newTypes);
  if (from === to) return { changes: [], incompatible: false };
  const widened =
    oldTypes !== undefined && (newTypes === undefined || [...newTypes].some((t) => !oldTypes.has(t)));
  const narrowed =
    newTypes !== undefined && (oldTypes === undefined || [...oldTypes].some((t) => !newTypes.has(t)));
  const shared =
    oldTypes === undefined || newTypes === undefined || [...newTypes].some((t) => oldTypes.has(t));
  const breaks = (widened && narrowed) || (direction === "response" ? widened : narrowed);
  const message = `type changed from ${from} to ${to}`;
  return { changes: [change(breaks ? "breaking" : "safe", message)], incompatible: !shared };
}

function enumValues(schema: JsonObject): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Object.hasOwn(schema, "const")) return [schema.const];
  return undefined;
}

function show(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? "undefined";
}

/** Enum values: a request losing a value breaks writers; a response gaining one may break exhaustive readers. */
function compareEnums(
  direction: Direction,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  change: MakeChange,
): Change[] {
  const oldValues = enumValues(oldSchema);
  const newValues = enumValues(newSchema);
  if (oldValues === undefined && newValues === undefined) return [];
  if (oldValues === undefined) {
    return [
      change(
        direction === "request" ? "breaking" : "safe",
        `now restricted to ${newValues?.map(show).join(", ")}`,
      ),
    ];
  }
  if (newValues === undefined) {
    return [
      change(
        direction === "response" ? "potentially-breaking" : "safe",
        `no longer restricted to ${oldValues.map(show).join(", ")}`,
      ),
    ];
  }
  const oldSet = new Set(oldValues.map(show));
  const newSet = new Set(newValues.map(show));
  const added = [...newSet].filter((v) => !oldSet.has(v));
  const removed = [...oldSet].filter((v) => !newSet.has(v));
  return [
    ...added.map((v) =>
      change(direction === "response" ? "potentially-breaking" : "safe", `enum value ${v} added`),
    ),
    ...removed.map((v) => change(direction === "request" ? "breaking" : "safe", `enum value ${v} removed`)),
  ];
}

/** Validation keywords, with the direction in which a larger value is stricter. */
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
const OTHER_CONSTRAINTS = ["pattern", "format", "multipleOf", "uniqueItems"];

/**
 * Constraints do not change the generated types, but a tighter request constraint can reject values that used to
 * pass, so it is potentially breaking; everything else about them is safe.
 */
function compareConstraints(
  direction: Direction,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  change: MakeChange,
): Change[] {
  const changes: Change[] = [];
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS]) {
    const before = oldSchema[key];
    const after = newSchema[key];
    if (show(before) === show(after)) continue;
    const tighter =
      after !== undefined &&
      (before === undefined ||
        (LOWER_BOUNDS.includes(key) && Number(after) > Number(before)) ||
        (UPPER_BOUNDS.includes(key) && Number(after) < Number(before)) ||
        OTHER_CONSTRAINTS.includes(key));
    const severity = direction === "request" && tighter ? "potentially-breaking" : "safe";
    const message =
      before === undefined
        ? `${key} ${show(after)} added`
        : after === undefined
          ? `${key} ${show(before)} removed`
          : `${key} changed from ${show(before)} to ${show(after)}`;
    changes.push(change(severity, message));
  }
  return changes;
}

function compareDeprecation(oldSchema: JsonObject, newSchema: JsonObject, change: MakeChange): Change[] {
  if (oldSchema.deprecated !== true && newSchema.deprecated === true) return [change("safe", "deprecated")];
  if (oldSchema.deprecated === true && newSchema.deprecated !== true)
    return [change("safe", "no longer deprecated")];
  return [];
}

function requiredSet(schema: JsonObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

function propertiesOf(schema: JsonObject): JsonObject {
  return isRecord(schema.properties) ? schema.properties : {};
}

function join(field: string, name: string): string {
  return field === "" ? name : `${field}.${name}`;
}

/**
 * Object fields. Responses: a removed field or one made optional breaks readers. Requests: a field added as (or
 * made) required breaks writers, and so does a removed field, since object literals that still set it stop compiling.
 */
function compareProperties(
  walk: Walk,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  field: string,
  change: MakeChange,
): Change[] {
  const oldProps = propertiesOf(oldSchema);
  const newProps = propertiesOf(newSchema);
  const oldRequired = requiredSet(oldSchema);
  const newRequired = requiredSet(newSchema);
  const request = walk.direction === "request";
  const at = (name: string, severity: Severity, message: string): Change => ({
    ...change(severity, message),
    field: join(field, name),
  });
  const changes: Change[] = [];
  for (const name of Object.keys(newProps)) {
    if (Object.hasOwn(oldProps, name)) continue;
    const required = newRequired.has(name);
    changes.push(
      at(
        name,
        request && required ? "breaking" : "safe",
        `field added${required ? " as required" : " (optional)"}`,
      ),
    );
  }
  for (const name of Object.keys(oldProps)) {
    if (!Object.hasOwn(newProps, name)) {
      changes.push(at(name, "breaking", "field removed"));
      continue;
    }
    if (oldRequired.has(name) && !newRequired.has(name))
      changes.push(at(name, request ? "safe" : "breaking", "field made optional"));
    if (!oldRequired.has(name) && newRequired.has(name))
      changes.push(at(name, request ? "breaking" : "safe", "field made required"));
    changes.push(...compare(walk, oldProps[name], newProps[name], join(field, name)));
  }
  return changes;
}

function compareSubschema(walk: Walk, oldNode: Json, newNode: Json, field: string): Change[] {
  if (oldNode === undefined && newNode === undefined) return [];
  return compare(walk, oldNode ?? {}, newNode ?? {}, field);
}

/** `additionalProperties`: forbidding extra keys breaks writers that send them; allowing them is safe. */
function compareAdditional(
  walk: Walk,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  field: string,
  change: MakeChange,
): Change[] {
  const before = oldSchema.additionalProperties;
  const after = newSchema.additionalProperties;
  if (before === undefined && after === undefined) return [];
  if (after === false && before !== false)
    return [
      change(walk.direction === "request" ? "breaking" : "safe", "additional properties no longer allowed"),
    ];
  if (before === false && after !== false)
    return [
      change(
        walk.direction === "response" ? "potentially-breaking" : "safe",
        "additional properties now allowed",
      ),
    ];
  if (isRecord(before) && isRecord(after)) return compare(walk, before, after, `${field}[*]`);
  return [];
}

/**
 * Union members, matched by shape so reordering or renaming a member's component is not a change. A response
 * gaining a member may reach code that handles every member it knew of; a request losing one breaks its writers.
 */
function compareVariants(
  walk: Walk,
  keyword: "oneOf" | "anyOf",
  oldSchema: JsonObject,
  newSchema: JsonObject,
  field: string,
  change: MakeChange,
): Change[] {
  const oldList = Array.isArray(oldSchema[keyword]) ? (oldSchema[keyword] as Json[]) : [];
  const newList = Array.isArray(newSchema[keyword]) ? (newSchema[keyword] as Json[]) : [];
  if (oldList.length === 0 && newList.length === 0) return [];
  const oldPrints = oldList.map((v) => fingerprint(walk.oldDocument, v));
  const newPrints = newList.map((v) => fingerprint(walk.newDocument, v));
  const unmatchedOld = oldList.filter((_, i) => !newPrints.includes(oldPrints[i] ?? ""));
  const unmatchedNew = newList.filter((_, i) => !oldPrints.includes(newPrints[i] ?? ""));
  if (unmatchedOld.length === unmatchedNew.length) {
    return unmatchedOld.flatMap((oldVariant, i) =>
      compare(walk, oldVariant, unmatchedNew[i], `${field}<${keyword} member>`),
    );
  }
  return [
    ...unmatchedNew.map(() =>
      change(walk.direction === "response" ? "potentially-breaking" : "safe", `${keyword} member added`),
    ),
    ...unmatchedOld.map(() =>
      change(walk.direction === "request" ? "breaking" : "safe", `${keyword} member removed`),
    ),
  ];
}

/** `allOf` parts are compared in order; a different number of parts is a different type. */
function compareAllOf(
  walk: Walk,
  oldSchema: JsonObject,
  newSchema: JsonObject,
  field: string,
  change: MakeChange,
): Change[] {
  const oldList = Array.isArray(oldSchema.allOf) ? (oldSchema.allOf as Json[]) : [];
  const newList = Array.isArray(newSchema.allOf) ? (newSchema.allOf as Json[]) : [];
  if (oldList.length !== newList.length) {
    const same =
      fingerprint(walk.oldDocument, { allOf: oldList }) === fingerprint(walk.newDocument, { allOf: newList });
    return same
      ? []
      : [change("breaking", `type changed: allOf has ${newList.length} parts, had ${oldList.length}`)];
  }
  return oldList.flatMap((part, i) => compare(walk, part, newList[i], field));
}
