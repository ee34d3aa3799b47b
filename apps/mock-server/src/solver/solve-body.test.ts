import { checkSchemaInvariants, ContractValidator, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { seededRandom } from "./generate/random.js";
import { planResponses, type ResponsePlan } from "./plan/response-plan.js";
import { solveBody, solveDraw } from "./solve-body.js";

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

const NOW = Date.UTC(2026, 2, 1);
const request = { path: {}, query: {}, headers: {}, body: undefined };

/** A document with one operation, `GET /target`, answering the Target schema. */
function documentFor(properties: Record<string, unknown>, invariants: string[], responseInvariants: string[] = []): OpenApiDocument {
  const target: SchemaObject = {
    type: "object",
    required: Object.keys(properties),
    properties,
    "x-invariants": invariants.map((expr, i) => ({ id: `inv-${i}`, expr })),
  };
  const content = { "application/json": { schema: { $ref: "#/components/schemas/Target" } } };
  const ok = { description: "ok", content, "x-invariants": responseInvariants.map((expr, i) => ({ id: `response-${i}`, expr })) };
  return {
    openapi: "3.1.0",
    info: { title: "solver test", version: "1" },
    paths: { "/target": { get: { operationId: "getTarget", "x-conformance-class": "solver", responses: { "200": ok } } } },
    components: { schemas: { Target: target, Pair: { type: "object", required: ["x", "y"], properties: { x: count, y: count } } } },
  };
}

const planOf = (doc: OpenApiDocument): ResponsePlan => planResponses(doc).get("getTarget 200")!;

describe.each(cases)("solver: $pattern", ({ properties, invariants }) => {
  it("makes every invariant hold and keeps the body schema-valid in one draw, for 60 seeds", () => {
    const doc = documentFor(properties, invariants);
    const validator = new ContractValidator(doc);
    const plan = planOf(doc);
    for (let seed = 1; seed <= 60; seed++) {
      const { body, settled } = solveDraw(plan, request, { doc, random: seededRandom(seed), clock: { from: NOW - 30 * 86_400_000, to: NOW } });
      expect(validator.validate("#/components/schemas/Target", body), JSON.stringify(body)).toEqual([]);
      expect(checkSchemaInvariants(doc, plan.schema!, body).map((f) => f.reason), JSON.stringify(body)).toEqual([]);
      expect(settled).toBe(true);
    }
  });
});

describe("solveBody", () => {
  it("serves a verified body, the same for the same seed", () => {
    const doc = documentFor({ a: count, b: count, total: count }, ["total == a + b"]);
    const options = { seed: 7, now: NOW, validator: new ContractValidator(doc) };
    const first = solveBody(planOf(doc), request, options);
    expect(first.verified).toBe(true);
    expect(JSON.stringify(solveBody(planOf(doc), request, options).body)).toBe(JSON.stringify(first.body));
  });

  it("says which check failed when no draw satisfies the contract", () => {
    // The invariant asks for more than the schema allows: every draw is repaired into an invalid body.
    const doc = documentFor({ n: { type: "integer", minimum: 0, maximum: 5 } }, [], ["body.n > 10"]);
    const outcome = solveBody(planOf(doc), request, { seed: 1, now: NOW, validator: new ContractValidator(doc) });
    expect(outcome.verified).toBe(false);
    expect(outcome.reason).toMatch(/^body\/n must be <= 5/);
  });
});
