import { describe, expect, it } from "vitest";
import { addUnits, alignToUnit, asCalendarUnit, labelFor } from "./dates.js";

const at = (iso: string) => Date.parse(iso);

describe("calendar periods", () => {
  it.each([
    ["2026-02-25T13:00:00Z", "day", "2026-02-25T00:00:00.000Z"],
    ["2026-02-25T13:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["2026-03-01T00:00:00Z", "week", "2026-02-23T00:00:00.000Z"],
    ["2026-02-25T13:00:00Z", "month", "2026-02-01T00:00:00.000Z"],
    ["2026-02-25T13:20:00Z", "hour", "2026-02-25T13:00:00.000Z"],
  ] as const)("aligns %s to its %s: %s", (input, unit, expected) => {
    expect(new Date(alignToUnit(at(input), unit)).toISOString()).toBe(expected);
  });

  it.each([
    ["2026-01-01T00:00:00Z", "month", 1, "2026-02-01T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "week", 1, "2026-03-02T00:00:00.000Z"],
    ["2026-02-23T00:00:00Z", "day", -1, "2026-02-22T00:00:00.000Z"],
  ] as const)("adds to %s one %s (%i)", (input, unit, n, expected) => {
    expect(new Date(addUnits(at(input), unit, n)).toISOString()).toBe(expected);
  });

  it.each([
    ["2026-02-22T00:00:00Z", "day", "2026-02-22"],
    ["2026-02-23T00:00:00Z", "week", "2026-W09"],
    ["2021-01-03T00:00:00Z", "week", "2020-W53"],
    ["2026-02-22T00:00:00Z", "month", "2026-02"],
  ] as const)("labels %s by %s as %s", (input, unit, label) => {
    expect(labelFor(at(input), unit)).toBe(label);
  });

  it.each([
    ["day", "day"],
    ["daily", "day"],
    ["weekly", "week"],
    ["Month", "month"],
    ["fortnight", undefined],
    [7, undefined],
  ] as const)("reads %s as unit %s", (value, unit) => {
    expect(asCalendarUnit(value)).toBe(unit);
  });
});
