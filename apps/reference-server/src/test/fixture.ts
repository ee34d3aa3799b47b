import type { IngestBatch } from "@agent-analytics/types";

/**
 * A fixture small enough to count by hand (docs/semantics.md). Three days:
 * D1 = 2026-02-22 (a Sunday, ISO week 2026-W08), D2 = 2026-02-23 (W09), D3 = 2026-03-02 (W10).
 * The admin key acts for user_1, the member key for user_2.
 */
export const FIXTURE: IngestBatch = {
  users: [
    { id: "user_1", metadata: { plan: "pro", region: "eu" } },
    { id: "user_2", metadata: { plan: "free" } },
    { id: "user_3" },
  ],
  agents: [
    { id: "agent_a", name: "Agent A", kind: "agent" },
    { id: "team_t", name: "Team T", kind: "team" },
    { id: "flow_w", name: "Workflow W", kind: "workflow" },
  ],
  sessions: [
    { id: "sess_1", agentId: "agent_a", userId: "user_1", createdAt: "2026-02-22T08:00:00Z" },
    { id: "sess_2", agentId: "agent_a", userId: "user_2", createdAt: "2026-02-22T12:00:00.000Z" },
    { id: "sess_3", agentId: "team_t", userId: "user_1", createdAt: "2026-02-23T09:00:00Z" },
    { id: "sess_4", agentId: "flow_w", userId: null, createdAt: "2026-02-23T23:30:00Z" },
    { id: "sess_5", agentId: "agent_a", userId: "user_3", createdAt: "2026-03-02T10:00:00Z" },
  ],
  runs: [
    {
      id: "run_1", agentId: "agent_a", sessionId: "sess_1", userId: "user_1", status: "completed",
      model: { id: "gpt-4o", provider: "OpenAI" }, tokens: { input: 400, output: 100, cached: 10, reasoning: 5 },
      postsGenerated: 2, postsPublished: 1, startedAt: "2026-02-22T08:00:30Z", completedAt: "2026-02-22T08:01:00Z",
    },
    {
      id: "run_2", agentId: "agent_a", sessionId: "sess_2", userId: "user_2", status: "failed",
      model: { id: "gpt-4o", provider: "OpenAI" }, tokens: { input: 100, output: 0 }, error: "boom",
      startedAt: "2026-02-22T12:00:00Z", completedAt: "2026-02-22T12:00:10.001Z",
    },
    { id: "run_3", agentId: "agent_a", status: "running", tokens: { input: 50, output: 5 }, startedAt: "2026-02-23T10:00:00Z" },
    {
      id: "run_4", agentId: "team_t", sessionId: "sess_3", userId: "user_1", status: "completed",
      model: { id: "claude-sonnet-4", provider: "Anthropic" }, tokens: { input: 200, output: 60, audioInput: 7, audioOutput: 3 },
      postsGenerated: 1, postsPublished: 1, startedAt: "2026-02-23T09:00:05Z", completedAt: "2026-02-23T09:00:25Z",
    },
    {
      id: "run_5", agentId: "flow_w", sessionId: "sess_4", status: "completed", model: { id: "gpt-4o", provider: "OpenAI" },
      tokens: { input: 10, output: 10 }, startedAt: "2026-02-23T23:50:00Z", completedAt: "2026-03-02T00:10:00Z",
    },
    { id: "run_6", agentId: "agent_a", sessionId: "sess_5", userId: "user_3", status: "queued", startedAt: "2026-03-02T10:05:00Z", completedAt: null },
  ],
  messages: [
    { id: "msg_1", sessionId: "sess_1", role: "user", inputTokens: 100, createdAt: "2026-02-22T08:00:00Z" },
    { id: "msg_2", sessionId: "sess_1", role: "assistant", toolCalls: 2, inputTokens: 300, outputTokens: 150, createdAt: "2026-02-22T08:01:00Z" },
    { id: "msg_3", sessionId: "sess_2", role: "user", inputTokens: 50, createdAt: "2026-02-22T12:00:00Z" },
    { id: "msg_4", sessionId: "sess_2", role: "assistant", toolCalls: 1, inputTokens: 200, outputTokens: 80, createdAt: "2026-02-23T00:10:00Z" },
    { id: "msg_5", sessionId: "sess_3", role: "user", inputTokens: 10, createdAt: "2026-02-23T09:00:00Z" },
    { id: "msg_6", sessionId: "sess_3", role: "assistant", toolCalls: 0, inputTokens: 40, outputTokens: 20, createdAt: "2026-02-23T09:01:00Z" },
    { id: "msg_7", sessionId: "sess_4", role: "user", inputTokens: 5, createdAt: "2026-02-23T23:30:00Z" },
    { id: "msg_8", sessionId: "sess_5", role: "user", inputTokens: 70, createdAt: "2026-03-02T10:00:00Z" },
  ],
  feedback: [
    { id: "fb_1", sessionId: "sess_1", messageId: "msg_2", helpful: true, createdAt: "2026-02-22T08:02:00Z" },
    { id: "fb_2", sessionId: "sess_2", messageId: "msg_4", helpful: false, createdAt: "2026-02-23T00:20:00Z" },
    { id: "fb_3", sessionId: "sess_3", helpful: true, createdAt: "2026-02-23T09:05:00Z" },
  ],
  kbFiles: [
    { id: "kbf_1", knowledgeBaseId: "kb_a", extractInputTokens: 1000, extractOutputTokens: 100, processedAt: "2026-02-22T07:00:00Z" },
    { id: "kbf_2", knowledgeBaseId: "kb_a", extractInputTokens: 2000, extractOutputTokens: 200, processedAt: "2026-02-23T07:00:00Z" },
    { id: "kbf_3", knowledgeBaseId: "kb_b", extractInputTokens: 500, extractOutputTokens: 50, processedAt: "2026-03-02T07:00:00Z" },
  ],
};

const DAY = 86_400_000;

/** A second organisation's records, relative to today (for overview and rolling, which trail today). */
export function recentFixture(now = Date.now()): IngestBatch {
  const today = Math.floor(now / DAY) * DAY;
  const at = (daysAgo: number, minutes: number) => new Date(today - daysAgo * DAY + minutes * 60_000).toISOString();
  return {
    users: [{ id: "bu_1" }],
    agents: [{ id: "b_agent", name: "B", kind: "agent" }],
    sessions: [{ id: "bs_1", agentId: "b_agent", userId: "bu_1", createdAt: at(1, 600) }],
    messages: [
      { id: "bm_1", sessionId: "bs_1", role: "user", createdAt: at(1, 600) },
      { id: "bm_2", sessionId: "bs_1", role: "assistant", createdAt: at(1, 601) },
    ],
    runs: [
      { id: "br_1", agentId: "b_agent", userId: "bu_1", status: "completed", startedAt: at(1, 602), completedAt: at(1, 603) },
      { id: "br_2", agentId: "b_agent", status: "failed", startedAt: at(4, 60), completedAt: at(4, 61) },
      { id: "br_3", agentId: "b_agent", status: "completed", startedAt: at(10, 60), completedAt: at(10, 61) },
    ],
  };
}
