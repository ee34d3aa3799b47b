import type { SpawnedServer } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, unwrap, type AgentAnalyticsClient, type ClientError, type ItemOf } from "./index.js";
import { DEMO_KEY, recordingFetch, startReference } from "./test/servers.js";

// Real HTTP against the reference server's CLI, in memory, with its demo organisation (six weeks of
// activity up to yesterday).
let server: SpawnedServer;
let client: AgentAnalyticsClient;

beforeAll(async () => {
  server = await startReference();
  client = createClient({ baseUrl: server.url, apiKey: DEMO_KEY, retry: { jitter: false } });
});
afterAll(() => server?.stop());

const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);

describe("the demo organisation through every module", () => {
  it("answers each module with the demo data", async () => {
    expect(unwrap(await client.ingest.getIngestContext())).toMatchObject({ userId: "user_001", role: "admin" });
    const stats = unwrap(await client.dashboard.getDashboardStats({ from: `${daysAgo(7)}T00:00:00.000Z`, to: today.toISOString(), allInOrg: true }));
    expect(stats.conversationCount).toBeGreaterThan(0);
    const rolling = unwrap(await client.analytics.getAnalyticsRolling({ window: 7 }));
    expect(rolling.data.activeUsers).toBeGreaterThan(0);
    const metrics = unwrap(await client.agentos.get_metrics({ starting_date: daysAgo(7), ending_date: daysAgo(1) }));
    expect(metrics.metrics.length).toBeGreaterThan(0);
    const refreshed = await client.agentos.refresh_metrics();
    expect(refreshed.status).toBe(200);
    expect(unwrap(await client.agentos.get_metrics_refresh_status()).status).toBe("completed");
  });
});

describe("page iteration stops exactly at total", () => {
  it("every run of an agent: as many as its stats count, each once, newest first", async () => {
    const { data: stats } = unwrap(await client.agents.getAgentStats({ agentId: "agent_support" }));
    const recorder = recordingFetch();
    const counted = createClient({ baseUrl: server.url, apiKey: DEMO_KEY, fetch: recorder.fetch });
    const runs: ItemOf<"listAgentRuns">[] = [];
    for await (const run of counted.agents.listAgentRuns.items({ agentId: "agent_support", limit: 7 })) runs.push(run);

    expect(stats.totalRuns).toBeGreaterThan(7);
    expect(runs).toHaveLength(stats.totalRuns);
    expect(recorder.requests).toHaveLength(Math.ceil(stats.totalRuns / 7));
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(runs.every((r, i) => i === 0 || r.startedAt <= runs[i - 1]!.startedAt)).toBe(true);
    // Pages of another size give the same sequence.
    const big: ItemOf<"listAgentRuns">[] = [];
    for await (const page of client.agents.listAgentRuns.pages({ agentId: "agent_support", limit: 100 })) big.push(...page.items);
    expect(big.map((r) => r.id)).toEqual(runs.map((r) => r.id));
  });

  it("the event log of a window: as many as its day buckets add up to, each once, in the window", async () => {
    const window = { startDate: daysAgo(4), endDate: daysAgo(1) };
    const events: ItemOf<"listAnalyticsEvents">[] = [];
    for await (const event of client.analytics.listAnalyticsEvents.items({ ...window, limit: 50 })) events.push(event);
    const buckets = unwrap(await client.analytics.getAnalyticsMetrics({ period: "day", ...window })).data;
    const counted = buckets.reduce((sum, b) => sum + b.incomingMessages + b.outgoingMessages + b.tasksInitiated + b.tasksCompleted, 0);

    expect(events.length).toBeGreaterThan(50);
    expect(events).toHaveLength(counted);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => e.timestamp >= window.startDate && e.timestamp < window.endDate)).toBe(true);
  });
});

describe("typed errors in each module's format", () => {
  const wrongKey = () => createClient({ baseUrl: server.url, apiKey: "aak_not_a_key", retry: false });
  const calls: [string, (c: AgentAnalyticsClient) => Promise<{ error?: ClientError }>][] = [
    ["agents", (c) => c.agents.getAgentStats({ agentId: "agent_support" })],
    ["agentos", (c) => c.agentos.get_metrics()],
    ["dashboard", (c) => c.dashboard.getDashboardStats({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" })],
    ["analytics", (c) => c.analytics.getAnalyticsOverview()],
    ["ingest", (c) => c.ingest.getIngestContext()],
  ];

  it.each(calls)("%s: 401 for an unknown key, with the module's code and message", async (module, send) => {
    const { error } = await send(wrongKey());
    expect(error).toMatchObject({ kind: "api", module, status: 401, attempts: 1 });
    expect(error?.message.length).toBeGreaterThan(0);
  });

  it("agents: 400 and 404 as { success, error, message }", async () => {
    const bad = (await client.agents.listAgentRuns({ agentId: "agent_support", limit: 0 })).error;
    if (bad?.kind !== "api" || bad.status !== 400) throw new Error(`expected a 400, got ${bad?.message}`);
    expect(bad.body).toEqual({ success: false, error: "bad_request", message: bad.message });
    const missing = (await client.agents.getAgentRun({ agentId: "agent_support", runId: "run_none" })).error;
    if (missing?.kind !== "api" || missing.status !== 404) throw new Error(`expected a 404, got ${missing?.message}`);
    expect(missing.code).toBe("not_found");
  });

  it("agentos: 422 as { detail, error_code }", async () => {
    const { error } = await client.agentos.get_metrics({ starting_date: "not-a-date" });
    if (error?.kind !== "api" || error.status !== 422) throw new Error(`expected a 422, got ${error?.message}`);
    expect(error.body).toEqual({ detail: error.message, error_code: "VALIDATION_ERROR" });
  });

  it("dashboard: 400 as { error, message }", async () => {
    const { error } = await client.dashboard.getDashboardStats({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body).toEqual({ error: "bad_request", message: error.message });
  });

  it("analytics: 400 as { success, error: { code, message } }", async () => {
    const { error } = await client.analytics.getAnalyticsRolling({ window: 1000 });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body).toEqual({ success: false, error: { code: "bad_request", message: error.message } });
  });

  it("ingest: 400 as a problem listing each bad record, with nothing stored", async () => {
    const { error } = await client.ingest.ingestBatch({ body: { agents: [{ id: "agent_new", name: "New", kind: "robot" as never }] } });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body.errors).toEqual([expect.objectContaining({ recordType: "agents", index: 0, id: "agent_new" })]);
    const { error: notThere } = await client.agents.getAgentStats({ agentId: "agent_new" });
    expect(notThere).toMatchObject({ kind: "api", status: 404 });
  });
});
