/**
 * Client table stage, types half: every operation method's signature, written out (`generated/methods.ts`), so an
 * editor shows `Promise<CreateConnectionResponse>` rather than the expansion of a mapped type. Each type is an
 * indexed access into openapi-typescript's `paths` (`schema.paths["/x"]["post"]["responses"]["200"]…`): exact by
 * construction, and since the aliases stage made those members name their aliases, the checker shows the alias.
 * No generic helper runs per call, which also keeps a consumer's type-check cheap.
 */

import ts from "typescript";
import {
  listOperations as listSlots,
  type OperationInfo,
  operationKey,
  schemaRefName,
} from "../aliases/spec-index.ts";
import { tokenize } from "../aliases/type-tokens.ts";
import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenAPI3,
  type OperationObject,
  type PathItemObject,
} from "../shared/openapi.ts";
import { renderMethodDoc } from "./method-docs.ts";
import { listOperations, type OperationEntry } from "./operations.ts";
import { EVENT_STREAM, JSON_TYPE, type OperationRuntime } from "./runtime.ts";
import {
  isRecord,
  isSuccessStatus,
  mediaTypesOf,
  parameterKinds,
  parametersOf,
  requestBodyOf,
  responsesOf,
} from "./spec-reading.ts";

/** One operation's signature parts, as TypeScript type source. */
export interface MethodSignature {
  /** The input object's members, e.g. `path: …; body?: …`; empty when the operation takes nothing. */
  inputMembers: string[];
  /** True when the input may be left out (nothing in it is required). */
  inputOptional: boolean;
  /** The success body as openapi-fetch types a verb's `data` (every success media type). */
  output: string;
  /** What the method resolves to, by the operation's response kind; may use the method's type parameter `O`. */
  resolves: string;
  /** The documented error bodies, or `undefined` when the spec documents none. */
  error?: string;
}

/** `schema.paths["/x"]["post"]`: where every type of the operation is read from. */
function operationType(entry: OperationEntry): string {
  return `schema.paths[${JSON.stringify(entry.path)}][${JSON.stringify(entry.method)}]`;
}

/** Declared only when an operation streams events; the client's `readEvents` yields values of this shape. */
const SERVER_SENT_EVENT = [
  "/** One server-sent event; `data` is the event's data parsed as JSON (as text when the spec's event is a string). */",
  "export interface ServerSentEvent<Data> {",
  "  /** The event's type (its `event:` field), when the server named one. */",
  "  event?: string | undefined;",
  "  /** The event's `id:` field, when it has one. */",
  "  id?: string | undefined;",
  "  data: Data;",
  "}",
  "",
];

/** Names this module declares or uses from the global scope: an alias by one of them is written `schema.Name`. */
const TAKEN_NAMES = new Set([
  "schema",
  "OperationMethods",
  "OperationErrors",
  "VerbResults",
  "ServerSentEvent",
  "ReadableStream",
  "Uint8Array",
  "Blob",
  "AsyncIterable",
  "Options",
  "O",
  "Promise",
  "NonNullable",
]);

/**
 * The aliases the types can be written with: the aliases stage's names by lock key (`POST /x#response`, a schema's
 * name). A type with an alias is written by that name, so hovers over the signature show it; any other by indexed
 * access into `paths`.
 */
export class TypeNames {
  readonly used = new Set<string>();
  constructor(private readonly aliases: ReadonlyMap<string, string>) {}

  /** The alias for `key`, as this module writes it, or undefined. */
  alias(key: string | undefined): string | undefined {
    const name = key === undefined ? undefined : this.aliases.get(key);
    if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    if (TAKEN_NAMES.has(name)) return `schema.${name}`;
    this.used.add(name);
    return name;
  }
}

function union(types: readonly string[], empty: string): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? empty : unique.join(" | ");
}

/** The component schema a media type's `schema` is a plain `$ref` to. */
function schemaKey(
  holder: { content?: Record<string, unknown> } | undefined,
  media: string,
): string | undefined {
  const entry = holder?.content?.[media];
  return isRecord(entry) && isRecord(entry.schema) ? schemaRefName(entry.schema) : undefined;
}

interface OperationContext {
  document: OpenAPI3;
  operation: OperationObject;
  base: string;
  slots: OperationInfo | undefined;
  names: TypeNames;
}

/** The body types of the responses whose status passes `keep`; a response without content adds `undefined`. */
function responseBodies(
  context: OperationContext,
  keep: (status: string) => boolean,
  keepMedia: (media: string) => boolean = () => true,
): string[] {
  const { document, operation, base, slots, names } = context;
  return responsesOf(document, operation)
    .filter(({ status }) => keep(status))
    .flatMap(({ status, response }) => {
      const media = mediaTypesOf(response).filter(keepMedia);
      if (mediaTypesOf(response).length === 0) return ["undefined"];
      const at = `${base}["responses"][${JSON.stringify(status)}]["content"]`;
      return media.map((type) => {
        const slot = slots?.response?.status === status && slots.response.media === type;
        const named =
          names.alias(slot ? `${slots.key}#response` : undefined) ?? names.alias(schemaKey(response, type));
        return named ?? `${at}[${JSON.stringify(type)}]`;
      });
    });
}

export function methodSignature(
  document: OpenAPI3,
  entry: OperationEntry,
  names: TypeNames,
  slots: OperationInfo | undefined,
): MethodSignature {
  const item = document.paths?.[entry.path] as PathItemObject;
  const operation = item[entry.method as keyof PathItemObject] as OperationObject;
  const base = operationType(entry);
  const context: OperationContext = { document, operation, base, slots, names };
  const kinds = parameterKinds(parametersOf(document, item, operation));
  const params = names.alias(slots ? `${slots.key}#params` : undefined) ?? `${base}["parameters"]`;
  const inputMembers = kinds.map(
    ({ kind, required }) => `${kind}${required ? "" : "?"}: ${params}[${JSON.stringify(kind)}]`,
  );
  const body = requestBodyOf(document, operation);
  const bodyMedia = mediaTypesOf(body);
  if (body && bodyMedia.length > 0) {
    const content = `NonNullable<${base}["requestBody"]>["content"]`;
    const types = bodyMedia.map((media) => {
      const slot = slots?.request?.media === media ? `${slots.key}#request` : undefined;
      const named = names.alias(slot) ?? names.alias(schemaKey(body, media));
      return named ?? `${content}[${JSON.stringify(media)}]`;
    });
    inputMembers.push(`body${body.required === true ? "" : "?"}: ${union(types, "never")}`);
  }
  const inputOptional =
    kinds.every(({ required }) => !required) && !(body?.required === true && bodyMedia.length > 0);
  const errors = responseBodies(context, (status) => !isSuccessStatus(status)).filter(
    (type) => type !== "undefined",
  );
  return {
    inputMembers,
    inputOptional,
    output: union(responseBodies(context, isSuccessStatus), "unknown"),
    resolves: resolvedType(context, entry.runtime),
    ...(errors.length > 0 ? { error: union(errors, "unknown") } : {}),
  };
}

/**
 * What the method resolves to for its response kind (scripts/client-table/runtime.ts decides the kind, the client
 * acts on it): the JSON bodies, a `Blob` (a stream when the call passes `stream: true`), a string, or the events.
 */
function resolvedType(context: OperationContext, runtime: OperationRuntime): string {
  switch (runtime.response) {
    case "binary":
      return "O extends { stream: true } ? ReadableStream<Uint8Array> : Blob";
    case "text":
      return "string";
    case "events": {
      const data = runtime.eventText
        ? "string"
        : union(
            responseBodies(context, isSuccessStatus, (media) => EVENT_STREAM.test(media)),
            "unknown",
          );
      return `AsyncIterable<ServerSentEvent<${data}>>`;
    }
    default:
      return union(
        responseBodies(context, isSuccessStatus, (media) => JSON_TYPE.test(media)),
        "unknown",
      );
  }
}

/** The operationId the client reports for an entry (the table's third leaf member). */
export function reportedOperationId(entry: OperationEntry): string {
  return entry.operationId ?? `${entry.method} ${entry.path}`;
}

/** One operation with everything its declarations are rendered from. */
interface Planned {
  entry: OperationEntry;
  signature: MethodSignature;
}

function renderMethod(
  document: OpenAPI3,
  { entry, signature }: Planned,
  key: string,
  indent: string,
): string[] {
  const item = document.paths?.[entry.path] as PathItemObject;
  const operation = item[entry.method as keyof PathItemObject] as OperationObject;
  const doc = renderMethodDoc({
    document,
    operation,
    method: entry.method,
    path: entry.path,
    operationId: reportedOperationId(entry),
    name: entry.name,
    parameters: parametersOf(document, item, operation),
    documentedErrors: signature.error !== undefined,
  });
  const input =
    signature.inputMembers.length === 0
      ? ""
      : `input${signature.inputOptional ? "?" : ""}: { ${signature.inputMembers.join("; ")} }, `;
  const generic = signature.resolves.includes("O extends") ? "<O extends Options = Options>" : "";
  const options = generic ? "O" : "Options";
  return [
    ...doc.map((line) => indent + line),
    `${indent}${key}${generic}(${input}options?: ${options}): Promise<${signature.resolves}>;`,
  ];
}

interface MethodNode {
  planned?: Planned;
  children: Map<string, MethodNode>;
}

function tree(operations: readonly Planned[]): MethodNode {
  const root: MethodNode = { children: new Map() };
  for (const planned of operations) {
    const node = planned.entry.name.reduce((parent, part) => {
      const child: MethodNode = parent.children.get(part) ?? { children: new Map() };
      parent.children.set(part, child);
      return child;
    }, root);
    node.planned = planned;
  }
  return root;
}

function renderNode(document: OpenAPI3, node: MethodNode, indent: string): string[] {
  return [...node.children.keys()].sort().flatMap((key) => {
    const child = node.children.get(key) as MethodNode;
    if (child.planned) return renderMethod(document, child.planned, key, indent);
    return [`${indent}readonly ${key}: {`, ...renderNode(document, child, `${indent}  `), `${indent}};`];
  });
}

const byPath = (a: Planned, b: Planned) =>
  a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0;

/** `VerbResults`: per HTTP method and path, the `data` and `error` of openapi-fetch's result (every method listed). */
function renderVerbResults(operations: readonly Planned[]): string[] {
  return HTTP_METHODS.flatMap((method) => {
    const routes = operations
      .filter(({ entry }) => entry.method === method)
      .sort(byPath)
      .map(({ entry, signature }) => {
        const error = signature.error ?? "never";
        return `    ${JSON.stringify(entry.path)}: { data: ${signature.output}; error: ${error} };`;
      });
    return routes.length === 0 ? [`  ${method}: {};`] : [`  ${method}: {`, ...routes, "  };"];
  });
}

/**
 * Renders `generated/methods.ts`: the method tree's types (`OperationMethods`), each operation's documented error
 * body by operationId (`OperationErrors`) and the verbs' results (`VerbResults`). `aliases` are the aliases stage's
 * names by lock key. Spec strings appear only as JSON string literals and escaped comments; method names are the
 * identifiers nameOperations made, alias names identifiers the aliases stage made.
 */
export function renderMethodsModule(document: OpenAPI3, aliases: ReadonlyMap<string, string>): string {
  const names = new TypeNames(aliases);
  const slots = new Map(listSlots(document).map((info) => [info.key, info]));
  const operations = listOperations(document).map((entry) => ({
    entry,
    signature: methodSignature(
      document,
      entry,
      names,
      slots.get(operationKey(entry.path, entry.method as HttpMethod)),
    ),
  }));
  const errors = operations.flatMap(({ entry, signature }) =>
    signature.error === undefined
      ? []
      : [`  ${JSON.stringify(reportedOperationId(entry))}: ${signature.error};`],
  );
  const events = operations.some(({ signature }) => signature.resolves.includes("ServerSentEvent<"));
  const body = [
    ...(events ? SERVER_SENT_EVENT : []),
    "/**",
    " * Every operation method, grouped by resource as on the client; `Options` is the client's per-call options.",
    " * Each type is written by its alias when it has one, so editors and errors show that name.",
    " */",
    "export interface OperationMethods<Options> {",
    ...renderNode(document, tree(operations), "  "),
    "}",
    "",
    "/** The documented error body of each operation whose spec has one, by operationId. */",
    "export interface OperationErrors {",
    ...errors.sort(),
    "}",
    "",
    "/** What openapi-fetch's verbs resolve to, by HTTP method and path: `data` on success, `error` otherwise. */",
    "export type VerbResults = {",
    ...renderVerbResults(operations),
    "};",
    "",
  ].join("\n");
  // Imported: only the names the body refers to (a consumer compiling with noUnusedLocals gets no error for an alias
  // that a signature considered and did not write, nor for `schema` when every type has an alias).
  const referred = referencedNames(body);
  const imported = [...names.used].filter((name) => referred.has(name)).sort();
  return [
    ...(referred.has("schema") ? [`import type * as schema from "./schema.js";`] : []),
    ...(imported.length > 0 ? [`import type { ${imported.join(", ")} } from "./schema.js";`] : []),
    "",
    body,
  ].join("\n");
}

/**
 * The identifiers `body` refers to as types or namespaces: every identifier token but the names it declares (members,
 * methods and parameters: a member's name before `:`, `?`, `(` or `<`, a parameter's before `:` or `?`). A type in a conditional
 * (`? Alias : undefined`) follows `?` or `:`, so it counts as a reference.
 */
export function referencedNames(body: string): Set<string> {
  const tokens = tokenize(body);
  const names = new Set<string>();
  for (const [index, kind] of tokens.kinds.entries()) {
    if (kind !== ts.SyntaxKind.Identifier) continue;
    const previous = tokens.kinds[index - 1] as ts.SyntaxKind;
    const next = tokens.kinds[index + 1] as ts.SyntaxKind;
    const declared =
      (MEMBER_STARTS.has(previous) && MEMBER_NAME_ENDS.has(next)) ||
      (PARAMETER_STARTS.has(previous) && PARAMETER_NAME_ENDS.has(next));
    if (!declared) names.add(tokens.values[index] as string);
  }
  return names;
}

const MEMBER_STARTS = new Set([
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.ReadonlyKeyword,
]);
const MEMBER_NAME_ENDS = new Set([
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.LessThanToken,
]);
const PARAMETER_STARTS = new Set([ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CommaToken]);
const PARAMETER_NAME_ENDS = new Set([ts.SyntaxKind.ColonToken, ts.SyntaxKind.QuestionToken]);
