import { describe, expect, it } from "vitest";
import { referenceErrors, type BatchReferences, type ReferenceLookup } from "./references.js";

// Stored: agent a1 with session s1 (user u1), message m1 in s1.
const stored: ReferenceLookup = {
  agentExists: (id) => id === "a1",
  userExists: (id) => id === "u1",
  sessionAgent: (id) => (id === "s1" ? "a1" : undefined),
  messageSession: (id) => (id === "m1" ? "s1" : undefined),
};
const none: BatchReferences = { sessions: [], runs: [], messages: [], feedback: [] };

describe("referenceErrors: the ingest module's reference rules", () => {
  it.each([
    ["sessions", { sessions: [{ id: "s2", agentId: "a1", userId: "u1" }] }, []],
    ["sessions", { sessions: [{ id: "s2", agentId: "a9", userId: null }] }, ["agentId a9 does not exist."]],
    ["sessions", { sessions: [{ id: "s2", agentId: "a1", userId: "u9" }] }, ["userId u9 does not exist."]],
    ["runs", { runs: [{ id: "r1", agentId: "a1", userId: null, sessionId: "s1" }] }, []],
    ["runs", { runs: [{ id: "r1", agentId: "a2", userId: null, sessionId: null }] }, ["agentId a2 does not exist."]],
    ["runs", { runs: [{ id: "r1", agentId: "a1", userId: null, sessionId: "s9" }] }, ["sessionId s9 does not exist."]],
    ["messages", { messages: [{ id: "m2", sessionId: "s9" }] }, ["sessionId s9 does not exist."]],
    ["feedback", { feedback: [{ id: "f1", sessionId: "s1", messageId: "m9" }] }, ["messageId m9 does not exist."]],
  ] as const)("%s %j", (type, records, reasons) => {
    const errors = referenceErrors({ ...none, ...records }, stored);
    expect(errors.map((e) => e.reason)).toEqual(reasons);
    expect(errors.every((e) => e.recordType === type && e.index === 0)).toBe(true);
  });

  it("requires a run's session to be of the run's agent, and a feedback's message of its session", () => {
    const lookup = { ...stored, agentExists: () => true, sessionAgent: (id: string) => ({ s1: "a1", s2: "a2" })[id], messageSession: (id: string) => ({ m1: "s1" })[id] };
    const errors = referenceErrors(
      { ...none, runs: [{ id: "r1", agentId: "a2", userId: null, sessionId: "s1" }], feedback: [{ id: "f1", sessionId: "s2", messageId: "m1" }] },
      lookup,
    );
    expect(errors).toEqual([
      { recordType: "runs", index: 0, id: "r1", reason: "session s1 belongs to agent a1, not a2." },
      { recordType: "feedback", index: 0, id: "f1", reason: "message m1 belongs to session s1, not s2." },
    ]);
  });
});
