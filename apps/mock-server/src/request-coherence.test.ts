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
    // The world's history starts 90 days before its today (2026-03-01): December 2025 on.
    ["2025-01-01", "2025-12-31", 31],
    ["2026-02-02", "2026-02-01", 0],
  ])("agentos /metrics %s..%s has one row per day with activity: %i", async (from, to, rows) => {
    const { body } = await get(`/metrics?starting_date=${from}&ending_date=${to}`);
    expect(body.metrics).toHaveLength(rows);
    const dates = body.metrics.map((m: Json) => m.date.slice(0, 10));
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d: string) => d >= from && d <= to)).toBe(true);
  });

  it("agentos /metrics without a range shows every day of the world's history", async () => {
    const { body } = await get("/metrics");
    const dates = body.metrics.map((m: Json) => m.date.slice(0, 10));
    expect(dates[0]).toBe("2025-12-01");
    expect(dates.at(-1)).toBe("2026-02-28");
    expect(body.updated_at).toBe("2026-03-01T00:00:00.000Z");
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
    const { body } = await get(`/agents/agent_support/runs?limit=${limit}&offset=${offset}`);
    const { runs, total } = body.data;
    expect(total).toBeGreaterThan(100);
    expect(runs.length).toBe(Math.max(0, Math.min(limit, total - offset)));
    expect(runs.every((r: Json) => r.agentId === "agent_support")).toBe(true);
  });

  it("a run by id is the run the list shows", async () => {
    const { body: list } = await get("/agents/team_sales/runs?limit=3&offset=10");
    for (const run of list.data.runs) {
      const { status, body } = await get(`/agents/team_sales/runs/${run.id}`);
      expect(status).toBe(200);
      expect(body.data).toEqual(run);
    }
    // Another agent's run is not found under this one.
    expect((await get(`/agents/agent_support/runs/${list.data.runs[0].id}`)).status).toBe(404);
  });

  it("a dashboard range of thousands of years counts every conversation of the world", async () => {
    // Long ranges visit the days that hold records, not every day of the range.
    const { status, body } = await get("/api/dashboard/getStats?from=0001-01-01&to=9998-12-31&allInOrg=true");
    expect(status).toBe(200);
    expect(body.conversationCount).toBe(mock.engine.world.base.sessions.size);
    expect(body.kbFileCount).toBe(mock.engine.world.base.kbFiles.size);
  });

  it("an offset past the total gives an empty page", async () => {
    const { body } = await get("/agents/agent_support/runs?limit=10&offset=100000");
    expect(body.data.runs).toEqual([]);
  });

  it.each([
    ["/agents/agent_support/runs?status=failed", (b: Json) => b.data.runs.every((r: Json) => r.status === "failed" && r.completedAt !== null)],
    ["/agents/team_research/runs?status=completed", (b: Json) => b.data.runs.length > 0 && b.data.runs.every((r: Json) => r.status === "completed" && r.error === null)],
    [
      "/analytics/events?startDate=2026-02-02&endDate=2026-02-09&eventType=tasksCompleted&assistant=agent_support&user=user_002&limit=30",
      (b: Json) =>
        b.data.events.length > 0 &&
        b.data.events.every(
          (e: Json) => e.eventType === "tasksCompleted" && e.assistant === "agent_support" && e.user === "user_002" && e.timestamp >= "2026-02-02" && e.timestamp < "2026-02-09",
        ) && b.data.limit === 30,
    ],
    ["/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&allInOrg=true&agentId=agent_support&userId=user_002", (b: Json) => b.conversationCount > 0 && b.uniqueAgents === 1 && b.uniqueUsers === 1],
    ["/analytics/overview?period=day", (b: Json) => b.data.period === "day" && Date.parse(b.data.endDate) - Date.parse(b.data.startDate) === 86_400_000],
    ["/analytics/rolling?window=30", (b: Json) => b.data.window === 30 && Date.parse(b.data.endDate) - Date.parse(b.data.startDate) === 30 * 86_400_000],
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
    ["/api-proxy/agents/agent_support/stats", (b: Json) => b.data.agentId === "agent_support" && b.data.totalRuns > 0],
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
    const root = await get("/agents/agent_support/runs?limit=5");
    const based = await get("/api-proxy/agents/agent_support/runs?limit=5");
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
