import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay, retryPolicy, sleep } from "./retry.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Sun, 01 Mar 2026 12:00:30 GMT", 30_000], // IMF-fixdate
    ["Sunday, 01-Mar-26 12:01:00 GMT", 60_000], // obsolete RFC 850
    ["Sun Mar  1 12:00:05 2026", 5_000], // asctime, which means GMT
    ["Sun, 01 Mar 2026 11:00:00 GMT", 0], // a date in the past: retry now
    ["1.5", undefined],
    ["-3", undefined],
    ["2026-03-01T12:00:30Z", undefined], // not an HTTP-date
    ["soon", undefined],
    [null, undefined],
  ])("%j -> %j ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe("retryDelay", () => {
  const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, maxWaitMs: 5000, jitter: false });

  it("honours Retry-After as sent while the wait budget allows it", () => {
    expect(retryDelay(policy, 1, 3000, 0)).toBe(3000);
    expect(retryDelay(policy, 2, 3000, 3000)).toBeUndefined();
    expect(retryDelay(policy, 1, 0, 5000)).toBe(0);
  });

  it("backs off exponentially up to the cap without Retry-After", () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(policy, retry, undefined, 0))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelay(policy, 5, undefined, 4500)).toBeUndefined();
  });

  it("draws the backoff from [0, delay] with jitter, never touching a Retry-After", () => {
    const jittered = retryPolicy({ baseDelayMs: 100, jitter: true });
    expect(retryDelay(jittered, 3, undefined, 0, () => 0.5)).toBe(200);
    expect(retryDelay(jittered, 3, undefined, 0, () => 0)).toBe(0);
    expect(retryDelay(jittered, 3, 2000, 0, () => 0)).toBe(2000);
  });

  it("rejects a policy that cannot work", () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow(RangeError);
    expect(() => retryPolicy({ maxWaitMs: -1 })).toThrow(RangeError);
    expect(retryPolicy(false).attempts).toBe(1);
    expect(retryPolicy(undefined)).toMatchObject({ attempts: 3, maxWaitMs: 30_000, statuses: [429, 503], jitter: true });
  });
});

describe("sleep", () => {
  it("rejects with the signal's reason as soon as it aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort("stop"), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toBe("stop");
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(sleep(10, AbortSignal.abort("already"))).rejects.toBe("already");
    await expect(sleep(5, undefined)).resolves.toBeUndefined();
  });
});
