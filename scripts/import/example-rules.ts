/**
 * Evidence from an example's own schema: an example is an instance of the schema beside it, so its JSON type is one
 * the schema's `type` allows, it is one of the schema's `enum` values where it lists them, and, where the schema lists
 * its `properties` (and allows no others by a schema of its own), its keys are among them, at every depth the schema
 * describes inline. OpenAPI says an example SHOULD match its schema, not MUST: a habit of the site's writers, never exact, so it only rules out a reading that breaks it
 * more than the preferred one (recover-collapsed.ts `decide`).
 *
 * Problem names say which schema's example breaks it.
 */
import { isRecord } from "../shared/openapi.ts";
import { classMemo, type Entries, type EvidenceRule, type Path } from "./evidence.ts";
import { declaredTypes, jsonType } from "./model-rules.ts";

/** A schema's own `example` (a Schema object holding `example`), judged against that schema. */
export function schemaExampleRule(): EvidenceRule {
  return {
    name: "an example is an instance of its schema",
    exact: false,
    problems(path: Path, entries: Entries, complete: boolean) {
      if (!isSchemaPlace(path)) return [];
      const schema = Object.fromEntries(entries);
      if (!Object.hasOwn(schema, "example")) return [];
      // While the schema is read, `nullable`, `properties` or `additionalProperties` may still come and change the
      // verdict: only a value of a type no later key can allow is a problem yet.
      const at = path.join("/");
      const problems = !complete
        ? schema.example === null
          ? []
          : typeProblems(schema, schema.example)
        : instanceProblems(schema, schema.example);
      return problems.map((problem) => `${at}: ${problem}`);
    },
    // An example whose text starts a mapping or a list, on a schema whose type takes neither: a problem before its
    // content is read (else a rival's example could take every key that follows, failing only where it closes).
    keyProblems(path, entries, key, value) {
      if (key !== "example" || value === undefined || value === "scalar" || !isSchemaPlace(path)) return [];
      const sample = value === "object" ? {} : [];
      return typeProblems(Object.fromEntries(entries), sample).map(
        (problem) => `${path.join("/")}: ${problem}`,
      );
    },
    // Where `example:` could be the key of two open schemas, the one whose `type` takes the value's shape first.
    rank(path, entries, key, value) {
      if (key !== "example" || !isSchemaPlace(path)) return 0;
      const types = declaredTypes(Object.fromEntries(entries));
      if (!types) return 0;
      const takes = value === "scalar" ? SCALAR_TYPES.some((type) => types.has(type)) : types.has(value);
      return takes ? 0 : 1;
    },
  };
}

/**
 * Whether `path` is where the model puts a schema that may hold `example`: a component schema, a property, `items`,
 * or a parameter's, header's or media type's `schema` (not a place inside an example value, whose keys are free).
 */
function isSchemaPlace(path: Path): boolean {
  const last = path[path.length - 1];
  const before = path[path.length - 2];
  if (path.some((segment) => segment === "example" || segment === "examples")) return false;
  if (path.some((segment, index) => typeof segment === "string" && segment.startsWith("x-") && index > 0))
    return false;
  return (
    last === "schema" ||
    last === "items" ||
    before === "properties" ||
    (path.length === 3 && path[0] === "components" && before === "schemas")
  );
}

/** How `value` fails to be an instance of `schema` (inline properties only; a `$ref`'s target is not looked up). */
export function instanceProblems(schema: Record<string, unknown>, value: unknown, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  const mismatch = typeProblems(schema, value);
  if (mismatch.length > 0) return mismatch;
  if (!amongEnum(schema, value)) return ["an example that is none of its schema's `enum` values"];
  if (Array.isArray(value))
    return isRecord(schema.items)
      ? value.flatMap((item) => instanceProblems(schema.items as Record<string, unknown>, item, depth + 1))
      : [];
  if (!isRecord(value)) return [];
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  if (!properties) return [];
  const closed = schema.additionalProperties === undefined || schema.additionalProperties === false;
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (property === undefined) {
      if (closed) problems.push("an example key that is none of its schema's properties");
    } else if (isRecord(property)) problems.push(...instanceProblems(property, item, depth + 1));
  }
  return problems;
}

/**
 * Whether `value` is one of the schema's `enum` values (or its null, where the schema is nullable): a real Water
 * Linked page lists `enum: - onboard - static - external` with `example: external`, which the one-item reading
 * (`onboard - static - external`) leaves out.
 */
function amongEnum(schema: Record<string, unknown>, value: unknown): boolean {
  if (!Array.isArray(schema.enum)) return true;
  if (value === null && schema.nullable === true) return true;
  const json = JSON.stringify(value);
  return schema.enum.some((item) => JSON.stringify(item) === json);
}

const MAX_DEPTH = 16;
const SCALAR_TYPES = ["string", "number", "integer", "boolean", "null"];

function typeProblems(schema: Record<string, unknown>, value: unknown): string[] {
  const types = declaredTypes(schema);
  const type = jsonType(value);
  return types && !matches(type, types, schema.nullable === true)
    ? [`an example of type ${type} for a schema of type ${[...types].sort().join("|")}`]
    : [];
}

function matches(type: string, types: ReadonlySet<string>, nullable: boolean): boolean {
  return types.has(type) || (type === "integer" && types.has("number")) || (type === "null" && nullable);
}

/**
 * An example is data, not schema: it holds no reference to a component the page defines. Where a reading would put
 * one there, a key of the schema beside the example was read into the example's value (Water Linked's
 * `example: mode: ap … properties: mode: $ref: …`, Graphhopper's, dev.to's `example: - … schema: $ref: …`). Only the
 * page's own components (a name the text refers to and also writes as a key): an example that is itself an OpenAPI
 * document refers to its own. A habit, judged as each reference is read.
 */
export function exampleReferenceRule(source: string): EvidenceRule | undefined {
  const own = ownComponents(source);
  if (own.size === 0) return undefined;
  const classOf = classMemo();
  return {
    name: "an example refers to none of the page's components",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      const reference = entries.find(([key]) => key === "$ref")?.[1];
      if (typeof reference !== "string" || !own.has(reference)) return [];
      const example = exampleAround(path, classOf);
      return example === undefined ? [] : [`${example.join("/")}: refers to ${reference}`];
    },
  };
}

/** `#/components/<section>/<name>` of every reference in the text whose name the text also writes as a key. */
function ownComponents(source: string): Set<string> {
  const keys = new Set(
    source
      .split(" ")
      .filter((word) => word.endsWith(":"))
      .map((word) => word.slice(0, -1)),
  );
  const own = new Set<string>();
  for (const [reference, name] of source.matchAll(/#\/components\/[A-Za-z]+\/([^\s'"]+)/g))
    if (keys.has(name as string)) own.add(reference.replace(/^'/, ""));
  return own;
}

/** The path of the example value `path` lies in (a schema's, media type's, parameter's or header's `example`, an Example's `value`). */
function exampleAround(path: Path, classOf: ReturnType<typeof classMemo>): Path | undefined {
  for (let end = 1; end < path.length; end++) {
    const field = path[end];
    if (field !== "example" && field !== "value") continue;
    const kind = classOf(path.slice(0, end), []);
    if (kind === undefined) return undefined;
    if (field === "value" ? kind === "Example" : EXAMPLE_HOLDERS.test(kind)) return path.slice(0, end + 1);
  }
  return undefined;
}

/** The classes whose `example` field holds an example value (objectClass names). */
const EXAMPLE_HOLDERS = /^(Schema@|Media Type$|Parameter$|Header$)/;
