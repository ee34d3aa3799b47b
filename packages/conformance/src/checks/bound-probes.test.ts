import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { boundProbes } from "./bound-probes.js";

const window = { firstDay: "2024-01-01", endDay: "2024-02-01" };
const probes = (operationId: string) => boundProbes(document, findOperation(document, operationId), window);
const find = (operationId: string, label: string) => probes(operationId).find((p) => p.label === label);

describe("boundProbes", () => {
  it.each([
    ["listAgentRuns", "limit = minimum 1", { limit: "1" }, "accept"],
    ["listAgentRuns", "limit = maximum 100", { limit: "100" }, "accept"],
    ["listAgentRuns", "limit below minimum", { limit: "0" }, "reject"],
    ["listAgentRuns", "limit above maximum", { limit: "101" }, "reject"],
    ["listAgentRuns", "offset below minimum", { offset: "-1" }, "reject"],
    ["listAgentRuns", "status unknown value", { status: "no-such-value" }, "reject"],
    ["getAnalyticsRolling", "window above maximum", { window: "91" }, "reject"],
    ["getAnalyticsMetrics", "period missing", { period: null }, "reject"],
    ["getAnalyticsMetrics", "reversed startDate/endDate", { startDate: "2024-02-01", endDate: "2024-01-01" }, "reject"],
    ["getAnalyticsMetrics", "731-day range", { startDate: "2024-01-01", endDate: "2026-01-01" }, "accept"],
    ["getAnalyticsMetrics", "732-day range", { startDate: "2024-01-01", endDate: "2026-01-02" }, "reject"],
    ["getDashboardStats", "from malformed", { from: "not-a-date" }, "reject"],
    ["getDashboardStats", "reversed from/to", { from: "2024-01-31T23:59:59.999Z", to: "2024-01-01T00:00:00.000Z" }, "reject"],
    ["getDashboardStats", "userId without allInOrg", { userId: "someone", allInOrg: "false" }, "reject"],
    ["get_metrics", "reversed starting_date/ending_date", { starting_date: "2024-01-31", ending_date: "2024-01-01" }, "empty-list"],
    ["get_metrics", "starting_date malformed", { starting_date: "not-a-date" }, "reject"],
    ["refresh_metrics", "background not a boolean", { background: "maybe" }, "reject"],
  ])("%s: %s", (operationId, label, query, expect_) => {
    expect(find(operationId, label)).toEqual({ label, query, expect: expect_ });
  });

  it("probes the ingest body, and nothing for operations without bounds", () => {
    expect(probes("ingestBatch").map((p) => p.label)).toContain("record without its id");
    expect(probes("getIngestContext")).toEqual([]);
    expect(probes("getAgentStats")).toEqual([]);
  });
});
