import { describe, expect, it } from "vitest";
import { closing } from "./main.js";
import { newSummary, readLine, totals } from "./summary.js";

const ESC = "\u001b";
const cases: [name: string, lines: string[], expected: Record<string, { passed: number; failed: number; skipped: number }>][] = [
  ["a single Vitest run", ["      Tests  12 passed (12)"], { "(this package)": { passed: 12, failed: 0, skipped: 0 } }],
  [
    "turbo-prefixed, coloured lines of two packages",
    [
      `@agent-analytics/contract:test: ${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[32m40 passed${ESC}[39m${ESC}[22m${ESC}[90m (40)${ESC}[39m`,
      "@agent-analytics/reference-server:test:       Tests  2 failed | 120 passed | 66 skipped (188)",
    ],
    {
      "@agent-analytics/contract": { passed: 40, failed: 0, skipped: 0 },
      "@agent-analytics/reference-server": { passed: 120, failed: 2, skipped: 66 },
    },
  ],
  ["todo counts as skipped", ["x:test:  Tests  3 passed | 1 skipped | 2 todo (6)"], { x: { passed: 3, failed: 0, skipped: 3 } }],
  ["test files lines are not test counts", ["x:test:  Test Files  3 passed (3)", "x:test:  Tests  5 passed (5)"], { x: { passed: 5, failed: 0, skipped: 0 } }],
];

describe("test counts from the run's output", () => {
  it.each(cases)("%s", (_name, lines, expected) => {
    const summary = newSummary();
    lines.forEach((line) => readLine(summary, line));
    expect(Object.fromEntries(summary.byPackage)).toEqual(expected);
  });

  it("notes a package that printed no count", () => {
    const summary = newSummary();
    ["a:test: Error: cannot start", "b:test:  Tests  1 passed (1)"].forEach((line) => readLine(summary, line));
    expect([...summary.uncounted]).toEqual(["a"]);
    expect(closing(summary, { url: "postgres://x", source: "DATABASE_URL" })).toContain(
      "NOT COUNTED: a printed no test count (it failed before its tests ran, or it is not a Vitest run).",
    );
  });

  it("ends with the skipped tests, how to run them without a database, and the totals", () => {
    const summary = newSummary();
    ["r:test:  Tests  10 passed | 4 skipped (14)", "c:test:  Tests  3 passed | 2 skipped (5)"].forEach((line) => readLine(summary, line));
    const lines = closing(summary, { source: "none", tried: "postgres://postgres@127.0.0.1:5432/test", reason: "ECONNREFUSED" });
    expect(lines[0]).toBe("SKIPPED: 6 test(s): r 4, c 2.");
    expect(lines.join("\n")).toContain("DATABASE_URL=postgres://USER@HOST:PORT/DATABASE pnpm test");
    expect(lines.at(-1)).toBe("Tests: 13 passed, 0 failed, 6 skipped");
    expect(totals(summary)).toEqual({ passed: 13, failed: 0, skipped: 6 });
  });
});
