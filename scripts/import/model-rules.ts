/**
 * Rules a finished object must satisfy beyond "each key is allowed and holds the right kind of value". They are what
 * lets the collapsed-page reader reject readings that YAML alone would allow, e.g. a schema's `required` list read as
 * belonging to the last property instead of the object that declares the properties.
 */
import { resolveRef } from "../merge/refs.ts";
import { isRecord } from "../shared/openapi.ts";
import { isExtensionKey, type Kind, type ObjectKind } from "./openapi-model.ts";

type Entries = Readonly<Record<string, unknown>>;

/** Why `value` is not a valid `kind` (checked deeply), or undefined when it is. Used for flow values like `{}`. */
export function kindProblem(kind: Kind, value: unknown): string | undefined {
  switch (kind.type) {
    case "any":
      return undefined;
    case "scalar":
      if (kind.singleWord && typeof value === "string" && /\s/.test(value)) return "a URI holds no spaces";
      return scalarProblem(kind.scalar, kind.values, value);
    case "list":
      if (!Array.isArray(value)) return "expected a list";
      for (const item of value) {
        const problem = kindProblem(kind.item(), item);
        if (problem) return problem;
      }
      return undefined;
    case "union": {
      const problems = kind.options.map((option) => kindProblem(option(), value));
      return problems.every((problem) => problem !== undefined) ? problems[0] : undefined;
    }
    case "map":
      if (!isRecord(value)) return `expected a ${kind.name} map`;
      for (const [key, item] of Object.entries(value)) {
        if (kind.extensions && isExtensionKey(key)) continue;
        if (!kind.keyAllowed(key)) return `\`${key}\` is not allowed in ${kind.name}`;
        const problem = kindProblem(kind.value(), item);
        if (problem) return problem;
      }
      return undefined;
    case "object":
      if (!isRecord(value)) return `expected a ${kind.name} object`;
      for (const [key, item] of Object.entries(value)) {
        if (kind.extensions && isExtensionKey(key)) continue;
        const field = kind.fields[key];
        if (!field) return `\`${key}\` is not a ${kind.name} field`;
        const problem = kindProblem(field(), item);
        if (problem) return problem;
      }
      return objectProblem(kind, value);
  }
}

function scalarProblem(
  scalar: "text" | "boolean" | "number" | "integer",
  values: readonly string[] | undefined,
  value: unknown,
): string | undefined {
  switch (scalar) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected true or false";
    case "number":
      return typeof value === "number" ? undefined : "expected a number";
    case "integer":
      return Number.isInteger(value) ? undefined : "expected an integer";
    case "text":
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
        return "expected a scalar";
      if (values && !values.includes(String(value))) return `expected one of ${values.join(", ")}`;
      return undefined;
  }
}

/** Whole-object rules for a finished object of `kind`. */
export function objectProblem(kind: ObjectKind, entries: Entries): string | undefined {
  for (const key of kind.required) if (!(key in entries)) return `${kind.name} without \`${key}\``;
  switch (kind.name) {
    case "Schema":
      return schemaProblem(entries);
    case "Parameter":
      if (entries.in === "path" && entries.required !== true)
        return "path parameter without `required: true`";
      return schemaOrContent(entries);
    case "Header":
      return schemaOrContent(entries);
    case "Security Scheme":
      return securitySchemeProblem(entries);
    default:
      return undefined;
  }
}

/** OpenAPI 3.1 (4.8.12.2, 4.8.21): a parameter or header MUST contain either `schema` or `content`, not both. */
function schemaOrContent(entries: Entries): string | undefined {
  if ("schema" in entries && "content" in entries) return "both `schema` and `content`";
  return "schema" in entries || "content" in entries ? undefined : "neither `schema` nor `content`";
}

/** OpenAPI 3.1 (4.8.27): the fields each type of security scheme REQUIRES. */
export const SECURITY_SCHEME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  apiKey: ["name", "in"],
  http: ["scheme"],
  oauth2: ["flows"],
  openIdConnect: ["openIdConnectUrl"],
};

function securitySchemeProblem(entries: Entries): string | undefined {
  const type = entries.type;
  const missing =
    typeof type === "string" ? SECURITY_SCHEME_FIELDS[type]?.find((key) => !(key in entries)) : undefined;
  return missing === undefined ? undefined : `${String(type)} security scheme without \`${missing}\``;
}

/** Keywords that may stand next to `$ref` in a schema: annotations only, as generators write them. */
export const REF_SIBLINGS = new Set([
  "$ref",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "nullable",
]);

/** The keywords that compose a schema of others. */
export const COMPOSITIONS: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf"]);

/** Keywords that only apply to instances of one JSON type. */
export const TYPE_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  object: [
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "discriminator",
  ],
  array: [
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
  ],
  string: ["minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType", "contentSchema"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
};

/**
 * The formats of JSON Schema 2020-12 and the OpenAPI Format Registry, all of scalars: like `minLength` on an object,
 * `format: date-time` on an object or array says nothing a generator would write (a reading that moved a property's
 * `format` onto its object). Between scalar types they are not judged: real APIs write `type: string, format: int64`
 * and `type: integer, format: date-time`. Formats not listed (Twilio's `uri-map` on objects) may go anywhere.
 */
export const SCALAR_FORMATS: ReadonlySet<string> = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uuid",
  "uri-template",
  "json-pointer",
  "relative-json-pointer",
  "regex",
  "byte",
  "binary",
  "password",
  "int32",
  "int64",
  "float",
  "double",
]);

/**
 * Whether a schema that already holds `entries` may take `key` at all: rules that only get worse as keys are added,
 * checked before the key's value is read so that a wrong reading stops early.
 */
export function schemaKeyProblem(entries: Entries, key: string): string | undefined {
  if ("$ref" in entries && !REF_SIBLINGS.has(key) && !isExtensionKey(key))
    return `\`${key}\` next to \`$ref\``;
  if (key === "$ref") {
    const extra = Object.keys(entries).find(
      (existing) => !REF_SIBLINGS.has(existing) && !isExtensionKey(existing),
    );
    if (extra) return `\`$ref\` next to \`${extra}\``;
  }
  const types = declaredTypes(entries);
  if (!types) return undefined;
  for (const [type, keywords] of Object.entries(TYPE_KEYWORDS)) {
    if (keywords.includes(key) && !keywordFits(type, types))
      return `\`${key}\` on a schema of type ${[...types].join("|")}`;
  }
  return undefined;
}

/**
 * Whether a keyword of JSON type `type` (TYPE_KEYWORDS) may stand on a schema of `types`: its own type, `number`'s on
 * an integer, and a string's on a number, which real specs write (`minLength: 0` on an integer: 77 schemas in 7 of
 * APIs.guru's 549 specs; ClickMeter's had its true reading dead and the one left, its parameters run into a text,
 * written). Not a number's on a string (62 real schemas): Stream writes `maximum` on an array of strings (19), and
 * allowing it on the string left that page one reading, with `maximum` moved onto its items, and wrote it. Since
 * session 42 a string's on an array too: 56 arrays of 14 APIs.guru specs hold `minLength`, `maxLength` or `pattern`
 * after their `items`, and none of the 593 string `items` holding one ends with it; pinecone's `indexed: items: type:
 * string minLength: 0 type: array` was written with the bound moved onto its items, the one reading left. And an
 * object's on an array (79 arrays of 32 specs: thesmsworks' `items: type: object properties: schema: … type: array`
 * was written with `properties` moved onto its items); arrayObjectKeywordsRule decides the common shape.
 */
export function keywordFits(type: string, types: ReadonlySet<string>): boolean {
  if (types.has(type) || (type === "number" && types.has("integer"))) return true;
  return (
    (type === "string" && (types.has("integer") || types.has("number") || types.has("array"))) ||
    (type === "object" && types.has("array"))
  );
}

/**
 * A response's schema that is a `$ref` has no Response for its `default` (the caller knows the schema is a response's
 * media type's): real specs give a referenced schema a scalar default (17 of 152 644 `$ref`s in APIs.guru's specs have
 * a `default`, all an enum's value; none of the 67 273 `$ref` schemas of a request body or response has one). A value
 * holding a `content` there is the responses' own `default:` read into the last response's schema (`schema: $ref: …
 * default: description: Unexpected error content: …`: bbc.co.uk, wikimedia.org; authentiq.io's puts the response's
 * `description` on the schema beside its `$ref` instead). Narrowed after two reviews: any collection (or no sibling
 * at all) wrote pages wrong whose schema's true default was an object (`{title: Untitled}` read as `default: null` and
 * the schema's own `title`, hence no `null` either), and `{description: Untitled}` alone is still read as a default
 * response without content.
 */
export function responseSchemaProblem(schema: Entries): string | undefined {
  if (!("$ref" in schema) || !("default" in schema)) return undefined;
  const value = schema.default;
  if (value === null) return "`default: null` next to a response schema's `$ref`";
  return isRecord(value) && "content" in value
    ? "a Response's `content` in the `default` next to a response schema's `$ref`"
    : undefined;
}

/** The rules of a schema that hold for every part of it already read (all but the ones needing every key). */
export function partialSchemaProblem(schema: Entries): string | undefined {
  if ("$ref" in schema) {
    const extra = Object.keys(schema).find((key) => !REF_SIBLINGS.has(key) && !isExtensionKey(key));
    if (extra) return `\`${extra}\` next to \`$ref\``;
  }
  const types = declaredTypes(schema);
  if (types) {
    for (const [type, keywords] of Object.entries(TYPE_KEYWORDS)) {
      if (keywordFits(type, types)) continue;
      const misplaced = keywords.find((keyword) => keyword in schema);
      if (misplaced) return `\`${misplaced}\` on a schema of type ${[...types].join("|")}`;
    }
    const scalarFormat = typeof schema.format === "string" && SCALAR_FORMATS.has(schema.format);
    if (scalarFormat && [...types].every((type) => type === "object" || type === "array"))
      return `\`format: ${String(schema.format)}\` on a schema of type ${[...types].join("|")}`;
    for (const key of ["default", "const"] as const) {
      if (key in schema && (scalarOffType(schema[key], types) || collectionOffType(schema[key], types)))
        return `\`${key}\` does not match the type`;
    }
    if (Array.isArray(schema.enum) && schema.enum.some((item) => scalarOffType(item, types)))
      return "`enum` value does not match the type";
  }
  if (Array.isArray(schema.required) && isRecord(schema.properties)) return requiredProblem(schema);
  return undefined;
}

function requiredProblem(schema: Entries): string | undefined {
  // A composition's `required` names properties its parts declare (74 such schemas in 14 of APIs.guru's specs).
  if (!isRecord(schema.properties))
    return [...COMPOSITIONS].some((key) => key in schema) ? undefined : "`required` without `properties`";
  const names = schema.properties;
  // Real specs break this (393 names in 45 of APIs.guru's specs: typos, an `allOf` part's properties), but it tells
  // whose `required: - id` a list is where schemas nest: allowed, it cost 4 of DaniWeb's 5 pages, whose rivals could
  // no longer be ruled out within their step limit. A page whose true reading it kills is guarded by
  // swallowedYamlTextRule's refusal (text-rules.ts).
  const unknown = (schema.required as unknown[]).find(
    (name) => !(String(name) in names) && !compositionMayDeclare(schema, String(name)),
  );
  return unknown === undefined
    ? undefined
    : `\`required\` names \`${String(unknown)}\`, which is not in \`properties\``;
}

/**
 * Whether a composition part of `schema` may declare the property `name`: an inline part that lists it, or a `$ref`
 * part, whose target this object-local rule cannot see (figshare's `allOf: - $ref: …Author` beside the properties it
 * adds, with a `required` naming both; 33 such schemas in 5 of APIs.guru's specs). `undeclaredRequiredName` checks
 * the `$ref` parts once the document is whole.
 */
function compositionMayDeclare(schema: Entries, name: string): boolean {
  return compositionParts(schema).some(
    (part) => isRecord(part) && ("$ref" in part || (isRecord(part.properties) && name in part.properties)),
  );
}

function schemaProblem(schema: Entries): string | undefined {
  return partialSchemaProblem(schema) ?? ("required" in schema ? requiredProblem(schema) : undefined);
}

/** The JSON types a schema's `type` names, or undefined when it names none. */
export function declaredTypes(schema: Entries): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  return undefined;
}

/** A value's JSON Schema type (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * Whether an `enum`, `default` or `const` value is a scalar no real spec writes on its schema: any scalar on a schema
 * that only takes objects (an object's `enum` holding a property's `- active`), or a string that is no number on one
 * that only takes numbers (an integer's `enum: - 0 - 1 - 2` read as the one value `0 - 1 - 2`). Real specs put values
 * of other types in these keys often: numbers as strings in a number's `enum` or `default` (2 519 values; 163 other
 * strings, in 5 of APIs.guru's specs), the items' strings in an array's `enum` (187 in 12), `null`, an object in a
 * string's `enum` (Enode's); a scalar on an object, in one spec's `default`s only.
 */
function scalarOffType(value: unknown, types: ReadonlySet<string>): boolean {
  const type = jsonType(value);
  if (type === "null" || type === "object" || type === "array") return false;
  if ([...types].every((held) => held === "object")) return true;
  const numeric = [...types].every((held) => held === "integer" || held === "number" || held === "null");
  return numeric && type === "string" && !NUMBER_TEXT.test(String(value).trim());
}

const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * Whether a `default` or `const` is an object or a list on a schema whose type is not that (1 real `default`, Vercel's
 * list on a string; none the other way). A string's `default:` followed by a mapping is the Responses object's
 * `default` response (Telstra's `schema: example: en-au type: string default: content: …`), and an array's
 * `default: found: 0 …` is the object before it run on (OpenAQ's `meta: … default: {…} title: Meta results: …
 * type: array`): this rule alone tells them apart.
 */
function collectionOffType(value: unknown, types: ReadonlySet<string>): boolean {
  const type = jsonType(value);
  return (type === "object" || type === "array") && !types.has(type);
}

/**
 * A `required` name that neither a schema's `properties` nor any of its composition parts declares, following the
 * parts' local `$ref`s through the whole document (the check `compositionMayDeclare` leaves to the end): of 178 such
 * names in APIs.guru's specs, 177 are declared by a part's `properties`; the one that is not is no property name
 * (`array[integer](optional)`). A reading that joined two list items (`- url_name - orcid_id`) breaks it. Strict: a
 * part that does not resolve, or lists no properties (a map's `additionalProperties`), declares nothing, or a review's
 * `required` list, dead where it belongs, was moved into a nested property whose part names an external schema.
 */
export function undeclaredRequiredName(document: Entries): string | undefined {
  const declares = (part: unknown, name: string, seen: Set<unknown>): boolean => {
    if (!isRecord(part) || seen.has(part)) return false;
    seen.add(part);
    if (typeof part.$ref === "string") {
      const target = resolveRef(document, part.$ref);
      return target !== undefined && declares(target, name, seen);
    }
    if (isRecord(part.properties) && name in part.properties) return true;
    return compositionParts(part).some((inner) => declares(inner, name, seen));
  };
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    if (!isRecord(value)) continue;
    pending.push(...Object.values(value));
    if (!Array.isArray(value.required) || !isRecord(value.properties)) continue;
    const parts = compositionParts(value);
    if (!parts.some((part) => isRecord(part) && "$ref" in part)) continue;
    const properties = value.properties;
    const undeclared = value.required.find(
      (name) =>
        !(String(name) in properties) && !parts.some((part) => declares(part, String(name), new Set())),
    );
    if (undeclared !== undefined) return String(undeclared);
  }
  return undefined;
}

function compositionParts(schema: Entries): unknown[] {
  return [...COMPOSITIONS].flatMap((key) => (Array.isArray(schema[key]) ? schema[key] : []));
}
