import { describe, expect, it } from "vitest";
import { expectedPeriods } from "./expected-periods.js";

describe("the test's own period count", () => {
  it.each([
    [{ from: "2026-01-01", to: "2026-01-31" }, "day", 31],
    [{ from: "2026-01-01", to: "2026-01-31" }, "week", 5], // Thu 1st is in 2026-W01; Sat 31st in W05
    [{ from: "2025-12-29", to: "2026-01-04" }, "week", 1], // one ISO week across the new year
    [{ from: "2026-01-31", to: "2026-03-01" }, "month", 3],
    [{ from: "2026-02-01", to: "2026-02-01" }, "day", 1],
  ] as const)("%o by %s: %i", (range, period, count) => {
    expect(expectedPeriods(range, period)).toBe(count);
  });
});
