import { ContractValidator, checkInvariant, document, normalizeBatch as normalize, type Invariant } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { buildDataset } from "./dataset.js";
import { AnalyticsOracle } from "./oracle-analytics.js";
import { buildRecentBatch } from "./recent.js";

const validator = new ContractValidator(document);
const runInvariants = (document.components.schemas!.IngestRun as { "x-invariants": Invariant[] })["x-invariants"];

describe.each([
  ["1995-01", 1],
  ["2004-02", 42],
  ["2016-12", 7],
])("the dataset starting in %s, seed %d", (month, seed) => {
  const dataset = buildDataset({ prefix: "cfab12cd34", month, callerUserId: "user_admin", seed });
  const records = normalize(dataset.batch);

  it("is a valid batch that respects every record invariant", () => {
    expect(validator.validate("#/components/schemas/IngestBatch", dataset.batch)).toEqual([]);
    for (const run of dataset.batch.runs!) {
      for (const invariant of runInvariants) expect(checkInvariant(invariant, { ...run }), `${run.id} ${invariant.id}`).toEqual({ ok: true });
    }
  });

  it("has references that resolve within the batch (the caller's user is ensured separately)", () => {
    const users = new Set([...records.users.map((u) => u.id), "user_admin"]);
    const agents = new Set(records.agents.map((a) => a.id));
    const sessions = new Map(records.sessions.map((s) => [s.id, s]));
    for (const s of records.sessions) expect(agents.has(s.agentId) && (s.userId === null || users.has(s.userId))).toBe(true);
    for (const r of records.runs) {
      expect(agents.has(r.agentId)).toBe(true);
      if (r.sessionId) expect(sessions.get(r.sessionId)?.agentId).toBe(r.agentId);
    }
    const messages = new Map(records.messages.map((m) => [m.id, m]));
    for (const m of records.messages) expect(sessions.has(m.sessionId)).toBe(true);
    for (const f of records.feedback) if (f.messageId) expect(messages.get(f.messageId)?.sessionId).toBe(f.sessionId);
  });

  it("stays inside its window and covers every kind and status", () => {
    const start = Date.parse(dataset.firstDay);
    const end = Date.parse(dataset.endDay);
    const times = [...records.sessions.map((s) => s.createdAt), ...records.runs.flatMap((r) => [r.startedAt, r.completedAt ?? r.startedAt]), ...records.messages.map((m) => m.createdAt), ...records.feedback.map((f) => f.createdAt), ...records.kbFiles.map((k) => k.processedAt)];
    for (const time of times) expect(Date.parse(time) >= start && Date.parse(time) < end, time).toBe(true);
    expect(new Set(records.agents.map((a) => a.kind))).toEqual(new Set(["agent", "team", "workflow"]));
    expect(new Set(records.runs.map((r) => r.status))).toEqual(new Set(["queued", "running", "completed", "failed"]));
  });

  it("has no ties in the rankings, so their order does not depend on collation", () => {
    const oracle = new AnalyticsOracle(records);
    const start = Date.parse(dataset.firstDay);
    const end = Date.parse(dataset.endDay);
    const totals = oracle.topUsers(start, end, 100).map((u) => u.total);
    expect(new Set(totals).size).toBe(totals.length);
    const sums = oracle.assistants(start, end).map((a) => a.incomingMessages + a.outgoingMessages + a.tasksInitiated + a.tasksCompleted);
    expect(new Set(sums).size).toBe(sums.length);
  });
});

describe("the recent batch", () => {
  it("is valid and lies in the day before today", () => {
    const now = Date.parse("2026-03-01T00:30:00Z");
    const batch = buildRecentBatch("cfab12cd34", now);
    expect(validator.validate("#/components/schemas/IngestBatch", batch)).toEqual([]);
    for (const s of batch.sessions!) expect(s.createdAt.slice(0, 10)).toBe("2026-02-28");
  });
});
