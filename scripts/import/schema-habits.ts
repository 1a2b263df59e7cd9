/**
 * Evidence from how real specs write schemas where the model allows more than writers use.
 */
import { isRecord } from "../shared/openapi.ts";
import { classMemo, type Entries, type EvidenceRule, type Path } from "./evidence.ts";

/**
 * An array's `items` that is a reference (`items: $ref: '#/components/schemas/InputImage'`) holds nothing beside it:
 * 16 of the 15 848 such references of the 557 APIs.guru specs do (a `description` 7, `nullable` 8, `type` 1; OpenAPI
 * 3.0 ignored a reference's siblings), and none holds a `title`. A key after the reference that the array lacks is the
 * array's: FaceCheck's `input: items: $ref: … nullable: true type: array` and Getty Images' arrays, in APIs.guru's
 * sorted key order, read as well with the key on the items (every such page with no clean one was refused). The rank
 * tries the items last, and an array whose items' reference holds a key the array lacks breaks the habit; where the
 * array already has that key, nothing is judged (a review's `tags: description: … items: $ref: … description: One
 * tag` had its items' text moved to the schema around the array). A habit, never exact: an invented page describing its
 * items' reference there, its array undescribed, is written with the description on the array.
 */
export function itemsReferenceRule(): EvidenceRule {
  const classOf = classMemo();
  const isSchema = (path: Path, entries: Entries) => classOf(path, entries)?.startsWith("Schema") === true;
  return {
    name: "an `items` reference holds nothing beside it (`items: $ref: … nullable:`)",
    exact: false,
    problems(path, entries, complete) {
      const items = entries.find(([key]) => key === "items")?.[1];
      if (!complete || !isRecord(items) || typeof items.$ref !== "string" || !isSchema(path, entries))
        return [];
      const own = new Set(entries.map(([key]) => key));
      return Object.keys(items)
        .filter((key) => key !== "$ref" && !own.has(key))
        .map((key) => `${path.join("/")}/items: the reference holds ${key}`);
    },
    rank: (path, entries, key) =>
      key !== "$ref" &&
      path.at(-1) === "items" &&
      path.at(-2) !== "properties" &&
      entries.some(([name]) => name === "$ref")
        ? 1
        : 0,
  };
}
