import type { OperationErrors } from "../generated/methods.js";

/**
 * The errors the client throws. Every one is built from redacted text, so the API key never shows in a message,
 * `toString()`, `JSON.stringify`, a stack trace or a `cause`.
 */

/**
 * The shortest key the client accepts: a shorter one would match (and redaction would rewrite) ordinary text such as
 * a path or a status code.
 */
export const MIN_KEY_LENGTH = 8;

/** Replaces every occurrence of `secret` in `text`; a secret shorter than {@link MIN_KEY_LENGTH} is never a key. */
export function redactText(text: string, secret: string | undefined): string {
  return secret && secret.length >= MIN_KEY_LENGTH ? text.split(secret).join("[redacted]") : text;
}

/** Deep-copies a parsed response body with `secret` replaced in every string (keys included). */
export function redactValue(value: unknown, secret: string | undefined): unknown {
  if (typeof value === "string") return redactText(value, secret);
  if (!secret || typeof value !== "object" || value === null) return value;
  return Array.isArray(value)
    ? value.map((item) => redactValue(item, secret))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [redactText(key, secret), redactValue(item, secret)]),
      );
}

/**
 * The underlying error, or when it (or one of its first causes) mentions the secret, a copy of the same class with
 * the secret removed from its message, stack and causes, so `instanceof` checks still hold.
 */
export function redactCause(error: unknown, secret: string | undefined): unknown {
  if (!(error instanceof Error && mentions(error, secret))) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    const redacted = key === "cause" ? redactCause(value, secret) : redactValue(value, secret);
    Object.defineProperty(copy, key, { value: redacted, writable: true, configurable: true });
  }
  return copy;
}

/** Whether `error` or one of its first causes shows `secret` (an Error's String() has its message, its stack both). */
function mentions(error: unknown, secret: string | undefined): boolean {
  let current = error as Error | undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++, current = current.cause as Error) {
    const shown = `${current}${current.stack}`;
    if (redactText(shown, secret) !== shown) return true;
  }
  return false;
}

/** Base class of every error the bctrl client throws. */
export class BctrlError extends Error {
  override name = "BctrlError";

  /** The error's public fields, so `JSON.stringify(error)` shows what went wrong. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** Where an {@link BctrlApiError} came from. */
export interface BctrlApiErrorInit {
  status: number;
  body: unknown;
  operationId: string;
  method: string;
  path: string;
  requestId?: string | undefined;
}

/**
 * `: <text>` from a body that is text or has a `message`, `error`, `detail` or `title` string; else nothing. The text
 * is redacted before it is cut, so a secret straddling the cut leaves no prefix behind.
 */
function summary(body: unknown, secret: string | undefined): string {
  const { message, error, detail, title } = Object(body);
  const text = [body, message, error, detail, title].find((field) => typeof field === "string");
  return text ? `: ${redactText(text, secret).slice(0, 200)}` : "";
}

/**
 * A non-2xx response to an operation method. `body` is the parsed response body (JSON when it parses, otherwise
 * text); `requestId` is the server's request id header, when it sent one; quote it when contacting bctrl.
 * `error.isFrom(operationId)` narrows `body` to that operation's documented error body.
 *
 * @example
 * try {
 *   await bctrl.spaces.runtimes.connections.create({ path: { id, runtimeId }, body: { protocol: "cdp" } });
 * } catch (error) {
 *   if (error instanceof BctrlApiError && error.isFrom("runtimes-connections-create")) console.log(error.body);
 * }
 */
export class BctrlApiError<Body = unknown> extends BctrlError {
  override name = "BctrlApiError";
  /** The HTTP status code. */
  declare readonly status: number;
  /** The response body: parsed JSON, or the text when it is not JSON. */
  declare readonly body: Body;
  /** The operation's operationId, e.g. `runtimes-connections-create`. */
  declare readonly operationId: string;
  /** The HTTP method, upper case. */
  declare readonly method: string;
  /** The operation's path template, e.g. `/v1/spaces/{id}/runtimes/{runtimeId}/connections`. */
  declare readonly path: string;
  /** The `x-request-id` (or `request-id`) response header, when present. */
  declare readonly requestId: string | undefined;

  /** Builds the error; `secret` is removed from the message and body. */
  constructor(init: BctrlApiErrorInit, secret?: string) {
    const { status, body, operationId, method, path, requestId } = init;
    const request = requestId ? ` [request ${requestId}]` : "";
    super(
      redactText(
        `bctrl API error ${status} from ${operationId} (${method} ${path})${request}${summary(body, secret)}`,
        secret,
      ),
    );
    Object.assign(this, init, {
      body: redactValue(body, secret),
      requestId: requestId && redactText(requestId, secret),
    });
  }

  /**
   * True when the error answers the operation `operationId`; `body` is then typed as the error body its spec
   * documents (the server is trusted to send what it documents; the client does not validate bodies).
   */
  isFrom<Id extends keyof OperationErrors>(operationId: Id): this is BctrlApiError<OperationErrors[Id]> {
    return this.operationId === operationId;
  }
}

/**
 * A response body (or one event of a stream) grew past the client's `maxResponseBytes`; the body is not read further.
 * Not a network error: it is not retried.
 */
export class BctrlResponseTooLargeError extends BctrlError {
  override name = "BctrlResponseTooLargeError";
  /** The limit that was exceeded, in bytes. */
  declare readonly maxResponseBytes: number;

  /** Builds the error for the limit `maxResponseBytes`. */
  constructor(maxResponseBytes: number) {
    super(`bctrl response body exceeds maxResponseBytes (${maxResponseBytes} bytes)`);
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** The error for a response body that is not the JSON it should be; it quotes nothing of the body. */
export function notJson(where: string): BctrlError {
  return new BctrlError(`bctrl API response from ${where} is not JSON`);
}

/** The request never got a response: connection refused or reset, DNS failure, an unfollowable redirect, … */
export class BctrlNetworkError extends BctrlError {
  override name = "BctrlNetworkError";
}

/** An attempt got no complete response within `timeoutMs`. A subclass of {@link BctrlNetworkError}. */
export class BctrlTimeoutError extends BctrlNetworkError {
  override name = "BctrlTimeoutError";
  /** The per-attempt timeout that expired, in milliseconds. */
  declare readonly timeoutMs: number;

  /** Builds the error for a timeout of `timeoutMs` milliseconds. */
  constructor(timeoutMs: number) {
    super(`bctrl request timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
