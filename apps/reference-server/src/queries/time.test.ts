import { describe, expect, it } from "vitest";
import { splitRange, wholeWeeks } from "./time.js";

describe("wholeWeeks", () => {
  // 2026-02-23 and 2026-03-02 are Mondays.
  it.each([
    ["2026-02-23", "2026-03-02", ["2026-02-23", "2026-03-02"]],
    ["2026-02-22", "2026-03-03", ["2026-02-23", "2026-03-02"]],
    ["2026-02-24", "2026-03-10", ["2026-03-02", "2026-03-09"]],
    ["2026-02-24", "2026-03-08", ["2026-03-08", "2026-03-08"]],
    ["2026-02-23", "2026-02-23", ["2026-02-23", "2026-02-23"]],
    ["2025-12-29", "2026-01-12", ["2025-12-29", "2026-01-12"]],
  ])("[%s, %s) holds the weeks %j", (from, to, weeks) => {
    expect(wholeWeeks(from, to)).toEqual(weeks);
  });

  it("splits any range into whole weeks and the days around them, covering each day once", () => {
    const day = 86_400_000;
    const base = Date.UTC(2026, 0, 1);
    for (let a = 0; a < 20; a++) {
      for (let b = a; b < a + 30; b++) {
        const split = splitRange(base + a * day, base + b * day);
        const [w1, w2] = wholeWeeks(split.fullFrom, split.fullTo);
        const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / day);
        expect(days(split.fullFrom, w1) + days(w1, w2) + days(w2, split.fullTo)).toBe(days(split.fullFrom, split.fullTo));
        expect(new Date(w1).getUTCDay() === 1 || w1 === w2).toBe(true);
        expect(days(w1, w2) % 7).toBe(0);
      }
    }
  });
});
