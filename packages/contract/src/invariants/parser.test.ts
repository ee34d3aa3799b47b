import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.js";
import { InvariantSyntaxError } from "./errors.js";
import { checkInvariant, parseInvariant } from "./index.js";

const run = (expr: string, scope: Record<string, unknown> = {}) => evaluate(parseInvariant(expr), scope);

describe("invariant grammar", () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ["1 + 2 * 3", {}, 7],
    ["(1 + 2) * 3", {}, 9],
    ["10 - 4 - 3", {}, 3],
    ["7 % 3", {}, 1],
    ["-a + 1", { a: 2 }, -1],
    ["a + b == c", { a: 1, b: 2, c: 3 }, true],
    ["a <= b && b < c", { a: 1, b: 2, c: 2 }, false],
    ["!(a > 1) || a == 5", { a: 5 }, true],
    ['"x" + "y" == "xy"', {}, true],
    ["missing == null", {}, true],
    ["a.b.c", { a: { b: { c: 4 } } }, 4],
    ["a.b.c", { a: null }, null],
    ["xs[1]", { xs: [5, 6] }, 6],
    ["xs[*].n", { xs: [{ n: 1 }, { n: 2 }] }, [1, 2]],
    ["sum(xs[*].n)", { xs: [{ n: 1 }, { n: 2 }] }, 3],
    ["sum(xs, x => x.n * 2)", { xs: [{ n: 1 }, { n: 2 }] }, 6],
    ["len(xs)", { xs: [1, 2, 3] }, 3],
    ["len(missing)", {}, 0],
    ["count(xs, x => x > 1)", { xs: [1, 2, 3] }, 2],
    ["all(xs, x => x > 0)", { xs: [1, 2] }, true],
    ["all(xs, x => x > 0)", { xs: [] }, true],
    ["any(xs, x => x > 1)", { xs: [1, 2] }, true],
    ["distinct(xs)", { xs: [1, 1, 2] }, 2],
    ["distinct(xs, x => x.k)", { xs: [{ k: "a" }, { k: "a" }] }, 1],
    ["min(xs)", { xs: [3, 1, 2] }, 1],
    ["max(3, 9, 4)", {}, 9],
    ["min(xs)", { xs: [] }, null],
    ['sorted(xs, "asc")', { xs: [1, 2, 2, 3] }, true],
    ['sorted(xs, "desc")', { xs: [1, 2] }, false],
    ['date("2026-02-22")', {}, Date.UTC(2026, 1, 22)],
    ['date("2025-07-31T00:00:00")', {}, Date.UTC(2025, 6, 31)],
    ['date("2026-02-22T01:00:00.500+01:00")', {}, Date.UTC(2026, 1, 22, 0, 0, 0, 500)],
    ['date(xs)', { xs: ["2026-01-01", "2026-01-02"] }, [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)]],
    ["floor(7 / 2) + ceil(7 / 2)", {}, 7],
    ["round(0.12345, 4)", {}, 0.1235],
    ["a ?? 5", { a: null }, 5],
    ["a ?? 5", { a: 0 }, 0],
    ['p == "day" ? 1 : p == "week" ? 7 : 30', { p: "week" }, 7],
    ['get(o, "k")', { o: { k: 2 } }, 2],
    ["[1, 2] == [1, 2]", {}, true],
    ["contains([1, 2], 2)", {}, true],
    ["defined(a) && !defined(b)", { a: 0 }, true],
    ["this.a", { this: { a: 1 } }, 1],
  ];
  it.each(cases)("%s", (expr, scope, want) => {
    expect(run(expr, scope)).toEqual(want);
  });

  const syntaxErrors: [string, RegExp][] = [
    ["a +", /unexpected end/],
    ["a == == b", /unexpected token/],
    ["(a", /expected '\)'/],
    ['"open', /unterminated string/],
    ["a # b", /unexpected character/],
    ["f(x => )", /unexpected token/],
    ["a b", /after the expression/],
    ["xs[a]", /integer index/],
  ];
  it.each(syntaxErrors)("rejects %s", (expr, message) => {
    expect(() => parseInvariant(expr)).toThrow(InvariantSyntaxError);
    expect(() => parseInvariant(expr)).toThrow(message);
  });

  it("never runs code: identifiers only read the scope", () => {
    expect(run("constructor", {})).toBeNull();
    expect(run("a.constructor", { a: {} })).toBeNull();
    expect(() => run("process.exit(1)", {})).toThrow();
  });

  const evaluationFailures: [string, Record<string, unknown>, RegExp][] = [
    ["a < 1", { a: null }, /cannot compare null/],
    ["a + 1", { a: "x" }, /needs a number/],
    ["1 / 0", {}, /division by zero/],
    ["nope(1)", {}, /unknown function/],
    ['date("2026-02-30")', {}, /not a calendar date/],
    ['date("yesterday")', {}, /not an ISO 8601/],
    ["a && true", { a: 1 }, /expected a boolean/],
  ];
  it.each(evaluationFailures)("reports %s as a failure with its reason", (expr, scope, reason) => {
    const outcome = checkInvariant({ id: "x", expr }, scope);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(reason);
  });
});
