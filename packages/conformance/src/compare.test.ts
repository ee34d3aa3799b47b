import { describe, expect, it } from "vitest";
import { differences } from "./compare.js";

describe("differences", () => {
  it.each([
    ["equal numbers", { a: 1 }, { a: 1 }, []],
    ["different numbers", { a: 1 }, { a: 2 }, ["a: expected 1, got 2"]],
    ["extra actual keys are ignored", { a: 1 }, { a: 1, b: 2 }, []],
    ["missing key", { a: 1 }, {}, ["a: expected 1, got nothing"]],
    ["instants, not spellings", { t: "2026-02-22T08:00:00Z" }, { t: "2026-02-22T08:00:00.000Z" }, []],
    ["UTC without an offset", { d: "2026-02-22T00:00:00" }, { d: "2026-02-22T00:00:00.000Z" }, []],
    ["different instants", { t: "2026-02-22T08:00:00Z" }, { t: "2026-02-22T08:00:01Z" }, ["t: expected 2026-02-22T08:00:00Z, got 2026-02-22T08:00:01Z"]],
    ["array length", [1, 2], [1], ["(body): expected 2 items, got 1"]],
    ["nested", { a: [{ b: null }] }, { a: [{ b: "x" }] }, ['a[0].b: expected null, got "x"']],
  ])("%s", (_name, expected, actual, diffs) => {
    expect(differences(expected, actual)).toEqual(diffs);
  });
});
