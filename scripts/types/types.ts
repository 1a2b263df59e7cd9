/**
 * Types stage: openapi-typescript's transform on the merged document, printed to TypeScript source.
 *
 * openapi-typescript's default entry (`openapiTS`) first runs its own bundled @redocly/openapi-core over the
 * document: a lint (only `operation-operationId-unique` is on by default) and a bundle that inlines external
 * `$ref`s. Here both are redundant — the validate stage has already refused every external or unresolved `$ref`
 * and every duplicate operationId, naming the input file — and at 1,000 endpoints they were half of this stage.
 * So this stage calls openapi-typescript's exported `transformSchema` with the context `openapiTS` would build.
 * test/types/types.test.ts checks the output stays identical to `openapiTS`'s, but for one helper replaced here
 * (`WithRequired`, see nullableWithRequired).
 */
import {
  astToString,
  type GlobalContext,
  type OpenAPITSOptions,
  resolveRef,
  scanDiscriminators,
  transformSchema,
} from "openapi-typescript";
import ts from "typescript";
import type { OpenAPI3 } from "../shared/openapi.ts";

/**
 * A `format: binary` string is a file: the client sends (and types) it as a Blob, File, bytes or a stream, which is
 * what its multipart and binary bodies take (src/body.ts).
 */
function binaryAsFile(schema: { type?: unknown; format?: unknown }): ts.TypeNode | undefined {
  if (schema.format !== "binary" || schema.type !== "string") return undefined;
  const reference = (name: string, argument?: string) =>
    ts.factory.createTypeReferenceNode(
      name,
      argument ? [ts.factory.createTypeReferenceNode(argument)] : undefined,
    );
  return ts.factory.createUnionTypeNode([
    reference("Blob"),
    reference("Uint8Array"),
    reference("ArrayBuffer"),
    reference("ReadableStream", "Uint8Array"),
  ]);
}

/** The options the generator runs openapi-typescript with (the bench's "alone" run uses its defaults). */
export const TYPES_OPTIONS = {
  silent: true,
  // Our aliases stage names every schema; openapi-typescript's own root types would be a second, worse name.
  rootTypes: false,
  // `type: object` with no properties means any object in JSON Schema: `Record<string, unknown>`, not `never`.
  emptyObjectsUnknown: true,
  transform: binaryAsFile,
} as const satisfies OpenAPITSOptions;

/**
 * True when some object in the document has a `discriminator` member. Without one, openapi-typescript's
 * scanDiscriminators finds nothing and changes nothing, but still walks the document twice building a path array
 * for every node; this check walks it once and stops at the first hit.
 */
function hasDiscriminator(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(hasDiscriminator);
  return Object.hasOwn(value, "discriminator") || Object.values(value).some(hasDiscriminator);
}

/**
 * `openapiTS`'s context for TYPES_OPTIONS, field for field (openapi-typescript 7.13's defaults). `redoc` is left
 * out: only `openapiTS`'s lint and bundle read it, never the transforms.
 */
function contextFor(schema: OpenAPI3): Omit<GlobalContext, "redoc"> {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: hasDiscriminator(schema)
      ? scanDiscriminators(schema, TYPES_OPTIONS)
      : { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: TYPES_OPTIONS.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: TYPES_OPTIONS.rootTypes,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    silent: TYPES_OPTIONS.silent,
    inject: undefined,
    transform: TYPES_OPTIONS.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: <T>($ref: string): T | undefined =>
      resolveRef<T>(schema, $ref, { silent: TYPES_OPTIONS.silent }),
  };
}

/** Generates openapi-typescript's `paths`/`components`/`operations` declarations for the validated, merged document. */
export function generateTypes(document: OpenAPI3): string {
  // openapi-typescript mutates parts of the schema it is given (discriminator enums are patched in place), so it
  // gets a copy.
  const schema = structuredClone(document);
  // `redoc` is the one field the transforms never read (see contextFor).
  const nodes = transformSchema(schema, contextFor(schema) as GlobalContext);
  return astToString(nodes.map((node) => (isWithRequiredHelper(node) ? nullableWithRequired() : node)));
}

/**
 * openapi-typescript's helper for a schema that lists `required` beside an `allOf` of references,
 * `WithRequired<T, K extends keyof T>`, does not compile when the referenced schema is nullable (`keyof (X | null)`
 * is `never`; Plaid's spec has such schemas). This one reads the same for every object type and keeps the null:
 * `WithRequired<X | null, "a">` is `(X & { a: X["a"] }) | null`, as JSON Schema's `required` says nothing of null.
 */
function nullableWithRequired(): ts.TypeAliasDeclaration {
  const source = ts.createSourceFile(
    "with-required.ts",
    "type WithRequired<T, K extends keyof NonNullable<T>> = T extends null ? T : T & { [P in K & keyof T]-?: T[P] };",
    ts.ScriptTarget.ES2022,
  );
  return source.statements[0] as ts.TypeAliasDeclaration;
}

function isWithRequiredHelper(node: ts.Node): boolean {
  return ts.isTypeAliasDeclaration(node) && node.name.text === "WithRequired";
}
