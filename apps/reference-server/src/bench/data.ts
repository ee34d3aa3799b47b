import type { IngestBatch } from "@agent-analytics/types";

/**
 * Deterministic canonical records for the benchmark: `agents` agents, `users` users, and sessions
 * spread over the `days` days before today, each session with three messages, one run and, for
 * every third session, a feedback (about 5.3 records per session). Yields batches of at most
 * `batchSize` records whose references resolve within the batch or to earlier batches. A dataset
 * grows by another call with a distinct `tag` (prefixed to every record id) and `directory: false`
 * (users and agents exist already): its records spread over the same days.
 */
export function* benchBatches(
  total: number,
  options: { agents?: number; users?: number; days?: number; batchSize?: number; now?: number; tag?: string; directory?: boolean } = {},
): Generator<IngestBatch> {
  const agents = options.agents ?? 20;
  const users = options.users ?? 500;
  const days = options.days ?? 90;
  const batchSize = options.batchSize ?? 5000;
  const today = Math.floor((options.now ?? Date.now()) / 86_400_000) * 86_400_000;
  const kinds = ["agent", "team", "workflow"] as const;
  const tag = options.tag ?? "";
  let produced = 0;
  if (options.directory ?? true) {
    yield {
      users: Array.from({ length: users }, (_, i) => ({ id: `u${i}`, metadata: { plan: ["free", "pro", "enterprise"][i % 3]!, region: ["eu", "us"][i % 2]! } })),
      agents: Array.from({ length: agents }, (_, i) => ({ id: `a${i}`, name: `Agent ${i}`, kind: kinds[i % 3]! })),
    };
    produced = users + agents;
  }
  let s = 0;
  let rng = 42;
  const rand = (n: number) => {
    rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
    return rng % n;
  };
  while (produced < total) {
    const batch: Required<Pick<IngestBatch, "sessions" | "runs" | "messages" | "feedback" | "kbFiles">> = { sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
    let count = 0;
    while (count + 6 <= batchSize && produced + count < total) {
      // Sessions advance through the days so that a batch touches few days, as real loads do.
      const t = today - days * 86_400_000 + Math.floor((s / Math.max(1, total / 5.3)) * days * 86_400_000) + rand(3_600_000);
      const agent = `a${rand(agents)}`;
      const user = rand(10) === 0 ? null : `u${rand(users)}`;
      const id = `${tag}s${s}`;
      batch.sessions.push({ id, agentId: agent, userId: user, createdAt: new Date(t).toISOString() });
      for (let m = 0; m < 3; m++) {
        batch.messages.push({
          id: `${tag}m${s}_${m}`, sessionId: id, role: m % 2 === 0 ? "user" : "assistant", toolCalls: rand(3),
          inputTokens: 50 + rand(500), outputTokens: m % 2 ? rand(400) : 0, createdAt: new Date(t + m * 20_000).toISOString(),
        });
      }
      const status = (["completed", "completed", "completed", "failed", "running"] as const)[rand(5)]!;
      const finished = status !== "running";
      batch.runs.push({
        id: `${tag}r${s}`, agentId: agent, sessionId: id, userId: user, status, model: { id: ["gpt-4o", "claude-sonnet-4", "gemini-2.5-flash"][rand(3)]!, provider: ["OpenAI", "Anthropic", "Google"][rand(3)]! },
        tokens: { input: 100 + rand(4000), output: rand(1500), cached: rand(100) }, postsGenerated: status === "completed" ? 1 : 0, postsPublished: 0,
        error: status === "failed" ? "failed" : null, startedAt: new Date(t + 1000).toISOString(), completedAt: finished ? new Date(t + 1000 + rand(60_000)).toISOString() : null,
      });
      count += 5;
      if (s % 3 === 0) {
        batch.feedback.push({ id: `${tag}f${s}`, sessionId: id, messageId: `${tag}m${s}_1`, helpful: rand(4) !== 0, createdAt: new Date(t + 60_000).toISOString() });
        count += 1;
      }
      if (s % 50 === 0) {
        batch.kbFiles.push({ id: `${tag}k${s}`, knowledgeBaseId: `kb${rand(5)}`, extractInputTokens: rand(9000), extractOutputTokens: rand(900), processedAt: new Date(t).toISOString() });
        count += 1;
      }
      s++;
    }
    produced += count;
    yield batch;
  }
}

export const batchSize = (b: IngestBatch) => Object.values(b).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
