/**
 * Evidence for the keys inside a media type's example values (`example`, `examples/<name>/value`): they are instances
 * of the media type's schema, whose properties say which keys belong at each depth. The schema is usually a `$ref` to a
 * component the page writes after its paths, so the reader cannot know it while it reads the examples: the rule is
 * built from two whole readings of the page, from the schemas both agree on (the media type's `schema` and every
 * component it reaches, identical in both), and the page is read again holding readings to it as a habit
 * (recover-collapsed.ts). A key that is none of a closed schema's properties (no `additionalProperties`, or `false`),
 * or an object or list where the schema's `type` allows neither, breaks it, and so does an example that lacks a
 * listed property. Two narrower rules decide where that one cannot (`partRules`).
 */
import { isRecord } from "../shared/openapi.ts";
import { type Entries, type EvidenceRule, forEachObject, objectClass, type Path } from "./evidence.ts";

type Schema = Record<string, unknown>;

/** Where a media type's examples lie: a request body's or a response's. */
export type ExampleSide = "requests" | "responses";

/** The rules, and whether a document read under them still has the schemas they were built from. */
export interface ExampleValues {
  readonly rule: EvidenceRule;
  /** Rules judging part of what `rule` judges, asked after it: they decide where it leaves two readings undecided. */
  readonly partRules: readonly EvidenceRule[];
  agrees(document: unknown): boolean;
}

/**
 * The rules from two readings of a page, or undefined when they agree on no media type's schema with an example.
 * `omittingSides`: where the site's clean examples lack listed properties but hold no others (`omittingSides`).
 */
export function exampleValuesRule(
  first: unknown,
  second: unknown,
  omitting: readonly ExampleSide[] = [],
): ExampleValues | undefined {
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
      if (!schema) return [];
      const problems = [
        ...entries.flatMap(([key]) => keyProblem(schema, path, key)),
        ...uriMapProblems(schema, path, entries),
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
  // Judged apart from the lacking properties, after the rule above: where that one leaves two readings undecided, one
  // lacking a listed property and one holding a key its schema does not list (`capabilities` read out of Twilio's phone
  // number into the list around it), a site whose examples lack properties but never hold others has the first.
  const listedKeysRule: EvidenceRule = {
    ...rule,
    name: `the site's example values hold only their schema's properties (${schemas.size} on this page)`,
    problems(path, entries) {
      const schema = schemaAt(path);
      if (!schema || !omitting.includes(sideOf(path) as ExampleSide)) return [];
      return [
        ...entries.flatMap(([key]) => keyProblem(schema, path, key)),
        ...uriMapProblems(schema, path, entries),
      ];
    },
    keyProblems(path, _entries, key) {
      const schema = schemaAt(path);
      return schema && omitting.includes(sideOf(path) as ExampleSide) ? keyProblem(schema, path, key) : [];
    },
  };
  // The next example's name read into the one before (Twilio's `update: value: Status: active
  // updateWithNumericStatus: value: Status: '1'`): the value then holds a key its schema does not list, whose object
  // opens like an Example object, up to its `value`. None of the 278 objects under such keys in the APIs.guru specs'
  // examples does (none opens with `value`); whether the other reading lacks a listed property, which the rule above
  // counts, does not matter. Judged as soon as the `value` is read, since more keys could hide it only in a rival
  // that reads the rest of the page into the example.
  const unlistedExample = (path: Path, keys: readonly string[]) => {
    const name = path.at(-1);
    if (typeof name !== "string" || !opensAsExample(keys)) return [];
    const holder = schemaAt(path.slice(0, -1));
    if (!holder || !isRecord(holder.properties) || Object.hasOwn(holder.properties, name)) return [];
    return [`${path.join("/")}: an example under a key its schema does not list`];
  };
  const exampleNamesRule: EvidenceRule = {
    name: `example values hold no example under a key their schema does not list (${schemas.size} on this page)`,
    exact: false,
    sees: "scalars",
    problems: (path, entries) =>
      unlistedExample(
        path,
        entries.map(([key]) => key),
      ),
    keyProblems: (path, entries, key) => unlistedExample(path, [...entries.map(([entry]) => entry), key]),
  };
  return { rule, partRules: [exampleNamesRule, ...(omitting.length > 0 ? [listedKeysRule] : [])], agrees };
}

const EXAMPLE_FIELDS = new Set(["summary", "description", "value", "externalValue"]);

/** Keys an Example object opens with: its summary or text, up to its value (or external value). */
function opensAsExample(keys: readonly string[]): boolean {
  return (
    keys.some((key) => key === "value" || key === "externalValue") &&
    keys.every((key) => EXAMPLE_FIELDS.has(key))
  );
}

/** Which side the media type at or around `path` lies on, if a request body's or a response's. */
function sideOf(path: Path): ExampleSide | undefined {
  for (const segment of path) {
    if (segment === "requestBody" || segment === "requestBodies") return "requests";
    if (segment === "responses") return "responses";
  }
  return undefined;
}

/**
 * How a site's clean example values fit their media types' schemas, on each side: how many objects were judged against
 * a schema that lists properties and allows no others, how many of those hold a key it does not list, and how many lack
 * one it lists.
 */
export type ExampleFit = Record<ExampleSide, { judged: number; unlisted: number; lacking: number }>;

export function emptyExampleFit(): ExampleFit {
  return {
    requests: { judged: 0, unlisted: 0, lacking: 0 },
    responses: { judged: 0, unlisted: 0, lacking: 0 },
  };
}

/** Examples judged before the site's habit counts: one page's example is no habit. */
const MIN_JUDGED = 5;

/**
 * The sides whose clean examples lack listed properties but never hold a key their schema does not list: Twilio's
 * responses (193 objects judged on half of api_v2010's pages, 19 lacking), not its requests (3 of 56 hold one).
 */
export function omittingSides(fit: ExampleFit): ExampleSide[] {
  return (["requests", "responses"] as const).filter(
    (side) => fit[side].judged >= MIN_JUDGED && fit[side].unlisted === 0 && fit[side].lacking > 0,
  );
}

/** Adds one clean document's example values to the counts (in place), following `$ref`s into its own components. */
export function learnExampleFit(fit: ExampleFit, document: unknown): void {
  const schemas = valueAt(document, ["components", "schemas"]);
  const components = new Map(
    Object.entries(isRecord(schemas) ? schemas : {}).filter((entry): entry is [string, Schema] =>
      isRecord(entry[1]),
    ),
  );
  forEachObject(document, [], (path, entries) => {
    const side = sideOf(path);
    if (!side || objectClass(path, entries) !== "Media Type") return;
    const media = Object.fromEntries(entries);
    if (!isRecord(media.schema)) return;
    const schema = resolve(media.schema, components);
    const named = isRecord(media.examples) ? Object.values(media.examples) : [];
    const values = [
      ...("example" in media ? [media.example] : []),
      ...named.flatMap((example) => (isRecord(example) && "value" in example ? [example.value] : [])),
    ];
    for (const value of values) fitExample(fit[side], schema, value, components, 0);
  });
}

/** Deeper than any real example's nesting: bounds the walk on a schema that refers to itself. */
const MAX_DEPTH = 12;

function fitExample(
  fit: ExampleFit[ExampleSide],
  schema: Schema | undefined,
  value: unknown,
  components: ReadonlyMap<string, Schema>,
  depth: number,
): void {
  if (!schema || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    const items = isRecord(schema.items) ? resolve(schema.items, components) : undefined;
    for (const item of value) fitExample(fit, items, item, components, depth + 1);
    return;
  }
  if (!isRecord(value) || !isRecord(schema.properties)) return;
  const properties = schema.properties;
  if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
    fit.judged += 1;
    if (Object.keys(value).some((key) => !Object.hasOwn(properties, key))) fit.unlisted += 1;
    if (Object.keys(properties).some((key) => !Object.hasOwn(value, key))) fit.lacking += 1;
  }
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (Object.hasOwn(properties, key) && isRecord(property))
      fitExample(fit, resolve(property, components), item, components, depth + 1);
  }
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
  const types =
    typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  if (types && !types.includes("object"))
    return [`${path.join("/")}: an object where the schema is of type ${types.join("|")}`];
  const closed = schema.additionalProperties === undefined || schema.additionalProperties === false;
  if (!closed || !isRecord(schema.properties) || Object.hasOwn(schema.properties, key)) return [];
  return [`${path.join("/")}: \`${key}\` is none of its schema's properties`];
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

function valueAt(value: unknown, path: Path): unknown {
  let found = value;
  for (const segment of path)
    found = isRecord(found) || Array.isArray(found) ? (found as Record<string, unknown>)[segment] : undefined;
  return found;
}
