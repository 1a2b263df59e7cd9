/**
 * Evidence from an example's own schema: an example is an instance of the schema beside it, so its JSON type is one
 * the schema's `type` allows and, where the schema lists its `properties` (and allows no others by a schema of its
 * own), its keys are among them, at every depth the schema describes inline. OpenAPI says an example SHOULD match
 * its schema, not MUST: a habit of the site's writers, never exact, so it only rules out a reading that breaks it
 * more than the preferred one (recover-collapsed.ts `decide`).
 *
 * Problem names say which schema's example breaks it.
 */
import { isRecord } from "../shared/openapi.ts";
import { readKey, readSpacedName, splitWords } from "./collapsed-text.ts";
import {
  type Entries,
  type EvidenceRule,
  forEachObject,
  insideExampleData,
  insideFreeValue,
  objectClass,
  type Path,
} from "./evidence.ts";
import { declaredTypes, jsonType } from "./model-rules.ts";
import { EXAMPLE_ENTRY_KEYS, JSON_TYPES, SCHEMA } from "./openapi-model.ts";
import { componentTarget } from "./reading-stack.ts";

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
 * The components a page carries are the ones its operations use: each is referenced by one of the document's own
 * objects (a schema or a reference), not only from inside an example's, a default's or an extension's data. None of
 * the 29 653 pages cut from the 549 APIs.guru specs carries a component used only so (the cut copies a component that
 * only data refers to onto no page, as the site does). Where an example's value could take the schema's `properties:`
 * that follows it, and the `$ref`s to components inside them (waterlinked's `example: mode: ap … properties: mode:
 * $ref: …`), that reading leaves a component unused. Judged where it becomes certain, as the `$ref` is read into the
 * data: when the page names the component nowhere else (its definition and its `title` aside), no later word can use
 * it. A review wrote pages wrong through uses the first form missed, each named otherwise than by a whole `$ref`: a
 * JSON pointer into the component (`#/components/schemas/Address/properties/zip`) and a discriminator's `mapping: {cat:
 * Cat}`. A habit (`collapsedYaml`: the page's YAML as the reader reads it).
 */
export function usedComponentsRule(collapsedYaml: string): EvidenceRule {
  const mentions = new Map<string, number>();
  const mentionsOf = (name: string): number => {
    let count = mentions.get(name);
    if (count === undefined) {
      count = 0;
      for (let at = collapsedYaml.indexOf(name); at >= 0; at = collapsedYaml.indexOf(name, at + name.length))
        if (
          !NAME_CHAR.test(collapsedYaml[at - 1] ?? "") &&
          !NAME_CHAR.test(collapsedYaml[at + name.length] ?? "")
        )
          count += 1;
      // Its definition (` Name: `) and its title (`title: Name`, `title: >- Name`) are not uses.
      for (const own of [` ${name}: `, `title: ${name} `, `title: >- ${name} `])
        if (collapsedYaml.includes(own)) count -= 1;
      mentions.set(name, count);
    }
    return count;
  };
  return {
    name: "components are used by the page's schemas, not only by example data",
    exact: false,
    sees: "scalars",
    problems(path, entries) {
      const ref = entries.find(([key]) => key === "$ref")?.[1];
      const [section, name] = (typeof ref === "string" && componentTarget(ref)) || [];
      if (section === undefined || name === undefined || section === "securitySchemes") return [];
      if (!collapsedYaml.includes(` ${name}: `) || mentionsOf(name) !== 1) return [];
      if (objectClass(path, entries) !== undefined) return [];
      return [`${path.join("/")}: the only reference to ${section}/${name}, inside example data`];
    },
  };
}

/**
 * Example data holds no schema: an object inside an example, a default or a constant that restates its own keys as
 * the schemas of a `properties` map (isSchemaData) is the schema's own keywords that the example's value ran on into.
 * D7 Networks' `example: content: … to: 971562316353 properties: content: description: Message Content type: string
 * …` (the request schema's `properties`, `required`, `title` and `type`, or the example's keys?), and Google Home's,
 * Telstra's and Water Linked's response schemas. A habit: no object in the 2 639 APIs.guru specs is so (32 of the
 * 69 910 objects inside their example data hold `properties` beside a schema at all, in 7 specs, each naming other
 * things); a site whose clean pages write one (`siteWritesSchemaData`) has the rule off. Judged as soon as the object
 * holds its `properties`, so a rival dies there rather than at the end of the example. The rule decides nothing where
 * its reading orders a schema as no sorting writer does (propertiesAfterTypeAndData). **Known limit** (a review's): a
 * record that really carries its own schema, in a schema written with sorted keys, reads as the schema's properties.
 */
export function dataHoldsNoSchemaRule(siteWritesSchemaData: boolean): EvidenceRule | undefined {
  if (siteWritesSchemaData) return undefined;
  return {
    name: "example data holds no schema (`properties: name: type: string`)",
    exact: false,
    problems: (path, entries) => [
      ...(isSchemaData(path, entries)
        ? [`${path.join("/")}: example data holding a schema's properties`]
        : []),
      ...(propertiesAfterTypeAndData(entries)
        ? [`${path.join("/")}: \`properties\` after its \`type\` and its example data`]
        : []),
    ],
  };
}

/**
 * An object whose `properties` follow its `example` (or `default`, `const`), which follows its `type`: the order the
 * rule's preferred reading gives a schema written `type: object example: …` whose example's value really holds
 * `properties` (a record with its own schema), or a media type's `schema: type: object example: …` whose example it
 * moves into the schema. Writers that sort keys (the site's, APIs.guru's) put `type` last, so the rule decides nothing
 * where its reading has this order: of a second review's 23 invented pages written wrong without it, 22 are refused.
 */
function propertiesAfterTypeAndData(entries: Entries): boolean {
  const at = (key: string) => entries.findIndex(([held]) => held === key);
  const type = at("type");
  const properties = at("properties");
  return type >= 0 && ["example", "default", "const"].some((key) => at(key) > type && properties > at(key));
}

/** Whether a clean document's example data holds a schema's `properties` (the site's own, so the rule is off). */
export function holdsSchemaData(document: unknown): boolean {
  let found = false;
  forEachObject(document, [], (path, entries) => {
    found ||= isSchemaData(path, entries);
  });
  return found;
}

/**
 * An object inside example data whose keys before `properties` (one or more, none a Schema object's field) all name
 * properties inside it and name every schema at its top, and which holds a schema beside them (a `type` naming a JSON
 * type, or a local `$ref`, on the object or at any depth in its values). An example is an instance of its schema, so
 * where the schema's words ran on into the example's value, the value's keys come back as the names in `properties`:
 * D7 Networks' `example: content: … from: … to: … properties: content: … from: … to: …`. Names at any depth count,
 * since a rival may nest the schema's words in any way the model allows (`to` inside `from` inside `content`); so
 * does a schema anywhere beside them (`properties` closed early and `items: type: string` after it). Data that really
 * holds a schema names other things (a form's `id` and `label` before its fields' `properties`): a review wrote 19
 * such invented pages wrong when the rule judged any data key.
 */
function isSchemaData(path: Path, entries: Entries): boolean {
  const at = entries.findIndex(([key]) => key === "properties");
  if (at < 1) return false;
  const properties = (entries[at] as Entries[number])[1];
  if (!isRecord(properties) || !insideExampleData(path)) return false;
  const before = entries.slice(0, at).map(([key]) => key);
  if (before.some((key) => Object.hasOwn(SCHEMA.fields, key))) return false;
  // Each schema the map holds at its top is a property the value has: a registry's `name: Person properties: name: …
  // age: …` describes other things. (Other entries there, `items: type: string` among them, are the schema's words a
  // rival nested otherwise.)
  const covered = Object.entries(properties).every(
    ([name, schema]) =>
      before.includes(name) ||
      Object.hasOwn(SCHEMA.fields, name) ||
      !isRecord(schema) ||
      !isSchema(Object.entries(schema)),
  );
  if (!covered) return false;
  const names = new Set<string>();
  collectKeys(properties, names, 0);
  return (
    before.every((key) => names.has(key)) &&
    (isSchema(entries) || entries.some(([, value]) => holdsSchema(value, 0)))
  );
}

/** Adds every mapping key in `value`, at any depth, to `names`. */
function collectKeys(value: unknown, names: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) for (const item of value) collectKeys(item, names, depth + 1);
  else if (isRecord(value))
    for (const [key, item] of Object.entries(value)) {
      names.add(key);
      collectKeys(item, names, depth + 1);
    }
}

/** Whether an object's entries make it a schema: a `type` naming a JSON type, or a local `$ref`. */
function isSchema(entries: Entries): boolean {
  const type = entries.find(([key]) => key === "type")?.[1];
  const ref = entries.find(([key]) => key === "$ref")?.[1];
  return (
    (typeof type === "string" && JSON_TYPE_NAMES.has(type)) ||
    (typeof ref === "string" && ref.startsWith("#/"))
  );
}

/** Whether `value` is, or holds at any depth, a schema (isSchema). */
function holdsSchema(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => holdsSchema(item, depth + 1));
  if (!isRecord(value)) return false;
  return isSchema(Object.entries(value)) || Object.values(value).some((item) => holdsSchema(item, depth + 1));
}

/** The model's JSON types (openapi-model.ts), for lookups. */
const JSON_TYPE_NAMES: ReadonlySet<string> = new Set(JSON_TYPES);

/** Characters a component name may hold around a mention of another name (`Pet` inside `PetList` is no mention). */
const NAME_CHAR = /[A-Za-z0-9_.-]/;

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
 * Where an examples map's names hold spaces (Postman's converter: `New User`, `New User with MySQL Auth Plugin`), a
 * later name is read as one word (reading-steps.ts `spacedName`: text before it could take its first words), so a
 * value ending in words may have taken them: DigitalOcean's `role: normal New User with MySQL Auth Plugin: value:`
 * was written as the role `normal New User with MySQL Auth` and an example named `Plugin`. A later name after an
 * example whose last value is a text of several words is refused (`refuses`), never decided.
 */
export function spacedExampleNamesRule(): EvidenceRule {
  return {
    name: "a later example name may hold spaces",
    exact: false,
    refuses: true,
    problems(path, entries, complete) {
      if (!complete || entries.length < 2 || !entries.some(([name]) => name.includes(" "))) return [];
      const [name, value] = entries[0] as Entries[number];
      if (!isRecord(value) || !objectClass([...path, name], Object.entries(value))?.includes("Example"))
        return [];
      return entries
        .filter((_, index) => index > 0 && endsWithWords(entries[index - 1]?.[1]))
        .map(([later]) => `${[...path, later].join("/")}: a name that could start with the words before it`);
    },
  };
}

/**
 * Example names are whole: where the page shows a name of several words whole (an examples map's first name, or a name
 * after a quoted value, which cannot run on), a reading that splits it where the page writes it again, the example
 * before ending with its first words and the next named by its last ones, breaks the habit. The words a plain value
 * before a later name ends with could be the name's first words (reading-steps.ts `beforeSpacedNames`): Azure's
 * operations list their examples on every parameter and response, `value: testrg123 Get App Service plan: value: …`,
 * the response's map naming `Get App Service plan` first. Only that split: a name that is merely another's last words
 * is real (17 of the 4 277 APIs.guru operations with a spaced example name have one: QuickBooks' `Sandbox`,
 * DigitalOcean's `New User` beside `Add New User`), and a review's pages were written wrong when any such name broke
 * the habit (`role: normal user New User:` read as `role: normal` and `user New User`).
 */
export function exampleNamesRule(yaml: string): EvidenceRule | undefined {
  const whole = wholeExampleNames(yaml);
  if (whole.size === 0) return undefined;
  const problem = (path: Path, before: unknown, key: string): string[] => {
    if (path[path.length - 1] !== "examples" || insideFreeValue(path.slice(0, -1))) return [];
    const text = lastText(isRecord(before) ? before.value : undefined);
    const split = [...whole].find((name) => {
      if (name === key || !name.endsWith(` ${key}`)) return false;
      const start = name.slice(0, -key.length - 1);
      return text === start || text?.endsWith(` ${start}`) === true;
    });
    return split ? [`${[...path, key].join("/")}: the last words of the example name \`${split}\``] : [];
  };
  return {
    name: "example names are whole (the page shows a name whole)",
    exact: false,
    keyProblems: (path, entries, key) => problem(path, entries[entries.length - 1]?.[1], key),
    problems: (path, entries) =>
      entries.flatMap(([key], index) => (index > 0 ? problem(path, entries[index - 1]?.[1], key) : [])),
  };
}

/**
 * Examples alike hold one value: in an examples map, where every other example's value is the same text (two at
 * least), one example's value is not that text with words after it (since session 40 whatever the names: mixedreality's
 * one-word names before `Update spatial anchors account`, spaced-names.ts `endAfterAlikeValue`). Azure's parameters give each
 * example the same value, `value: E09A4E93-… Creates a new customer subscription under a registration.: value:
 * E09A4E93-…`, and the text's words could be the next name's first (reading-steps.ts `beforeSpacedNames`). A habit of
 * values that are texts: none of the 3 741 examples maps of two or more in the APIs.guru specs breaks it (but a value
 * with trailing spaces). Not judged inside example data, where 3 maps do (codat's `status: Active`, thrice, and
 * `Active Status`). **Known limit** (a review's): a map whose values really are `x`, `x` and `x y`, a later name after
 * `x y`, is written with `y` in that name.
 */
export function alikeExampleValuesRule(): EvidenceRule {
  return {
    name: "examples alike hold one value (none adds words to the others')",
    exact: false,
    problems(path, entries, complete) {
      if (!complete || path[path.length - 1] !== "examples" || insideFreeValue(path.slice(0, -1))) return [];
      if (entries.length < 3) return [];
      const values = entries.map(
        ([name, example]) => [name, isRecord(example) ? example.value : undefined] as const,
      );
      return values.flatMap(([name, value]) => {
        const others = new Set(values.filter(([other]) => other !== name).map(([, each]) => each));
        const [common] = others;
        const adds = typeof value === "string" && typeof common === "string" && others.size === 1;
        return adds && common !== "" && value.startsWith(`${common} `)
          ? [`${[...path, name].join("/")}: value adds words to the other examples' \`${common}\``]
          : [];
      });
    },
  };
}

/** Example names of several words that the page's text shows whole, each followed by a key an example starts with. */
function wholeExampleNames(yaml: string): Set<string> {
  const words = splitWords(yaml);
  const names = new Set<string>();
  for (const [index, word] of words.entries()) {
    const opens = word.text === "examples:" || (/[^:]['"]$/.test(word.text) && !readKey(words, yaml, index));
    if (!opens) continue;
    const name = readSpacedName(words, yaml, index + 1);
    const next = name && readKey(words, yaml, name.next);
    if (name && next && EXAMPLE_ENTRY_KEYS.has(next.value)) names.add(name.value);
  }
  return names;
}

/** Whether the last scalar of `value` (in the order read) is a text of several words. */
function endsWithWords(value: unknown): boolean {
  return lastText(value)?.trim().includes(" ") === true;
}

/** The last scalar of `value` in the order read, where it is a text. */
function lastText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return lastText(value[value.length - 1]);
  if (isRecord(value)) return lastText(Object.values(value).pop());
  return undefined;
}
