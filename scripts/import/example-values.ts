/**
 * Evidence for the keys inside a media type's example values (`example`, `examples/<name>/value`): they are instances
 * of the media type's schema, whose properties say which keys belong at each depth. The schema is usually a `$ref` to a
 * component the page writes after its paths, so the reader cannot know it while it reads the examples: the rule is
 * built from two whole readings of the page, from the schemas both agree on (the media type's `schema` and every
 * component it reaches, identical in both), and the page is read again holding readings to it as a habit
 * (recover-collapsed.ts). A key that is none of a closed schema's properties (no `additionalProperties`, or `false`),
 * or an object or list where the schema's `type` allows neither, breaks it, and so does an example that lacks a
 * listed property.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  type Entries,
  type EvidenceRule,
  forEachObject,
  objectClass,
  type Path,
  valueAt,
} from "./evidence.ts";

type Schema = Record<string, unknown>;

/** The rule, and whether a document read under it still has the schemas it was built from. */
export interface ExampleValues {
  readonly rule: EvidenceRule;
  agrees(document: unknown): boolean;
}

/** The rule from two readings of a page, or undefined when they agree on no media type's schema with an example. */
export function exampleValuesRule(first: unknown, second: unknown): ExampleValues | undefined {
  const components = agreedComponents(first, second);
  const schemas = new Map<string, Schema>();
  forEachObject(first, [], (path, entries) => {
    if (objectClass(path, entries) !== "Media Type") return;
    const value = Object.fromEntries(entries);
    if (!("example" in value || "examples" in value) || !isRecord(value.schema)) return;
    if (JSON.stringify(valueAt(second, [...path, "schema"])) !== JSON.stringify(value.schema)) return;
    schemas.set(pathKey(path), value.schema);
  });
  if (schemas.size === 0) return undefined;
  // Asked for every object the reader judges, again at every step, with the same path array while the object is open.
  const found = new WeakMap<Path, Schema | null>();
  const schemaAt = (path: Path) => {
    let schema = found.get(path);
    if (schema === undefined) {
      schema = exampleSchema(schemas, components, path) ?? null;
      found.set(path, schema);
    }
    return schema ?? undefined;
  };
  const agrees = (document: unknown) =>
    [...schemas].every(([key, schema]) => same(valueAt(document, [...JSON.parse(key), "schema"]), schema)) &&
    [...components].every(([name, schema]) =>
      same(valueAt(document, ["components", "schemas", name]), schema),
    );
  // One habit, not two: a reading that escapes one of them (an undocumented key read as a new example) must not be
  // decided for by the other (a second review wrote pages wrong with the two judged apart).
  const rule: EvidenceRule = {
    name: `example values are instances of their media type's schema (${schemas.size} on this page)`,
    exact: false,
    sees: "scalars",
    problems(path, entries, complete) {
      const schema = schemaAt(path);
      if (!schema) return exampleValueProblems(schemas, components, path, entries);
      const problems = [
        ...entries.flatMap(([key]) => keyProblem(schema, path, key)),
        ...uriMapProblems(schema, path, entries),
        ...entries.flatMap(([key, value]) =>
          typeof value !== "object" && isRecord(schema.properties) && isRecord(schema.properties[key])
            ? scalarProblem(resolve(schema.properties[key], components), [...path, key], value)
            : [],
        ),
      ];
      return complete ? [...problems, ...missingProblems(schema, path, entries)] : problems;
    },
    keyProblems(path, _entries, key) {
      const schema = schemaAt(path);
      return schema ? keyProblem(schema, path, key) : [];
    },
    // Where a key could open in several example objects: first the one whose schema lists it, last one with no room.
    rank(path, _entries, key) {
      const schema = schemaAt(path);
      if (!schema) return 1;
      if (keyProblem(schema, path, key).length > 0) return 2;
      return isRecord(schema.properties) && Object.hasOwn(schema.properties, key) ? 0 : 1;
    },
  };
  return { rule, agrees };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Component schemas identical in both readings (a `$ref` is only followed into these). */
function agreedComponents(first: unknown, second: unknown): Map<string, Schema> {
  const agreed = new Map<string, Schema>();
  const mine = valueAt(first, ["components", "schemas"]);
  const theirs = valueAt(second, ["components", "schemas"]);
  if (!isRecord(mine) || !isRecord(theirs)) return agreed;
  for (const [name, schema] of Object.entries(mine))
    if (isRecord(schema) && JSON.stringify(schema) === JSON.stringify(theirs[name])) agreed.set(name, schema);
  return agreed;
}

/**
 * The schema of the object at `path` inside a media type's example value, following properties, `items` and agreed
 * `$ref`s; undefined where the path is not inside one or the schema there is not known (then nothing is judged).
 */
function exampleSchema(
  schemas: ReadonlyMap<string, Schema>,
  components: ReadonlyMap<string, Schema>,
  path: Path,
): Schema | undefined {
  for (let at = path.length - 1; at >= 1; at--) {
    const inExamples = path[at - 2] === "examples" && path[at] === "value";
    if (path[at] !== "example" && !inExamples) continue;
    const holder = schemas.get(pathKey(path.slice(0, inExamples ? at - 2 : at)));
    if (!holder) continue;
    let schema: Schema | undefined = resolve(holder, components);
    for (const segment of path.slice(at + 1)) {
      if (!schema) return undefined;
      const next: unknown =
        typeof segment === "number"
          ? schema.items
          : isRecord(schema.properties)
            ? schema.properties[segment]
            : undefined;
      schema = isRecord(next) ? resolve(next, components) : undefined;
    }
    return schema;
  }
  return undefined;
}

function resolve(schema: Schema, components: ReadonlyMap<string, Schema>): Schema | undefined {
  let found: Schema | undefined = schema;
  for (let hops = 0; found && typeof found.$ref === "string" && hops < 8; hops++) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(found.$ref as string);
    found = match ? components.get((match[1] as string).replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
  }
  return found;
}

/** A key the schema has no room for (it lists its properties and allows no others), or an object it cannot be. */
function keyProblem(schema: Schema, path: Path, key: string): string[] {
  const types = typesOf(schema);
  if (types.length > 0 && !types.includes("object"))
    return [`${path.join("/")}: an object where the schema is of type ${types.join("|")}`];
  const closed = schema.additionalProperties === undefined || schema.additionalProperties === false;
  if (!closed || !isRecord(schema.properties) || Object.hasOwn(schema.properties, key)) return [];
  return [`${path.join("/")}: \`${key}\` is none of its schema's properties`];
}

/** The JSON types a schema's `type` names (none where it names none). */
function typesOf(schema: Schema): unknown[] {
  return typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
}

/**
 * A text, number or flag where the schema takes only objects and lists: an example's `value` (or a media type's
 * `example`), or a property's value inside one. A reading that reads an example value's undocumented key as a new
 * example (`max_connections: value: 100 description: …` under a schema without `max_connections`) gives that example a
 * number for an object: the key it escaped is no worse than this, so the page is refused rather than written so (the
 * config and form-field pages of session 31's first review).
 */
function scalarProblem(schema: Schema | undefined, at: Path, value: unknown): string[] {
  if (!schema || value === null || typeof value === "object") return [];
  const types = typesOf(schema);
  return types.length > 0 && types.every((type) => type === "object" || type === "array")
    ? [`${at.join("/")}: a ${typeof value} where the schema is of type ${types.join("|")}`]
    : [];
}

/** An Example object's `value`, or a media type's `example`, judged by scalarProblem against the media type's schema. */
function exampleValueProblems(
  schemas: ReadonlyMap<string, Schema>,
  components: ReadonlyMap<string, Schema>,
  path: Path,
  entries: Entries,
): string[] {
  return entries.flatMap(([key, value]) =>
    (key === "value" || key === "example") && typeof value !== "object"
      ? scalarProblem(exampleSchema(schemas, components, [...path, key]), [...path, key], value)
      : [],
  );
}

/**
 * Twilio's `format: uri-map` (`links`, `subresource_uris`): an object of any keys whose values are URIs. A value that is
 * no URI (`type: Full`, `start: 0`) is a key of the object around it, read into the map.
 */
function uriMapProblems(schema: Schema, path: Path, entries: Entries): string[] {
  if (schema.format !== "uri-map") return [];
  return entries
    .filter(([, value]) => value !== null && !(typeof value === "string" && URI_LIKE.test(value)))
    .map(([key]) => `${path.join("/")}: \`${key}\` is no URI in a uri-map`);
}

const URI_LIKE = /^(?:\/|[a-z][a-z0-9+.-]*:)\S*$/i;

/**
 * The site's examples hold every property their schema lists: one that lacks a listed property breaks the habit, and so
 * does one whose text value runs on past `name:` for a listed property it lacks (the text swallowed the key).
 */
function missingProblems(schema: Schema, path: Path, entries: Entries): string[] {
  if (!isRecord(schema.properties)) return [];
  const at = anyExample(path).join("/");
  const held = new Set(entries.map(([key]) => key));
  const missing = Object.keys(schema.properties).filter((name) => !held.has(name));
  const texts = entries
    .map(([, value]) => value)
    .filter((value): value is string => typeof value === "string");
  return missing.flatMap((name) => [
    `${at}: lacks \`${name}\``,
    ...(texts.some((text) => ` ${text} `.includes(` ${name}: `)) ? [`${at}: text holds \`${name}:\``] : []),
  ]);
}

/**
 * The path with the name of the example it lies in left out: the site's examples lack the same properties whichever
 * example holds them, so a reading that reads a key as a second example (whose value lacks them too) is no worse for it.
 */
function anyExample(path: Path): Path {
  return path.map((segment, index) =>
    index > 0 && path[index - 1] === "examples" && path[index + 1] === "value" ? "*" : segment,
  );
}

function pathKey(path: Path): string {
  return JSON.stringify(path);
}
