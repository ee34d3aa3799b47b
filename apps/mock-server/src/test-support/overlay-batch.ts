import type { IngestBatch } from "@agent-analytics/contract";
import type { MockEngine } from "../engine.js";
import { Random } from "../world/simulate/random.js";
import { DAY } from "../world/time.js";

/**
 * A batch written into the world's own days: conversations of world users with world agents, new
 * agents and users with metadata, messages added to existing world conversations, runs of every
 * status (some without a session, some crossing midnight), feedback and knowledge-base files. Reads
 * then merge the world's records with the organisation's, as they must.
 */
export function overlayBatch(engine: MockEngine, seed: string, size = 40): Required<IngestBatch> {
  const world = engine.world;
  const random = new Random(seed, "overlay");
  const from = world.simulation.from;
  const to = world.now;
  const at = () => new Date(from + Math.floor(random.next() * (to - from))).toISOString();
  const p = `ov_${seed}`;
  const agents = [...world.base.agents.keys()];
  const users = [...world.base.users.keys()];
  const worldSessions = [...world.base.sessions.values()].map((s) => s.record);
  const batch: Required<IngestBatch> = {
    users: [{ id: `${p}_user_1`, metadata: { plan: "pro", cohort: p } }, { id: `${p}_user_2` }],
    agents: [{ id: `${p}_agent`, name: "Added agent", kind: random.pick(["agent", "team", "workflow"] as const) }],
    sessions: [], runs: [], messages: [], feedback: [], kbFiles: [],
  };
  const allAgents = [...agents, `${p}_agent`];
  const allUsers = [...users, `${p}_user_1`, `${p}_user_2`];
  for (let i = 0; i < size; i++) {
    const agentId = random.pick(allAgents);
    const userId = random.chance(0.15) ? null : random.pick(allUsers);
    const sessionId = `${p}_sess_${i}`;
    const createdAt = at();
    batch.sessions.push({ id: sessionId, agentId, userId, createdAt });
    const start = Date.parse(createdAt);
    for (let k = 0; k < random.int(1, 4); k++) {
      const t = new Date(start + k * random.int(1, 6) * 3_600_000).toISOString();
      batch.messages.push({ id: `${p}_msg_${i}_${k}`, sessionId, role: k % 2 === 0 ? "user" : "assistant", toolCalls: random.int(0, 3), inputTokens: random.int(0, 900), outputTokens: random.int(0, 300), createdAt: t });
    }
    const status = random.pick(["completed", "completed", "failed", "running", "queued"] as const);
    const finished = status === "completed" || status === "failed";
    batch.runs.push({
      id: `${p}_run_${i}`, agentId, sessionId: random.chance(0.7) ? sessionId : null, userId, status,
      model: random.chance(0.8) ? random.pick([{ id: "gpt-4o", provider: "OpenAI" }, { id: "claude-sonnet-4", provider: "Anthropic" }]) : null,
      tokens: { input: random.int(0, 5000), output: random.int(0, 900), cached: random.int(0, 50), reasoning: random.int(0, 30) },
      postsGenerated: 2, postsPublished: random.int(0, 2),
      error: status === "failed" ? "Failed." : null,
      startedAt: createdAt, completedAt: finished ? new Date(start + random.int(1, 20) * 3_600_000).toISOString() : null,
    });
    if (random.chance(0.5)) batch.feedback.push({ id: `${p}_fb_${i}`, sessionId, messageId: `${p}_msg_${i}_0`, helpful: random.chance(0.7), createdAt: new Date(start + 60_000).toISOString() });
    // A message, and feedback, added to a conversation of the world.
    const old = random.pick(worldSessions);
    batch.messages.push({ id: `${p}_late_${i}`, sessionId: old.id, role: random.pick(["user", "assistant"] as const), toolCalls: 1, createdAt: new Date(old.createdAt + random.int(1, 3) * DAY).toISOString() });
    if (random.chance(0.3)) batch.feedback.push({ id: `${p}_latefb_${i}`, sessionId: old.id, helpful: false, createdAt: new Date(old.createdAt + DAY).toISOString() });
    if (random.chance(0.3)) batch.kbFiles.push({ id: `${p}_kbf_${i}`, knowledgeBaseId: random.pick(["kb_handbook", `${p}_kb`]), extractInputTokens: random.int(0, 9000), processedAt: at() });
  }
  return batch;
}

/** One request through the engine, in process (every step of the real request path but the socket). */
export function ask(engine: MockEngine, path: string, key = "test-key", init: { method?: string; body?: unknown } = {}): { status: number; json: any } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const reply = engine.handle({
    method: init.method ?? "GET",
    url: path,
    headers: { authorization: `Bearer ${key}`, "x-api-key": key, ...(body ? { "content-type": "application/json" } : {}) },
    body,
  });
  return { status: reply.status, json: reply.body ? JSON.parse(reply.body) : undefined };
}
