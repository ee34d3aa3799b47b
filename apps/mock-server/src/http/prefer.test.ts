import { describe, expect, it } from "vitest";
import { parseDelay, parsePreferHeader, parsePreferQuery } from "./prefer.js";

describe("Prefer header", () => {
  it.each([
    ["code=404", { code: 404 }],
    ["code=200, example=seed", { code: 200, example: "seed" }],
    ['example="two days"', { example: "two days" }],
    ["dynamic=false; seed=abc", { dynamic: false, seed: "abc" }],
    ["delay=200", { delay: { min: 200, max: 200 } }],
    ["delay=100-500, fail-rate=0.25", { delay: { min: 100, max: 500 }, failRate: 0.25 }],
    ["return=minimal, respond-async", {}],
  ])("reads %s", (header, expected) => {
    expect(parsePreferHeader(header)).toEqual({ ok: true, preferences: expected });
  });

  it.each([
    "code=abc",
    "code=99",
    "code=",
    "dynamic=yes",
    "seed=has space",
    "delay=-1",
    "delay=500-100",
    "delay=999999",
    "fail-rate=2",
    "fail-rate=x",
    "colour=red",
    "code=200 example=x",
    "=5",
  ])("rejects %s", (header) => {
    expect(parsePreferHeader(header).ok).toBe(false);
  });
});

describe("query forms", () => {
  it("reads the __ parameters and ignores the rest", () => {
    expect(parsePreferQuery({ __code: "201", __dynamic: "true", __seed: "9", __delay: "5", __fail_rate: "0", limit: "3" })).toEqual({
      ok: true,
      preferences: { code: 201, dynamic: true, seed: "9", delay: { min: 5, max: 5 }, failRate: 0 },
    });
  });
  it.each([[{ __code: "x" }], [{ __nope: "1" }], [{ __seed: ["1", "2"] }]])("rejects %j", (query) => {
    expect(parsePreferQuery(query).ok).toBe(false);
  });
});

describe("delay", () => {
  it.each([
    ["0", { min: 0, max: 0 }],
    ["10-20", { min: 10, max: 20 }],
    ["60000", { min: 60000, max: 60000 }],
    ["60001", undefined],
    ["ten", undefined],
  ])("%s", (text, expected) => expect(parseDelay(text)).toEqual(expected));
});
