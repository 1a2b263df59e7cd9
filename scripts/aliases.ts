/**
 * Aliases stage: a ts-morph pass over openapi-typescript's output that adds one readable exported alias per schema.
 * First version: names come from the schema names with the docs site's hoisting noise removed.
 */
import { Project, type SourceFile } from "ts-morph";
import type { OpenAPI3 } from "./openapi.ts";

/** A chosen alias: the exported name and the type it stands for. */
export interface Alias {
  name: string;
  target: string;
  source: string;
}

/** Decodes a hoisted schema name (`V1Spaces…PostResponsesContentApplicationJsonSchemaEndpoint0`) to a short one. */
export function readableSchemaName(schemaName: string): string {
  const hoisted = /(?:RequestBody|Responses)ContentApplicationJsonSchema(.*)$/.exec(schemaName);
  const core = hoisted?.[1] ? hoisted[1] : schemaName.replace(/_Response_(\d+)$/, "Response");
  return toPascalCase(core) || "Schema";
}

export function toPascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("")
    .replace(/^[0-9]+/, "");
}

/** One alias per schema; clashing names get a numeric suffix in sorted schema order. */
export function planAliases(document: OpenAPI3): Alias[] {
  const taken = new Set<string>();
  return Object.keys(document.components?.schemas ?? {}).map((schema) => {
    const base = readableSchemaName(schema);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return { name, target: `components["schemas"][${JSON.stringify(schema)}]`, source: `schema ${schema}` };
  });
}

/** Adds the aliases to the openapi-typescript source and returns the new text. */
export function addAliases(typesSource: string, document: OpenAPI3): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file: SourceFile = project.createSourceFile("schema.ts", typesSource);
  file.addTypeAliases(
    planAliases(document).map((alias) => ({
      name: alias.name,
      type: alias.target,
      isExported: true,
      docs: [`Alias of ${alias.source.replace(/\*\//g, "*\\/")}.`],
    })),
  );
  return file.getFullText();
}
