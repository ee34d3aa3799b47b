import type { IngestBatch } from "@agent-analytics/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FIXTURE } from "../test/fixture.js";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";

const counts = (c: Partial<Record<string, number>>) => {
  const full = { users: 0, agents: 0, sessions: 0, runs: 0, messages: 0, feedback: 0, kbFiles: 0, ...c };
  return { ...full, total: Object.values(full).reduce((a, b) => a + b, 0) };
};
const fixtureCounts = counts({ users: 3, agents: 3, sessions: 5, runs: 6, messages: 8, feedback: 3, kbFiles: 3 });
const FULL = "from=2026-02-01T00:00:00.000Z&to=2026-03-31T23:59:59.999Z&allInOrg=true";

describeEachEngine("ingest on $name", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.stop());

  const figures = async (key: string) => {
    const dash = await call(server, "GET", `/api/dashboard/getStats?${FULL}`, { key });
    const metrics = await call(server, "GET", "/metrics", { key });
    const stats = await call(server, "GET", "/agents/agent_a/stats", { key });
    const events = await call(server, "GET", "/analytics/events?startDate=2026-02-01&endDate=2026-04-01", { key });
    return { dash: dash.body, metrics: metrics.body.metrics.map(({ updated_at: _u, ...r }: { updated_at: number }) => r), stats: stats.body, events: events.body.data.total };
  };

  it("stores once, then counts a re-sent batch as duplicates and changes nothing", async () => {
    const { key } = await server.tenant("user_1", "admin");
    const first = await call(server, "POST", "/ingest/batch", { key, body: FIXTURE });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: fixtureCounts, accepted: fixtureCounts, duplicates: counts({}) });
    const before = await figures(key);
    // Same content written differently: timestamps without milliseconds, metadata in another order, explicit defaults.
    const rewritten: IngestBatch = {
      ...FIXTURE,
      users: [{ id: "user_1", metadata: { region: "eu", plan: "pro" } }, { id: "user_3", metadata: {} }],
      sessions: FIXTURE.sessions!.map((s) => ({ ...s, createdAt: s.createdAt.replace(/(\d\d)(\.000)?Z$/, "$1.000Z") })),
      messages: FIXTURE.messages!.map((m) => ({ toolCalls: 0, outputTokens: 0, ...m })),
    };
    const again = await call(server, "POST", "/ingest/batch", { key, body: rewritten });
    expect(again.status).toBe(200);
    const receivedAgain = counts({ users: 2, agents: 3, sessions: 5, runs: 6, messages: 8, feedback: 3, kbFiles: 3 });
    expect(again.body).toEqual({ received: receivedAgain, accepted: counts({}), duplicates: receivedAgain });
    expect(await figures(key)).toEqual(before);
    expect(before.events).toBe(17);
  });

  it("rejects a changed record with 409 listing it, and stores nothing of the batch", async () => {
    const { key } = await server.tenant("user_1", "admin");
    await call(server, "POST", "/ingest/batch", { key, body: { agents: FIXTURE.agents } });
    const r = await call(server, "POST", "/ingest/batch", {
      key,
      body: { agents: [{ id: "agent_new", name: "New", kind: "agent" }, { id: "team_t", name: "Renamed", kind: "team" }] },
    });
    expect(r.status).toBe(409);
    expect(r.contentType).toContain("application/problem+json");
    expect(r.body).toMatchObject({ status: 409, type: "https://agent-analytics.dev/problems/conflict" });
    expect(r.body.errors).toEqual([{ recordType: "agents", index: 1, id: "team_t", reason: expect.any(String) }]);
    expect((await call(server, "GET", "/agents/agent_new/stats", { key })).status).toBe(404);
  });

  it("treats the same id twice in one batch as a duplicate when equal, a conflict otherwise", async () => {
    const { key } = await server.tenant("user_1", "admin");
    const a = { id: "a1", name: "A", kind: "agent" as const };
    const same = await call(server, "POST", "/ingest/batch", { key, body: { agents: [a, a] } });
    expect(same.body.accepted.agents).toBe(1);
    expect(same.body.duplicates.agents).toBe(1);
    const differ = await call(server, "POST", "/ingest/batch", { key, body: { agents: [{ ...a, id: "a2" }, { ...a, id: "a2", kind: "team" }] } });
    expect(differ.status).toBe(409);
  });

  it.each([
    ["missing agent", { sessions: [{ id: "s", agentId: "nope", createdAt: "2026-02-22T08:00:00Z" }] }, [["sessions", 0, "s", /agentId nope/]]],
    [
      "schema, invariant and reference errors together",
      {
        agents: [{ id: "ok", name: "Ok", kind: "agent" }, { id: "bad", name: "Bad", kind: "robot" }],
        runs: [
          { id: "r1", agentId: "ok", status: "completed", startedAt: "2026-02-22T08:00:00Z" },
          { id: "r2", agentId: "ok", status: "queued", startedAt: "2026-02-22T08:00:00Z", completedAt: "2026-02-22T07:00:00Z" },
          { id: "r3", agentId: "ok", status: "completed", startedAt: "2026-02-22T08:00:00Z", completedAt: "2026-02-22T07:00:00Z" },
        ],
      },
      [["agents", 1, "bad", /kind/]],
    ],
    [
      "invariants",
      {
        agents: [{ id: "ok", name: "Ok", kind: "agent" }],
        runs: [
          { id: "r1", agentId: "ok", status: "completed", startedAt: "2026-02-22T08:00:00Z" },
          { id: "r2", agentId: "ok", status: "queued", startedAt: "2026-02-22T08:00:00Z", completedAt: "2026-02-22T09:00:00Z" },
          { id: "r3", agentId: "ok", status: "completed", startedAt: "2026-02-22T08:00:00Z", completedAt: "2026-02-22T07:00:00Z" },
          { id: "r4", agentId: "ok", status: "completed", error: "x", postsGenerated: 1, postsPublished: 2, startedAt: "2026-02-22T08:00:00Z", completedAt: "2026-02-22T09:00:00Z" },
        ],
      },
      [["runs", 0, "r1", /finished-iff-completed-at/], ["runs", 1, "r2", /finished-iff-completed-at/], ["runs", 2, "r3", /completed-after-started/], ["runs", 3, "r4", /error-only-when-failed.*published-within-generated/]],
    ],
    [
      "references across records",
      {
        users: [{ id: "u" }],
        agents: [{ id: "a", name: "A", kind: "agent" }, { id: "b", name: "B", kind: "team" }],
        sessions: [{ id: "s", agentId: "a", userId: "u", createdAt: "2026-02-22T08:00:00Z" }, { id: "s2", agentId: "a", userId: "ghost", createdAt: "2026-02-22T08:00:00Z" }],
        runs: [{ id: "r", agentId: "b", sessionId: "s", status: "queued", startedAt: "2026-02-22T08:00:00Z" }],
        messages: [{ id: "m", sessionId: "s", role: "user", createdAt: "2026-02-22T08:00:00Z" }, { id: "m2", sessionId: "nope", role: "user", createdAt: "2026-02-22T08:00:00Z" }],
        feedback: [{ id: "f", sessionId: "s2", messageId: "m", helpful: true, createdAt: "2026-02-22T08:00:00Z" }],
      },
      [["sessions", 1, "s2", /userId ghost/], ["runs", 0, "r", /belongs to agent a/], ["messages", 1, "m2", /sessionId nope/], ["feedback", 0, "f", /belongs to session s/]],
    ],
  ])("rejects %s with 400 listing every bad record, storing nothing", async (_name, body, expected) => {
    const { key } = await server.tenant("user_1", "admin");
    const r = await call(server, "POST", "/ingest/batch", { key, body });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ type: "https://agent-analytics.dev/problems/invalid-records", status: 400 });
    expect(r.body.errors).toHaveLength(expected.length);
    expected.forEach(([recordType, index, id, reason], i) => {
      expect(r.body.errors[i]).toMatchObject({ recordType, index, id });
      expect(r.body.errors[i].reason).toMatch(reason as RegExp);
    });
    const stored = await call(server, "GET", "/metrics", { key });
    expect(stored.body.metrics).toEqual([]);
    const ok = await call(server, "POST", "/ingest/batch", { key, body: { agents: [{ id: "ok", name: "Ok", kind: "agent" }, { id: "a", name: "A", kind: "agent" }] } });
    expect(ok.body.accepted.agents).toBe(2);
  });

  it("resolves references to records stored earlier by the same organisation only", async () => {
    const one = await server.tenant("user_1", "admin");
    const two = await server.tenant("user_1", "admin");
    await call(server, "POST", "/ingest/batch", { key: one.key, body: { agents: [{ id: "shared", name: "S", kind: "agent" }] } });
    const session = { sessions: [{ id: "s", agentId: "shared", createdAt: "2026-02-22T08:00:00Z" }] };
    expect((await call(server, "POST", "/ingest/batch", { key: one.key, body: session })).status).toBe(200);
    expect((await call(server, "POST", "/ingest/batch", { key: two.key, body: session })).status).toBe(400);
  });

  it.each([
    ["more records than x-max-records", () => ({ body: { agents: Array.from({ length: 5001 }, (_, i) => ({ id: `a${i}`, name: "A", kind: "agent" })) } }), 413],
    ["a body over x-max-bytes", () => ({ rawBody: JSON.stringify({ agents: [{ id: "a", name: "x".repeat(11 * 1024 * 1024), kind: "agent" }] }), headers: { "content-type": "application/json" } }), 413],
    ["malformed JSON", () => ({ rawBody: '{"agents": [', headers: { "content-type": "application/json" } }), 400],
    ["a non-JSON content type", () => ({ rawBody: "agents=1", headers: { "content-type": "application/x-www-form-urlencoded" } }), 400],
    ["no body", () => ({}), 400],
    ["a JSON array", () => ({ body: [] }), 400],
    ["an unknown record type", () => ({ body: { widgets: [] } }), 400],
  ])("answers %s with %s problem+json", async (_name, make, status) => {
    const { key } = await server.tenant("user_1", "admin");
    const r = await call(server, "POST", "/ingest/batch", { key, ...make() });
    expect(r.status).toBe(status);
    expect(r.contentType).toContain("application/problem+json");
    expect(r.body.status).toBe(status);
  });

  it("loses and double-counts nothing under concurrent overlapping batches", async () => {
    const { key } = await server.tenant("user_1", "admin");
    await call(server, "POST", "/ingest/batch", { key, body: { users: [{ id: "u" }], agents: [{ id: "a", name: "A", kind: "agent" }] } });
    // 12 batches of 40 sessions each; batch i covers sessions [20i, 20i + 40): each overlaps the next by half.
    const batch = (i: number) => ({
      sessions: Array.from({ length: 40 }, (_, j) => ({ id: `s${20 * i + j}`, agentId: "a", userId: "u", createdAt: new Date(Date.UTC(2026, 1, 1 + ((20 * i + j) % 20), 10)).toISOString() })),
      messages: Array.from({ length: 40 }, (_, j) => ({ id: `m${20 * i + j}`, sessionId: `s${20 * i + j}`, role: "user" as const, inputTokens: 1, createdAt: new Date(Date.UTC(2026, 1, 1 + ((20 * i + j) % 20), 11)).toISOString() })),
    });
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => call(server, "POST", "/ingest/batch", { key, body: batch(i) })));
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    const accepted = replies.reduce((n, r) => n + r.body.accepted.sessions, 0);
    const duplicates = replies.reduce((n, r) => n + r.body.duplicates.sessions, 0);
    expect(accepted).toBe(260);
    expect(duplicates).toBe(12 * 40 - 260);
    const dash = await call(server, "GET", `/api/dashboard/getStats?${FULL}`, { key });
    expect(dash.body).toMatchObject({ conversationCount: 260, messageCount: 260, inputTokens: 260, uniqueUsers: 1 });
    const metrics = await call(server, "GET", "/metrics", { key });
    expect(metrics.body.metrics.reduce((n: number, m: { agent_sessions_count: number }) => n + m.agent_sessions_count, 0)).toBe(260);
    expect(metrics.body.metrics.every((m: { users_count: number }) => m.users_count === 1)).toBe(true);
  });

  it("lets exactly one of two concurrent batches with the same id and different content win", async () => {
    const { key } = await server.tenant("user_1", "admin");
    for (let round = 0; round < 5; round++) {
      const agents = (kind: string) => ({ agents: Array.from({ length: 300 }, (_, i) => ({ id: `r${round}_${i}`, name: "A", kind })) });
      const [a, b] = await Promise.all([
        call(server, "POST", "/ingest/batch", { key, body: agents("agent") }),
        call(server, "POST", "/ingest/batch", { key, body: agents("team") }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect((a.status === 200 ? a : b).body.accepted.agents).toBe(300);
    }
  });

  it("keeps rollups equal to a full recomputation (POST /metrics/refresh)", async () => {
    const { key } = await server.tenant("user_1", "admin");
    // Loaded in three batches so that the incremental path adds to existing rollup rows.
    const parts: IngestBatch[] = [
      { users: FIXTURE.users, agents: FIXTURE.agents, sessions: FIXTURE.sessions, kbFiles: FIXTURE.kbFiles },
      { runs: FIXTURE.runs, messages: FIXTURE.messages!.slice(0, 4) },
      { messages: FIXTURE.messages!.slice(4), feedback: FIXTURE.feedback },
    ];
    for (const body of parts) expect((await call(server, "POST", "/ingest/batch", { key, body })).status).toBe(200);
    const incremental = await figures(key);
    const analytics = (await call(server, "GET", "/analytics/metrics?period=day&startDate=2026-02-20&endDate=2026-03-05", { key })).body;
    expect((await call(server, "POST", "/metrics/refresh", { key })).status).toBe(200);
    expect(await figures(key)).toEqual(incremental);
    expect((await call(server, "GET", "/analytics/metrics?period=day&startDate=2026-02-20&endDate=2026-03-05", { key })).body).toEqual(analytics);
    expect(incremental.dash.conversationCount).toBe(5);
  });
});
