import { describe, expect, it } from "vitest";
import { asCalendarUnit } from "./dates.js";

// The periods themselves (start, next, label) are the contract's calendar, tested there.
describe("calendar units", () => {
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
