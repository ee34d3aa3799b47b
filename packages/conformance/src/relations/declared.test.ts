import { document } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { fillToken, operationsWithRelations, relationsOf } from "./declared.js";

const TODAY = Date.UTC(2026, 2, 1);

describe("fillToken", () => {
  it.each([
    ["{today}", "2026-03-01"],
    ["{today-1d}", "2026-02-28"],
    ["{today-30d}", "2026-01-30"],
    ["{agentId}", "agent_1"],
    ["week", "week"],
  ])("%s", (value, filled) => {
    expect(fillToken(value, TODAY, { agentId: "agent_1" })).toBe(filled);
  });
  it("is undefined for an id the kit does not know", () => {
    expect(fillToken("{runId}", TODAY, {})).toBeUndefined();
  });
});

describe("the contract's relations", () => {
  const declared = operationsWithRelations(document).flatMap((op) => relationsOf(op));
  it("are declared across the modules the issue names", () => {
    expect(declared.map((d) => d.relation.id)).toEqual(expect.arrayContaining(["week-is-7-day-rolling", "week-is-sum-of-daily-metrics", "stats-agree-with-runs-list", "runs-per-day-are-tasks-initiated"]));
  });
  it.each(declared.map((d) => [d.relation.id, d.relation] as const))("%s reads operations of the contract", (_id, relation) => {
    const ids = new Set(operationsWithRelations(document).length ? document && Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((o) => (o && typeof o === "object" && "operationId" in o ? [(o as { operationId: string }).operationId] : []))) : []);
    for (const read of Object.values(relation.reads)) expect(ids.has(read.operationId), read.operationId).toBe(true);
  });
});
