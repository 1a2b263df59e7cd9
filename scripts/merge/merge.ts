/**
 * Merge stage: many per-endpoint documents in, one OpenAPI 3.1 document out. The rules live in scripts/merge/:
 *   refs.ts                     every `$ref` of every page must be local and resolve;
 *   components.ts, variants.ts  components are a union by kind and name; equal copies fold, others conflict;
 *   fold-identical-schemas.ts   structurally identical schemas under different names become one;
 *   paths.ts, auth.ts           operations (and webhooks) are a union; the Authorization header becomes bearer
 *                               security, and a scheme every operation shares becomes document-level security;
 *   operation-ids.ts            reused operationIds are renamed readably;
 *   servers-tags-info.ts        servers, tags, info, externalDocs and top-level `x-` extensions.
 *   page-servers.ts             a page whose servers leave out the API's default keeps them on its operations.
 * Every conflict is collected as a Problem naming both files; the run then fails once with all of them.
 * Documents are taken in the order of their content (their endpoints), never of their file names, so the same
 * specs under any names and in any order merge to the same document.
 */

import { compareStrings } from "../load/load.ts";
import type { GeneratorConfig } from "../shared/config.ts";
import {
  GeneratorError,
  HTTP_METHODS,
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type PathItemObject,
  pointer,
  type SpecFile,
} from "../shared/openapi.ts";
import {
  BEARER_SCHEME,
  bearerScheme,
  sharedSecurity,
  withoutNeedlessSecurity,
  withoutSecurity,
} from "./auth.ts";
import { COMPONENT_KINDS, mergeComponents } from "./components.ts";
import { type Fold, foldIdenticalSchemas } from "./fold-identical-schemas.ts";
import { canonicalJson } from "./json.ts";
import { assignOperationIds, type LocatedOperation, type Rename } from "./operation-ids.ts";
import { localisePageServers } from "./page-servers.ts";
import { type MergedRoutes, mergePaths } from "./paths.ts";
import { checkRefs, mapRefs, renameSchemaRef } from "./refs.ts";
import {
  mergeExtensions,
  mergeExternalDocs,
  mergeInfo,
  mergeServers,
  mergeTags,
} from "./servers-tags-info.ts";
import type { Findings } from "./variants.ts";

export interface MergeReport {
  specs: number;
  paths: number;
  operations: number;
  schemas: number;
  /** Structurally identical schemas kept once: the kept name and the names dropped into it. */
  foldedSchemas: Fold[];
  /** operationIds changed to make them unique (or given, where a page had none). */
  renames: Rename[];
  warnings: string[];
}

export interface MergeResult {
  document: OpenAPI3;
  report: MergeReport;
  /** Which input file each merged operation (`/paths/…/method`) and component (`/components/kind/name`) came from. */
  sources: Map<string, string>;
}

/** Top-level fields the merge understands; any other is reported as ignored. */
const MERGED_FIELDS = new Set([
  "openapi",
  "info",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
  "externalDocs",
]);

export function mergeSpecs(specs: readonly SpecFile[], config: GeneratorConfig = {}): MergeResult {
  const ordered = localisePageServers(inContentOrder(specs));
  const refProblems = ordered.flatMap(checkRefs);
  if (refProblems.length > 0) throw new GeneratorError(refProblems);

  const findings: Findings = { problems: [], warnings: [] };
  const components = mergeComponents(ordered, findings);
  const schemas = new Map(
    [...(components.get("schemas") ?? new Map())].map(([name, { value }]) => [name, value]),
  );
  const fold = foldIdenticalSchemas(schemas);
  // Operations repeat the same few references: rewrite each distinct one once.
  const rewritten = new Map<string, string>();
  const followFold = (ref: string) => {
    let next = rewritten.get(ref);
    if (next === undefined) {
      next = renameSchemaRef(ref, (name) => fold.renamed.get(name));
      rewritten.set(ref, next);
    }
    return next;
  };
  const followFolds = (value: unknown) => mapRefs(value, followFold);
  const { operations: paths, fields: pathFields } = mergePaths(ordered, followFolds, findings);
  const webhooks = mergePaths(ordered, followFolds, findings, "webhooks");
  if (findings.problems.length > 0) throw new GeneratorError(findings.problems);

  const located: LocatedOperation[] = [...paths].flatMap(([path, methods]) =>
    [...methods].map(([method, { value, file }]) => ({ path, method, file, operation: value })),
  );
  // A lifted operation is the only kind without `security` (see liftBearerAuth).
  const requiresBearer = located.some(({ operation }) => operation.security === undefined);
  const { operations, renames } = assignOperationIds(located);
  const shared = requiresBearer ? undefined : sharedSecurity(operations.map((o) => o.operation));
  const finalOperation = (operation: OperationObject) =>
    requiresBearer ? operation : shared ? withoutSecurity(operation) : withoutNeedlessSecurity(operation);

  const sources = new Map<string, string>();
  const pathItems: Record<string, PathItemObject> = {};
  for (const { path, method, operation, file } of operations) {
    const item = pathItems[path] ?? { ...pathFields.get(path) };
    pathItems[path] = item;
    item[method] = finalOperation(operation);
    sources.set(pointer("paths", path, method), file);
  }
  const webhookItems = pathItemsOf(webhooks, "webhooks", sources);
  // The document-level requirement every operation shared: a problem in it is reported on the first page stating it.
  const [firstOperation] = operations;
  if (shared && firstOperation) sources.set("/security", firstOperation.file);

  const mergedComponents: Record<string, Record<string, unknown>> = {};
  for (const kind of COMPONENT_KINDS) {
    const named = components.get(kind);
    if (!named) continue;
    const entries: Record<string, unknown> = {};
    for (const [name, { value, file }] of named) {
      if (kind === "schemas" && fold.renamed.has(name)) continue;
      entries[name] = kind === "schemas" ? fold.schemas.get(name) : followFolds(value);
      sources.set(pointer("components", kind, name), file);
    }
    mergedComponents[kind] = entries;
  }
  if (requiresBearer && !isRecord(mergedComponents.securitySchemes?.[BEARER_SCHEME])) {
    findings.warnings.push(
      `pages declare an Authorization header but no "${BEARER_SCHEME}" security scheme; added an HTTP bearer scheme`,
    );
    mergedComponents.securitySchemes = {
      ...mergedComponents.securitySchemes,
      [BEARER_SCHEME]: bearerScheme(undefined),
    };
  }

  findings.warnings.push(...ignoredFields(ordered));
  const servers = mergeServers(ordered, findings);
  const tags = mergeTags(ordered, findings);
  const externalDocs = mergeExternalDocs(ordered, findings);
  const security = requiresBearer ? [{ [BEARER_SCHEME]: [] }] : shared;
  const document: OpenAPI3 = {
    openapi: "3.1.0",
    info: mergeInfo(ordered, config, findings),
    ...(servers.length > 0 ? { servers } : {}),
    ...(security ? { security } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(externalDocs ? { externalDocs } : {}),
    paths: pathItems,
    ...(Object.keys(webhookItems).length > 0 ? { webhooks: webhookItems } : {}),
    components: mergedComponents as OpenAPI3["components"],
    ...mergeExtensions(ordered, findings),
  };
  return {
    document,
    sources,
    report: {
      specs: ordered.length,
      paths: paths.size,
      operations: operations.length,
      schemas: fold.schemas.size,
      foldedSchemas: fold.folds,
      renames,
      warnings: findings.warnings,
    },
  };
}

/** The merged path items of `root`, each with its own fields first; records each operation's source file. */
function pathItemsOf(
  { operations, fields }: MergedRoutes,
  root: "paths" | "webhooks",
  sources: Map<string, string>,
): Record<string, PathItemObject> {
  const items: Record<string, PathItemObject> = {};
  for (const [route, methods] of operations) {
    const item: PathItemObject = { ...fields.get(route) };
    for (const [method, { value, file }] of methods) {
      item[method] = value;
      sources.set(pointer(root, route, method), file);
    }
    items[route] = item;
  }
  return items;
}

/**
 * Sorts documents by their endpoints (`path method`, sorted), then by their canonical text: an order that depends
 * only on content, so file names never change which copy or which `info` comes first.
 */
function inContentOrder(specs: readonly SpecFile[]): SpecFile[] {
  const keyed = specs.map((spec) => ({ spec, endpoints: endpointsOf(spec.document), text: "" }));
  const textOf = (entry: (typeof keyed)[number]) => {
    if (entry.text === "") entry.text = canonicalJson(entry.spec.document);
    return entry.text;
  };
  keyed.sort(
    (a, b) =>
      compareStrings(a.endpoints, b.endpoints) ||
      compareStrings(textOf(a), textOf(b)) ||
      compareStrings(a.spec.file, b.spec.file),
  );
  return keyed.map(({ spec }) => spec);
}

function endpointsOf(document: OpenAPI3): string {
  const keys = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    isRecord(item) ? HTTP_METHODS.filter((m) => isRecord(item[m])).map((m) => `${path} ${m}`) : [],
  );
  return keys.sort(compareStrings).join("\n");
}

/** One warning per top-level field the merge does not carry over (`jsonSchemaDialect`, …). */
function ignoredFields(specs: readonly SpecFile[]): string[] {
  const seen = new Map<string, string[]>();
  for (const { file, document } of specs) {
    for (const key of Object.keys(document)) {
      if (!MERGED_FIELDS.has(key) && !key.startsWith("x-")) seen.set(key, [...(seen.get(key) ?? []), file]);
    }
    if (typeof document.openapi === "string" && !document.openapi.startsWith("3.1"))
      seen.set("openapi", [...(seen.get("openapi") ?? []), file]);
  }
  return [...seen.keys()].sort(compareStrings).map((key) => {
    const files = seen.get(key) as string[];
    if (key === "openapi")
      return `${files[0]}${files.length > 1 ? ` and ${files.length - 1} more` : ""}: not OpenAPI 3.1; merged as 3.1 without conversion`;
    return `${files[0]}${files.length > 1 ? ` and ${files.length - 1} more` : ""}: top-level "${key}" is not merged (ignored)`;
  });
}

/** The run's summary: one line of counts, then one line per operationId rename. */
export function formatMergeSummary(report: MergeReport): string[] {
  const folded = report.foldedSchemas.reduce((sum, fold) => sum + fold.dropped.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const counts = [
    plural(report.specs, "spec"),
    plural(report.paths, "path"),
    plural(report.operations, "operation"),
    plural(report.schemas, "schema"),
    `${plural(folded, "duplicate schema")} folded`,
    `${plural(report.renames.length, "operationId")} renamed`,
    plural(report.warnings.length, "warning"),
  ];
  const renames = report.renames.map(
    (r) =>
      `  renamed ${r.from ?? "(no operationId)"} -> ${r.to} (${r.method.toUpperCase()} ${r.path}, ${r.file})`,
  );
  return [counts.join(", "), ...renames];
}
