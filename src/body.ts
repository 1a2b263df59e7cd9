/**
 * Request bodies by media type, for operations whose spec does not take JSON: multipart forms (file parts from a
 * `Blob`, `File`, `Uint8Array`, `ArrayBuffer` or `ReadableStream`, typed by the spec's `encoding`), URL-encoded forms,
 * and raw binary or text bodies.
 */

/** A request body ready for `fetch`, and the `Content-Type` to send with it (none for multipart: fetch sets it). */
export interface EncodedBody {
  body: BodyInit;
  contentType?: string;
  /** A stream can be sent once only: such a request is never retried. */
  once?: true;
}

/** The one field `append` takes: text, or a file part of the spec's (or the value's) media type. */
async function part(value: unknown, type: string | undefined): Promise<string | Blob> {
  if (value instanceof ReadableStream) value = await new Response(value).blob();
  if (value instanceof Blob) return type && !value.type ? new Blob([value], { type }) : value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    return new Blob([value as ArrayBuffer], { type: type ?? "application/octet-stream" });
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return type ? new Blob([text], { type }) : text;
}

/** Array values repeat their field, as forms do (OpenAPI's default `explode: true`); undefined fields are left out. */
function fields(body: unknown): [string, unknown][] {
  return Object.entries(Object(body) as Record<string, unknown>).flatMap(
    ([name, value]): [string, unknown][] =>
      value === undefined
        ? []
        : Array.isArray(value)
          ? value.map((item): [string, unknown] => [name, item])
          : [[name, value]],
  );
}

async function multipart(body: unknown, encoding: Readonly<Record<string, string>> = {}): Promise<FormData> {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [name, value] of fields(body)) {
    const field = await part(value, encoding[name]);
    if (typeof field === "string") form.append(name, field);
    else form.append(name, field, value instanceof File ? value.name : name);
  }
  return form;
}

function urlEncoded(body: unknown): string {
  if (body instanceof URLSearchParams) return body.toString();
  const pairs = fields(body).map(([name, value]) => [
    name,
    typeof value === "object" && value !== null ? JSON.stringify(value) : String(value),
  ]);
  return new URLSearchParams(pairs).toString();
}

/** A raw body: binary values as they are, anything else as text (JSON for objects), typed by the spec's media type. */
function raw(body: unknown, mediaType: string): EncodedBody {
  // A wildcard media type (`*/*`, `audio/*`) cannot be sent as such: a typed Blob says what it holds.
  const contentType = mediaType.includes("*") && body instanceof Blob && body.type ? body.type : mediaType;
  if (body instanceof ReadableStream) return { body, contentType, once: true };
  if (body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    return { body: body as BodyInit, contentType };
  return { body: typeof body === "object" ? JSON.stringify(body) : String(body), contentType };
}

/** Encodes `body` for `mediaType`; `encoding` gives multipart parts' media types by field name. */
export async function encodeBody(
  body: unknown,
  mediaType: string,
  encoding?: Readonly<Record<string, string>>,
): Promise<EncodedBody> {
  const type = mediaType.toLowerCase();
  if (type.startsWith("multipart/")) return { body: await multipart(body, encoding) };
  if (type.startsWith("application/x-www-form-urlencoded"))
    return { body: urlEncoded(body), contentType: mediaType };
  return raw(body, mediaType);
}
