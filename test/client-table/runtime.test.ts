/**
 * Each operation's runtime facts in the generated table: effective servers (operation > path item > document),
 * request media type and multipart encoding, and the kind of response; on small documents and on AssemblyAI's whole
 * real spec.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listOperations } from "../../scripts/client-table/operations.ts";
import { operationRuntime } from "../../scripts/client-table/runtime.ts";
import type { OpenAPI3, OperationObject, PathItemObject } from "../../scripts/shared/openapi.ts";

const ok = (content: Record<string, unknown>) => ({ "200": { description: "ok", content } });
const schema = { schema: { type: "object" } };

function runtimeOf(item: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const document = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    paths: { "/x": item },
    ...extra,
  } as unknown as OpenAPI3;
  return operationRuntime(document, item as PathItemObject, item.post as OperationObject);
}

describe("the response kind", () => {
  it.each([
    { content: { "application/json": schema }, want: "json" },
    { content: { "application/problem+json": schema, "text/plain": schema }, want: "json" },
    { content: { "text/event-stream": schema }, want: "events" },
    { content: { "application/json": schema, "text/event-stream": schema }, want: "json" },
    { content: { "text/plain": schema, "text/html": schema }, want: "text" },
    { content: { "application/xml": schema }, want: "text" },
    { content: { "audio/mpeg": schema }, want: "binary" },
    { content: { "application/octet-stream": schema, "text/plain": schema }, want: "binary" },
    { content: {}, want: "json" },
  ])("$want for $content", ({ content, want }) => {
    expect(runtimeOf({ post: { responses: ok(content) } }).response).toBe(want);
  });

  it("reads 2XX, else default, when no 2xx code is given", () => {
    expect(runtimeOf({ post: { responses: { "2XX": ok({ "text/plain": schema })["200"] } } }).response).toBe(
      "text",
    );
    expect(runtimeOf({ post: { responses: { default: ok({ "audio/wav": schema })["200"] } } }).response).toBe(
      "binary",
    );
  });

  it("marks event data as text when the event schema is a string", () => {
    const events = { "text/event-stream": { schema: { type: "string" } } };
    expect(runtimeOf({ post: { responses: ok(events) } })).toEqual({ response: "events", eventText: true });
  });
});

describe("servers", () => {
  it("takes the operation's, else the path item's, else leaves the document's out", () => {
    const own = [{ url: "https://upload.{host}/v1", variables: { host: { default: "example.com" } } }];
    const path = [{ url: "https://messaging.example.com" }];
    expect(runtimeOf({ servers: path, post: { servers: own, responses: {} } }).servers).toEqual([
      "https://upload.example.com/v1",
    ]);
    expect(runtimeOf({ servers: path, post: { responses: {} } }).servers).toEqual([
      "https://messaging.example.com",
    ]);
    expect(runtimeOf({ post: { responses: {} } }).servers).toBeUndefined();
    expect(
      runtimeOf({ servers: [{ url: "https://api.example.com" }], post: { responses: {} } }).servers,
    ).toBeUndefined();
  });
});

describe("request bodies", () => {
  it("records a non-JSON media type and the multipart part types (the first of several)", () => {
    const multipart = {
      "multipart/form-data": {
        schema: { type: "object" },
        encoding: { file: { contentType: "image/png, image/jpeg" }, meta: { style: "form" } },
      },
    };
    expect(runtimeOf({ post: { requestBody: { content: multipart }, responses: {} } })).toEqual({
      response: "json",
      body: "multipart/form-data",
      encoding: { file: "image/png" },
    });
  });

  it("prefers JSON when the spec offers it beside a form", () => {
    const content = { "application/x-www-form-urlencoded": schema, "application/json": schema };
    expect(runtimeOf({ post: { requestBody: { content }, responses: {} } }).body).toBeUndefined();
  });

  it("follows references to request bodies and responses", () => {
    const components = {
      requestBodies: { Upload: { content: { "application/octet-stream": schema } } },
      responses: { Audio: { description: "a", content: { "audio/mpeg": schema } } },
    };
    const item = {
      post: {
        requestBody: { $ref: "#/components/requestBodies/Upload" },
        responses: { "200": { $ref: "#/components/responses/Audio" } },
      },
    };
    expect(runtimeOf(item, { components })).toEqual({ response: "binary", body: "application/octet-stream" });
  });
});

it("on AssemblyAI's real spec: the upload sends bytes, subtitles resolve to text, everything else is JSON", () => {
  const file = path.join(import.meta.dirname, "../client/fixtures/assemblyai/openapi.yml");
  const document = parse(readFileSync(file, "utf8")) as OpenAPI3;
  const special = listOperations(document)
    .filter(({ runtime }) => Object.keys(runtime).length > 1 || runtime.response !== "json")
    .map(({ method, path, runtime }) => [method, path, runtime]);
  expect(special).toEqual([
    ["post", "/v2/upload", { response: "json", body: "application/octet-stream" }],
    ["get", "/v2/transcript/{transcript_id}/{subtitle_format}", { response: "text" }],
  ]);
});
