import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";

const paths = [
  "/metrics?starting_date=2026-02-01&ending_date=2026-02-10",
  "/agents/agent_support/runs?limit=5&offset=3",
  "/agents/agent_support/stats",
  "/analytics/metrics?period=day&startDate=2026-02-01&endDate=2026-02-15",
  "/analytics/events?startDate=2026-02-01&endDate=2026-02-03&limit=20",
  "/analytics/users/top?startDate=2026-02-01&endDate=2026-03-01",
  "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&allInOrg=true",
];

/** Records into the world's own days: a conversation of a world user with a world agent. */
const batch = {
  users: [{ id: "user_new", metadata: { plan: "pro" } }],
  sessions: [{ id: "sess_added", agentId: "agent_support", userId: "user_002", createdAt: "2026-02-05T10:00:00Z" }],
  runs: [{ id: "run_added", agentId: "agent_support", sessionId: "sess_added", userId: "user_002", status: "completed", startedAt: "2026-02-05T10:00:01Z", completedAt: "2026-02-05T10:00:09Z", tokens: { input: 900, output: 120 } }],
  messages: [
    { id: "msg_added_1", sessionId: "sess_added", role: "user", createdAt: "2026-02-05T10:00:00Z" },
    { id: "msg_added_2", sessionId: "sess_added", role: "assistant", toolCalls: 2, createdAt: "2026-02-05T10:00:08Z" },
  ],
};

let first: RunningMock;
beforeAll(async () => {
  first = await startTestMock();
});
afterAll(() => first.close());

const fetchAll = async (mock: RunningMock, headers: Record<string, string> = {}) =>
  Promise.all(paths.map(async (p) => (await call(mock.url, p, { headers: { ...AUTH, ...headers } })).text));

const ingest = (mock: RunningMock, key: string) =>
  call(mock.url, "/ingest/batch", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(batch) });

describe("determinism", () => {
  it("gives byte-identical bodies for the same request across restarts, before and after the same ingest", async () => {
    const before = await fetchAll(first, { authorization: "Bearer determinism" });
    const second = await startTestMock();
    try {
      expect(await fetchAll(second, { authorization: "Bearer determinism" })).toEqual(before);
      expect((await ingest(first, "determinism")).status).toBe(200);
      expect((await ingest(second, "determinism")).status).toBe(200);
      const after = await fetchAll(first, { authorization: "Bearer determinism" });
      expect(await fetchAll(second, { authorization: "Bearer determinism" })).toEqual(after);
      // The batch landed in days these reads cover.
      expect(after).not.toEqual(before);
    } finally {
      await second.close();
    }
  });

  it("does not depend on query parameter order or on control parameters", async () => {
    const a = await call(first.url, "/agents/agent_support/runs?limit=5&offset=3", { headers: AUTH });
    const b = await call(first.url, "/agents/agent_support/runs?offset=3&limit=5&__seed=9", { headers: AUTH });
    expect(b.text).toBe(a.text);
  });

  it("gives different data to different requests", async () => {
    const bodies = await fetchAll(first);
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it("builds another world from another seed, and from another now", async () => {
    const seeded = await startTestMock({ seed: "other" });
    const later = await startTestMock({ now: Date.UTC(2026, 2, 8) });
    try {
      const defaults = await fetchAll(first);
      expect(await fetchAll(seeded)).not.toEqual(defaults);
      const overview = await call(later.url, "/analytics/overview", { headers: AUTH });
      expect((overview.json as { data: { endDate: string } }).data.endDate).toBe("2026-03-08T00:00:00.000Z");
    } finally {
      await Promise.all([seeded.close(), later.close()]);
    }
  });
});
