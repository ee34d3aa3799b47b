import { checkSchemaInvariants, ContractValidator, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../generate/random.js";
import { solveResponse } from "./solve-response.js";

const count = { type: "integer", minimum: 0 };
const instant = { type: "string", format: "date-time" };
const nullableInstant = { type: ["string", "null"], format: "date-time" };

/** One schema-level invariant pattern per row: the solver must make it hold for every seed. */
const cases: { pattern: string; properties: Record<string, unknown>; invariants: string[] }[] = [
  { pattern: "derived total", properties: { a: count, b: count, c: count, total: count }, invariants: ["total == a + b + c"] },
  { pattern: "parts within a whole", properties: { ok: count, failed: count, runs: count }, invariants: ["ok + failed <= runs"] },
  { pattern: "part within a whole", properties: { active: count, messages: count }, invariants: ["active <= messages"] },
  { pattern: "implication to zero", properties: { tasks: count, rate: { type: "number", minimum: 0, maximum: 1 } }, invariants: ["tasks > 0 || rate == 0"] },
  { pattern: "at least one", properties: { x: count, y: count }, invariants: ["x + y > 0"] },
  {
    pattern: "nullness follows status",
    properties: { status: { enum: ["idle", "running", "done", "failed"] }, startedAt: nullableInstant, finishedAt: nullableInstant, error: { type: ["string", "null"] } },
    invariants: [
      'status != "idle" || (startedAt == null && finishedAt == null)',
      'status == "idle" || startedAt != null',
      '(status == "done" || status == "failed") == (finishedAt != null)',
      '(status == "failed") == (error != null)',
      "finishedAt == null || date(finishedAt) >= date(startedAt)",
    ],
  },
  {
    pattern: "window of fixed length ending at midnight",
    properties: { start: instant, end: instant, computedAt: instant },
    invariants: ["(date(end) - date(start)) / 86400000 == 7", "date(end) % 86400000 == 0", "date(computedAt) >= date(end)"],
  },
  { pattern: "epoch seconds ordered", properties: { created_at: count, updated_at: count }, invariants: ["updated_at >= created_at"] },
  {
    pattern: "list sum within a whole",
    properties: { runs: count, models: { type: "array", items: { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 1 } } } } },
    invariants: ["sum(models[*].n) <= runs"],
  },
  {
    pattern: "unique, sorted list",
    properties: { items: { type: "array", items: { type: "object", required: ["k", "n"], properties: { k: { enum: ["a", "b", "c", "d"] }, n: count } } } },
    invariants: ["distinct(items[*].k) == len(items)", 'sorted(items[*].n, "desc")'],
  },
  {
    pattern: "per-key sums over a literal list",
    properties: { got: { $ref: "#/components/schemas/Pair" }, kept: { $ref: "#/components/schemas/Pair" }, dupes: { $ref: "#/components/schemas/Pair" } },
    invariants: ['all(["x", "y"], k => get(got, k) == get(kept, k) + get(dupes, k))'],
  },
  {
    pattern: "derived from a list extreme",
    properties: { updated: nullableInstant, rows: { type: "array", items: { type: "object", required: ["at"], properties: { at: count } } } },
    invariants: ["updated == null || floor(date(updated) / 1000) == max(rows[*].at)"],
  },
];

function documentFor(properties: Record<string, unknown>, invariants: string[]): OpenApiDocument {
  const target: SchemaObject = {
    type: "object",
    required: Object.keys(properties),
    properties,
    "x-invariants": invariants.map((expr, i) => ({ id: `inv-${i}`, expr })),
  };
  return {
    openapi: "3.1.0",
    info: { title: "solver test", version: "1" },
    paths: {},
    components: { schemas: { Target: target, Pair: { type: "object", required: ["x", "y"], properties: { x: count, y: count } } } },
  };
}

describe.each(cases)("solver: $pattern", ({ properties, invariants }) => {
  it("makes every invariant hold and keeps the body schema-valid, for 60 seeds", () => {
    const doc = documentFor(properties, invariants);
    const validator = new ContractValidator(doc);
    const schema = { $ref: "#/components/schemas/Target" };
    const plan = { status: 200, mediaType: "application/json", schema, operationInvariants: [], series: [], seriesArrays: new Set<SchemaObject>(), mentions: new Map<string, number>() };
    for (let seed = 1; seed <= 60; seed++) {
      const now = Date.UTC(2026, 2, 1);
      const request = { path: {}, query: {}, headers: {}, body: undefined };
      const { body } = solveResponse(doc, plan, request, { doc, random: seededRandom(seed), clock: { from: now - 30 * 86_400_000, to: now } });
      expect(validator.validate("#/components/schemas/Target", body), JSON.stringify(body)).toEqual([]);
      expect(checkSchemaInvariants(doc, schema, body).map((f) => f.reason), JSON.stringify(body)).toEqual([]);
    }
  });
});
