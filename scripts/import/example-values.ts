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

/** The rules, and whether a document read under them still has the schemas they were built from. */
export interface ExampleValues {
  readonly rule: EvidenceRule;
  /** With a site whose response examples hold only listed keys (`listedResponseKeys`): that habit on its own. */
  readonly listedKeys?: EvidenceRule;
  agrees(document: unknown): boolean;
}

/** The media type a component example is an example of: its `pathKey`, and whether it is a response's. */
interface ReferringMediaType {
  readonly key: string;
  readonly response: boolean;
}

/** The schemas two readings agree on, and the schema at a path inside an example value (undefined: not known). */
interface ExampleSchemas {
  schemas: ReadonlyMap<string, Schema>;
  components: ReadonlyMap<string, Schema>;
  /** A component example's name → the media type that refers to it (null: several of different schemas do). */
  componentExamples: ReadonlyMap<string, ReferringMediaType | null>;
  schemaAt(path: Path): Schema | undefined;
}

function exampleSchemas(first: unknown, second: unknown): ExampleSchemas | undefined {
  const components = agreedComponents(first, second);
  const schemas = new Map<string, Schema>();
  const componentExamples = new Map<string, ReferringMediaType | null>();
  forEachObject(first, [], (path, entries) => {
    if (objectClass(path, entries) !== "Media Type") return;
    const value = Object.fromEntries(entries);
    if (!("example" in value || "examples" in value) || !isRecord(value.schema)) return;
    if (
      first !== second &&
      JSON.stringify(valueAt(second, [...path, "schema"])) !== JSON.stringify(value.schema)
    )
      return;
    schemas.set(pathKey(path), value.schema);
    const mediaType = { key: pathKey(path), response: underResponse(path) };
    noteComponentExamples(componentExamples, mediaType, value.schema, value.examples, schemas);
  });
  if (schemas.size === 0) return undefined;
  // Asked for every object the reader judges, again at every step, with the same path array while the object is open.
  const found = new WeakMap<Path, Schema | null>();
  const schemaAt = (path: Path) => {
    let schema = found.get(path);
    if (schema === undefined) {
      schema = exampleSchema(schemas, components, path, componentExamples) ?? null;
      found.set(path, schema);
    }
    return schema ?? undefined;
  };
  return { schemas, components, componentExamples, schemaAt };
}

/**
 * The component examples a media type refers to (`examples: Create: $ref: '#/components/examples/Create'`): Azure's
 * pages hold their examples' values under `components/examples`, each an instance of the media type's schema. One
 * referred to from media types of different schemas is judged by none.
 */
function noteComponentExamples(
  into: Map<string, ReferringMediaType | null>,
  mediaType: ReferringMediaType,
  schema: Schema,
  examples: unknown,
  schemas: ReadonlyMap<string, Schema>,
): void {
  if (!isRecord(examples)) return;
  for (const example of Object.values(examples)) {
    const match =
      isRecord(example) && typeof example.$ref === "string" && COMPONENT_EXAMPLE.exec(example.$ref);
    if (!match) continue;
    const name = (match[1] as string).replace(/~1/g, "/").replace(/~0/g, "~");
    const known = into.get(name);
    const agrees = known === undefined || (known !== null && same(schemas.get(known.key), schema));
    into.set(name, agrees ? (known ?? mediaType) : null);
  }
}

const COMPONENT_EXAMPLE = /^#\/components\/examples\/(.+)$/;

/**
 * The rule from two readings of a page, or undefined when they agree on no media type's schema with an example.
 * `listedResponseKeys`: the site's clean pages show its response examples holding only their schemas' properties
 * (listedResponseKeys below), so that part of the habit is judged on its own too.
 */
export function exampleValuesRule(
  first: unknown,
  second: unknown,
  listedResponseKeys = false,
): ExampleValues | undefined {
  const found = exampleSchemas(first, second);
  if (!found) return undefined;
  const { schemas, components, schemaAt } = found;
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
      const problems = instanceProblems(found, path, entries);
      const schema = schemaAt(path);
      return complete && schema ? [...problems, ...missingProblems(found, schema, path, entries)] : problems;
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
  return listedResponseKeys ? { rule, agrees, listedKeys: listedKeysRule(found) } : { rule, agrees };
}

/**
 * What makes an object of example data no instance of its schema, but for a listed property it lacks: a key the schema
 * has no room for, a uri-map's value that is no URI, a scalar where the schema takes an object or a list.
 */
function instanceProblems(found: ExampleSchemas, path: Path, entries: Entries): string[] {
  const { components, schemaAt } = found;
  const schema = schemaAt(path);
  if (!schema) return exampleValueProblems(found, path, entries);
  return [
    ...entries.flatMap(([key]) => keyProblem(schema, path, key)),
    ...uriMapProblems(schema, path, entries),
    ...entries.flatMap(([key, value]) =>
      typeof value !== "object" && isRecord(schema.properties) && isRecord(schema.properties[key])
        ? scalarProblem(resolve(schema.properties[key], components), [...path, key], value)
        : [],
    ),
  ];
}

/**
 * A response example is an instance of its schema, and lacks a listed property only inside an object the rival reading
 * moves out of its schema's reach. The site's response examples lack listed properties often (Twilio's lists lack
 * their paging fields, its numbers' `capabilities` lack `fax`), so a rival that reads such an object where no schema
 * judges it (`capabilities:` read onto the list's page, whose schema does not list it, and the number's keys after it
 * into `capabilities`) escapes the combined habit's break of the preferred reading while it breaks this one. On only
 * where the clean pages show it (listedResponseKeys): Twilio's request examples hold unlisted keys on 7 of 197 pages.
 * Two reviews shaped it. Judging the keys alone, it wrote pages wrong whose example held an undocumented key read into
 * a uri-map, as a new Example or into a nested object as a scalar (each of which breaks the rest of the combined habit).
 * Judging all but the missing properties, it wrote pages wrong whose documented key's value held something the site
 * never writes, read into a nested object whose schema lists the key (the outer object then lacks it, where the rival
 * holds it): a missing property is excused only in an object the rival does not hold, inside an example it holds.
 * **Known limit** (the first review's): an undocumented key whose object fits a nested object whose schema lists it
 * (`links:` after a list's last item, whose items list `links`) is read there, as `capabilities` is.
 */
function listedKeysRule(found: ExampleSchemas): EvidenceRule {
  const lacking = new Map<string, Path>();
  return {
    name: "the site's response examples hold only their schemas' properties",
    exact: false,
    sees: "scalars",
    problems(path, entries, complete) {
      if (!inResponse(path, found)) return [];
      const problems = instanceProblems(found, path, entries);
      const schema = found.schemaAt(path);
      if (!complete || !schema || !isRecord(schema.properties)) return problems;
      const missing = missingNames(schema, entries).map((name) => `${path.join("/")}: lacks \`${name}\``);
      for (const problem of missing) lacking.set(problem, [...path]);
      return [...problems, ...missing];
    },
    keyProblems: (path, _entries, key) => {
      const schema = inResponse(path, found) ? found.schemaAt(path) : undefined;
      return schema ? keyProblem(schema, path, key) : [];
    },
    excuses(problem, rival) {
      const path = lacking.get(problem);
      if (path === undefined || isRecord(valueAt(rival, path))) return false;
      return isRecord(valueAt(rival, exampleValuePath(path)));
    },
  };
}

/** The path of the example value (an Example's `value`, a media type's `example`) that `path` lies in. */
function exampleValuePath(path: Path): Path {
  for (let at = path.length - 1; at >= 1; at--)
    if (path[at] === "example" || (path[at] === "value" && path[at - 2] === "examples"))
      return path.slice(0, at + 1);
  return path;
}

/** Whether `path` lies under a response (an operation's, or a component's, or a component example a response's refers to). */
function inResponse(path: Path, found: ExampleSchemas): boolean {
  if (path[0] === "components" && path[1] === "examples")
    return found.componentExamples.get(path[2] as string)?.response === true;
  return underResponse(path);
}

/** Whether `path` lies under an operation's response or a component response. */
function underResponse(path: Path): boolean {
  return path[3] === "responses" || (path[0] === "components" && path[1] === "responses");
}

/** How many objects of a site's response examples its clean pages show with a closed schema, and with a key it lacks. */
export interface ResponseExampleKeys {
  objects: number;
  /** Objects that are no instance of their schema but for what they lack (instanceProblems). */
  unlisted: number;
  /** Objects that lack a listed property. */
  lacking: number;
}

/** Adds one clean document's response examples to `counts` (in place). */
export function learnResponseExampleKeys(counts: ResponseExampleKeys, document: unknown): void {
  const found = exampleSchemas(document, document);
  if (!found) return;
  forEachObject(document, [], (path, entries) => {
    const schema = inResponse(path, found) ? found.schemaAt(path) : undefined;
    if (!schema || !isRecord(schema.properties) || !closed(schema)) return;
    counts.objects += 1;
    if (instanceProblems(found, path, entries).length > 0) counts.unlisted += 1;
    if (missingProblems(found, schema, path, entries).length > 0) counts.lacking += 1;
  });
}

/**
 * Whether a site's response examples are instances of their schemas but for what they lack, and lack listed properties
 * more often than they hold anything else: none otherwise in MIN_LISTED_OBJECTS objects or more, and MIN_LACKING
 * lacking (with none of N objects, the rate is below 3/N at 95 % confidence: the rule of three). Twilio api_v2010's
 * even pages: 0 and 19 of 193, its odd pages 0 and 9 of 205. Where they lack as seldom, a missing property is evidence
 * as strong as an unlisted key, and the combined habit judges both (a review's site, whose examples lack nothing).
 */
export function listedResponseKeys(counts: ResponseExampleKeys): boolean {
  return counts.objects >= MIN_LISTED_OBJECTS && counts.unlisted === 0 && counts.lacking >= MIN_LACKING;
}

const MIN_LISTED_OBJECTS = 20;
const MIN_LACKING = 3;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Component schemas identical in both readings (a `$ref` is only followed into these). */
function agreedComponents(first: unknown, second: unknown): Map<string, Schema> {
  const agreed = new Map<string, Schema>();
  const mine = valueAt(first, ["components", "schemas"]);
  const theirs = valueAt(second, ["components", "schemas"]);
  if (!isRecord(mine) || !isRecord(theirs)) return agreed;
  // A clean document learnt from (learnResponseExampleKeys) is judged against itself: nothing to compare.
  for (const [name, schema] of Object.entries(mine))
    if (isRecord(schema) && (first === second || JSON.stringify(schema) === JSON.stringify(theirs[name])))
      agreed.set(name, schema);
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
  componentExamples: ExampleSchemas["componentExamples"],
): Schema | undefined {
  for (let at = path.length - 1; at >= 1; at--) {
    const inExamples = path[at - 2] === "examples" && path[at] === "value";
    if (path[at] !== "example" && !inExamples) continue;
    const component = at === 3 && path[0] === "components" && inExamples;
    const holder = component
      ? schemas.get(componentExamples.get(path[2] as string)?.key ?? "")
      : schemas.get(pathKey(path.slice(0, inExamples ? at - 2 : at)));
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
    return schema && component ? open(schema) : schema;
  }
  return undefined;
}

function resolve(schema: Schema, components: ReadonlyMap<string, Schema>, depth = 0): Schema | undefined {
  let found: Schema | undefined = schema;
  for (let hops = 0; found && typeof found.$ref === "string" && hops < 8; hops++) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(found.$ref as string);
    found = match ? components.get((match[1] as string).replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
  }
  return found && Array.isArray(found.allOf) && depth < MAX_ALL_OF_DEPTH
    ? withAllOf(found, components, depth)
    : found;
}

/**
 * A schema with the properties its `allOf` parts list as its own (Azure's resources: `allOf: [ProxyResource]` gives
 * `id`, `name` and `type` beside the schema's own `properties`), open (`open`), and unknown (undefined) where a part is
 * not known: then nothing inside it is judged.
 */
function withAllOf(
  schema: Schema,
  components: ReadonlyMap<string, Schema>,
  depth: number,
): Schema | undefined {
  const parts = (schema.allOf as unknown[]).map((part) =>
    isRecord(part) ? resolve(part, components, depth + 1) : undefined,
  );
  if (parts.some((part) => part === undefined)) return undefined;
  const all = [schema, ...(parts as Schema[])];
  const listing = all.filter((part) => isRecord(part.properties));
  if (listing.length === 0) return schema;
  const properties = Object.assign({}, ...listing.map((part) => part.properties));
  const type = all.map((part) => part.type).find((value) => value !== undefined);
  return open({ ...schema, properties, ...(type !== undefined ? { type } : {}) });
}

/**
 * A schema whose example may hold keys it does not list: the habit's closed schemas (no `additionalProperties`) are
 * the site's own media types' examples. Azure's component examples and the resources its `allOf`s build hold
 * undocumented keys (`etag`, `systemData`, Stripe's `object`), which read as well into an open map before them
 * (`metadata: order: '6735' object: customer`): a review had such pages written wrong with them closed. Only what
 * they lack, and what their types refuse, is judged there.
 */
function open(schema: Schema): Schema {
  return schema.additionalProperties === undefined ? { ...schema, additionalProperties: true } : schema;
}

const MAX_ALL_OF_DEPTH = 4;

/** A key the schema has no room for (it lists its properties and allows no others), or an object it cannot be. */
function keyProblem(schema: Schema, path: Path, key: string): string[] {
  const types = typesOf(schema);
  if (types.length > 0 && !types.includes("object"))
    return [`${path.join("/")}: an object where the schema is of type ${types.join("|")}`];
  if (!closed(schema) || !isRecord(schema.properties) || Object.hasOwn(schema.properties, key)) return [];
  return [`${path.join("/")}: \`${key}\` is none of its schema's properties`];
}

function closed(schema: Schema): boolean {
  return schema.additionalProperties === undefined || schema.additionalProperties === false;
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
 * config and form-field pages of session 31's first review). Named whichever example holds it, as the site's examples
 * break their schema alike: Twilio's participant examples each write `StatusCallbackEvent: ringing` where the schema
 * takes a list, and reading the last example into the one before (page 098) only moved the last one's out of reach.
 */
function scalarProblem(schema: Schema | undefined, at: Path, value: unknown): string[] {
  if (!schema || value === null || typeof value === "object") return [];
  const types = typesOf(schema);
  return types.length > 0 && types.every((type) => type === "object" || type === "array")
    ? [`${anyExample(at).join("/")}: a ${typeof value} where the schema is of type ${types.join("|")}`]
    : [];
}

/** An Example object's `value`, or a media type's `example`, judged by scalarProblem against the media type's schema. */
function exampleValueProblems(
  { schemas, components, componentExamples }: ExampleSchemas,
  path: Path,
  entries: Entries,
): string[] {
  return entries.flatMap(([key, value]) =>
    (key === "value" || key === "example") && typeof value !== "object"
      ? scalarProblem(
          exampleSchema(schemas, components, [...path, key], componentExamples),
          [...path, key],
          value,
        )
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
 * The site's response examples hold every property their schema lists: one that lacks a listed property breaks the
 * habit, and so does any example whose text value runs on past `name:` for a listed property it lacks (the text
 * swallowed the key). A request example sends what it needs, and need not send even what its schema requires: what it
 * lacks is no evidence. Twilio's `examples: redactBody: value: Body: '' cancelMessage: value: Status: canceled` (pages
 * 040, 080, 082, 098, 100): each true example lacking the other's property tied with the rival reading `cancelMessage`
 * into `redactBody`'s data. Counting only what the schema requires (the first form) let a review's rival move the next
 * top-level key into a nested object that lacked it as a required property (`shipping: name: … address: …`).
 */
function missingProblems(found: ExampleSchemas, schema: Schema, path: Path, entries: Entries): string[] {
  if (!isRecord(schema.properties)) return [];
  const at = anyExample(path).join("/");
  const missing = missingNames(schema, entries);
  const texts = entries
    .map(([, value]) => value)
    .filter((value): value is string => typeof value === "string");
  return missing.flatMap((name) => [
    ...(inResponse(path, found) ? [`${at}: lacks \`${name}\``] : []),
    ...(texts.some((text) => ` ${text} `.includes(` ${name}: `)) ? [`${at}: text holds \`${name}:\``] : []),
  ]);
}

/** The properties a schema lists that `entries` lack. */
function missingNames(schema: Schema, entries: Entries): string[] {
  const held = new Set(entries.map(([key]) => key));
  return isRecord(schema.properties) ? Object.keys(schema.properties).filter((name) => !held.has(name)) : [];
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
