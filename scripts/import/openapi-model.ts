/**
 * The OpenAPI 3.1 object model and the JSON Schema 2020-12 vocabulary, as data: which keys each object may hold and
 * what kind of value each key takes. The collapsed-page reader walks this model to decide where every key belongs.
 */

/** The kind of value a key holds. Kinds refer to each other through thunks because the model is recursive. */
export type Kind = ObjectKind | MapKind | ListKind | ScalarKind | AnyKind | UnionKind;

/** An object with a fixed set of keys (plus `x-` extensions when `extensions` is set). */
export interface ObjectKind {
  readonly type: "object";
  readonly name: string;
  readonly fields: Readonly<Record<string, () => Kind>>;
  readonly extensions: boolean;
  readonly required: readonly string[];
}

/** A map with arbitrary keys (optionally restricted by `keyAllowed`), each holding a value of one kind. */
export interface MapKind {
  readonly type: "map";
  readonly name: string;
  readonly value: () => Kind;
  readonly keyAllowed: (key: string) => boolean;
  /** `x-` keys hold extension values of any kind (Paths, Responses, Callback objects allow them). */
  readonly extensions: boolean;
  /** For `components.<section>` maps: entries exist to be referenced as `#/components/<section>/<name>`. */
  readonly section?: string;
  /**
   * Keys are display names that may hold spaces (Postman's converter names examples `200 Success - Retrieve a block`;
   * 1 294 example names in 25 of the 557 APIs.guru specs hold a space).
   */
  readonly namesHoldSpaces?: boolean;
}

export interface ListKind {
  readonly type: "list";
  readonly item: () => Kind;
}

export interface ScalarKind {
  readonly type: "scalar";
  readonly scalar: "text" | "boolean" | "number" | "integer";
  /** When set, the only strings allowed. */
  readonly values?: readonly string[];
  /** A URI reference (`$ref`, `url`…): never holds whitespace. */
  readonly singleWord?: boolean;
}

/** Any YAML value: used for `default`, `example`, `const`, `enum` items and extensions. */
export interface AnyKind {
  readonly type: "any";
}

export interface UnionKind {
  readonly type: "union";
  readonly options: readonly (() => Kind)[];
}

export type MappingKind = ObjectKind | MapKind | AnyKind;

const TEXT: ScalarKind = { type: "scalar", scalar: "text" };
const BOOLEAN: ScalarKind = { type: "scalar", scalar: "boolean" };
const NUMBER: ScalarKind = { type: "scalar", scalar: "number" };
const INTEGER: ScalarKind = { type: "scalar", scalar: "integer" };
export const ANY: AnyKind = { type: "any" };

const URI: ScalarKind = { type: "scalar", scalar: "text", singleWord: true };
const text = () => TEXT;
const uri = () => URI;
const boolean = () => BOOLEAN;
const number = () => NUMBER;
const integer = () => INTEGER;
const any = () => ANY;
const numberOrBoolean = (): UnionKind => ({ type: "union", options: [number, boolean] });
const oneOfText = (values: readonly string[]) => (): ScalarKind => ({
  type: "scalar",
  scalar: "text",
  values,
});
const list = (item: () => Kind) => (): ListKind => ({ type: "list", item });
const union =
  (...options: (() => Kind)[]) =>
  (): UnionKind => ({ type: "union", options });

function object(
  name: string,
  fields: Record<string, () => Kind>,
  options: { required?: string[]; extensions?: boolean } = {},
): ObjectKind {
  return {
    type: "object",
    name,
    fields,
    extensions: options.extensions ?? true,
    required: options.required ?? [],
  };
}

function map(
  name: string,
  value: () => Kind,
  options: {
    keyAllowed?: (key: string) => boolean;
    extensions?: boolean;
    section?: string;
    namesHoldSpaces?: boolean;
  } = {},
): () => MapKind {
  const kind: MapKind = {
    type: "map",
    name,
    value,
    keyAllowed: options.keyAllowed ?? (() => true),
    extensions: options.extensions ?? false,
    ...(options.section === undefined ? {} : { section: options.section }),
    ...(options.namesHoldSpaces ? { namesHoldSpaces: true } : {}),
  };
  return () => kind;
}

export const JSON_TYPES = ["null", "boolean", "object", "array", "number", "string", "integer"] as const;

const REFERENCE = object(
  "Reference",
  { $ref: uri, summary: text, description: text },
  { required: ["$ref"], extensions: false },
);
const refOr = (kind: () => Kind) => union(() => REFERENCE, kind);

const schemaOrBoolean = (): Kind => SCHEMA_OR_BOOLEAN;
const schemaList = list(schemaOrBoolean);
const schemaMap = map("schema map", schemaOrBoolean);

/**
 * Whether `kind` is a schema's own map of schemas (`properties`, `$defs`…), whose keys a spec's author names freely:
 * a property may be called `items` or `properties`, like the fields of the schema that holds the map.
 */
export function isSchemaMap(kind: Kind): boolean {
  return kind === schemaMap();
}

const DISCRIMINATOR = object(
  "Discriminator",
  { propertyName: text, mapping: map("mapping", text) },
  {
    required: ["propertyName"],
  },
);
const XML = object("XML", {
  name: text,
  namespace: text,
  prefix: text,
  attribute: boolean,
  wrapped: boolean,
});
const EXTERNAL_DOCS = object(
  "External Documentation",
  { description: text, url: uri },
  { required: ["url"] },
);

/** JSON Schema 2020-12 (core, applicator, unevaluated, validation, meta-data, format, content) plus OpenAPI's additions. */
export const SCHEMA = object("Schema", {
  // core
  $schema: uri,
  $id: uri,
  $ref: uri,
  $anchor: text,
  $dynamicRef: uri,
  $dynamicAnchor: text,
  $vocabulary: map("$vocabulary", boolean),
  $comment: text,
  $defs: schemaMap,
  // applicator
  allOf: schemaList,
  anyOf: schemaList,
  oneOf: schemaList,
  not: schemaOrBoolean,
  if: schemaOrBoolean,
  // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword; this table is never awaited.
  then: schemaOrBoolean,
  else: schemaOrBoolean,
  dependentSchemas: schemaMap,
  prefixItems: schemaList,
  items: schemaOrBoolean,
  contains: schemaOrBoolean,
  properties: schemaMap,
  patternProperties: schemaMap,
  additionalProperties: schemaOrBoolean,
  propertyNames: schemaOrBoolean,
  // unevaluated
  unevaluatedItems: schemaOrBoolean,
  unevaluatedProperties: schemaOrBoolean,
  // validation
  type: union(oneOfText(JSON_TYPES), list(oneOfText(JSON_TYPES))),
  enum: list(any),
  const: any,
  multipleOf: number,
  maximum: number,
  // OpenAPI 3.0's boolean form too: 3.0 documents relabelled 3.1 keep it (13 of APIs.guru's 549 specs).
  exclusiveMaximum: numberOrBoolean,
  minimum: number,
  exclusiveMinimum: numberOrBoolean,
  maxLength: integer,
  minLength: integer,
  pattern: text,
  maxItems: integer,
  minItems: integer,
  uniqueItems: boolean,
  maxContains: integer,
  minContains: integer,
  maxProperties: integer,
  minProperties: integer,
  required: list(text),
  dependentRequired: map("dependentRequired", list(text)),
  // meta-data
  title: text,
  description: text,
  default: any,
  deprecated: boolean,
  readOnly: boolean,
  writeOnly: boolean,
  examples: list(any),
  // format and content
  format: text,
  contentEncoding: text,
  contentMediaType: text,
  contentSchema: schemaOrBoolean,
  // OpenAPI 3.1 additions (and 3.0's `nullable`, still common in 3.1 documents)
  discriminator: () => DISCRIMINATOR,
  xml: () => XML,
  externalDocs: () => EXTERNAL_DOCS,
  example: any,
  nullable: boolean,
});
const SCHEMA_OR_BOOLEAN: UnionKind = { type: "union", options: [() => SCHEMA, boolean] };

const EXAMPLE = object("Example", { summary: text, description: text, value: any, externalValue: text });
/** The keys an entry of an examples map starts with: an Example's fields, or a Reference's `$ref`. */
export const EXAMPLE_ENTRY_KEYS: ReadonlySet<string> = new Set([...Object.keys(EXAMPLE.fields), "$ref"]);
const examplesMap = map(
  "examples",
  refOr(() => EXAMPLE),
  { namesHoldSpaces: true },
);

const SERVER_VARIABLE = object(
  "Server Variable",
  { enum: list(text), default: text, description: text },
  { required: ["default"] },
);
const SERVER = object(
  "Server",
  { url: uri, description: text, variables: map("variables", () => SERVER_VARIABLE) },
  { required: ["url"] },
);
const servers = list(() => SERVER);

const HEADER: ObjectKind = object("Header", {
  description: text,
  required: boolean,
  deprecated: boolean,
  allowEmptyValue: boolean,
  style: text,
  explode: boolean,
  allowReserved: boolean,
  schema: schemaOrBoolean,
  example: any,
  examples: examplesMap,
  content: () => CONTENT_MAP,
});
const isStatusCode = (key: string) => /^(default|[1-5](\d\d|XX))$/.test(key);

/**
 * A response's (or an encoding's) headers are never named like a status code: none of the 12 478 header names of the
 * 557 APIs.guru specs is. After a response's last header, the next response's code (`'401':`) could otherwise be read
 * as one more header (journy's pages, where every response ends with its rate-limit headers).
 */
const headersMap = map(
  "headers",
  refOr(() => HEADER),
  { keyAllowed: (key) => !isStatusCode(key) },
);

const ENCODING = object("Encoding", {
  contentType: text,
  headers: headersMap,
  style: text,
  explode: boolean,
  allowReserved: boolean,
});
const MEDIA_TYPE = object("Media Type", {
  schema: schemaOrBoolean,
  example: any,
  examples: examplesMap,
  encoding: map("encoding", () => ENCODING),
});
/** Media type keys always hold a `/` (`application/json`, `*\/*`, `text/plain; charset=utf-8`). */
const CONTENT_MAP: MapKind = map("content", () => MEDIA_TYPE, { keyAllowed: (key) => key.includes("/") })();

export const PARAMETER_LOCATIONS = ["query", "header", "path", "cookie"] as const;
const PARAMETER = object(
  "Parameter",
  {
    name: text,
    in: oneOfText(PARAMETER_LOCATIONS),
    description: text,
    required: boolean,
    deprecated: boolean,
    allowEmptyValue: boolean,
    style: text,
    explode: boolean,
    allowReserved: boolean,
    schema: schemaOrBoolean,
    example: any,
    examples: examplesMap,
    content: () => CONTENT_MAP,
  },
  { required: ["name", "in"] },
);
const parameters = list(refOr(() => PARAMETER));

const REQUEST_BODY = object(
  "Request Body",
  { description: text, content: () => CONTENT_MAP, required: boolean },
  { required: ["content"] },
);

const SERVER_FOR_LINK = () => SERVER;
const LINK = object("Link", {
  operationRef: uri,
  operationId: text,
  parameters: map("link parameters", any),
  requestBody: any,
  description: text,
  server: SERVER_FOR_LINK,
});

const RESPONSE = object(
  "Response",
  {
    description: text,
    headers: headersMap,
    content: () => CONTENT_MAP,
    links: map(
      "links",
      refOr(() => LINK),
    ),
  },
  { required: ["description"] },
);
const responses = map(
  "responses",
  refOr(() => RESPONSE),
  { keyAllowed: isStatusCode, extensions: true },
);

const securityRequirements = list(map("security requirement", list(text)));
const callbacksMap = map(
  "callbacks",
  refOr(() => CALLBACK),
);

const OPERATION = object("Operation", {
  tags: list(text),
  summary: text,
  description: text,
  externalDocs: () => EXTERNAL_DOCS,
  operationId: text,
  parameters,
  requestBody: refOr(() => REQUEST_BODY),
  responses,
  callbacks: callbacksMap,
  deprecated: boolean,
  security: securityRequirements,
  servers,
});

export const HTTP_METHOD_KEYS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
const PATH_ITEM: ObjectKind = object("Path Item", {
  $ref: text,
  summary: text,
  description: text,
  ...Object.fromEntries(HTTP_METHOD_KEYS.map((method) => [method, () => OPERATION])),
  servers,
  parameters,
});
const CALLBACK: MapKind = map("Callback", () => PATH_ITEM, { extensions: true })();

/** Each flow requires the URLs it uses (OpenAPI 3.1: REQUIRED), which ends a scope's text before the flow's `tokenUrl:`. */
const oauthFlow = (...urls: string[]) =>
  object(
    "OAuth Flow",
    {
      authorizationUrl: uri,
      tokenUrl: uri,
      refreshUrl: uri,
      scopes: map("scopes", text, { namesHoldSpaces: true }),
    },
    { required: [...urls, "scopes"] },
  );
const IMPLICIT_FLOW = oauthFlow("authorizationUrl");
const TOKEN_FLOW = oauthFlow("tokenUrl");
const AUTHORIZATION_CODE_FLOW = oauthFlow("authorizationUrl", "tokenUrl");
const OAUTH_FLOWS = object("OAuth Flows", {
  implicit: () => IMPLICIT_FLOW,
  password: () => TOKEN_FLOW,
  clientCredentials: () => TOKEN_FLOW,
  authorizationCode: () => AUTHORIZATION_CODE_FLOW,
});
export const SECURITY_SCHEME_TYPES = ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] as const;
const SECURITY_SCHEME = object(
  "Security Scheme",
  {
    type: oneOfText(SECURITY_SCHEME_TYPES),
    description: text,
    name: text,
    in: oneOfText(["query", "header", "cookie"]),
    scheme: text,
    bearerFormat: text,
    flows: () => OAUTH_FLOWS,
    openIdConnectUrl: uri,
  },
  { required: ["type"] },
);

export const COMPONENTS = object("Components", {
  schemas: map("schemas", schemaOrBoolean, { section: "schemas" }),
  responses: map(
    "responses",
    refOr(() => RESPONSE),
    { section: "responses" },
  ),
  parameters: map(
    "parameters",
    refOr(() => PARAMETER),
    { section: "parameters" },
  ),
  examples: map(
    "examples",
    refOr(() => EXAMPLE),
    { section: "examples" },
  ),
  requestBodies: map(
    "requestBodies",
    refOr(() => REQUEST_BODY),
    { section: "requestBodies" },
  ),
  headers: map(
    "headers",
    refOr(() => HEADER),
    { section: "headers" },
  ),
  securitySchemes: map(
    "securitySchemes",
    refOr(() => SECURITY_SCHEME),
  ),
  links: map(
    "links",
    refOr(() => LINK),
    { section: "links" },
  ),
  callbacks: map(
    "callbacks",
    refOr(() => CALLBACK),
    { section: "callbacks" },
  ),
  pathItems: map(
    "pathItems",
    refOr(() => PATH_ITEM),
    { section: "pathItems" },
  ),
});

const CONTACT = object("Contact", { name: text, url: uri, email: uri });
const LICENSE = object("License", { name: text, identifier: text, url: uri }, { required: ["name"] });
const INFO = object(
  "Info",
  {
    title: text,
    summary: text,
    description: text,
    termsOfService: text,
    contact: () => CONTACT,
    license: () => LICENSE,
    version: text,
  },
  { required: ["title", "version"] },
);
const TAG = object(
  "Tag",
  { name: text, description: text, externalDocs: () => EXTERNAL_DOCS },
  { required: ["name"] },
);

export const OPENAPI_DOCUMENT = object(
  "OpenAPI",
  {
    openapi: text,
    info: () => INFO,
    jsonSchemaDialect: text,
    servers,
    paths: map("Paths", () => PATH_ITEM, { keyAllowed: (key) => key.startsWith("/"), extensions: true }),
    webhooks: map(
      "webhooks",
      refOr(() => PATH_ITEM),
    ),
    components: () => COMPONENTS,
    security: securityRequirements,
    tags: list(() => TAG),
    externalDocs: () => EXTERNAL_DOCS,
  },
  { required: ["openapi", "info"] },
);

/** Every object kind of the model, for tests that check the whole vocabulary is exercised. */
export const OBJECT_KINDS: readonly ObjectKind[] = [
  OPENAPI_DOCUMENT,
  INFO,
  CONTACT,
  LICENSE,
  SERVER,
  SERVER_VARIABLE,
  COMPONENTS,
  PATH_ITEM,
  OPERATION,
  EXTERNAL_DOCS,
  PARAMETER,
  REQUEST_BODY,
  MEDIA_TYPE,
  ENCODING,
  RESPONSE,
  EXAMPLE,
  LINK,
  HEADER,
  TAG,
  REFERENCE,
  SCHEMA,
  DISCRIMINATOR,
  XML,
  SECURITY_SCHEME,
  OAUTH_FLOWS,
  IMPLICIT_FLOW,
  TOKEN_FLOW,
  AUTHORIZATION_CODE_FLOW,
];

/** The kinds a value of `kind` may take, with unions flattened. */
export function alternatives(kind: Kind): Kind[] {
  if (kind.type !== "union") return [kind];
  return kind.options.flatMap((option) => alternatives(option()));
}

export function isExtensionKey(key: string): boolean {
  return key.startsWith("x-");
}
