import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { boundProbes } from "./bound-probes.js";

const window = { firstDay: "2024-01-01", endDay: "2024-02-01" };
const probes = (operationId: string) => boundProbes(document, findOperation(document, operationId), window);
const find = (operationId: string, label: string) => probes(operationId).find((p) => p.label === label);

describe("boundProbes", () => {
  const runs = "#/paths/~1agents~1{agentId}~1runs/get/parameters";
  const dashboard = "#/paths/~1api~1dashboard~1getStats/get";
  it.each([
    ["listAgentRuns", "limit = minimum 1", { limit: "1" }, "accept", `${runs}/1/schema/minimum`],
    ["listAgentRuns", "limit = maximum 100", { limit: "100" }, "accept", `${runs}/1/schema/maximum`],
    ["listAgentRuns", "limit below minimum", { limit: "0" }, "reject", `${runs}/1/schema/minimum`],
    ["listAgentRuns", "limit above maximum", { limit: "101" }, "reject", `${runs}/1/schema/maximum`],
    ["listAgentRuns", "offset below minimum", { offset: "-1" }, "reject", `${runs}/2/schema/minimum`],
    ["listAgentRuns", "status unknown value", { status: "no-such-value" }, "reject", "#/components/schemas/AgentRunStatus/enum"],
    ["getAnalyticsRolling", "window above maximum", { window: "91" }, "reject", "#/paths/~1analytics~1rolling/get/parameters/0/schema/maximum"],
    ["getAnalyticsMetrics", "period missing", { period: null }, "reject", "#/paths/~1analytics~1metrics/get/parameters/0/required"],
    ["getAnalyticsMetrics", "reversed startDate/endDate", { startDate: "2024-02-01", endDate: "2024-01-01" }, "reject", "#/paths/~1analytics~1metrics/get/x-request-invariants/range-is-ordered"],
    ["getAnalyticsMetrics", "731-day range", { startDate: "2024-01-01", endDate: "2026-01-01" }, "accept", "#/paths/~1analytics~1metrics/get/x-request-invariants/range-at-most-731-days"],
    ["getAnalyticsMetrics", "732-day range", { startDate: "2024-01-01", endDate: "2026-01-02" }, "reject", "#/paths/~1analytics~1metrics/get/x-request-invariants/range-at-most-731-days"],
    ["getAnalyticsMetrics", "startDate/endDate as date-times", { startDate: "2024-01-01T00:00:00.000Z", endDate: "2024-02-01T00:00:00.000Z" }, "accept", "#/components/parameters/StartDate"],
    ["getDashboardStats", "from malformed", { from: "not-a-date" }, "reject", "#/components/schemas/DashboardDateParam/anyOf/0/format"],
    ["getDashboardStats", "reversed from/to", { from: "2024-01-31T23:59:59.999Z", to: "2024-01-01T00:00:00.000Z" }, "reject", `${dashboard}/x-request-invariants/range-is-ordered`],
    ["getDashboardStats", "from/to as calendar dates", { from: "2024-01-01", to: "2024-01-31" }, "accept", `${dashboard}/parameters/0`],
    ["getDashboardStats", "userId without allInOrg", { userId: "someone", allInOrg: "false" }, "accept", `${dashboard}/parameters/4`],
    ["listAnalyticsEvents", "limit = 10000, past the 100 served", { limit: "10000" }, "accept", "#/paths/~1analytics~1events/get/parameters/5"],
    ["getAnalyticsTopUsers", "limit = 10000, past the 100 served", { limit: "10000" }, "accept", "#/paths/~1analytics~1users~1top/get/parameters/3"],
    ["get_metrics", "reversed starting_date/ending_date", { starting_date: "2024-01-31", ending_date: "2024-01-01" }, "empty-list", "#/paths/~1metrics/get"],
    ["get_metrics", "starting_date malformed", { starting_date: "not-a-date" }, "reject", "#/paths/~1metrics/get/parameters/0/schema/anyOf/0/format"],
    ["refresh_metrics", "background not a boolean", { background: "maybe" }, "reject", "#/paths/~1metrics~1refresh/post/parameters/2/schema/type"],
  ])("%s: %s", (operationId, label, query, expect_, rule) => {
    expect(find(operationId, label)).toEqual({ label, query, expect: expect_, rule });
  });

  it("no longer refuses a limit the source leaves unbounded", () => {
    expect(probes("listAnalyticsEvents").filter((p) => p.label.startsWith("limit above"))).toEqual([]);
    expect(probes("getAnalyticsTopUsers").filter((p) => p.label.startsWith("limit above"))).toEqual([]);
  });

  it("probes the ingest body, and nothing for operations without bounds", () => {
    expect(probes("ingestBatch").map((p) => p.label)).toContain("record without its id");
    expect(probes("getIngestContext")).toEqual([]);
    expect(probes("getAgentStats")).toEqual([]);
  });
});
