/**
 * Random valid OpenAPI 3.1 documents for the collapsed-recovery property, generated from the reader's own object model
 * (scripts/import/openapi-model.ts): every object kind's fixed fields, every JSON Schema keyword, arbitrary-key maps,
 * lists, references and `x-` extensions come from the model data, so a keyword added to the model is generated too.
 * Documents are built as a tree that remembers which model kinds each mapping may be (what the reader sees), so that
 * writing-convention.ts can hold them to the key order real generators write.
 */
import fc from "fast-check";
import {
  keywordFits,
  REF_SIBLINGS,
  SECURITY_SCHEME_FIELDS,
  TYPE_KEYWORDS,
} from "../../../scripts/import/model-rules.ts";
import {
  ANY,
  alternatives,
  JSON_TYPES,
  type Kind,
  type MapKind,
  type MappingKind,
  OBJECT_KINDS,
  type ObjectKind,
  OPENAPI_DOCUMENT,
  SCHEMA,
  type ScalarKind,
} from "../../../scripts/import/openapi-model.ts";
import { anyText, identifier, KEY_WORDS } from "./random-text.ts";

export type Node =
  | { readonly tag: "scalar"; readonly value: unknown }
  | { readonly tag: "list"; readonly items: Node[] }
  | {
      readonly tag: "map";
      /** The kind generated; `options` are all the mapping kinds the position allows (what the reader sees). */
      readonly kind: MappingKind;
      options: readonly MappingKind[];
      entries: [string, Node][];
    };

export type MapNode = Extract<Node, { tag: "map" }>;

/** Random choices, drawn from fast-check so runs are seeded, replayable and shrinkable. */
export interface Draw {
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function drawFrom(g: fc.GeneratorValue): Draw {
  const int = (min: number, max: number) => min + g(fc.nat, max - min);
  return {
    int,
    chance: (probability) => int(0, 999) < probability * 1000,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
  };
}

interface Context {
  readonly draw: Draw;
  /** Component names per `components` section, chosen before the document so references can point at them. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** Nodes generated so far: past the budget only required fields are added, which keeps documents page-sized. */
  nodes: number;
}

const NODE_BUDGET = 70;
const MAX_DEPTH = 9;

const COMPONENTS = OBJECT_KINDS.find((kind) => kind.name === "Components") as ObjectKind;
const SECTIONS = Object.values(COMPONENTS.fields)
  .map((field) => field())
  .flatMap((kind) => (kind.type === "map" && kind.section ? [kind.section] : []));

/** A random document tree; component names are chosen first so that references can point at them. */
export function randomDocumentTree(draw: Draw): MapNode {
  const names = new Map(
    SECTIONS.map((section) => [
      section,
      uniqueOf(
        draw.int(0, 2),
        () => `${draw.pick(["Pet", "Error", "Page", "node", "a_b", "V1Item"])}${draw.int(0, 9)}`,
      ),
    ]),
  );
  const context: Context = { draw, names, nodes: 0 };
  const document = objectNode(context, OPENAPI_DOCUMENT, 0);
  document.options = [OPENAPI_DOCUMENT];
  const openapi = document.entries.find(([key]) => key === "openapi");
  if (openapi) openapi[1] = { tag: "scalar", value: draw.pick(["3.1.0", "3.1.1"]) };
  if (
    [...names.values()].some((list) => list.length > 0) &&
    !document.entries.some(([key]) => key === "components")
  )
    document.entries.push(["components", valueFor(context, COMPONENTS, 1)]);
  return document;
}

function uniqueOf<T>(count: number, make: () => T): T[] {
  const found = new Set<T>();
  for (let attempt = 0; attempt < count * 4 && found.size < count; attempt++) found.add(make());
  return [...found];
}

function probability(context: Context, depth: number, base: number): number {
  if (context.nodes > NODE_BUDGET) return 0;
  return Math.max(base / 4, base * (1 - depth / (MAX_DEPTH + 2)));
}

/** A value of `kind` (a union picks one option); a mapping remembers every mapping kind the position allows. */
function valueFor(context: Context, kind: Kind, depth: number, inList = false): Node {
  context.nodes += 1;
  const options = alternatives(kind);
  const node = generate(context, choose(context, options, depth), depth, inList);
  if (node.tag === "map") node.options = options.filter(isMapping);
  return node;
}

function isMapping(kind: Kind): kind is MappingKind {
  return kind.type === "object" || kind.type === "map" || kind.type === "any";
}

function choose(context: Context, options: readonly Kind[], depth: number): Kind {
  const { draw } = context;
  if (options.length === 1) return options[0] as Kind;
  const deep = depth >= MAX_DEPTH || context.nodes > NODE_BUDGET;
  const scalar = options.find((kind) => kind.type === "scalar");
  if (scalar && (deep || draw.chance(0.08))) return scalar;
  const reference = options.find((kind) => kind.type === "object" && kind.name === "Reference");
  if (reference && draw.chance(0.2)) return reference;
  const rest = options.filter((kind) => kind !== reference && (kind !== scalar || options.length === 1));
  return draw.pick(rest.length > 0 ? rest : options);
}

function generate(context: Context, kind: Kind, depth: number, inList: boolean): Node {
  switch (kind.type) {
    case "scalar":
      return { tag: "scalar", value: scalarValue(context, kind, inList) };
    case "any":
      return anyValue(context, depth, inList);
    case "list":
      return {
        tag: "list",
        items: Array.from({ length: count(context, depth) }, () =>
          valueFor(context, kind.item(), depth + 1, true),
        ),
      };
    case "map":
      return mapNode(context, kind, depth);
    case "object":
      return kind === SCHEMA ? schemaNode(context, depth) : objectNode(context, kind, depth);
    case "union":
      return valueFor(context, kind, depth);
  }
}

/** How many items or entries a collection gets: sometimes none (written `[]`/`{}`), fewer when deep. */
function count(context: Context, depth: number): number {
  const { draw } = context;
  if (context.nodes > NODE_BUDGET || draw.chance(0.08)) return 0;
  return draw.int(1, depth > 4 ? 1 : 3);
}

function scalarValue(context: Context, kind: ScalarKind, inList: boolean): unknown {
  const { draw } = context;
  if (kind.values) return draw.pick(kind.values);
  if (kind.singleWord)
    return draw.pick(["https://example.com/a", "#/x", "urn:example:a", "mailto:a@example.com"]);
  switch (kind.scalar) {
    case "boolean":
      return draw.chance(0.5);
    case "integer":
      return draw.pick([0, 1, 3, 10, 255]);
    case "number":
      return draw.pick([0, 1, 2.5, -3, 100, 0.25]);
    case "text":
      return anyText(draw, inList);
  }
}

function anyValue(context: Context, depth: number, inList = false): Node {
  const { draw } = context;
  const roll = draw.int(0, 9);
  if (depth < MAX_DEPTH && roll === 0)
    return {
      tag: "list",
      items: Array.from({ length: count(context, depth) }, () => anyValue(context, depth + 1, true)),
    };
  if (depth < MAX_DEPTH && roll === 1) {
    const keys = uniqueOf(count(context, depth), () => draw.pick(KEY_WORDS));
    return {
      tag: "map",
      kind: ANY,
      options: [ANY],
      entries: keys.map((key) => [key, anyValue(context, depth + 1)]),
    };
  }
  return {
    tag: "scalar",
    value: jsonScalar(draw, draw.pick(["string", "string", "integer", "number", "boolean", "null"]), inList),
  };
}

function jsonScalar(draw: Draw, type: string, inList = false): unknown {
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return draw.chance(0.5);
    case "integer":
      return draw.pick([0, 7, -1, 42]);
    case "number":
      return draw.pick([0.5, 3.25, -2.5, 7]);
    default:
      return anyText(draw, inList);
  }
}

// ---------------------------------------------------------------- maps and objects

function mapNode(context: Context, kind: MapKind, depth: number): MapNode {
  const { draw } = context;
  const keys = kind.section
    ? [...(context.names.get(kind.section) ?? [])]
    : uniqueOf(count(context, depth), () => mapKey(draw, kind));
  const entries: [string, Node][] = keys.map((key) => [key, valueFor(context, kind.value(), depth + 1)]);
  if (kind.extensions && draw.chance(0.15))
    entries.push([`x-${identifier(draw)}`, anyValue(context, depth + 1)]);
  return jsOrder({ tag: "map", kind, options: [kind], entries });
}

const MAP_KEYS: Readonly<Record<string, readonly string[]>> = {
  responses: ["200", "201", "204", "404", "default", "4XX", "5XX"],
  content: ["application/json", "text/plain", "*/*", "application/vnd.api+json", "multipart/form-data"],
  Paths: ["/v1/things", "/v1/things/{id}", "/health", "/v1/things/{id}/stop", "/"],
  Callback: ["{$request.body#/callbackUrl}", "https://hooks.example/{$request.query.id}", "/callback"],
  scopes: ["read:pets", "write:pets", "admin"],
  $vocabulary: ["https://json-schema.org/draft/2020-12/vocab/core", "https://example.com/vocab"],
};

function mapKey(draw: Draw, kind: MapKind): string {
  const keys = MAP_KEYS[kind.name];
  return keys ? draw.pick(keys) : draw.pick(KEY_WORDS);
}

function objectNode(context: Context, kind: ObjectKind, depth: number): MapNode {
  const { draw } = context;
  const entries: [string, Node][] = [];
  // Small objects (XML, Discriminator, Contact...) appear rarely: each of their fields is more likely.
  const chance = probability(context, depth, Object.keys(kind.fields).length <= 5 ? 0.5 : 0.3);
  for (const [key, field] of Object.entries(kind.fields)) {
    if (!kind.required.includes(key) && !draw.chance(chance)) continue;
    entries.push([
      key,
      key === "$ref" ? { tag: "scalar", value: reference(context) } : valueFor(context, field(), depth + 1),
    ]);
  }
  if (kind.extensions && draw.chance(chance / 2))
    entries.push([`x-${identifier(draw)}`, anyValue(context, depth + 1)]);
  return ordered(draw, { tag: "map", kind, options: [kind], entries: objectRules(draw, kind.name, entries) });
}

/**
 * The whole-object rules of model-rules.ts: path parameters are required; `schema` or `content`, exactly one; a
 * security scheme has the fields its type requires.
 */
function objectRules(draw: Draw, name: string, entries: [string, Node][]): [string, Node][] {
  if (name === "Security Scheme") return securitySchemeRules(entries);
  if (name !== "Parameter" && name !== "Header") return entries;
  let result = entries;
  if (result.some(([key]) => key === "schema") && result.some(([key]) => key === "content")) {
    const drop = draw.pick(["schema", "content"]);
    result = result.filter(([key]) => key !== drop);
  }
  if (!result.some(([key]) => key === "schema" || key === "content"))
    result = [
      ...result,
      [
        "schema",
        {
          tag: "map",
          kind: SCHEMA,
          options: [SCHEMA],
          entries: [["type", { tag: "scalar", value: "string" }]],
        },
      ],
    ];
  const location = result.find(([key]) => key === "in")?.[1];
  if (location?.tag === "scalar" && location.value === "path") {
    result = result.filter(([key]) => key !== "required");
    result.push(["required", { tag: "scalar", value: true }]);
  }
  return result;
}

/** A value for each field a security scheme's type requires (model-rules.ts), but `flows`. */
const SCHEME_FIELD_VALUES: Readonly<Record<string, string>> = {
  name: "api_key",
  in: "header",
  scheme: "bearer",
  openIdConnectUrl: "https://auth.example/.well-known/openid-configuration",
};

function securitySchemeRules(entries: [string, Node][]): [string, Node][] {
  const type = entries.find(([key]) => key === "type")?.[1];
  if (type?.tag !== "scalar") return entries;
  // An oauth2 scheme drawn without `flows` becomes mutualTLS, which requires nothing more.
  if (type.value === "oauth2" && !entries.some(([key]) => key === "flows"))
    return entries.map(([key, value]) => [
      key,
      key === "type" ? { tag: "scalar", value: "mutualTLS" } : value,
    ]);
  const missing = (SECURITY_SCHEME_FIELDS[String(type.value)] ?? []).filter(
    (key) => !entries.some(([present]) => present === key),
  );
  return [
    ...entries,
    ...missing.map((key): [string, Node] => [key, { tag: "scalar", value: SCHEME_FIELD_VALUES[key] }]),
  ];
}

/** A `$ref`: mostly a component of this document (written in the site's style), sometimes an external one. */
function reference(context: Context): string {
  const { draw } = context;
  const targets = [...context.names.entries()].flatMap(([section, names]) =>
    names.map((name) => `#/components/${section}/${name}`),
  );
  if (targets.length > 0 && draw.chance(0.8)) return draw.pick(targets);
  return draw.pick(["https://example.com/schemas/pet.json", "common.yaml#/Pet", "#/$defs/node"]);
}

/** Keys in a random order; most objects write scalars before nested blocks, as the site's generator does. */
function ordered(draw: Draw, node: MapNode): MapNode {
  const shuffled = shuffle(draw, node.entries);
  const block = (value: Node) =>
    (value.tag === "map" && value.entries.length > 0) || (value.tag === "list" && value.items.length > 0);
  const entries = draw.chance(0.75)
    ? [...shuffled.filter(([, value]) => !block(value)), ...shuffled.filter(([, value]) => block(value))]
    : shuffled;
  return jsOrder({ ...node, entries });
}

function shuffle<T>(draw: Draw, items: readonly T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = draw.int(0, index);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** JavaScript objects list integer-like keys (`'200'`) first: the tree keeps the order the rendered YAML will have. */
function jsOrder(node: MapNode): MapNode {
  const byKey = new Map(node.entries);
  const keys = Object.keys(Object.fromEntries(node.entries.map(([key]) => [key, true])));
  return { ...node, entries: keys.map((key) => [key, byKey.get(key) as Node]) };
}

// ---------------------------------------------------------------- schemas

/** A schema: a `$ref` with annotations, or keywords chosen from the model that fit the declared types. */
function schemaNode(context: Context, depth: number): MapNode {
  const { draw } = context;
  const chance = probability(context, depth, 0.07);
  const entries: [string, Node][] = [];
  const field = (key: string) => valueFor(context, (SCHEMA.fields[key] as () => Kind)(), depth + 1);
  if (draw.chance(0.12)) {
    entries.push(["$ref", { tag: "scalar", value: reference(context) }]);
    for (const key of REF_SIBLINGS)
      if (key !== "$ref" && draw.chance(chance * 2)) entries.push([key, field(key)]);
    return ordered(draw, { tag: "map", kind: SCHEMA, options: [SCHEMA], entries });
  }
  const types = draw.chance(0.65)
    ? uniqueOf(draw.chance(0.8) ? 1 : 2, () => draw.pick(JSON_TYPES))
    : undefined;
  if (types)
    entries.push([
      "type",
      types.length === 1 && draw.chance(0.8)
        ? { tag: "scalar", value: types[0] }
        : { tag: "list", items: types.map((type) => ({ tag: "scalar", value: type })) },
    ]);
  for (const key of Object.keys(SCHEMA.fields)) {
    // The keywords holding small objects of their own are made likelier so that their fields are all covered.
    const keywordChance = key === "xml" || key === "discriminator" ? chance * 4 : chance;
    if (key === "$ref" || key === "type" || key === "required" || !draw.chance(keywordChance)) continue;
    if (types && !typeAllows(types, key)) continue;
    if (key === "default" || key === "const") entries.push([key, typedValue(context, types, depth + 1)]);
    else if (key === "enum")
      entries.push([
        key,
        {
          tag: "list",
          items: Array.from({ length: draw.int(1, 3) }, () => typedValue(context, types, depth + 1)),
        },
      ]);
    else entries.push([key, field(key)]);
  }
  if (draw.chance(chance)) entries.push([`x-${identifier(draw)}`, anyValue(context, depth + 1)]);
  const properties = entries.find(([key]) => key === "properties")?.[1];
  if (properties?.tag === "map" && properties.entries.length > 0 && draw.chance(0.6)) {
    const names = properties.entries.map(([name]) => name).filter(() => draw.chance(0.6));
    entries.push(["required", { tag: "list", items: names.map((name) => ({ tag: "scalar", value: name })) }]);
  }
  return ordered(draw, { tag: "map", kind: SCHEMA, options: [SCHEMA], entries });
}

function typeAllows(types: readonly string[], key: string): boolean {
  return Object.entries(TYPE_KEYWORDS).every(
    ([type, keywords]) => !keywords.includes(key) || keywordFits(type, new Set(types)),
  );
}

/** A value of one of the declared JSON types (`default`, `const` and `enum` must match them), else any value. */
function typedValue(context: Context, types: readonly string[] | undefined, depth: number): Node {
  const { draw } = context;
  if (!types) return anyValue(context, depth);
  const type = draw.pick(types);
  if (type === "array") return { tag: "list", items: [anyValue(context, depth + 1)] };
  if (type === "object")
    return {
      tag: "map",
      kind: ANY,
      options: [ANY],
      entries: [[draw.pick(KEY_WORDS), anyValue(context, depth + 1)]],
    };
  return { tag: "scalar", value: jsonScalar(draw, type) };
}

// ---------------------------------------------------------------- to plain data

export function toPlain(node: Node): unknown {
  if (node.tag === "scalar") return node.value;
  if (node.tag === "list") return node.items.map(toPlain);
  return Object.fromEntries(node.entries.map(([key, value]) => [key, toPlain(value)]));
}
