import { describe, expect, it } from "vitest";
import { addPeriods, isoWeekKey, periodBuckets, periodLabel, startOfPeriod } from "./calendar.js";
import { rate4, roundDiv } from "./rounding.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("calendar periods", () => {
  it.each([
    ["2026-02-25T13:00:00Z", "day", "2026-02-25T00:00:00.000Z"],
    ["2026-02-25T13:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["2026-03-01T00:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["1969-12-31T12:00:00Z", "week", "1969-12-29T00:00:00.000Z"],
    ["2026-02-25T13:00:00Z", "month", "2026-02-01T00:00:00.000Z"],
    ["2026-02-25T13:20:00Z", "hour", "2026-02-25T13:00:00.000Z"],
    ["2026-02-25T13:20:00Z", "year", "2026-01-01T00:00:00.000Z"],
  ] as const)("the %s period containing %s starts at %s", (input, unit, expected) => {
    expect(iso(startOfPeriod(at(input), unit))).toBe(expected);
  });

  it.each([
    ["2026-01-01T00:00:00Z", "month", 1, "2026-02-01T00:00:00.000Z"],
    ["2026-01-31T08:30:00Z", "month", 1, "2026-03-03T08:30:00.000Z"],
    ["2026-12-01T00:00:00Z", "month", 1, "2027-01-01T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "week", 1, "2026-03-02T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "day", -1, "2026-02-22T00:00:00.000Z"],
    ["2024-02-29T00:00:00Z", "year", 1, "2025-03-01T00:00:00.000Z"],
  ] as const)("%s moved by %s x%i is %s", (input, unit, n, expected) => {
    expect(iso(addPeriods(at(input), unit, n))).toBe(expected);
  });

  it.each([
    ["2026-02-22T00:00:00Z", "day", "2026-02-22"],
    ["2026-02-23T00:00:00Z", "week", "2026-W09"],
    ["2026-02-22T00:00:00Z", "month", "2026-02"],
    ["2026-02-22T08:10:00Z", "hour", "2026-02-22T08"],
    ["2026-02-22T00:00:00Z", "year", "2026"],
  ] as const)("labels %s by %s as %s", (input, unit, label) => {
    expect(periodLabel(at(input), unit)).toBe(label);
  });

  // The ISO week-numbering year differs from the calendar year around New Year.
  it.each([
    ["2021-01-03", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2024-12-30", "2025-W01"],
    ["2026-03-01", "2026-W09"],
    ["2026-02-23", "2026-W09"],
    ["2026-02-22", "2026-W08"],
    ["2027-01-01", "2026-W53"],
  ])("%s is in %s", (day, key) => {
    expect(isoWeekKey(at(`${day}T12:00:00Z`))).toBe(key);
    expect(isoWeekKey(at(`${day}T00:00:00Z`))).toBe(key);
  });

  it("cuts a range into the periods it touches, each clipped to the range", () => {
    const range = periodBuckets("week", at("2026-02-25T12:00:00Z"), at("2026-03-03T00:00:00Z"));
    expect(range.map((b) => [b.key, iso(b.start), iso(b.end)])).toEqual([
      ["2026-W09", "2026-02-25T12:00:00.000Z", "2026-03-02T00:00:00.000Z"],
      ["2026-W10", "2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z"],
    ]);
    expect(periodBuckets("month", at("2026-01-31T00:00:00Z"), at("2026-03-01T00:00:00Z")).map((b) => b.key)).toEqual(["2026-01", "2026-02"]);
    expect(periodBuckets("day", at("2026-02-25T00:00:00Z"), at("2026-02-25T00:00:00Z"))).toEqual([]);
  });
});

describe("rounding of docs/semantics.md", () => {
  it.each([
    [5, 2, 3],
    [7, 2, 4],
    [1, 3, 0],
    [2, 3, 1],
    [0, 9, 0],
  ])("roundDiv(%i, %i) is %i (halves away from zero)", (a, b, expected) => {
    expect(roundDiv(a, b)).toBe(expected);
  });

  it.each([
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [1, 20000, 0.0001],
    [1, 40000, 0],
    [3, 80000, 0],
    [5, 0, 0],
    [7, 7, 1],
  ])("rate4(%i, %i) is %d", (a, b, expected) => {
    expect(rate4(a, b)).toBe(expected);
  });
});
