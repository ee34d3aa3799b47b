import { describe, expect, it } from "vitest";
import { addDays, analyticsWindow, dayCount, daysOf, isDay, lastDays, rangeFrom } from "./range.js";

const NOW = Date.parse("2026-03-01T15:00:00Z");

describe("day ranges", () => {
  it("the last n days end yesterday: today has not ended", () => {
    expect(lastDays(30, NOW)).toEqual({ from: "2026-01-30", to: "2026-02-28" });
    expect(dayCount(lastDays(30, NOW))).toBe(30);
  });

  it.each([
    ["from=2026-02-01&to=2026-02-28", { from: "2026-02-01", to: "2026-02-28" }],
    ["from=2026-02-28&to=2026-02-01", { from: "2026-01-30", to: "2026-02-28" }], // reversed: the default
    ["from=2026-02-30&to=2026-03-01", { from: "2026-01-30", to: "2026-02-28" }], // no such day
    ["from=yesterday&to=2026-03-01", { from: "2026-01-30", to: "2026-02-28" }],
    ["", { from: "2026-01-30", to: "2026-02-28" }],
  ])("%s", (query, range) => {
    expect(rangeFrom(new URLSearchParams(query), NOW)).toEqual(range);
  });

  it("the analytics window is half-open: it ends the day after the range's last day", () => {
    expect(analyticsWindow({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ startDate: "2026-02-01", endDate: "2026-03-01" });
  });

  it("lists every day, across months and years", () => {
    expect(daysOf({ from: "2025-12-30", to: "2026-01-02" })).toEqual(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(isDay("2025-02-29")).toBe(false);
  });
});
