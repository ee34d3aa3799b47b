import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const get = async (path: string): Promise<{ status: number; body: Json }> => {
  const reply = await call(mock.url, path, { headers: AUTH });
  return { status: reply.status, body: reply.json as Json };
};

describe("responses follow the request", () => {
  it.each([
    ["2026-02-01", "2026-02-07", 7],
    ["2026-02-01", "2026-02-01", 1],
    ["2025-01-01", "2025-12-31", 365],
    ["2026-02-02", "2026-02-01", 0],
  ])("agentos /metrics %s..%s has one row per day: %i", async (from, to, rows) => {
    const { body } = await get(`/metrics?starting_date=${from}&ending_date=${to}`);
    expect(body.metrics).toHaveLength(rows);
    if (rows > 0) {
      expect(body.metrics[0].date.slice(0, 10)).toBe(from);
      expect(body.metrics.at(-1).date.slice(0, 10)).toBe(to);
    }
  });

  it("agentos /metrics without a range shows the week up to the mock's today", async () => {
    const { body } = await get("/metrics");
    expect(body.metrics.map((m: Json) => m.date.slice(0, 10))).toEqual(["2026-02-22", "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"]);
  });

  it.each([
    ["day", "2026-02-01", "2026-02-04", ["2026-02-01", "2026-02-02", "2026-02-03"]],
    ["week", "2026-02-04", "2026-02-20", ["2026-W06", "2026-W07", "2026-W08"]],
    ["month", "2026-01-15", "2026-03-02", ["2026-01", "2026-02", "2026-03"]],
  ])("analytics buckets match the %s period over %s..%s", async (period, from, to, keys) => {
    const { body } = await get(`/analytics/metrics?period=${period}&startDate=${from}&endDate=${to}`);
    expect(body.data.map((b: Json) => b.periodKey)).toEqual(keys);
    expect(body.data[0].startDate.slice(0, 10)).toBe(from);
    expect(body.data.at(-1).endDate.slice(0, 10)).toBe(to);
  });

  it("analytics snapshots are whole days whose start is in range", async () => {
    const { body } = await get("/analytics/snapshots?startDate=2026-02-01T12:00:00Z&endDate=2026-02-05");
    expect(body.data.map((s: Json) => s.periodKey)).toEqual(["2026-02-02", "2026-02-03", "2026-02-04"]);
  });

  it.each([
    [5, 0],
    [100, 0],
    [10, 7],
  ])("agent runs page with limit %i offset %i agrees with its total", async (limit, offset) => {
    const { body } = await get(`/agents/agent_9/runs?limit=${limit}&offset=${offset}`);
    const { runs, total } = body.data;
    expect(runs.length).toBe(Math.max(0, Math.min(limit, total - offset)));
    expect(runs.every((r: Json) => r.agentId === "agent_9")).toBe(true);
  });

  it("an offset past the total gives an empty page", async () => {
    const { body } = await get("/agents/agent_9/runs?limit=10&offset=100000");
    expect(body.data.runs).toEqual([]);
  });

  it.each([
    ["/agents/a/runs?status=failed", (b: Json) => b.data.runs.every((r: Json) => r.status === "failed" && r.completedAt !== null)],
    ["/agents/a/runs?status=queued", (b: Json) => b.data.runs.every((r: Json) => r.status === "queued" && r.error === null)],
    [
      "/analytics/events?startDate=2026-02-01&endDate=2026-02-02&eventType=tasksCompleted&assistant=agent_help&user=user_7&limit=30",
      (b: Json) =>
        b.data.events.every(
          (e: Json) => e.eventType === "tasksCompleted" && e.assistant === "agent_help" && e.user === "user_7" && e.timestamp.startsWith("2026-02-01"),
        ) && b.data.limit === 30,
    ],
    ["/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&allInOrg=true&agentId=a&userId=u", (b: Json) => b.uniqueAgents <= 1 && b.uniqueUsers <= 1],
    ["/analytics/overview?period=day", (b: Json) => b.data.period === "day" && Date.parse(b.data.endDate) - Date.parse(b.data.startDate) === 86_400_000],
    ["/analytics/rolling?window=30", (b: Json) => b.data.window === 30 && Date.parse(b.data.endDate) - Date.parse(b.data.startDate) === 30 * 86_400_000],
    ["/agents/agent_x/runs/run_y", (b: Json) => b.data.id === "run_y" && b.data.agentId === "agent_x"],
  ])("%s reflects the request", async (path, holds) => {
    const { status, body } = await get(path);
    expect(status).toBe(200);
    expect(holds(body), JSON.stringify(body)).toBe(true);
  });

  it.each([
    ["/analytics/metrics?period=day&startDate=2026-02-05&endDate=2026-02-01", "startDate"],
    ["/analytics/snapshots?startDate=2020-01-01&endDate=2026-02-01", "731"],
    ["/api/dashboard/getStats?from=2026-02-02&to=2026-02-01", "`from` must not be after `to`"],
  ])("a request against the contract's request invariants is refused: %s", async (path, mentioned) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain(mentioned);
  });

  // Requests the source systems document as valid: each answers 2xx, with data that follows it.
  it.each([
    ["/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&userId=u", (b: Json) => b.uniqueUsers <= 1],
    ["/api/dashboard/getStats?from=2024-01-01&to=2024-12-31", (b: Json) => b.totalTokens === b.inputTokens + b.outputTokens],
    ["/analytics/users/top?startDate=2026-02-01&endDate=2026-03-01&limit=200", (b: Json) => b.data.length <= 100],
    ["/analytics/events?startDate=2026-02-01&endDate=2026-02-02&limit=200", (b: Json) => b.data.limit === 100 && b.data.events.length <= 100],
    ["/analytics/overview?assistant=a1", (b: Json) => b.data.events.total === b.data.events.incomingMessages + b.data.events.outgoingMessages + b.data.events.tasksInitiated + b.data.events.tasksCompleted],
    ["/analytics/assistants?startDate=2026-02-01&endDate=2026-03-01&assistant=a1", (b: Json) => b.data.every((a: Json) => a.assistant === "a1") && b.data.length <= 1],
    ["/analytics/snapshots?startDate=2026-02-01&endDate=2026-02-08&assistant=a1", (b: Json) => b.data.length === 7],
    ["/api-proxy/agents/a1/stats", (b: Json) => b.data.agentId === "a1"],
  ])("%s is answered 2xx and follows the request", async (path, holds) => {
    const { status, body } = await get(path);
    expect(status).toBe(200);
    expect(holds(body), JSON.stringify(body)).toBe(true);
  });

  it("serves users/top's applied limit in a header", async () => {
    for (const [limit, applied] of [["200", "100"], ["3", "3"], ["", "10"]]) {
      const reply = await call(mock.url, `/analytics/users/top?startDate=2026-02-01&endDate=2026-03-01${limit ? `&limit=${limit}` : ""}`, { headers: AUTH });
      expect(reply.headers.get("applied-limit")).toBe(applied);
    }
  });

  it("answers a request under the agents base path with the same data as at the root", async () => {
    const root = await get("/agents/a1/runs?limit=5");
    const based = await get("/api-proxy/agents/a1/runs?limit=5");
    expect(based).toEqual(root);
  });

  it.each(["/analytics/rolling?window=30", "/analytics/assistants?startDate=2026-02-01&endDate=2026-03-01"])("%s gives completionRate as tasksCompleted / tasksInitiated", async (path) => {
    const { body } = await get(path);
    const rows: Json[] = Array.isArray(body.data) ? body.data : [{ ...body.data, ...body.data.events }];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const expected = row.tasksInitiated === 0 ? 0 : Math.round((row.tasksCompleted * 10_000) / row.tasksInitiated) / 10_000;
      expect(row.completionRate).toBe(expected);
    }
  });
});
