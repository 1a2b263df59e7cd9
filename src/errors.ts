/**
 * The errors the client throws. Every one is built from redacted text, so the API key never shows in a message,
 * `toString()`, `JSON.stringify`, a stack trace or a `cause`.
 */

/** Replaces every occurrence of `secret` in `text`. */
export function redactText(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join("[redacted]") : text;
}

/** Deep-copies a parsed response body with `secret` replaced in every string (keys included). */
export function redactValue(value: unknown, secret: string | undefined): unknown {
  if (!secret) return value;
  if (typeof value === "string") return redactText(value, secret);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactText(key, secret), redactValue(item, secret)]),
    );
  }
  return value;
}

function mentions(error: unknown, secret: string, depth = 0): boolean {
  if (depth > 4 || error === undefined || error === null) return false;
  if (!(error instanceof Error)) return String(error).includes(secret);
  const text = `${error.message}\n${error.stack ?? ""}\n${String(error)}`;
  return text.includes(secret) || mentions(error.cause, secret, depth + 1);
}

/** The underlying error, or a redacted stand-in when it (or its causes) mention the secret. */
export function redactCause(error: unknown, secret: string | undefined): unknown {
  if (!secret || !mentions(error, secret)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(redactText(message, secret));
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
  requestId?: string;
}

function bodySummary(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  if (typeof body === "object" && body !== null) {
    const { message, error, detail, title } = body as Record<string, unknown>;
    const text = [message, error, detail, title].find((field) => typeof field === "string");
    if (typeof text === "string") return text.slice(0, 200);
  }
  return "";
}

/**
 * A non-2xx response to an operation method. `body` is the parsed response body (JSON when it parses, otherwise
 * text); `requestId` is the server's request id header, when it sent one; quote it when contacting bctrl.
 */
export class BctrlApiError extends BctrlError {
  override name = "BctrlApiError";
  /** The HTTP status code. */
  readonly status: number;
  /** The response body: parsed JSON, or the text when it is not JSON. */
  readonly body: unknown;
  /** The operation's operationId, e.g. `runtimes-connections-create`. */
  readonly operationId: string;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The operation's path template, e.g. `/v1/spaces/{id}/runtimes/{runtimeId}/connections`. */
  readonly path: string;
  /** The `x-request-id` (or `request-id`) response header, when present. */
  readonly requestId: string | undefined;

  /** Builds the error; `secret` is removed from the message and body. */
  constructor(init: BctrlApiErrorInit, secret?: string) {
    const summary = bodySummary(init.body);
    const where = `${init.operationId} (${init.method} ${init.path})`;
    const request = init.requestId ? ` [request ${init.requestId}]` : "";
    super(
      redactText(
        `bctrl API error ${init.status} from ${where}${request}${summary ? `: ${summary}` : ""}`,
        secret,
      ),
    );
    this.status = init.status;
    this.body = redactValue(init.body, secret);
    this.operationId = init.operationId;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId === undefined ? undefined : redactText(init.requestId, secret);
  }
}

/** The request never got a response: connection refused or reset, DNS failure, an unfollowable redirect, … */
export class BctrlNetworkError extends BctrlError {
  override name = "BctrlNetworkError";
}

/** An attempt got no response headers within `timeoutMs`. A subclass of {@link BctrlNetworkError}. */
export class BctrlTimeoutError extends BctrlNetworkError {
  override name = "BctrlTimeoutError";
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  /** Builds the error for a timeout of `timeoutMs` milliseconds. */
  constructor(timeoutMs: number) {
    super(`bctrl request timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
