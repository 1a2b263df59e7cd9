/**
 * The runtime facts of one operation that the client cannot derive from types: where it is sent (its effective
 * servers: operation, else path item, else document), how its request body is encoded (the request media type and
 * multipart part types) and what kind of value its success response is (JSON, binary, text or an event stream).
 */

import { resolveRef } from "../merge/refs.ts";
import {
  isRecord,
  type OpenAPI3,
  type OperationObject,
  type PathItemObject,
  type ServerObject,
} from "../shared/openapi.ts";

/** What an operation method resolves to: parsed JSON, a `Blob`, a `string`, or an async iterable of events. */
export type ResponseKind = "json" | "binary" | "text" | "events";

/** The runtime part of a generated table leaf; fields that equal the defaults are left out to keep the table small. */
export interface OperationRuntime {
  response: ResponseKind;
  /** The operation's own server URLs, when they are not the document's (variables filled with their defaults). */
  servers?: string[];
  /** The request body's media type, when it is not JSON (`multipart/form-data`, `application/octet-stream`, …). */
  body?: string;
  /** Multipart part media types the spec's `encoding` names, by property. */
  encoding?: Record<string, string>;
  /** Event data is handed over as text (the event schema is a string) rather than parsed as JSON. */
  eventText?: true;
}

type Json = Record<string, unknown>;

export const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^\*\/\*$/i;
export const EVENT_STREAM = /^text\/event-stream\b/i;
const TEXT_TYPE = /^text\/|^application\/(?:[\w.+-]+\+)?xml\b/i;

/** A server's URL with every `{variable}` replaced by its default, as the OpenAPI spec asks when none is chosen. */
export function serverUrl(server: ServerObject): string {
  const variables = (server.variables ?? {}) as Record<string, { default?: unknown }>;
  return server.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const value = variables[name]?.default;
    return typeof value === "string" ? value : whole;
  });
}

function follow(document: OpenAPI3, node: unknown): Json {
  let current = node;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops < 20; hops++)
    current = resolveRef(document, current.$ref);
  return isRecord(current) ? current : {};
}

function mediaTypes(document: OpenAPI3, holder: unknown): [string, Json][] {
  const content = follow(document, holder).content;
  return isRecord(content)
    ? Object.entries(content).map(([type, media]) => [type, follow(document, media)])
    : [];
}

/** The success responses' media types: 2xx codes, else `2XX`, else `default`. */
function successMedia(document: OpenAPI3, operation: OperationObject): [string, Json][] {
  const responses = Object.entries((operation.responses ?? {}) as Json);
  const exact = responses.filter(([code]) => /^2\d\d$/.test(code));
  const chosen = exact.length
    ? exact
    : responses.filter(([code]) => code.toUpperCase() === "2XX" || code === "default");
  return chosen.flatMap(([, response]) => mediaTypes(document, response));
}

/** JSON wins when the spec offers it (or no body at all); then an event stream, text, and anything else as binary. */
function responseKind(types: readonly string[]): ResponseKind {
  if (types.length === 0 || types.some((type) => JSON_TYPE.test(type))) return "json";
  if (types.some((type) => EVENT_STREAM.test(type))) return "events";
  return types.every((type) => TEXT_TYPE.test(type)) ? "text" : "binary";
}

/** The request media type the client sends: JSON when offered, else the first the spec lists. */
function requestMedia(document: OpenAPI3, operation: OperationObject): [string, Json] | undefined {
  const types = mediaTypes(document, operation.requestBody);
  return types.find(([type]) => JSON_TYPE.test(type)) ?? types[0];
}

function partTypes(media: Json): Record<string, string> | undefined {
  const encoding = isRecord(media.encoding) ? media.encoding : {};
  const found = Object.entries(encoding).flatMap(([name, part]) =>
    // The spec may list several types ("image/png, image/jpeg"): a part is sent as the first.
    isRecord(part) && typeof part.contentType === "string"
      ? [[name, part.contentType.split(",")[0]?.trim() ?? ""] as const]
      : [],
  );
  return found.length ? Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

const urls = (servers: unknown): string[] | undefined =>
  Array.isArray(servers) ? (servers as ServerObject[]).map(serverUrl) : undefined;

/** The runtime facts of `operation` under `item` in `document`. */
export function operationRuntime(
  document: OpenAPI3,
  item: PathItemObject,
  operation: OperationObject,
): OperationRuntime {
  const documentServers = urls(document.servers) ?? [];
  const servers = urls(operation.servers) ?? urls(item.servers) ?? documentServers;
  const success = successMedia(document, operation);
  const response = responseKind(success.map(([type]) => type));
  const request = requestMedia(document, operation);
  const eventSchema = follow(document, success.find(([type]) => EVENT_STREAM.test(type))?.[1].schema);
  const encoding = request && /^multipart\//i.test(request[0]) ? partTypes(request[1]) : undefined;
  return {
    response,
    ...(servers.join(" ") !== documentServers.join(" ") && servers.length ? { servers } : {}),
    ...(request && !JSON_TYPE.test(request[0]) ? { body: request[0] } : {}),
    ...(encoding ? { encoding } : {}),
    ...(response === "events" && eventSchema.type === "string" ? { eventText: true as const } : {}),
  };
}
