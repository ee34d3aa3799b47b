import { describe, expect, it } from "vitest";
import { applyDerivations, derivationsOf } from "./derived-fields.js";

const schema = (exprs: string[], names = ["a", "b", "c", "total"]) => ({
  type: "object",
  properties: Object.fromEntries(names.map((n) => [n, { type: "integer" }])),
  "x-invariants": exprs.map((expr, i) => ({ id: `i${i}`, expr })),
});

describe("derived fields", () => {
  it.each([
    ["total == a + b + c", [{ field: "total", parts: ["a", "b", "c"] }]],
    ["a + b == total", [{ field: "total", parts: ["a", "b"] }]],
    ["total == a", []],
    ["total <= a + b", []],
    ["total == a + nope", []],
    ["total == a * b", []],
  ])("%s", (expr, expected) => {
    expect(derivationsOf(schema([expr]))).toEqual(expected);
  });

  it("fills totals from numeric parts, and leaves them when a part is missing", () => {
    const derivations = derivationsOf(schema(["total == a + b"]));
    const full: Record<string, unknown> = { a: 2, b: 3, total: 99 };
    applyDerivations(full, derivations);
    expect(full.total).toBe(5);
    const partial: Record<string, unknown> = { a: 2, b: null, total: 99 };
    applyDerivations(partial, derivations);
    expect(partial.total).toBe(99);
  });
});
