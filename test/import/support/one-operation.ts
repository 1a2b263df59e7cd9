/** Small documents for the reader's tables. */

/** A one-operation document: `GET /a` with `operation`'s fields, answering 200 with `response`'s. */
export function getting(operation: object, response: object = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/a": { get: { ...operation, responses: { "200": { description: "ok", ...response } } } } },
  };
}

/** A one-operation document whose `GET /a` returns the component `name`, with `schemas` as its components. */
export function returning(name: string, schemas: Record<string, unknown>) {
  const content = { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } };
  return { ...getting({}, { content }), components: { schemas } };
}

/** A query parameter as real specs write it (`extra` between `name` and `schema`, e.g. `required: false`). */
export function queryParameter(
  name: string,
  description: string,
  schema: object = { type: "string" },
  extra: object = {},
) {
  return { description, in: "query", name, ...extra, schema };
}
