import { describe, expect, it } from "vitest";
import { contentKey, emptyRecords, epochMs, mergeRecords, normalizeBatch, normalizeRecord } from "./normalize.js";
import { isRecordType, RECORD_TYPES } from "./records.js";

describe("normalizeRecord: the defaults of docs/semantics.md", () => {
  it.each([
    ["users", { id: "u" }, { id: "u", metadata: {} }],
    ["sessions", { id: "s", agentId: "a", createdAt: "2026-02-22T08:00:00Z" }, { id: "s", agentId: "a", userId: null, createdAt: "2026-02-22T08:00:00.000Z" }],
    [
      "runs",
      { id: "r", agentId: "a", status: "completed", tokens: { input: 5, output: 2 }, startedAt: "2026-02-22T10:00:00+02:00", completedAt: "2026-02-22T08:00:01.5Z" },
      {
        id: "r", agentId: "a", sessionId: null, userId: null, status: "completed", model: null,
        tokens: { input: 5, output: 2, cached: 0, cacheWrite: 0, reasoning: 0, audioInput: 0, audioOutput: 0 },
        postsGenerated: 0, postsPublished: 0, error: null, startedAt: "2026-02-22T08:00:00.000Z", completedAt: "2026-02-22T08:00:01.500Z",
      },
    ],
    ["runs (no tokens)", { id: "r", agentId: "a", status: "queued", startedAt: "2026-02-22T08:00:00Z" }, { tokens: { input: 0, output: 0, cached: 0, cacheWrite: 0, reasoning: 0, audioInput: 0, audioOutput: 0 }, completedAt: null }],
    ["messages", { id: "m", sessionId: "s", role: "user", createdAt: "2026-02-22T08:00:00Z" }, { toolCalls: 0, inputTokens: 0, outputTokens: 0 }],
    ["feedback", { id: "f", sessionId: "s", helpful: false, createdAt: "2026-02-22T08:00:00Z" }, { messageId: null, helpful: false }],
    ["kbFiles", { id: "k", knowledgeBaseId: "kb", processedAt: "2026-02-22T08:00:00Z" }, { extractInputTokens: 0, extractOutputTokens: 0, processedAt: "2026-02-22T08:00:00.000Z" }],
  ] as const)("%s", (name, raw, expected) => {
    const type = name.split(" ")[0] as keyof typeof normalizeRecord;
    expect((normalizeRecord[type] as (r: unknown) => unknown)(raw)).toMatchObject(expected);
  });

  it("makes records that differ only in defaults, instant notation and metadata order the same content", () => {
    const a = normalizeRecord.runs({ id: "r", agentId: "a", status: "queued", startedAt: "2026-02-22T08:00:00Z", tokens: { input: 0, output: 0 } });
    const b = normalizeRecord.runs({ id: "r", agentId: "a", status: "queued", startedAt: "2026-02-22T08:00:00.000Z", postsGenerated: 0, error: null });
    expect(contentKey(a)).toBe(contentKey(b));
    const c = normalizeRecord.runs({ id: "r", agentId: "a", status: "queued", startedAt: "2026-02-22T08:00:00.001Z" });
    expect(contentKey(a)).not.toBe(contentKey(c));
    const u1 = normalizeRecord.users({ id: "u", metadata: { x: "1", y: "2" } });
    const u2 = normalizeRecord.users({ id: "u", metadata: { y: "2", x: "1" } });
    expect(contentKey(u1)).toBe(contentKey(u2));
  });

  it.each([
    ["2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000Z"],
    ["2016-12-31T23:59:60.25Z", "2017-01-01T00:00:00.250Z"],
    ["2017-01-01T01:59:60+02:00", "2017-01-01T00:00:00.000Z"],
    ["2026-02-22T08:00:00.1234Z", "2026-02-22T08:00:00.123Z"],
  ])("writes %s, which the ingest schema accepts, as the instant %s", (timestamp, expected) => {
    expect(normalizeRecord.kbFiles({ id: "k", knowledgeBaseId: "kb", processedAt: timestamp }).processedAt).toBe(expected);
    expect(epochMs(timestamp)).toBe(Date.parse(expected));
  });

  it("normalizes a whole batch, every type present, and merges record sets", () => {
    const records = normalizeBatch({ agents: [{ id: "a", name: "A", kind: "agent" }] });
    expect(Object.keys(records)).toEqual([...RECORD_TYPES]);
    expect(records.agents).toEqual([{ id: "a", name: "A", kind: "agent" }]);
    expect(mergeRecords(records, records).agents).toHaveLength(2);
    expect(mergeRecords(emptyRecords(), records).users).toEqual([]);
  });

  it("lists the record types in the order references flow", () => {
    expect(RECORD_TYPES).toEqual(["users", "agents", "sessions", "runs", "messages", "feedback", "kbFiles"]);
    expect(isRecordType("runs")).toBe(true);
    expect(isRecordType("toString")).toBe(false);
  });
});
