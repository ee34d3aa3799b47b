import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE, recentFixture } from "./test/fixture.js";
import { call, describeEachEngine, startTestServer, type TestServer } from "./test/harness.js";

const zeroTokens = { audio_tokens: 0, input_audio_tokens: 0, output_audio_tokens: 0, cached_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0 };
const FULL = "from=2026-02-01T00:00:00.000Z&to=2026-03-31T23:59:59.999Z";
const RANGE = "startDate=2026-02-22&endDate=2026-03-03";
const kbAll = { kbFileCount: 3, kbCount: 2, kbExtractInputTokens: 3500, kbExtractOutputTokens: 350, kbExtractTotalTokens: 3850 };

describeEachEngine("exact figures on $name", (engine) => {
  let server: TestServer;
  let admin: string;
  let member: string;
  let recent: string;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const a = await server.tenant("user_1", "admin");
    admin = a.key;
    member = await server.keyFor(a.orgId, "user_2", "member");
    recent = (await server.tenant("bu_1", "admin", "Recent")).key;
    expect((await call(server, "POST", "/ingest/batch", { key: admin, body: FIXTURE })).status).toBe(200);
    expect((await call(server, "POST", "/ingest/batch", { key: recent, body: recentFixture() })).status).toBe(200);
  });
  afterAll(() => server?.stop());

  describe("agents", () => {
    it.each([
      ["agent_a", { totalRuns: 4, successfulRuns: 1, failedRuns: 1, totalPostsGenerated: 2, totalPostsPublished: 1, averageRunDurationMs: 20001 }],
      ["team_t", { totalRuns: 1, successfulRuns: 1, failedRuns: 0, totalPostsGenerated: 1, totalPostsPublished: 1, averageRunDurationMs: 20000 }],
      ["flow_w", { totalRuns: 1, successfulRuns: 1, failedRuns: 0, totalPostsGenerated: 0, totalPostsPublished: 0, averageRunDurationMs: 519600000 }],
    ])("stats of %s", async (agentId, figures) => {
      const r = await call(server, "GET", `/agents/${agentId}/stats`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ success: true, data: { agentId, ...figures } });
    });

    it.each([
      ["", ["run_6", "run_3", "run_2", "run_1"], 4],
      ["?status=completed", ["run_1"], 1],
      ["?status=running", ["run_3"], 1],
      ["?limit=2&offset=1", ["run_3", "run_2"], 4],
      ["?offset=4", [], 4],
    ])("runs of agent_a%s", async (query, ids, total) => {
      const r = await call(server, "GET", `/agents/agent_a/runs${query}`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body.data.runs.map((x: { id: string }) => x.id)).toEqual(ids);
      expect(r.body.data.total).toBe(total);
    });

    // Autoposting's server is https://app.autoposting.ai/api-proxy: a client keeping that base path works.
    it.each([["/agents/agent_a/stats"], ["/agents/agent_a/runs?limit=2"], ["/agents/agent_a/runs/run_2"]])("%s is served under /api-proxy too", async (path) => {
      const direct = await call(server, "GET", path, { key: admin });
      const proxied = await call(server, "GET", `/api-proxy${path}`, { key: admin, apiKeyHeader: true });
      expect(proxied.status).toBe(200);
      expect(proxied.body).toEqual(direct.body);
    });

    it("presents a run as AgentRun", async () => {
      const r = await call(server, "GET", "/agents/agent_a/runs/run_2", { key: admin });
      expect(r.body.data).toEqual({
        id: "run_2", agentId: "agent_a", status: "failed", postsGenerated: 0, tokensUsed: 100, error: "boom",
        startedAt: "2026-02-22T12:00:00.000Z", completedAt: "2026-02-22T12:00:10.001Z",
      });
      const queued = await call(server, "GET", "/agents/agent_a/runs/run_6", { key: admin });
      expect(queued.body.data).toMatchObject({ tokensUsed: 0, postsGenerated: 0, error: null, completedAt: null });
    });

    it.each([
      ["/agents/agent_a/runs/run_4"],
      ["/agents/agent_missing/stats"],
      ["/agents/agent_missing/runs"],
      ["/agents/team_t/runs/run_missing"],
    ])("%s is 404", async (path) => {
      const r = await call(server, "GET", path, { key: admin });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ success: false, error: "not_found" });
    });
  });

  describe("agentos", () => {
    const D1 = {
      agent_runs_count: 2, team_runs_count: 0, workflow_runs_count: 0, agent_sessions_count: 2, team_sessions_count: 0,
      workflow_sessions_count: 0, users_count: 2,
      token_metrics: { ...zeroTokens, input_tokens: 500, output_tokens: 100, total_tokens: 600, cached_tokens: 10, reasoning_tokens: 5 },
      model_metrics: [{ model_id: "gpt-4o", model_provider: "OpenAI", count: 2 }],
      date: "2026-02-22T00:00:00",
    };
    const D2 = {
      agent_runs_count: 1, team_runs_count: 1, workflow_runs_count: 1, agent_sessions_count: 0, team_sessions_count: 1,
      workflow_sessions_count: 1, users_count: 1,
      token_metrics: { ...zeroTokens, input_tokens: 260, output_tokens: 75, total_tokens: 335, input_audio_tokens: 7, output_audio_tokens: 3, audio_tokens: 10 },
      model_metrics: [
        { model_id: "claude-sonnet-4", model_provider: "Anthropic", count: 1 },
        { model_id: "gpt-4o", model_provider: "OpenAI", count: 1 },
      ],
      date: "2026-02-23T00:00:00",
    };
    const D3 = {
      agent_runs_count: 1, team_runs_count: 0, workflow_runs_count: 0, agent_sessions_count: 1, team_sessions_count: 0,
      workflow_sessions_count: 0, users_count: 1,
      token_metrics: { ...zeroTokens, input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      model_metrics: [],
      date: "2026-03-02T00:00:00",
    };
    it.each([
      ["", [D1, D2, D3]],
      ["?starting_date=2026-02-23", [D2, D3]],
      ["?ending_date=2026-02-22", [D1]],
      ["?starting_date=2026-02-23&ending_date=2026-02-23", [D2]],
      ["?starting_date=2026-02-24&ending_date=2026-02-23", []],
      ["?db_id=default&table=metrics", [D1, D2, D3]],
    ])("GET /metrics%s", async (query, rows) => {
      const r = await call(server, "GET", `/metrics${query}`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body.metrics).toEqual(rows.map((row) => ({ ...row, id: expect.any(String), created_at: expect.any(Number), updated_at: expect.any(Number) })));
      if (rows.length === 0) expect(r.body.updated_at).toBeNull();
    });

    it("refresh recomputes the same rows, keeping ids; status reports it", async () => {
      expect((await call(server, "GET", "/metrics/refresh/status", { key: member })).body).toMatchObject({ status: "idle" });
      const before = (await call(server, "GET", "/metrics", { key: admin })).body.metrics;
      const r = await call(server, "POST", "/metrics/refresh", { key: admin });
      expect(r.status).toBe(200);
      const strip = (rows: { updated_at: number }[]) => rows.map(({ updated_at: _u, ...rest }) => rest);
      expect(strip(r.body)).toEqual(strip(before));
      expect((await call(server, "GET", "/metrics/refresh/status", { key: admin })).body).toMatchObject({ status: "completed", error: null });
    });

    it("background refresh answers 202 and completes", async () => {
      const r = await call(server, "POST", "/metrics/refresh?background=true", { key: admin });
      expect(r.status).toBe(202);
      expect(["started", "already_running"]).toContain(r.body.status);
      for (let i = 0; i < 50; i++) {
        const s = await call(server, "GET", "/metrics/refresh/status", { key: admin });
        if (s.body.status === "completed") return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("background refresh did not complete");
    });

    it.each([["/metrics?db_id=other"], ["/metrics?table=other"], ["/metrics/refresh/status?db_id=x"]])("%s is 404", async (path) => {
      const r = await call(server, "GET", path, { key: admin });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ detail: expect.any(String), error_code: "NOT_FOUND" });
    });
  });

  describe("dashboard", () => {
    const own1 = { conversationCount: 2, uniqueUsers: 1, uniqueAgents: 2, messageCount: 4, toolCalls: 2, inputTokens: 450, outputTokens: 170, totalTokens: 620, totalFeedback: 2, totalHelpful: 2, totalNotHelpful: 0, ...kbAll };
    it.each([
      ["admin, whole org", "admin", `${FULL}&allInOrg=true`,
        { conversationCount: 5, uniqueUsers: 3, uniqueAgents: 3, messageCount: 8, toolCalls: 3, inputTokens: 775, outputTokens: 250, totalTokens: 1025, totalFeedback: 3, totalHelpful: 2, totalNotHelpful: 1, ...kbAll }],
      ["admin, own", "admin", FULL, own1],
      ["member, own", "member", FULL,
        { conversationCount: 1, uniqueUsers: 1, uniqueAgents: 1, messageCount: 2, toolCalls: 1, inputTokens: 250, outputTokens: 80, totalTokens: 330, totalFeedback: 1, totalHelpful: 0, totalNotHelpful: 1, ...kbAll }],
      ["agent filter", "admin", `${FULL}&allInOrg=true&agentId=agent_a`,
        { conversationCount: 3, uniqueUsers: 3, uniqueAgents: 1, messageCount: 5, toolCalls: 3, inputTokens: 720, outputTokens: 230, totalTokens: 950, totalFeedback: 2, totalHelpful: 1, totalNotHelpful: 1, ...kbAll }],
      ["user filter", "admin", `${FULL}&allInOrg=true&userId=user_1`, own1],
      ["user filter without allInOrg: the caller's own", "admin", `${FULL}&userId=user_1`, own1],
      ["user filter without allInOrg: another user narrows the caller's scope to nothing", "admin", `${FULL}&userId=user_2`,
        { conversationCount: 0, uniqueUsers: 0, uniqueAgents: 0, messageCount: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, totalFeedback: 0, totalHelpful: 0, totalNotHelpful: 0, ...kbAll }],
      ["user filter without allInOrg, from a member", "member", `${FULL}&userId=user_2`,
        { conversationCount: 1, uniqueUsers: 1, uniqueAgents: 1, messageCount: 2, toolCalls: 1, inputTokens: 250, outputTokens: 80, totalTokens: 330, totalFeedback: 1, totalHelpful: 0, totalNotHelpful: 1, ...kbAll }],
      ["metadata key and value", "admin", `${FULL}&allInOrg=true&metadataKey=plan&metadataValue=pro`, own1],
      ["metadata key alone", "admin", `${FULL}&allInOrg=true&metadataKey=region`, own1],
      ["metadata value alone", "admin", `${FULL}&allInOrg=true&metadataValue=free`,
        { conversationCount: 1, uniqueUsers: 1, uniqueAgents: 1, messageCount: 2, toolCalls: 1, inputTokens: 250, outputTokens: 80, totalTokens: 330, totalFeedback: 1, totalHelpful: 0, totalNotHelpful: 1, ...kbAll }],
      ["partial days only", "admin", "from=2026-02-22T10:00:00.000Z&to=2026-02-23T08:59:59.999Z&allInOrg=true",
        { conversationCount: 1, uniqueUsers: 1, uniqueAgents: 1, messageCount: 2, toolCalls: 1, inputTokens: 250, outputTokens: 80, totalTokens: 330, totalFeedback: 1, totalHelpful: 0, totalNotHelpful: 1,
          kbFileCount: 1, kbCount: 1, kbExtractInputTokens: 2000, kbExtractOutputTokens: 200, kbExtractTotalTokens: 2200 }],
      ["messages of sessions created earlier", "admin", "from=2026-02-23T00:00:00.000Z&to=2026-02-23T08:00:00.000Z&allInOrg=true",
        { conversationCount: 0, uniqueUsers: 0, uniqueAgents: 0, messageCount: 1, toolCalls: 1, inputTokens: 200, outputTokens: 80, totalTokens: 280, totalFeedback: 1, totalHelpful: 0, totalNotHelpful: 1,
          kbFileCount: 1, kbCount: 1, kbExtractInputTokens: 2000, kbExtractOutputTokens: 200, kbExtractTotalTokens: 2200 }],
      ["an edge and a whole day, inclusive bounds", "admin", "from=2026-02-22T12:00:00.000Z&to=2026-02-23T23:59:59.999Z&allInOrg=true",
        { conversationCount: 3, uniqueUsers: 2, uniqueAgents: 3, messageCount: 5, toolCalls: 1, inputTokens: 305, outputTokens: 100, totalTokens: 405, totalFeedback: 2, totalHelpful: 1, totalNotHelpful: 1,
          kbFileCount: 1, kbCount: 1, kbExtractInputTokens: 2000, kbExtractOutputTokens: 200, kbExtractTotalTokens: 2200 }],
      ["whole days across a month boundary, and a partial day", "admin", "from=2026-02-23T00:00:00.000Z&to=2026-03-02T09:59:59.999Z&allInOrg=true",
        { conversationCount: 2, uniqueUsers: 1, uniqueAgents: 2, messageCount: 4, toolCalls: 1, inputTokens: 255, outputTokens: 100, totalTokens: 355, totalFeedback: 2, totalHelpful: 1, totalNotHelpful: 1,
          kbFileCount: 2, kbCount: 2, kbExtractInputTokens: 2500, kbExtractOutputTokens: 250, kbExtractTotalTokens: 2750 }],
      ["an agent's users across a month boundary", "admin", "from=2026-02-22T00:00:00.000Z&to=2026-03-02T23:59:59.999Z&allInOrg=true&agentId=agent_a",
        { conversationCount: 3, uniqueUsers: 3, uniqueAgents: 1, messageCount: 5, toolCalls: 3, inputTokens: 720, outputTokens: 230, totalTokens: 950, totalFeedback: 2, totalHelpful: 1, totalNotHelpful: 1, ...kbAll }],
    ])("%s", async (_name, who, query, figures) => {
      const r = await call(server, "GET", `/api/dashboard/getStats?${query}`, { key: who === "admin" ? admin : member });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(figures);
    });

    it.each([
      ["member with allInOrg", () => member, `${FULL}&allInOrg=true`, 403, "forbidden"],
      ["reversed range", () => admin, "from=2026-03-01T00:00:00.000Z&to=2026-02-01T00:00:00.000Z", 400, "bad_request"],
      ["reversed range of dates", () => admin, "from=2026-03-01&to=2026-02-28", 400, "bad_request"],
      ["a from after the day a date `to` covers", () => admin, "from=2026-03-01T00:00:00.000Z&to=2026-02-28", 400, "bad_request"],
      ["missing to", () => admin, "from=2026-03-01T00:00:00.000Z", 400, "bad_request"],
      ["malformed from", () => admin, "from=yesterday&to=2026-02-01T00:00:00.000Z", 400, "bad_request"],
    ])("%s is %i", async (_name, key, query, status, code) => {
      const r = await call(server, "GET", `/api/dashboard/getStats?${query}`, { key: key() });
      expect(r.status).toBe(status);
      expect(r.body).toEqual({ error: code, message: expect.any(String) });
    });

    // ISO 8601 calendar dates: `from` is its UTC midnight, `to` covers its whole UTC day.
    it.each([
      ["from=2026-02-01&to=2026-03-31", FULL],
      ["from=2026-02-22&to=2026-02-23", "from=2026-02-22T00:00:00.000Z&to=2026-02-23T23:59:59.999Z"],
      ["from=2026-02-22T12:00:00.000Z&to=2026-02-22", "from=2026-02-22T12:00:00.000Z&to=2026-02-22T23:59:59.999Z"],
      ["from=2026-03-02&to=2026-03-02", "from=2026-03-02T00:00:00.000Z&to=2026-03-02T23:59:59.999Z"],
    ])("dates %s answer as %s", async (dates, dateTimes) => {
      const byDate = await call(server, "GET", `/api/dashboard/getStats?${dates}&allInOrg=true`, { key: admin });
      const byTime = await call(server, "GET", `/api/dashboard/getStats?${dateTimes}&allInOrg=true`, { key: admin });
      expect(byDate.status).toBe(200);
      expect(byDate.body).toEqual(byTime.body);
      expect(byDate.body.conversationCount + byDate.body.messageCount).toBeGreaterThan(0);
    });
  });

  describe("analytics", () => {
    const D1 = { incomingMessages: 2, outgoingMessages: 1, tasksInitiated: 2, tasksCompleted: 1, activeUsers: 2 };
    const D2 = { incomingMessages: 2, outgoingMessages: 2, tasksInitiated: 3, tasksCompleted: 1, activeUsers: 1 };
    const D3 = { incomingMessages: 1, outgoingMessages: 0, tasksInitiated: 1, tasksCompleted: 1, activeUsers: 1 };
    const none = { incomingMessages: 0, outgoingMessages: 0, tasksInitiated: 0, tasksCompleted: 0, activeUsers: 0 };
    const b = (period: string, periodKey: string, startDate: string, endDate: string, f: object) => ({ period, periodKey, startDate, endDate, ...f });

    it.each([
      ["day", "period=day&startDate=2026-02-22&endDate=2026-02-24", [
        b("day", "2026-02-22", "2026-02-22T00:00:00.000Z", "2026-02-23T00:00:00.000Z", D1),
        b("day", "2026-02-23", "2026-02-23T00:00:00.000Z", "2026-02-24T00:00:00.000Z", D2),
      ]],
      ["week", "period=week&startDate=2026-02-22&endDate=2026-03-03", [
        b("week", "2026-W08", "2026-02-22T00:00:00.000Z", "2026-02-23T00:00:00.000Z", D1),
        b("week", "2026-W09", "2026-02-23T00:00:00.000Z", "2026-03-02T00:00:00.000Z", D2),
        b("week", "2026-W10", "2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z", D3),
      ]],
      ["month, clipped to date-times", "period=month&startDate=2026-02-22T06:00:00.000Z&endDate=2026-03-02T10:00:00.000Z", [
        b("month", "2026-02", "2026-02-22T06:00:00.000Z", "2026-03-01T00:00:00.000Z", { incomingMessages: 4, outgoingMessages: 3, tasksInitiated: 5, tasksCompleted: 2, activeUsers: 2 }),
        b("month", "2026-03", "2026-03-01T00:00:00.000Z", "2026-03-02T10:00:00.000Z", { ...none, tasksCompleted: 1 }),
      ]],
      ["day, partial first and last day", "period=day&startDate=2026-02-22T10:00:00Z&endDate=2026-02-23T09:00:30Z", [
        b("day", "2026-02-22", "2026-02-22T10:00:00.000Z", "2026-02-23T00:00:00.000Z", { incomingMessages: 1, outgoingMessages: 0, tasksInitiated: 1, tasksCompleted: 0, activeUsers: 1 }),
        b("day", "2026-02-23", "2026-02-23T00:00:00.000Z", "2026-02-23T09:00:30.000Z", { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, activeUsers: 1 }),
      ]],
      ["day, one assistant", "period=day&startDate=2026-02-22&endDate=2026-02-24&assistant=team_t", [
        b("day", "2026-02-22", "2026-02-22T00:00:00.000Z", "2026-02-23T00:00:00.000Z", none),
        b("day", "2026-02-23", "2026-02-23T00:00:00.000Z", "2026-02-24T00:00:00.000Z", { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, activeUsers: 1 }),
      ]],
    ])("metrics by %s", async (_name, query, data) => {
      const r = await call(server, "GET", `/analytics/metrics?${query}`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual(data);
    });

    it("assistants, busiest first", async () => {
      const r = await call(server, "GET", `/analytics/assistants?${RANGE}`, { key: admin });
      expect(r.body.data).toEqual([
        { assistant: "agent_a", activeUsers: 3, incomingMessages: 3, outgoingMessages: 2, tasksInitiated: 4, tasksCompleted: 1, completionRate: 0.25 },
        { assistant: "team_t", activeUsers: 1, incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, completionRate: 1 },
        { assistant: "flow_w", activeUsers: 0, incomingMessages: 1, outgoingMessages: 0, tasksInitiated: 1, tasksCompleted: 1, completionRate: 1 },
      ]);
      const d1d2 = await call(server, "GET", "/analytics/assistants?startDate=2026-02-22&endDate=2026-02-23T12:00:00.000Z", { key: admin });
      expect(d1d2.body.data[0]).toMatchObject({ assistant: "agent_a", tasksInitiated: 3, completionRate: 0.3333 });
    });

    // completionRate is tasksCompleted / tasksInitiated of the window: run_1 started before this
    // window and completed in it, run_2 failed and run_3 runs (a cohort rate would say 0).
    it("completionRate is the window's tasksCompleted / tasksInitiated", async () => {
      const r = await call(server, "GET", "/analytics/assistants?startDate=2026-02-22T08:00:45Z&endDate=2026-02-24&assistant=agent_a", { key: admin });
      expect(r.body.data).toEqual([
        { assistant: "agent_a", activeUsers: 1, incomingMessages: 1, outgoingMessages: 2, tasksInitiated: 2, tasksCompleted: 1, completionRate: 0.5 },
      ]);
    });

    it.each([
      ["team_t", [{ assistant: "team_t", activeUsers: 1, incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, completionRate: 1 }]],
      ["nobody", []],
    ])("assistants filtered to %s", async (assistant, data) => {
      const r = await call(server, "GET", `/analytics/assistants?${RANGE}&assistant=${assistant}`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual(data);
    });

    it("snapshots filtered to one assistant", async () => {
      const r = await call(server, "GET", "/analytics/snapshots?startDate=2026-02-22&endDate=2026-02-24&assistant=team_t", { key: admin });
      expect(r.body.data.map((s: { periodKey: string; activeUsers: number; events: object }) => [s.periodKey, s.activeUsers, s.events])).toEqual([
        ["2026-02-22", 0, { incomingMessages: 0, outgoingMessages: 0, tasksInitiated: 0, tasksCompleted: 0, total: 0 }],
        ["2026-02-23", 1, { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, total: 4 }],
      ]);
    });

    // The source gives `limit` no bound: a large value is served as 100, and the response says so.
    it.each([
      ["/analytics/events", "limit=200", (r: { body: { data: { limit: number; total: number; events: unknown[] } } }) => [r.body.data.limit, r.body.data.events.length], [100, 17]],
      ["/analytics/users/top", "limit=200", (r: { headers: Headers; body: { data: unknown[] } }) => [r.headers.get("applied-limit"), r.body.data.length], ["100", 3]],
      ["/analytics/users/top", "limit=2", (r: { headers: Headers; body: { data: unknown[] } }) => [r.headers.get("applied-limit"), r.body.data.length], ["2", 2]],
      ["/analytics/users/top", "", (r: { headers: Headers; body: { data: unknown[] } }) => [r.headers.get("applied-limit"), r.body.data.length], ["10", 3]],
    ])("%s?%s shows the limit applied", async (path, query, shown, expected) => {
      const r = await call(server, "GET", `${path}?${RANGE}&${query}`, { key: admin });
      expect(r.status).toBe(200);
      expect(shown(r as never)).toEqual(expected);
    });

    it.each([
      ["", [["user_1", 2, 2, 2, 2, 8], ["user_2", 1, 1, 1, 0, 3], ["user_3", 1, 0, 1, 0, 2]]],
      ["&limit=2", [["user_1", 2, 2, 2, 2, 8], ["user_2", 1, 1, 1, 0, 3]]],
      ["&assistant=agent_a", [["user_1", 1, 1, 1, 1, 4], ["user_2", 1, 1, 1, 0, 3], ["user_3", 1, 0, 1, 0, 2]]],
    ])("top users%s", async (query, rows) => {
      const r = await call(server, "GET", `/analytics/users/top?${RANGE}${query}`, { key: admin });
      expect(r.body.data).toEqual(
        rows.map(([user, incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, total]) => ({ user, incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, total })),
      );
    });

    it.each([
      ["", 17, ["msg_1:incomingMessages", "run_1:tasksInitiated", "msg_2:outgoingMessages", "run_1:tasksCompleted", "fb"].slice(0, 4)],
      ["&eventType=tasksInitiated&limit=2&skip=1", 6, ["run_2:tasksInitiated", "run_4:tasksInitiated"]],
      ["&user=user_1&skip=6", 8, ["run_4:tasksCompleted", "msg_6:outgoingMessages"]],
      ["&assistant=flow_w", 3, ["msg_7:incomingMessages", "run_5:tasksInitiated", "run_5:tasksCompleted"]],
      ["&skip=100", 17, []],
    ])("events%s", async (query, total, firstIds) => {
      const r = await call(server, "GET", `/analytics/events?${RANGE}${query}`, { key: admin });
      expect(r.status).toBe(200);
      expect(r.body.data.total).toBe(total);
      expect(r.body.data.events.slice(0, firstIds.length).map((e: { id: string }) => e.id)).toEqual(firstIds);
    });

    it("an event carries its assistant, user and timestamp", async () => {
      const r = await call(server, "GET", "/analytics/events?startDate=2026-02-23T23:00:00Z&endDate=2026-02-24&limit=1", { key: admin });
      expect(r.body.data.events).toEqual([{ id: "msg_7:incomingMessages", eventType: "incomingMessages", assistant: "flow_w", user: null, timestamp: "2026-02-23T23:30:00.000Z" }]);
    });

    it.each([
      ["startDate=2026-02-22&endDate=2026-02-24", ["2026-02-22", "2026-02-23"]],
      ["startDate=2026-02-22T12:00:00Z&endDate=2026-02-24", ["2026-02-23"]],
    ])("snapshots %s", async (query, days) => {
      const r = await call(server, "GET", `/analytics/snapshots?${query}`, { key: admin });
      expect(r.body.data.map((s: { periodKey: string }) => s.periodKey)).toEqual(days);
      const d2 = r.body.data.find((s: { periodKey: string }) => s.periodKey === "2026-02-23");
      expect(d2).toMatchObject({ id: "snapshot_day_2026-02-23", activeUsers: 1, events: { incomingMessages: 2, outgoingMessages: 2, tasksInitiated: 3, tasksCompleted: 1, total: 8 } });
    });

    it.each([
      ["day", { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, total: 4 }],
      ["week", { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 2, tasksCompleted: 1, total: 5 }],
      ["month", { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 3, tasksCompleted: 2, total: 7 }],
    ])("overview of the trailing %s", async (period, events) => {
      const r = await call(server, "GET", `/analytics/overview?period=${period}`, { key: recent });
      expect(r.body.data).toMatchObject({ period, activeUsers: 1, events, resources: {}, realtime: {} });
    });

    // "Filter any endpoint by assistant": overview counts only that assistant's events.
    it("overview filtered to one assistant counts only its events", async () => {
      const { key } = await server.tenant("cu_1", "admin", "Two assistants");
      const yesterday = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 12 * 3_600_000;
      const at = (minutes: number) => new Date(yesterday + minutes * 60_000).toISOString();
      const batch = {
        users: [{ id: "cu_1" }, { id: "cu_2" }],
        agents: [{ id: "c_one", name: "One", kind: "agent" }, { id: "c_two", name: "Two", kind: "agent" }],
        sessions: [
          { id: "cs_1", agentId: "c_one", userId: "cu_1", createdAt: at(0) },
          { id: "cs_2", agentId: "c_two", userId: "cu_2", createdAt: at(1) },
        ],
        messages: [
          { id: "cm_1", sessionId: "cs_1", role: "user", createdAt: at(0) },
          { id: "cm_2", sessionId: "cs_2", role: "user", createdAt: at(1) },
          { id: "cm_3", sessionId: "cs_2", role: "assistant", createdAt: at(2) },
        ],
        runs: [{ id: "cr_1", agentId: "c_two", userId: "cu_2", status: "completed", startedAt: at(3), completedAt: at(4) }],
      };
      expect((await call(server, "POST", "/ingest/batch", { key, body: batch })).status).toBe(200);
      const one = { incomingMessages: 1, outgoingMessages: 0, tasksInitiated: 0, tasksCompleted: 0, total: 1 };
      const two = { incomingMessages: 1, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, total: 4 };
      for (const [query, activeUsers, events] of [["", 2, { incomingMessages: 2, outgoingMessages: 1, tasksInitiated: 1, tasksCompleted: 1, total: 5 }], ["&assistant=c_one", 1, one], ["&assistant=c_two", 1, two]] as const) {
        const r = await call(server, "GET", `/analytics/overview?period=day${query}`, { key });
        expect(r.status).toBe(200);
        expect(r.body.data, query).toMatchObject({ activeUsers, events });
      }
    });

    it.each([
      ["window=7", 0.5, 2],
      ["window=30", 0.6667, 3],
      ["window=1", 1, 1],
      ["window=30&assistant=nobody", 0, 0],
    ])("rolling %s", async (query, rate, initiated) => {
      const r = await call(server, "GET", `/analytics/rolling?${query}`, { key: recent });
      expect(r.body.data.completionRate).toBe(rate);
      expect(r.body.data.events.tasksInitiated).toBe(initiated);
    });

    it.each([
      ["/analytics/metrics?period=day&startDate=2026-02-24&endDate=2026-02-24"],
      ["/analytics/metrics?period=day&startDate=2026-02-25&endDate=2026-02-24"],
      ["/analytics/events?startDate=2020-01-01&endDate=2026-01-01"],
      ["/analytics/events?startDate=2026-13-01&endDate=2027-01-01"],
      ["/analytics/metrics?period=year&startDate=2026-01-01&endDate=2026-02-01"],
      ["/analytics/rolling?window=91"],
      ["/analytics/events?startDate=2026-01-01&endDate=2026-02-01&limit=0"],
      ["/analytics/events?startDate=2026-01-01&endDate=2026-02-01&limit=-3"],
      ["/analytics/users/top?startDate=2026-01-01&endDate=2026-02-01&limit=0"],
      ["/analytics/users/top?startDate=2026-01-01&endDate=2026-02-01&limit=ten"],
      ["/analytics/users/top?startDate=2026-01-01&endDate=2026-02-01&limit=2.5"],
    ])("%s is 400", async (path) => {
      const r = await call(server, "GET", path, { key: admin });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ success: false, error: { code: "bad_request", message: expect.any(String) } });
    });
  });

  it("isolates organisations: another organisation's ids are 404 and its figures invisible", async () => {
    for (const path of ["/agents/agent_a/stats", "/agents/agent_a/runs", "/agents/agent_a/runs/run_1"]) {
      expect((await call(server, "GET", path, { key: recent })).status).toBe(404);
    }
    const dash = await call(server, "GET", `/api/dashboard/getStats?${FULL}&allInOrg=true`, { key: recent });
    expect(dash.body).toMatchObject({ conversationCount: 0, messageCount: 0, kbFileCount: 0 });
    const events = await call(server, "GET", `/analytics/events?${RANGE}`, { key: recent });
    expect(events.body.data.total).toBe(0);
    const metrics = await call(server, "GET", "/metrics?ending_date=2026-03-02", { key: recent });
    expect(metrics.body.metrics).toEqual([]);
  });
});
