import type { IngestBatch } from "@agent-analytics/types";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** UTC midnight that starts the day of `now`. */
export function utcMidnight(now: number): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}

/**
 * A few records at yesterday noon (UTC), for the operations whose window ends at today's midnight
 * (`overview`, `rolling`): every such window contains them, so the kit reads before and after
 * loading them and checks the difference. Their agent and users are new, so distinct counts add up.
 */
export function buildRecentBatch(prefix: string, now: number): IngestBatch {
  const noon = utcMidnight(now) - 12 * HOUR;
  const at = (minutes: number) => new Date(noon + minutes * MINUTE).toISOString();
  const agent = `${prefix}_recent_agent`;
  const u1 = `${prefix}_recent_user_1`;
  const u2 = `${prefix}_recent_user_2`;
  return {
    users: [{ id: u1 }, { id: u2, metadata: { tier: "gold" } }],
    agents: [{ id: agent, name: "Recent agent", kind: "agent" }],
    sessions: [
      { id: `${prefix}_recent_sess_1`, agentId: agent, userId: u1, createdAt: at(0) },
      { id: `${prefix}_recent_sess_2`, agentId: agent, userId: u2, createdAt: at(5) },
    ],
    runs: [
      { id: `${prefix}_recent_run_1`, agentId: agent, sessionId: `${prefix}_recent_sess_1`, userId: u1, status: "completed", startedAt: at(1), completedAt: at(3), tokens: { input: 10, output: 20 } },
      { id: `${prefix}_recent_run_2`, agentId: agent, userId: u2, status: "failed", error: "Timed out.", startedAt: at(2), completedAt: at(4) },
      { id: `${prefix}_recent_run_3`, agentId: agent, userId: u1, status: "queued", startedAt: at(6) },
    ],
    messages: [
      { id: `${prefix}_recent_msg_1`, sessionId: `${prefix}_recent_sess_1`, role: "user", createdAt: at(0) },
      { id: `${prefix}_recent_msg_2`, sessionId: `${prefix}_recent_sess_1`, role: "assistant", toolCalls: 1, createdAt: at(1) },
      { id: `${prefix}_recent_msg_3`, sessionId: `${prefix}_recent_sess_2`, role: "user", createdAt: at(5) },
      { id: `${prefix}_recent_msg_4`, sessionId: `${prefix}_recent_sess_2`, role: "user", createdAt: at(7) },
    ],
  };
}
