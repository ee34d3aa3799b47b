import type { OperationId } from "./operation-types.js";

export interface RetryOptions {
  /** Most requests per call, the first included (default 3); 1 turns retries off. */
  attempts?: number;
  /** Most time spent waiting between requests of one call, in ms (default 30 000). */
  maxWaitMs?: number;
  /** Backoff when the server sends no Retry-After: `baseDelayMs * 2^(retry - 1)`, at most `maxDelayMs` (defaults 500, 10 000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Draw that backoff uniformly from [0, delay] ("full jitter", default true). A Retry-After is always honoured as sent. */
  jitter?: boolean;
  /** Statuses worth another request (default 429 and 503: the server did not do the work). */
  statuses?: readonly number[];
  /** Told before each wait: a UI can show "retrying in 3 s". */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  operationId: OperationId;
  /** The attempt that failed (1 for the first request). */
  attempt: number;
  status: number;
  /** How long the client waits before the next request. */
  delayMs: number;
  /** What the server asked for, when it sent Retry-After. */
  retryAfterMs: number | undefined;
}

export type RetryPolicy = Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;

export const NO_RETRY: RetryPolicy = { attempts: 1, maxWaitMs: 0, baseDelayMs: 0, maxDelayMs: 0, jitter: false, statuses: [] };

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return NO_RETRY;
  const policy: RetryPolicy = {
    attempts: options?.attempts ?? 3,
    maxWaitMs: options?.maxWaitMs ?? 30_000,
    baseDelayMs: options?.baseDelayMs ?? 500,
    maxDelayMs: options?.maxDelayMs ?? 10_000,
    jitter: options?.jitter ?? true,
    statuses: options?.statuses ?? [429, 503],
    onRetry: options?.onRetry,
  };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new RangeError("retry.attempts must be an integer >= 1");
  for (const key of ["maxWaitMs", "baseDelayMs", "maxDelayMs"] as const) {
    if (!(policy[key] >= 0)) throw new RangeError(`retry.${key} must be a number >= 0`);
  }
  return policy;
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Retry-After in milliseconds: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00
 * GMT`, counted from `now`, never negative). Anything else is `undefined` (RFC 9110, section 10.2.3).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The three HTTP-date forms; Date.parse alone would accept far looser text. asctime has no zone and means GMT.
  let at = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) at = Date.parse(text);
  else if (ASCTIME.test(text)) at = Date.parse(`${text} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before retry number `retry` (1-based), or `undefined` to stop: the server's
 * Retry-After as sent, else exponential backoff; `undefined` when that exceeds the wait budget left.
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined, waitedMs: number, random: () => number = Math.random): number | undefined {
  const left = policy.maxWaitMs - waitedMs;
  if (retryAfterMs !== undefined) return retryAfterMs <= left ? retryAfterMs : undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const delay = policy.jitter ? Math.floor(random() * backoff) : backoff;
  return delay <= left ? delay : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
