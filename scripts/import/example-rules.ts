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
import { type Entries, type EvidenceRule, objectClass, type Path } from "./evidence.ts";
import { declaredTypes, jsonType } from "./model-rules.ts";
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

/** Whether the last scalar of `value` (in the order read) is a text of several words. */
function endsWithWords(value: unknown): boolean {
  if (typeof value === "string") return value.trim().includes(" ");
  if (Array.isArray(value)) return endsWithWords(value[value.length - 1]);
  if (isRecord(value)) return endsWithWords(Object.values(value).pop());
  return false;
}
