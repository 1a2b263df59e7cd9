/** The retry policy: which requests are retried, on what, and how long to wait between attempts. */

/** How the client retries; every field is optional and falls back to the default shown. */
export interface RetryOptions {
  /** Retries after the first attempt. Default `2`; `0` turns retries off. */
  maxRetries?: number;
  /**
   * Methods retried without an idempotency key. Default `["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]`.
   * Requests with an `Idempotency-Key` header are retried whatever their method.
   */
  methods?: readonly string[];
  /**
   * Response statuses that are retried. Default `[408, 429, 502, 503, 504]`. Network errors and timeouts always are,
   * a response body that stalls or is cut off after the headers included.
   */
  statuses?: readonly number[];
  /** The first backoff, in ms; it doubles on each retry, minus up to half of it as jitter. Default `500`. */
  initialDelayMs?: number;
  /** The longest backoff, in ms. Default `8000`. */
  maxDelayMs?: number;
  /** The longest wait a `Retry-After` header can ask for, in ms; longer asks wait this long. Default `60000`. */
  maxRetryAfterMs?: number;
}

/** A complete retry policy. */
export type RetryPolicy = Required<RetryOptions>;

/** The defaults of {@link RetryOptions}; frozen to the arrays, since every client without its own policy shares them. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  methods: Object.freeze(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]),
  statuses: Object.freeze([408, 429, 502, 503, 504]),
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
});

/** The policy for `retry` as given to the client (`false` turns retries off); fields left undefined keep `base`'s. */
export function resolveRetry(
  retry: RetryOptions | false | undefined,
  base: RetryPolicy = DEFAULT_RETRY,
): RetryPolicy {
  const policy: Record<string, unknown> = { ...base, ...(retry === false ? { maxRetries: 0 } : retry) };
  for (const key in base) policy[key] ??= base[key as keyof RetryPolicy];
  return policy as RetryPolicy;
}

/** Whether a request may be sent again: its method is safe to repeat, or the caller gave an idempotency key. */
export function isRetryable(method: string, headers: Headers, policy: RetryPolicy): boolean {
  return policy.methods.some((m) => m.toUpperCase() === method) || headers.has("idempotency-key");
}

/**
 * The wait before retry number `retry` (0 for the first) after `response`: what its Retry-After asks (delay seconds
 * or an HTTP date, capped), else the backoff `initial·2^retry`, capped, minus up to half of it as jitter (`random`
 * in [0, 1)).
 */
export function retryDelay(
  retry: number,
  response: Response | undefined,
  policy: RetryPolicy,
  random: number,
  now: number,
): number {
  const header = response?.headers.get("retry-after")?.trim() ?? "";
  // HTTP dates always name a weekday and month; without letters Date.parse would read "-5" as a year.
  const asked = /^\d+(\.\d+)?$/.test(header)
    ? Number(header) * 1000
    : /[a-z]/i.test(header)
      ? Math.max(0, Date.parse(header) - now)
      : Number.NaN;
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return asked >= 0 ? Math.min(asked, policy.maxRetryAfterMs) : ceiling - (ceiling / 2) * random;
}
