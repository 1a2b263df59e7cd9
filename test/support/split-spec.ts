/**
 * Splits one large OpenAPI 3.1 document into per-endpoint documents the way the docs site publishes them:
 * one path and method per page, an `Authorization` header parameter where the API wants bearer auth, the servers,
 * every schema the page uses inlined and then hoisted again under long page-specific names
 * (`V1SpacesIdRuntimesPostResponsesContentApplicationJsonSchemaStatus`, title = name) so shared enums repeat under
 * different names, response schemas named `<scope>_<operation>_Response_<code>`, operationIds with the scope dropped
 * (so they are reused across paths, and some are a bare `get`), and every seventh page "scraped" (`<…>` lost from
 * its descriptions, as seed page 002). Recursive schemas cannot be inlined and keep their own name.
 */

import { refSegments, resolveRef, schemaRefName, visitRefs } from "../../scripts/merge/refs.ts";
import { HTTP_METHODS, isRecord, type OpenAPI3, type SpecFile } from "../../scripts/shared/openapi.ts";

type Json = Record<string, unknown>;

const BEARER = "Use Bearer <api-key>.";
const SCRAPED_BEARER = "Use Bearer .";

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function camel(text: string): string {
  const p = pascal(text);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

/** Names of schemas that reach themselves through references: the site cannot inline those. */
function recursiveSchemas(source: OpenAPI3): Set<string> {
  const schemas = (source.components?.schemas ?? {}) as Json;
  const edges = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(schemas)) {
    const targets: string[] = [];
    visitRefs(schema, (ref) => {
      const target = schemaRefName(ref);
      if (target !== undefined) targets.push(target);
    });
    edges.set(name, targets);
  }
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    (edges.get(from) ?? []).some((next) => {
      if (next === to) return true;
      if (seen.has(next)) return false;
      seen.add(next);
      return reaches(next, to, seen);
    });
  return new Set([...edges.keys()].filter((name) => reaches(name, name)));
}

interface PageContext {
  source: OpenAPI3;
  recursive: Set<string>;
  /** The page's components.schemas, filled as schemas are hoisted. */
  out: Json;
}

function deref(source: OpenAPI3, value: unknown): unknown {
  let node = value;
  while (isRecord(node) && typeof node.$ref === "string") node = resolveRef(source, node.$ref);
  return structuredClone(node);
}

/** Copies a recursive schema and everything it references, under their own names. */
function copyWithClosure(context: PageContext, name: string): void {
  if (name in context.out) return;
  const schema = structuredClone(((context.source.components?.schemas ?? {}) as Json)[name]);
  context.out[name] = schema;
  visitRefs(schema, (ref) => {
    const target = schemaRefName(ref);
    if (target !== undefined) copyWithClosure(context, target);
  });
}

/** The schema with named schemas inlined (except recursive ones) and its nested enums and objects hoisted. */
function flatten(context: PageContext, schema: unknown, name: string): unknown {
  const target = isRecord(schema) && typeof schema.$ref === "string" ? schemaRefName(schema.$ref) : undefined;
  if (target !== undefined && context.recursive.has(target)) {
    copyWithClosure(context, target);
    return schema;
  }
  const node = deref(context.source, schema);
  if (!isRecord(node)) return node;
  const result: Json = { ...node };
  if (isRecord(node.properties))
    result.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, value]) => [
        key,
        hoist(context, value, `${name}${pascal(key)}`),
      ]),
    );
  if (node.items !== undefined) result.items = hoist(context, node.items, `${name}Items`);
  if (isRecord(node.additionalProperties))
    result.additionalProperties = hoist(context, node.additionalProperties, `${name}Value`);
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const variants = node[key];
    if (!Array.isArray(variants)) continue;
    // A discriminator mapping must name each variant, so mapped variants are always hoisted.
    const mapped = isRecord(node.discriminator) && isRecord(node.discriminator.mapping);
    const hoisted = variants.map((variant, index) => hoist(context, variant, `${name}${index}`, mapped));
    result[key] = hoisted;
    if (isRecord(node.discriminator) && isRecord(node.discriminator.mapping))
      result.discriminator = {
        ...node.discriminator,
        mapping: remap(node.discriminator.mapping, variants, hoisted),
      };
  }
  return result;
}

/** A discriminator mapping pointed at the source's variant names; point it at the page's hoisted names. */
function remap(mapping: Json, variants: unknown[], hoisted: unknown[]): Json {
  const byName = new Map<string, unknown>();
  variants.forEach((variant, index) => {
    const name =
      isRecord(variant) && typeof variant.$ref === "string" ? schemaRefName(variant.$ref) : undefined;
    if (name !== undefined) byName.set(name, (hoisted[index] as Json).$ref);
  });
  return Object.fromEntries(
    Object.entries(mapping).map(([key, value]) => {
      const name = String(value).includes("/") ? schemaRefName(String(value)) : String(value);
      return [key, byName.get(name ?? "") ?? value];
    }),
  );
}

/** Flattens, then hoists an enum, an object with properties or a oneOf under `name` and refers to it. */
function hoist(context: PageContext, schema: unknown, name: string, always = false): unknown {
  const flat = flatten(context, schema, name);
  if (!isRecord(flat) || typeof flat.$ref === "string") return flat;
  const hoistable =
    always || Array.isArray(flat.enum) || isRecord(flat.properties) || Array.isArray(flat.oneOf);
  if (!hoistable) return flat;
  context.out[name] = { ...flat, title: name };
  return { $ref: `#/components/schemas/${name}` };
}

function withContent(
  context: PageContext,
  holder: unknown,
  prefix: string,
  rootName?: (media: string) => string,
): unknown {
  const node = deref(context.source, holder);
  if (!isRecord(node) || !isRecord(node.content)) return node;
  const content = Object.fromEntries(
    Object.entries(node.content).map(([media, mediaObject]) => {
      if (!isRecord(mediaObject) || mediaObject.schema === undefined) return [media, mediaObject];
      const hoistPrefix = `${prefix}Content${pascal(media)}Schema`;
      const flat = flatten(context, mediaObject.schema, hoistPrefix);
      if (!rootName || !isRecord(flat) || typeof flat.$ref === "string")
        return [media, { ...mediaObject, schema: flat }];
      const name = rootName(media);
      context.out[name] = { ...flat, title: name };
      return [media, { ...mediaObject, schema: { $ref: `#/components/schemas/${name}` } }];
    }),
  );
  return { ...node, content };
}

/** A parameter whose schema names a component: the page carries that schema too, inlined and hoisted. */
function withSchema(context: PageContext, parameter: unknown, prefix: string): unknown {
  if (!isRecord(parameter) || parameter.schema === undefined) return parameter;
  return {
    ...parameter,
    schema: hoist(context, parameter.schema, `${prefix}${pascal(String(parameter.name))}`),
  };
}

/**
 * Components other than schemas that the page still names (response links, shared examples, …), copied with
 * everything they name in turn; a schema named from inside them is copied under its own name.
 */
function carryComponents(context: PageContext, value: unknown): Record<string, Json> {
  const carried: Record<string, Json> = {};
  const carry = (node: unknown) =>
    visitRefs(node, (ref) => {
      const [root, kind, name, ...rest] = refSegments(ref) ?? [];
      if (root !== "components" || kind === undefined || name === undefined || rest.length > 0) return;
      if (kind === "schemas") {
        if (!(name in context.out)) copyWithClosure(context, name);
        return;
      }
      const named = carried[kind] ?? {};
      carried[kind] = named;
      if (name in named) return;
      named[name] = structuredClone(
        ((context.source.components ?? {}) as Record<string, Json>)[kind]?.[name],
      );
      carry(named[name]);
    });
  carry(value);
  return carried;
}

/**
 * The page's schemas that its operation uses, directly or through each other, in the order hoisted: a response whose
 * media types share one root name hoists the first one's parts too, and the site carries only what a page uses.
 */
function usedSchemas(schemas: Record<string, unknown>, from: unknown[]): Record<string, unknown> {
  const used = new Set<string>();
  const visit = (node: unknown) =>
    visitRefs(node, (ref) => {
      const [root, kind, name, ...rest] = refSegments(ref) ?? [];
      if (root !== "components" || kind !== "schemas" || name === undefined || rest.length > 0) return;
      if (used.has(name) || !(name in schemas)) return;
      used.add(name);
      visit(schemas[name]);
    });
  for (const node of from) visit(node);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

/** One page per path and method, in the source's order. */
export function splitSpec(source: OpenAPI3): SpecFile[] {
  const recursive = recursiveSchemas(source);
  const pages: SpecFile[] = [];
  for (const [path, item] of Object.entries(source.paths ?? {})) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      pages.push(page(source, recursive, path, method, item, operation, pages.length));
    }
  }
  return pages;
}

function page(
  source: OpenAPI3,
  recursive: Set<string>,
  path: string,
  method: string,
  item: Json,
  operation: Json,
  index: number,
): SpecFile {
  const context: PageContext = { source, recursive, out: {} };
  const scraped = index % 7 === 3;
  const auth = scraped ? SCRAPED_BEARER : BEARER;
  const sourceId = String(operation.operationId ?? `${method}-${path}`);
  const [scope, ...rest] = sourceId.split("-");
  const key = rest.length > 0 ? rest.join("-") : sourceId;
  const verb = rest[rest.length - 1] ?? "";
  const pageId = (verb === "get" || verb === "delete") && index % 3 === 0 ? verb : key;
  const tag = rest.length > 0 ? `subpackage_${scope}` : "subpackage_misc";
  const prefix = pascal(path.replace(/[{}]/g, "")) + pascal(method);

  const security = (operation.security ?? source.security) as Json[] | undefined;
  const bearer = security !== undefined && JSON.stringify(security) === JSON.stringify([{ bearerAuth: [] }]);
  const parameters = [
    ...((item.parameters as unknown[]) ?? []),
    ...((operation.parameters as unknown[]) ?? []),
  ].map((p) => withSchema(context, deref(source, p), `${prefix}Parameters`));
  if (bearer)
    parameters.push({
      name: "Authorization",
      in: "header",
      description: auth,
      required: true,
      schema: { type: "string" },
    });

  const responses = Object.fromEntries(
    Object.entries((operation.responses as Json) ?? {}).map(([code, response]) => [
      code,
      withContent(
        context,
        response,
        `${prefix}Responses`,
        () => `${(scope ?? "").replace(/[^A-Za-z0-9._-]/g, "_")}_${camel(key)}_Response_${code}`,
      ),
    ]),
  );
  const requestBody =
    operation.requestBody === undefined
      ? undefined
      : withContent(context, operation.requestBody, `${prefix}RequestBody`);
  const schemes = (source.components?.securitySchemes ?? {}) as Json;
  const usedSchemes = new Set(["bearerAuth", ...(security ?? []).flatMap((s) => Object.keys(s))]);
  const securitySchemes = Object.fromEntries(
    [...usedSchemes]
      .filter((name) => name in schemes)
      .map((name) => {
        const scheme = structuredClone(schemes[name]) as Json;
        return [name, name === "bearerAuth" ? { ...scheme, description: auth } : scheme];
      }),
  );

  const pageOperation: Json = {
    operationId: pageId,
    ...(operation.summary === undefined ? {} : { summary: operation.summary }),
    tags: [tag],
    parameters,
    ...(bearer ? {} : { security: structuredClone(security ?? []) }),
    responses,
    ...(requestBody === undefined ? {} : { requestBody }),
  };
  const carried = carryComponents(context, pageOperation);
  const document = {
    openapi: "3.1.0",
    info: structuredClone(source.info),
    paths: { [path]: { [method]: pageOperation } },
    // A spec without servers gives pages without them: the site's YAML writer (js-yaml) has no `null` for a missing
    // value, and `servers: null` is no list, which left such pages no valid reading.
    ...(source.servers === undefined ? {} : { servers: structuredClone(source.servers) }),
    components: { ...carried, schemas: usedSchemas(context.out, [pageOperation, carried]), securitySchemes },
  } as unknown as OpenAPI3;
  return {
    file: `${tag.replace("subpackage_", "")}/${pageId}-${String(index).padStart(4, "0")}.yaml`,
    document,
  };
}
