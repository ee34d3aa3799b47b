import type { DelayRange } from "./http/prefer.js";

/**
 * Latency and failure injection. Both are drawn with Math.random on purpose: a client's retry of
 * the same request must be able to see a different outcome, unlike the deterministic bodies.
 */
export function pickDelay(range: DelayRange | undefined): number {
  if (!range) return 0;
  return range.min + Math.floor(Math.random() * (range.max - range.min + 1));
}

export interface InjectedFailure {
  status: 429 | 500;
  message: string;
  headers: Record<string, string>;
}

/** With probability `rate`, a 500 or a 429 (half each), the 429 with a Retry-After of 1 to 5 seconds. */
export function pickFailure(rate: number): InjectedFailure | undefined {
  if (rate <= 0 || Math.random() >= rate) return undefined;
  if (Math.random() < 0.5) return { status: 500, message: "injected failure (fail-rate)", headers: {} };
  const retryAfter = String(1 + Math.floor(Math.random() * 5));
  return { status: 429, message: "injected rate limit (fail-rate)", headers: { "retry-after": retryAfter } };
}
