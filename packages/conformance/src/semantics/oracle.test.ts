import { normalizeBatch as normalize } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { AnalyticsOracle } from "./oracle-analytics.js";
import { agentRuns, agentStats } from "./oracle-agents.js";
import { agentosRows } from "./oracle-agentos.js";
import { dashboardStats } from "./oracle-dashboard.js";
import { rate4, roundHalfAway } from "./rounding.js";

// A hand-sized organisation whose figures are worked out below by hand.
const records = normalize({
  users: [{ id: "u1", metadata: { plan: "pro" } }, { id: "u2", metadata: { tier: "pro" } }, { id: "me" }],
  agents: [{ id: "a1", name: "A", kind: "agent" }, { id: "a2", name: "T", kind: "team" }],
  sessions: [
    { id: "s1", agentId: "a1", userId: "me", createdAt: "2024-03-04T10:00:00Z" },
    { id: "s2", agentId: "a2", userId: "u1", createdAt: "2024-03-05T10:00:00Z" },
    { id: "s3", agentId: "a1", createdAt: "2024-03-05T11:00:00Z" },
  ],
  runs: [
    { id: "r1", agentId: "a1", sessionId: "s1", userId: "me", status: "completed", model: { id: "m", provider: "P" }, tokens: { input: 10, output: 5, cached: 2 }, postsGenerated: 2, postsPublished: 1, startedAt: "2024-03-04T10:00:00Z", completedAt: "2024-03-04T10:00:01Z" },
    { id: "r2", agentId: "a1", status: "failed", error: "x", startedAt: "2024-03-04T10:00:00Z", completedAt: "2024-03-04T10:00:02.001Z" },
    { id: "r3", agentId: "a1", userId: "u1", status: "queued", startedAt: "2024-03-05T09:00:00Z" },
    { id: "r4", agentId: "a2", userId: "u1", status: "completed", model: { id: "m", provider: "P" }, startedAt: "2024-03-05T23:59:00Z", completedAt: "2024-03-06T00:01:00Z" },
  ],
  messages: [
    { id: "m1", sessionId: "s1", role: "user", inputTokens: 3, createdAt: "2024-03-04T10:00:00Z" },
    { id: "m2", sessionId: "s1", role: "assistant", toolCalls: 2, outputTokens: 7, createdAt: "2024-03-06T10:00:00Z" },
    { id: "m3", sessionId: "s2", role: "user", createdAt: "2024-03-05T10:00:00Z" },
    { id: "m4", sessionId: "s3", role: "user", createdAt: "2024-03-05T11:00:00Z" },
  ],
  feedback: [{ id: "f1", sessionId: "s1", messageId: "m2", helpful: false, createdAt: "2024-03-06T10:01:00Z" }],
  kbFiles: [{ id: "k1", knowledgeBaseId: "kb", extractInputTokens: 4, processedAt: "2024-03-04T00:00:00Z" }],
});
const t = (iso: string) => Date.parse(iso);

describe("roundHalfAway", () => {
  it.each([[1500.5, 0, 1501], [1500.4999, 0, 1500], [2 / 3, 4, 0.6667], [0.5, 0, 1], [-0.5, 0, -1], [0.00005, 4, 0.0001]])("%d to %d places is %d", (value, places, expected) => {
    expect(roundHalfAway(value, places)).toBe(expected);
  });
});

describe("rate4", () => {
  it.each([[1, 3, 0.3333], [2, 3, 0.6667], [298, 312, 0.9551], [3, 20000, 0.0002], [1, 20000, 0.0001], [5, 4, 1.25], [0, 0, 0], [4, 0, 0]])("%d / %d is %d", (a, b, expected) => {
    expect(rate4(a, b)).toBe(expected);
  });
});

describe("agents oracle", () => {
  it("counts outcomes and averages finished runs, rounded half away from zero", () => {
    // Durations 1000 and 2001 ms: mean 1500.5, rounded 1501.
    expect(agentStats(records, "a1")).toEqual({ agentId: "a1", totalRuns: 3, successfulRuns: 1, failedRuns: 1, totalPostsGenerated: 2, totalPostsPublished: 1, averageRunDurationMs: 1501 });
  });
  it.each([
    [{ limit: 50, offset: 0 }, ["r3", "r1", "r2"], 3],
    [{ limit: 1, offset: 1 }, ["r1"], 3],
    [{ status: "failed", limit: 50, offset: 0 }, ["r2"], 1],
  ])("pages %j newest first, ties by id", (query, ids, total) => {
    const page = agentRuns(records, "a1", query);
    expect(page.runs.map((r) => r.id)).toEqual(ids);
    expect(page.total).toBe(total);
  });
});

describe("agentos oracle", () => {
  it("has one row per active day, by kind, with models ordered", () => {
    const rows = agentosRows(records, "2024-03-01", "2024-03-31");
    expect(rows.map((r) => r.date)).toEqual(["2024-03-04T00:00:00", "2024-03-05T00:00:00"]);
    expect(rows[0]).toMatchObject({ agent_runs_count: 2, agent_sessions_count: 1, users_count: 1, token_metrics: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cached_tokens: 2 }, model_metrics: [{ model_id: "m", model_provider: "P", count: 1 }] });
    expect(rows[1]).toMatchObject({ agent_runs_count: 1, team_runs_count: 1, team_sessions_count: 1, agent_sessions_count: 1, users_count: 1 });
  });
});

describe("dashboard oracle", () => {
  const range = { from: "2024-03-04T00:00:00.000Z", to: "2024-03-06T23:59:59.999Z" };
  it.each([
    ["own", {}, { conversationCount: 1, messageCount: 2, toolCalls: 2, inputTokens: 3, outputTokens: 7, totalFeedback: 1, totalNotHelpful: 1, kbFileCount: 1, kbExtractTotalTokens: 4 }],
    ["organisation", { allInOrg: true }, { conversationCount: 3, uniqueUsers: 2, uniqueAgents: 2, messageCount: 4 }],
    ["metadata key and value", { allInOrg: true, metadataKey: "plan", metadataValue: "pro" }, { conversationCount: 1, uniqueUsers: 1 }],
    ["metadata value alone", { allInOrg: true, metadataValue: "pro" }, { conversationCount: 1 }],
    ["metadata key alone", { allInOrg: true, metadataKey: "tier" }, { conversationCount: 0, kbFileCount: 1 }],
    ["one agent", { allInOrg: true, agentId: "a1" }, { conversationCount: 2, uniqueUsers: 1, uniqueAgents: 1 }],
  ])("%s", (_name, filters, expected) => {
    expect(dashboardStats(records, { ...range, ...filters }, "me")).toMatchObject(expected);
  });
  it("includes both ends of the range", () => {
    expect(dashboardStats(records, { from: "2024-03-04T10:00:00Z", to: "2024-03-04T10:00:00Z" }, "me").conversationCount).toBe(1);
  });
  it.each([
    ["a date `to` covers its whole day", { from: "2024-03-04", to: "2024-03-06" }, { ...range }],
    ["a date `from` is its midnight", { from: "2024-03-05", to: "2024-03-06" }, { from: "2024-03-05T00:00:00.000Z", to: "2024-03-06T23:59:59.999Z" }],
    ["a date-time `from` within a date `to`", { from: "2024-03-06T10:00:30Z", to: "2024-03-06" }, { from: "2024-03-06T10:00:30Z", to: "2024-03-06T23:59:59.999Z" }],
  ])("%s", (_name, dates, dateTimes) => {
    expect(dashboardStats(records, { ...dates, allInOrg: true }, "me")).toEqual(dashboardStats(records, { ...dateTimes, allInOrg: true }, "me"));
  });
  it.each([
    ["the caller's own user", "me", 1],
    ["another user: nothing of the caller's scope", "u1", 0],
  ])("userId without allInOrg narrows the caller's sessions: %s", (_name, userId, conversations) => {
    const stats = dashboardStats(records, { ...range, userId }, "me");
    expect(stats.conversationCount).toBe(conversations);
    expect(stats.kbFileCount).toBe(1);
  });
});

describe("analytics oracle", () => {
  const oracle = new AnalyticsOracle(records);
  it("counts a window, completions at their own time", () => {
    expect(oracle.window(t("2024-03-05T00:00:00Z"), t("2024-03-06T00:00:00Z"))).toEqual({
      incomingMessages: 2, outgoingMessages: 0, tasksInitiated: 2, tasksCompleted: 0, total: 4, activeUsers: 1, completionRate: 0,
    });
  });
  // completionRate is tasksCompleted / tasksInitiated of the same window (the source's words).
  it.each([
    ["2024-03-04", "2024-03-05", 0.5],
    ["2024-03-05", "2024-03-07", 0.5],
    ["2024-03-06", "2024-03-07", 0],
    ["2024-03-04", "2024-03-07", 0.5],
  ])("completionRate over [%s, %s) is %d", (start, end, rate) => {
    expect(oracle.window(t(`${start}T00:00:00Z`), t(`${end}T00:00:00Z`)).completionRate).toBe(rate);
  });
  it("filters assistants and snapshots to one assistant", () => {
    const start = t("2024-03-04T00:00:00Z");
    const end = t("2024-03-07T00:00:00Z");
    expect(oracle.assistants(start, end, "a2").map((a) => [a.assistant, a.tasksInitiated, a.completionRate])).toEqual([["a2", 1, 1]]);
    expect(oracle.snapshots(start, end, "a2").map((s) => s.events.total)).toEqual([0, 2, 1]);
  });
  it("clips buckets to the range", () => {
    const buckets = oracle.metrics("week", t("2024-03-06T00:00:00Z"), t("2024-03-12T00:00:00Z"));
    expect(buckets.map((b) => [b.periodKey, b.startDate, b.endDate])).toEqual([
      ["2024-W10", "2024-03-06T00:00:00.000Z", "2024-03-11T00:00:00.000Z"],
      ["2024-W11", "2024-03-11T00:00:00.000Z", "2024-03-12T00:00:00.000Z"],
    ]);
  });
  it("orders events by time then id and pages them", () => {
    const page = oracle.eventPage(t("2024-03-04T00:00:00Z"), t("2024-03-05T00:00:00Z"), { limit: 2, skip: 0 });
    expect(page.events.map((e) => e.id)).toEqual(["m1:incomingMessages", "r1:tasksInitiated"]);
    expect(page.total).toBe(4); // m1, r1 started and completed, r2 started (a failed run completes nothing)
  });
  it("ranks users and assistants", () => {
    const start = t("2024-03-01T00:00:00Z");
    const end = t("2024-04-01T00:00:00Z");
    expect(oracle.topUsers(start, end, 10).map((u) => [u.user, u.total])).toEqual([["me", 4], ["u1", 4]]);
    expect(oracle.assistants(start, end).map((a) => a.assistant)).toEqual(["a1", "a2"]);
  });
});
