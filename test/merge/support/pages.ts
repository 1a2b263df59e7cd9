/** Small per-endpoint documents for the merge's unit tests, shaped like the docs site's pages. */
import type { OpenAPI3, SpecFile } from "../../../scripts/shared/openapi.ts";

type Json = Record<string, unknown>;

export const AUTHORIZATION = {
  name: "Authorization",
  in: "header",
  description: "Use Bearer <api-key>.",
  required: true,
  schema: { type: "string" },
};

export const BEARER_SCHEME = { type: "http", scheme: "bearer", description: "Use Bearer <api-key>." };

export interface PageOptions {
  path?: string;
  method?: string;
  operation?: Json;
  schemas?: Json;
  /** Replaces the whole document's extra top-level fields (servers, tags, info, security). */
  top?: Json;
  securitySchemes?: Json;
}

/** A page with one operation answering `200` with `#/components/schemas/<response>`. */
export function page(file: string, options: PageOptions = {}): SpecFile {
  const { path = "/v1/things", method = "get", operation = {}, schemas = {}, top = {} } = options;
  const document = {
    openapi: "3.1.0",
    info: { title: "bctrl API", version: "1.0.0" },
    servers: [{ url: "https://api.bctrl.ai" }],
    ...top,
    paths: {
      [path]: {
        [method]: {
          operationId: `${method}-things`,
          parameters: [AUTHORIZATION],
          responses: { "200": { description: "Default Response" } },
          ...operation,
        },
      },
    },
    components: { schemas, securitySchemes: options.securitySchemes ?? { bearerAuth: BEARER_SCHEME } },
  };
  return { file, document: document as unknown as OpenAPI3 };
}

/** A `200` response whose JSON body is a reference to `schema`. */
export function returns(schema: string): Json {
  return {
    "200": {
      description: "Default Response",
      content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
    },
  };
}
