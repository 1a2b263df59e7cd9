/**
 * Types stage: openapi-typescript's Node API on the merged document, printed to TypeScript source.
 */
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "./openapi.ts";

/** Generates openapi-typescript's `paths`/`components`/`operations` declarations for the merged document. */
export async function generateTypes(document: OpenAPI3): Promise<string> {
  // openapi-typescript mutates parts of the schema it is given (it resolves and annotates in place), so it gets a copy.
  const nodes = await openapiTS(structuredClone(document), {
    silent: true,
    // Our aliases stage names every schema; openapi-typescript's own root types would be a second, worse name.
    rootTypes: false,
  });
  return astToString(nodes);
}
