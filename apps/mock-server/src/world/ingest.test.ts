import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "../server.js";
import { call, startTestMock, TEST_NOW } from "../test-support/mock-fixture.js";

/**
 * Ingest over HTTP, with the contract's rules, and what later reads see: each key its own
 * organisation over the seeded world, until it is reset.
 */
let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const as = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const post = async (key: string, body: unknown) => {
  const reply = await call(mock.url, "/ingest/batch", { method: "POST", headers: as(key), body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: reply.status, body: reply.json as Json, type: reply.headers.get("content-type") };
};
const get = async (key: string, path: string) => (await call(mock.url, path, { headers: as(key) })).json as Json;

const day = new Date(TEST_NOW - 3 * 86_400_000).toISOString().slice(0, 10);
const batch = {
  agents: [{ id: "agent_new", name: "New agent", kind: "team" }],
  sessions: [{ id: "s_new", agentId: "agent_new", userId: "user_003", createdAt: `${day}T09:00:00Z` }],
  runs: [
    { id: "r_new_1", agentId: "agent_new", sessionId: "s_new", userId: "user_003", status: "completed", startedAt: `${day}T09:00:01Z`, completedAt: `${day}T09:00:31Z`, tokens: { input: 100, output: 50 } },
    { id: "r_new_2", agentId: "agent_support", status: "failed", error: "Boom.", startedAt: `${day}T10:00:00Z`, completedAt: `${day}T10:00:02Z` },
  ],
  messages: [
    { id: "m_new_1", sessionId: "s_new", role: "user", createdAt: `${day}T09:00:00Z` },
    { id: "m_new_2", sessionId: "s_new", role: "assistant", toolCalls: 3, createdAt: `${day}T09:00:30Z` },
  ],
  feedback: [{ id: "f_new", sessionId: "s_new", messageId: "m_new_2", helpful: true, createdAt: `${day}T09:01:00Z` }],
};

describe("ingest", () => {
  it("stores a batch once, counts a resend as duplicates, and every read reflects it", async () => {
    const before = {
      support: (await get("k1", "/agents/agent_support/stats")).data,
      dashboard: await get("k1", `/api/dashboard/getStats?from=${day}&to=${day}&allInOrg=true`),
      bucket: (await get("k1", `/analytics/metrics?period=day&startDate=${day}&endDate=${day}T23:59:59Z`)).data[0],
      row: (await get("k1", `/metrics?starting_date=${day}&ending_date=${day}`)).metrics[0],
    };
    const first = await post("k1", batch);
    expect(first.status).toBe(200);
    expect(first.body.accepted).toMatchObject({ agents: 1, sessions: 1, runs: 2, messages: 2, feedback: 1, total: 7 });
    const again = await post("k1", batch);
    expect(again.body.duplicates.total).toBe(7);
    expect(again.body.accepted.total).toBe(0);

    expect((await get("k1", "/agents/agent_support/stats")).data).toMatchObject({ totalRuns: before.support.totalRuns + 1, failedRuns: before.support.failedRuns + 1 });
    expect((await get("k1", "/agents/agent_new/runs")).data.runs.map((r: Json) => r.id)).toEqual(["r_new_1"]);
    expect((await get("k1", "/agents/agent_new/runs/r_new_1")).data.tokensUsed).toBe(150);
    const dashboard = await get("k1", `/api/dashboard/getStats?from=${day}&to=${day}&allInOrg=true`);
    expect(dashboard).toMatchObject({
      conversationCount: before.dashboard.conversationCount + 1,
      messageCount: before.dashboard.messageCount + 2,
      toolCalls: before.dashboard.toolCalls + 3,
      totalFeedback: before.dashboard.totalFeedback + 1,
      uniqueAgents: before.dashboard.uniqueAgents + 1,
    });
    const bucket = (await get("k1", `/analytics/metrics?period=day&startDate=${day}&endDate=${day}T23:59:59Z`)).data[0];
    expect(bucket).toMatchObject({ incomingMessages: before.bucket.incomingMessages + 1, tasksInitiated: before.bucket.tasksInitiated + 2, tasksCompleted: before.bucket.tasksCompleted + 1 });
    const row = (await get("k1", `/metrics?starting_date=${day}&ending_date=${day}`)).metrics[0];
    expect(row).toMatchObject({ team_runs_count: before.row.team_runs_count + 1, team_sessions_count: before.row.team_sessions_count + 1, agent_runs_count: before.row.agent_runs_count + 1 });
    // The day was recomputed at the ingest, at the mock's now.
    expect(row.updated_at).toBe(TEST_NOW / 1000);
    expect(row.created_at).toBe(before.row.created_at);
  });

  it("refuses a conflict with 409 and a bad record with 400, listing them, and stores nothing of either", async () => {
    const conflict = await post("k2", { users: [{ id: "fresh_user" }], agents: [{ id: "agent_support", name: "Renamed", kind: "agent" }] });
    expect(conflict.status).toBe(409);
    expect(conflict.type).toBe("application/problem+json");
    expect(conflict.body.errors).toEqual([{ recordType: "agents", index: 0, id: "agent_support", reason: expect.stringContaining("different content") }]);

    const invalid = await post("k2", {
      users: [{ id: "fresh_user" }],
      sessions: [{ id: "s_bad", agentId: "agent_missing", createdAt: "2026-02-01T00:00:00Z" }],
      runs: [{ id: "r_bad", agentId: "agent_support", status: "completed", startedAt: "2026-02-01T10:00:00Z", completedAt: "2026-02-01T09:00:00Z" }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: Json) => [e.recordType, e.index])).toEqual([["runs", 0]]);
    const missing = await post("k2", { users: [{ id: "fresh_user" }], sessions: [{ id: "s_bad", agentId: "agent_missing", createdAt: "2026-02-01T00:00:00Z" }] });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ recordType: "sessions", index: 0, id: "s_bad", reason: "agentId agent_missing does not exist." }]);
    const schema = await post("k2", { users: [{ id: "fresh_user" }], runs: [{ id: "r1", agentId: "agent_support", status: "exploded", startedAt: "2026-02-01T10:00:00Z" }] });
    expect(schema.status).toBe(400);
    expect(schema.body.errors).toEqual([{ recordType: "runs", index: 0, id: "r1", reason: expect.stringContaining("status") }]);

    expect((await post("k2", { users: [{ id: "fresh_user" }] })).body.accepted.users).toBe(1);
  });

  it("reads a leap second as the instant after second 59, and a resend in another notation as a duplicate", async () => {
    const leap = { agents: [{ id: "agent_leap", name: "Leap", kind: "agent" }], sessions: [{ id: "s_leap", agentId: "agent_leap", createdAt: "2016-12-31T23:59:60Z" }] };
    expect((await post("k6", leap)).body.accepted.sessions).toBe(1);
    const again = { ...leap, sessions: [{ ...leap.sessions[0], createdAt: "2017-01-01T01:00:00+01:00" }] };
    expect((await post("k6", again)).body.duplicates.sessions).toBe(1);
  });

  it("refuses more than 5000 records with 413", async () => {
    const users = Array.from({ length: 5001 }, (_, i) => ({ id: `bulk_${i}` }));
    const reply = await post("k3", { users });
    expect(reply.status).toBe(413);
    expect((await post("k3", { users: [users[0]] })).body.accepted.users).toBe(1);
  });

  it("keeps each key's records to its organisation, and resets one key or all", async () => {
    await post("k4", batch);
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("k5") })).status).toBe(404);
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("k4") })).status).toBe(200);
    // Ids are unique per organisation: another key may use the same id with other content.
    expect((await post("k5", { agents: [{ id: "agent_new", name: "Mine", kind: "agent" }] })).status).toBe(200);

    const reset = await call(mock.url, "/__mock/reset", { method: "POST", headers: as("k4") });
    expect(reset.json).toMatchObject({ organisations: 1 });
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("k4") })).status).toBe(404);
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("k5") })).status).toBe(200);
    await call(mock.url, "/__mock/reset", { method: "POST" });
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("k5") })).status).toBe(404);
    // The seeded world stays.
    expect((await call(mock.url, "/agents/agent_support/stats", { headers: as("k5") })).status).toBe(200);
  });

  it("tells each key who it acts for; a member key sees its own conversations and no organisation-wide view", async () => {
    const admin = await get("some-key", "/ingest/context");
    const member = await get("a-member-key", "/ingest/context");
    expect(admin).toMatchObject({ userId: "user_001", role: "admin", organizationId: expect.stringMatching(/^org_/) });
    expect(member).toMatchObject({ userId: "user_002", role: "member" });
    expect(member.organizationId).not.toBe(admin.organizationId);
    expect(await get("some-key", "/ingest/context")).toEqual(admin);
    const range = "from=2026-02-01&to=2026-02-28";
    expect((await call(mock.url, `/api/dashboard/getStats?${range}&allInOrg=true`, { headers: as("a-member-key") })).status).toBe(403);
    const own = await get("a-member-key", `/api/dashboard/getStats?${range}`);
    const same = await get("some-key", `/api/dashboard/getStats?${range}&allInOrg=true&userId=user_002`);
    expect(own.conversationCount).toBeGreaterThan(0);
    expect({ ...own, kbFileCount: 0 }).toEqual({ ...same, kbFileCount: 0 });
  });

  it("refuses a member's writes with each module's 403 (x-required-role: admin), storing nothing", async () => {
    const refused = await post("role-member-key", batch);
    expect(refused).toMatchObject({ status: 403, type: expect.stringContaining("application/problem+json") });
    expect(refused.body).toMatchObject({ type: "https://agent-analytics.dev/problems/forbidden", status: 403 });
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("role-member-key") })).status).toBe(404);
    const refresh = await call(mock.url, "/metrics/refresh", { method: "POST", headers: as("role-member-key") });
    expect(refresh.status).toBe(403);
    expect(refresh.json).toMatchObject({ error_code: "FORBIDDEN" });
    expect(await get("role-member-key", "/metrics/refresh/status")).toMatchObject({ status: "idle" });
    // Reads stay open to members; the admin key of the member's organisation (`member` written
    // `admin`) writes, and its member reads what it wrote.
    expect(await get("role-admin-key", "/ingest/context")).toMatchObject({ role: "admin", organizationId: (await get("role-member-key", "/ingest/context")).organizationId });
    expect((await post("role-admin-key", batch)).body.accepted.total).toBe(7);
    expect((await call(mock.url, "/agents/agent_new/stats", { headers: as("role-member-key") })).status).toBe(200);
    expect((await call(mock.url, "/metrics/refresh", { method: "POST", headers: as("role-admin-key") })).status).toBe(200);
    expect(await get("role-member-key", "/metrics/refresh/status")).toMatchObject({ status: "completed" });
  });

  it("describes the world at /__mock/world", async () => {
    const world = (await call(mock.url, "/__mock/world")).json as Json;
    expect(world.agents.map((a: Json) => a.kind)).toEqual(expect.arrayContaining(["agent", "team", "workflow"]));
    expect(world.records.total).toBeGreaterThan(10_000);
    expect(world.keys).toMatchObject({ admin: { userId: "user_001" }, member: { userId: "user_002" } });
    expect((await call(mock.url, "/__mock/nothing")).status).toBe(404);
  });
});
