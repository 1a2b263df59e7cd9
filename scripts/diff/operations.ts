/**
 * Operation comparison: operations are matched by method and path (path parameter names aside, so renaming one is
 * reported as a parameter change), then their parameters, request bodies and responses are compared resolved.
 */
import { HTTP_METHODS, isRecord } from "../shared/openapi.ts";
import { byName, type Change, type Section, type Severity, sortChanges } from "./model.ts";
import { type Json, type JsonObject, resolve } from "./resolve.ts";
import { compareSchemas, type Sides } from "./schema.ts";

/** One operation of a document, with path-level parameters folded in and every `$ref` followed. */
interface Operation {
  key: string;
  display: string;
  operationId?: string;
  operation: JsonObject;
  parameters: Map<string, JsonObject>;
}

/** Operations of a document keyed by `METHOD /path/{}` (parameter names blanked). */
export function indexOperations(document: Json): Map<string, Operation> {
  const index = new Map<string, Operation>();
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  for (const [route, rawItem] of Object.entries(paths)) {
    const item = resolve(document, rawItem).node;
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = resolve(document, item[method]).node;
      if (!isRecord(operation)) continue;
      const key = `${method.toUpperCase()} ${route.replace(/\{[^}]*\}/g, "{}")}`;
      index.set(key, {
        key,
        display: `${method.toUpperCase()} ${route}`,
        operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
        operation,
        parameters: parametersOf(document, item.parameters, operation.parameters),
      });
    }
  }
  return index;
}

/** Path-item parameters overridden by the operation's own, keyed `in:name` (header names case-insensitively). */
function parametersOf(document: Json, pathLevel: unknown, operationLevel: unknown): Map<string, JsonObject> {
  const parameters = new Map<string, JsonObject>();
  for (const list of [pathLevel, operationLevel]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolve(document, raw).node;
      if (!isRecord(parameter) || typeof parameter.name !== "string") continue;
      const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
      parameters.set(`${String(parameter.in)}:${name}`, parameter);
    }
  }
  return parameters;
}

export function compareOperations(sides: Sides): Section {
  const before = indexOperations(sides.oldDocument);
  const after = indexOperations(sides.newDocument);
  const section: Section = { added: [], removed: [], changed: [] };
  for (const [key, operation] of after) {
    if (before.has(key)) continue;
    section.added.push({
      name: operation.display,
      note: operation.operationId,
      changes: [{ severity: "safe", where: "operation", field: "", message: "operation added" }],
    });
  }
  for (const [key, old] of before) {
    const current = after.get(key);
    if (!current) {
      section.removed.push({
        name: old.display,
        note: old.operationId,
        changes: [{ severity: "breaking", where: "operation", field: "", message: "operation removed" }],
      });
      continue;
    }
    const changes = compareOperation(sides, old, current);
    if (changes.length > 0)
      section.changed.push({
        name: current.display,
        note: current.operationId,
        changes: sortChanges(changes),
      });
  }
  for (const list of [section.added, section.removed, section.changed]) list.sort(byName);
  return section;
}

function compareOperation(sides: Sides, old: Operation, current: Operation): Change[] {
  const change = (severity: Severity, where: string, message: string): Change => ({
    severity,
    where,
    field: "",
    message,
  });
  const changes: Change[] = [];
  if (old.operationId !== current.operationId)
    changes.push(
      change(
        "breaking",
        "operation",
        `operationId changed from ${JSON.stringify(old.operationId ?? null)} to ${JSON.stringify(current.operationId ?? null)} (code naming operations[…] must follow)`,
      ),
    );
  if (old.operation.deprecated !== true && current.operation.deprecated === true)
    changes.push(change("safe", "operation", "deprecated"));
  if (
    old.operation.summary !== current.operation.summary ||
    old.operation.description !== current.operation.description
  )
    changes.push(change("safe", "operation", "documentation changed"));
  changes.push(...compareParameters(sides, old.parameters, current.parameters));
  changes.push(...compareRequestBody(sides, old.operation.requestBody, current.operation.requestBody));
  changes.push(...compareResponses(sides, old.operation.responses, current.operation.responses));
  return changes;
}

function compareParameters(
  sides: Sides,
  before: Map<string, JsonObject>,
  after: Map<string, JsonObject>,
): Change[] {
  const label = (key: string) => `${key.replace(":", " parameter ")}`;
  const changes: Change[] = [];
  for (const [key, parameter] of after) {
    if (before.has(key)) continue;
    const required = parameter.required === true;
    changes.push({
      severity: required ? "breaking" : "safe",
      where: label(key),
      field: "",
      message: required ? "parameter added as required" : "parameter added (optional)",
    });
  }
  for (const [key, old] of before) {
    const current = after.get(key);
    const where = label(key);
    if (!current) {
      changes.push({ severity: "breaking", where, field: "", message: "parameter removed" });
      continue;
    }
    if (old.required !== true && current.required === true)
      changes.push({ severity: "breaking", where, field: "", message: "parameter made required" });
    if (old.required === true && current.required !== true)
      changes.push({ severity: "safe", where, field: "", message: "parameter made optional" });
    changes.push(...compareSchemas(sides, old.schema ?? {}, current.schema ?? {}, "request", where));
  }
  return changes;
}

function contentOf(document: Json, body: unknown): { node: JsonObject | undefined; content: JsonObject } {
  const node = resolve(document, body).node;
  const resolved = isRecord(node) ? node : undefined;
  return { node: resolved, content: resolved && isRecord(resolved.content) ? resolved.content : {} };
}

function compareRequestBody(sides: Sides, oldBody: unknown, newBody: unknown): Change[] {
  const before = contentOf(sides.oldDocument, oldBody);
  const after = contentOf(sides.newDocument, newBody);
  const where = "request body";
  if (!before.node && !after.node) return [];
  if (!before.node) {
    const required = after.node?.required === true;
    return [
      {
        severity: required ? "breaking" : "safe",
        where,
        field: "",
        message: required ? "request body added as required" : "request body added (optional)",
      },
    ];
  }
  if (!after.node) return [{ severity: "breaking", where, field: "", message: "request body removed" }];
  const changes: Change[] = [];
  if (before.node.required !== true && after.node.required === true)
    changes.push({ severity: "breaking", where, field: "", message: "request body made required" });
  if (before.node.required === true && after.node.required !== true)
    changes.push({ severity: "safe", where, field: "", message: "request body made optional" });
  return [...changes, ...compareContent(sides, before.content, after.content, "request", where)];
}

/** Media types: losing one breaks whoever used it; each shared one's schema is compared. */
function compareContent(
  sides: Sides,
  before: JsonObject,
  after: JsonObject,
  direction: "request" | "response",
  where: string,
): Change[] {
  const changes: Change[] = [];
  const single = Object.keys(before).length <= 1 && Object.keys(after).length <= 1;
  for (const type of Object.keys(after))
    if (!Object.hasOwn(before, type))
      changes.push({ severity: "safe", where, field: "", message: `media type ${type} added` });
  for (const [type, media] of Object.entries(before)) {
    const place = single ? where : `${where} (${type})`;
    if (!Object.hasOwn(after, type)) {
      changes.push({ severity: "breaking", where, field: "", message: `media type ${type} removed` });
      continue;
    }
    const oldSchema = isRecord(media) ? media.schema : undefined;
    const newMedia = after[type];
    const newSchema = isRecord(newMedia) ? newMedia.schema : undefined;
    changes.push(...compareSchemas(sides, oldSchema ?? {}, newSchema ?? {}, direction, place));
  }
  return changes;
}

/**
 * Responses by status. openapi-fetch types `data` as the success responses' bodies, so a new 2xx response may
 * reach code written for the old ones (potentially breaking); other added or removed statuses are safe.
 */
function compareResponses(sides: Sides, oldResponses: unknown, newResponses: unknown): Change[] {
  const before = isRecord(oldResponses) ? oldResponses : {};
  const after = isRecord(newResponses) ? newResponses : {};
  const changes: Change[] = [];
  for (const status of Object.keys(after)) {
    if (Object.hasOwn(before, status)) continue;
    const success = /^2/.test(status);
    changes.push({
      severity: success ? "potentially-breaking" : "safe",
      where: `response ${status}`,
      field: "",
      message: "response added",
    });
  }
  for (const [status, response] of Object.entries(before)) {
    const where = `response ${status}`;
    if (!Object.hasOwn(after, status)) {
      changes.push({ severity: "safe", where, field: "", message: "response removed" });
      continue;
    }
    const old = contentOf(sides.oldDocument, response);
    const current = contentOf(sides.newDocument, after[status]);
    changes.push(...compareContent(sides, old.content, current.content, "response", where));
  }
  return changes;
}
