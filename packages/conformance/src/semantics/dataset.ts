import type { IngestBatch } from "@agent-analytics/types";
import { randomInt, seededRandom } from "./random.js";

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface DatasetPlan {
  /** Unique to the run: every id and metadata key starts with it. */
  prefix: string;
  /**
   * The month whose last five days start the dataset (`YYYY-MM`): the ten days cross into the
   * next month and span two ISO weeks at least.
   */
  month: string;
  /** The key's own user: some sessions are theirs (dashboard without `allInOrg`). */
  callerUserId: string;
  seed: number;
}

export interface Dataset {
  batch: IngestBatch;
  /** The seed it was generated from; random queries derive from it too. */
  seed: number;
  /** `[firstDay, endDay)` covers every record. */
  firstDay: string;
  endDay: string;
  /** Metadata keys and values only this run uses, for the dashboard's metadata filters. */
  metadata: { planKey: string; regionKey: string; zoneKey: string; pro: string; free: string; eu: string };
}

const MODELS = [{ id: "gpt-4o", provider: "OpenAI" }, { id: "claude-sonnet-4", provider: "Anthropic" }, null, { id: "gpt-4o-mini", provider: "OpenAI" }];
const STATUSES = ["completed", "failed", "running", "queued", "completed", "completed"] as const;

/**
 * Ten days of activity (the last five days of the plan's month and the first five of the next:
 * a month boundary and two ISO weeks at least) with every record type, kind, status, default and filter the semantics describe.
 * Ids of one type share one shape so that their order is the same in every collation.
 */
export function buildDataset(plan: DatasetPlan): Dataset {
  const random = seededRandom(plan.seed);
  const p = plan.prefix;
  const [year, month] = plan.month.split("-").map(Number) as [number, number];
  const day0 = Date.UTC(year, month, 1) - 5 * DAY;
  const at = (day: number, hour: number, minute = 0) => new Date(day0 + day * DAY + hour * 3_600_000 + minute * MINUTE).toISOString().replace(".000Z", "Z");
  const metadata = { planKey: `${p}_plan`, regionKey: `${p}_region`, zoneKey: `${p}_zone`, pro: `${p}_pro`, free: `${p}_free`, eu: `${p}_eu` };
  const user = (n: number) => `${p}_user_${n}`;
  const agent = (n: number) => `${p}_agent_${n}`;
  const own = plan.callerUserId;

  const batch: Required<IngestBatch> = {
    users: [
      { id: user(1), metadata: { [metadata.planKey]: metadata.pro, [metadata.regionKey]: metadata.eu } },
      { id: user(2), metadata: { [metadata.planKey]: metadata.free } },
      { id: user(3), metadata: { [metadata.zoneKey]: metadata.eu } },
      { id: user(4) },
    ],
    agents: [
      { id: agent(1), name: "Support agent", kind: "agent" },
      { id: agent(2), name: "Research team", kind: "team" },
      { id: agent(3), name: "Publishing workflow", kind: "workflow" },
      { id: agent(4), name: "Batch agent", kind: "agent" },
    ],
    sessions: [],
    runs: [],
    messages: [],
    feedback: [],
    kbFiles: [],
  };

  // [agent, user, day, hour, minute, messages]
  const sessions: [number, string | null, number, number, number, number][] = [
    [1, own, 0, 8, 0, 4],
    [1, user(1), 0, 9, 30, 2],
    [2, user(2), 1, 10, 0, 3],
    [3, user(3), 2, 11, 0, 2],
    [1, null, 3, 12, 0, 2],
    [2, own, 4, 13, 0, 3],
    [3, user(4), 5, 14, 0, 3],
    [1, user(1), 6, 15, 0, 5],
    [2, own, 8, 23, 30, 6],
    [3, user(2), 9, 6, 0, 2],
  ];
  let messageNo = 0;
  let runNo = 0;
  const messageId = () => `${p}_msg_${String(++messageNo).padStart(3, "0")}`;
  const runId = () => `${p}_run_${String(++runNo).padStart(2, "0")}`;
  const assistantMessages: { id: string; sessionId: string; createdAt: string }[] = [];

  sessions.forEach(([a, userId, day, hour, minute, count], i) => {
    const sessionId = `${p}_sess_${String(i + 1).padStart(2, "0")}`;
    const createdAt = at(day, hour, minute);
    batch.sessions.push(userId === null && i % 2 === 0 ? { id: sessionId, agentId: agent(a), createdAt } : { id: sessionId, agentId: agent(a), userId, createdAt });
    for (let k = 0; k < count; k++) {
      const role = k % 2 === 0 ? "user" : "assistant";
      const id = messageId();
      const createdAtMessage = at(day, hour, minute + k * 7);
      // Some messages leave their counters out: missing counters are 0.
      batch.messages.push(k === 2 ? { id, sessionId, role, createdAt: createdAtMessage } : {
        id, sessionId, role, createdAt: createdAtMessage,
        toolCalls: role === "assistant" ? randomInt(random, 0, 4) : 0,
        inputTokens: randomInt(random, 10, 900),
        outputTokens: role === "assistant" ? randomInt(random, 10, 400) : 0,
      });
      if (role === "assistant") assistantMessages.push({ id, sessionId, createdAt: createdAtMessage });
    }
    const status = STATUSES[i % STATUSES.length]!;
    const startedAt = at(day, hour, minute + (i === 1 ? 0 : 1));
    const finished = status === "completed" || status === "failed";
    const withTokens = i % 4 !== 3;
    batch.runs.push({
      id: runId(),
      agentId: agent(a),
      sessionId,
      ...(userId === null ? {} : { userId }),
      status,
      ...(i % 5 === 4 ? {} : { model: MODELS[i % MODELS.length] }),
      ...(withTokens ? { tokens: tokens(random, i % 3 === 0) } : {}),
      ...(i % 3 === 2 ? {} : { postsGenerated: 3, postsPublished: randomInt(random, 0, 3) }),
      ...(status === "failed" ? { error: "Publishing failed: upstream timeout." } : i % 2 === 0 ? { error: null } : {}),
      startedAt,
      ...(finished ? { completedAt: at(day, hour, minute + 2 + randomInt(random, 0, 40)) } : i % 2 === 0 ? { completedAt: null } : {}),
    });
  });

  // Messages long after their session: counted on their own day, whatever the session's.
  for (const [sessionIndex, day, hour] of [[0, 5, 9], [0, 5, 10], [8, 9, 0]] as const) {
    const id = messageId();
    batch.messages.push({ id, sessionId: batch.sessions[sessionIndex]!.id, role: hour === 9 ? "user" : "assistant", toolCalls: 1, inputTokens: 50, outputTokens: 5, createdAt: at(day, hour, 10) });
  }
  // Runs without a session: one crossing midnight, one without a model, two started at the same instant.
  const extraRuns: [number, string | null, (typeof STATUSES)[number], string, string | null][] = [
    [4, null, "completed", at(3, 23, 50), at(4, 0, 20)],
    [4, user(2), "failed", at(5, 7, 0), at(5, 7, 12)],
    [4, null, "completed", at(7, 16, 0), at(7, 16, 30)],
    [1, own, "completed", at(7, 16, 0), at(7, 16, 45)],
    [1, user(3), "queued", at(7, 16, 0), null],
    [2, user(1), "running", at(9, 20, 0), null],
  ];
  extraRuns.forEach(([a, userId, status, startedAt, completedAt], i) => {
    batch.runs.push({
      id: runId(),
      agentId: agent(a),
      ...(userId === null ? { sessionId: null } : { userId }),
      status,
      model: i === 0 ? null : MODELS[(i + 1) % MODELS.length],
      tokens: tokens(random, i % 2 === 0),
      postsGenerated: 2,
      postsPublished: 1,
      ...(status === "failed" ? { error: "Rate limited by the network." } : {}),
      startedAt,
      ...(completedAt ? { completedAt } : {}),
    });
  });

  assistantMessages.slice(0, 6).forEach((m, i) => {
    const later = new Date(Date.parse(m.createdAt) + (i === 3 ? DAY : 2 * MINUTE)).toISOString();
    batch.feedback.push(i === 5 ? { id: `${p}_fb_${i + 1}`, sessionId: m.sessionId, helpful: false, createdAt: later } : { id: `${p}_fb_${i + 1}`, sessionId: m.sessionId, messageId: m.id, helpful: i % 3 !== 1, createdAt: later });
  });

  batch.kbFiles.push(
    { id: `${p}_kbf_1`, knowledgeBaseId: `${p}_kb_1`, extractInputTokens: randomInt(random, 1000, 9000), extractOutputTokens: randomInt(random, 100, 900), processedAt: at(0, 7) },
    { id: `${p}_kbf_2`, knowledgeBaseId: `${p}_kb_1`, extractInputTokens: randomInt(random, 1000, 9000), extractOutputTokens: randomInt(random, 100, 900), processedAt: at(4, 7) },
    { id: `${p}_kbf_3`, knowledgeBaseId: `${p}_kb_2`, extractInputTokens: randomInt(random, 1000, 9000), extractOutputTokens: randomInt(random, 100, 900), processedAt: at(7, 7) },
    { id: `${p}_kbf_4`, knowledgeBaseId: `${p}_kb_1`, processedAt: at(9, 23, 59) },
  );

  const firstDay = new Date(day0).toISOString().slice(0, 10);
  const endDay = new Date(day0 + 10 * DAY).toISOString().slice(0, 10);
  return { batch, seed: plan.seed, firstDay, endDay, metadata };
}

function tokens(random: () => number, full: boolean) {
  const base = { input: randomInt(random, 100, 5000), output: randomInt(random, 50, 2000) };
  if (!full) return base;
  return { ...base, cached: randomInt(random, 0, 500), cacheWrite: randomInt(random, 0, 200), reasoning: randomInt(random, 0, 300), audioInput: randomInt(random, 0, 50), audioOutput: randomInt(random, 0, 50) };
}
