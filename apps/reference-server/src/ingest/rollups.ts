import type { Queryable } from "../storage/engine.js";
import { insertRows } from "../storage/bulk.js";
import { dayOf, type Agent } from "./records.js";
import type { NewRecords, SessionInfo } from "./store.js";

/**
 * Incremental rollup maintenance: the contribution of a batch's *new* records (duplicates add
 * nothing) is summed per rollup key in memory and added with one upsert per rollup table, inside
 * the ingest transaction. POST /metrics/refresh recomputes the same tables from the records
 * (refresh.ts); a test asserts both give identical figures.
 */
export async function applyRollups(
  db: Queryable,
  orgId: string,
  rec: NewRecords,
  sessionOf: (id: string) => SessionInfo,
  kindOf: (agentId: string) => Agent["kind"],
): Promise<void> {
  const activity = new Counter(["sessions", "messages", "tool_calls", "input_tokens", "output_tokens", "feedback", "helpful", "incoming", "outgoing", "initiated", "initiated_completed", "completed"]);
  const akey = (day: string, agent: string, user: string | null) => `${day}\u0000${agent}\u0000${user ?? ""}`;
  for (const s of rec.sessions) activity.add(akey(dayOf(s.createdAt), s.agentId, s.userId), { sessions: 1 });
  for (const m of rec.messages) {
    const s = sessionOf(m.sessionId);
    activity.add(akey(dayOf(m.createdAt), s.agentId, s.userId), {
      messages: 1, tool_calls: m.toolCalls, input_tokens: m.inputTokens, output_tokens: m.outputTokens,
      incoming: m.role === "user" ? 1 : 0, outgoing: m.role === "assistant" ? 1 : 0,
    });
  }
  for (const f of rec.feedback) {
    const s = sessionOf(f.sessionId);
    activity.add(akey(dayOf(f.createdAt), s.agentId, s.userId), { feedback: 1, helpful: f.helpful ? 1 : 0 });
  }
  for (const r of rec.runs) {
    const completed = r.status === "completed";
    activity.add(akey(dayOf(r.startedAt), r.agentId, r.userId), { initiated: 1, initiated_completed: completed ? 1 : 0 });
    if (completed && r.completedAt != null) activity.add(akey(dayOf(r.completedAt), r.agentId, r.userId), { completed: 1 });
  }
  await upsertAdd(db, "activity_daily", { org_id: "text", day: "date", agent_id: "text", user_id: "text" }, activity, (key) => {
    const [day, agent_id, user_id] = key.split("\u0000");
    return { org_id: orgId, day, agent_id, user_id };
  });
  // The per-agent and per-user projections of the same counters.
  const byAgent = new Counter(activity.fields);
  const byUser = new Counter(activity.fields);
  for (const [key, sums] of activity.sums) {
    const [day, agent, user] = key.split("\u0000");
    byAgent.add(`${day}\u0000${agent}`, sums);
    byUser.add(`${day}\u0000${user}`, sums);
  }
  await applyUserMonths(db, orgId, activity);
  await upsertAdd(db, "agent_daily", { org_id: "text", day: "date", agent_id: "text" }, byAgent, (key) => {
    const [day, agent_id] = key.split("\u0000");
    return { org_id: orgId, day, agent_id };
  });
  await upsertAdd(db, "user_daily", { org_id: "text", day: "date", user_id: "text" }, byUser, (key) => {
    const [day, user_id] = key.split("\u0000");
    return { org_id: orgId, day, user_id };
  });

  const kb = new Counter(["files", "extract_input_tokens", "extract_output_tokens"]);
  for (const k of rec.kbFiles) {
    kb.add(`${dayOf(k.processedAt)}\u0000${k.knowledgeBaseId}`, { files: 1, extract_input_tokens: k.extractInputTokens, extract_output_tokens: k.extractOutputTokens });
  }
  await upsertAdd(db, "kb_daily", { org_id: "text", day: "date", knowledge_base_id: "text" }, kb, (key) => {
    const [day, knowledge_base_id] = key.split("\u0000");
    return { org_id: orgId, day, knowledge_base_id };
  });

  const stats = new Counter(["total_runs", "successful_runs", "failed_runs", "posts_generated", "posts_published", "finished_runs", "finished_duration_ms"]);
  for (const r of rec.runs) {
    const finished = (r.status === "completed" || r.status === "failed") && r.completedAt != null;
    stats.add(r.agentId, {
      total_runs: 1, successful_runs: r.status === "completed" ? 1 : 0, failed_runs: r.status === "failed" ? 1 : 0,
      posts_generated: r.postsGenerated, posts_published: r.postsPublished,
      finished_runs: finished ? 1 : 0, finished_duration_ms: finished ? Date.parse(r.completedAt!) - Date.parse(r.startedAt) : 0,
    });
  }
  await upsertAdd(db, "agent_stats", { org_id: "text", agent_id: "text" }, stats, (agent_id) => ({ org_id: orgId, agent_id }));

  await applyMetricsRollup(db, orgId, rec, kindOf);
}

async function applyMetricsRollup(db: Queryable, orgId: string, rec: NewRecords, kindOf: (agentId: string) => Agent["kind"]) {
  const metrics = new Counter([
    "agent_runs", "team_runs", "workflow_runs", "agent_sessions", "team_sessions", "workflow_sessions", "users_count",
    "input_tokens", "output_tokens", "cached_tokens", "cache_write_tokens", "reasoning_tokens", "input_audio_tokens", "output_audio_tokens",
  ]);
  const dayUsers = new Map<string, { org_id: string; day: string; user_id: string }>();
  const models = new Counter(["runs"]);
  for (const s of rec.sessions) {
    const day = dayOf(s.createdAt);
    metrics.add(day, { [`${kindOf(s.agentId)}_sessions`]: 1 });
    if (s.userId !== null) dayUsers.set(`${day}\u0000${s.userId}`, { org_id: orgId, day, user_id: s.userId });
  }
  for (const r of rec.runs) {
    const day = dayOf(r.startedAt);
    metrics.add(day, {
      [`${kindOf(r.agentId)}_runs`]: 1, input_tokens: r.tokens.input, output_tokens: r.tokens.output, cached_tokens: r.tokens.cached,
      cache_write_tokens: r.tokens.cacheWrite, reasoning_tokens: r.tokens.reasoning, input_audio_tokens: r.tokens.audioInput,
      output_audio_tokens: r.tokens.audioOutput,
    });
    if (r.userId !== null) dayUsers.set(`${day}\u0000${r.userId}`, { org_id: orgId, day, user_id: r.userId });
    if (r.model !== null) models.add(`${day}\u0000${r.model.provider}\u0000${r.model.id}`, { runs: 1 });
  }
  // A user adds to a day's users_count only the first time it appears that day: the distinct-user
  // table says which (day, user) pairs are new.
  const ordered = [...dayUsers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const fresh = await insertRows(db, "metrics_day_users", { org_id: "text", day: "date", user_id: "text" }, ordered,
    "ON CONFLICT DO NOTHING", "RETURNING day::text AS day");
  for (const row of fresh) metrics.add(String(row.day), { users_count: 1 });
  await upsertAdd(db, "metrics_day_models", { org_id: "text", day: "date", model_provider: "text", model_id: "text" }, models, (key) => {
    const [day, model_provider, model_id] = key.split("\u0000");
    return { org_id: orgId, day, model_provider, model_id };
  });
  await upsertAdd(db, "metrics_daily", { org_id: "text", day: "date" }, metrics, (day) => ({ org_id: orgId, day }), {
    insert: { id: "gen_random_uuid()::text", created_at: "extract(epoch from now())::bigint", updated_at: "extract(epoch from now())::bigint" },
    update: "updated_at = extract(epoch from now())::bigint",
  });
}

/** Sets the day bits of user_month for the (day, agent, user) keys with sessions or incoming messages. */
async function applyUserMonths(db: Queryable, orgId: string, activity: Counter) {
  const masks = new Map<string, { org_id: string; agent_id: string; user_id: string; month: string; incoming_mask: number; session_mask: number }>();
  for (const [key, sums] of activity.sums) {
    const [day, agent, user] = key.split("\u0000") as [string, string, string];
    if (user === "" || (sums.incoming === 0 && sums.sessions === 0)) continue;
    const month = `${day.slice(0, 7)}-01`;
    const bit = 2 ** (Number(day.slice(8, 10)) - 1);
    for (const agentId of [agent, ""]) {
      const k = `${agentId}\u0000${month}\u0000${user}`;
      const row = masks.get(k) ?? { org_id: orgId, agent_id: agentId, user_id: user, month, incoming_mask: 0, session_mask: 0 };
      if (sums.incoming! > 0) row.incoming_mask |= bit;
      if (sums.sessions! > 0) row.session_mask |= bit;
      masks.set(k, row);
    }
  }
  if (masks.size === 0) return;
  const rows = [...masks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await insertRows(db, "user_month", { org_id: "text", agent_id: "text", user_id: "text", month: "date", incoming_mask: "bigint", session_mask: "bigint" }, rows,
    "ON CONFLICT (org_id, agent_id, month, user_id) DO UPDATE SET incoming_mask = t.incoming_mask | excluded.incoming_mask, session_mask = t.session_mask | excluded.session_mask");
}

/** Sums of named counters per key. */
class Counter {
  readonly sums = new Map<string, Record<string, number>>();
  constructor(readonly fields: string[]) {}
  add(key: string, delta: Record<string, number>) {
    let row = this.sums.get(key);
    if (!row) this.sums.set(key, (row = Object.fromEntries(this.fields.map((f) => [f, 0]))));
    for (const [f, v] of Object.entries(delta)) row[f] = (row[f] ?? 0) + v;
  }
}

/** `INSERT ... ON CONFLICT DO UPDATE SET f = t.f + excluded.f` for every counter. */
async function upsertAdd(
  db: Queryable,
  table: string,
  keyColumns: Record<string, string>,
  counter: Counter,
  keyOf: (key: string) => Record<string, unknown>,
  extra?: { insert: Record<string, string>; update: string },
) {
  if (counter.sums.size === 0) return;
  const keyNames = Object.keys(keyColumns);
  const defs = [...keyNames.map((k) => `${k} ${keyColumns[k]}`), ...counter.fields.map((f) => `${f} bigint`)].join(", ");
  const extraNames = Object.keys(extra?.insert ?? {});
  const columns = [...keyNames, ...counter.fields, ...extraNames];
  const values = [...keyNames, ...counter.fields, ...extraNames.map((n) => extra!.insert[n])];
  const updates = [...counter.fields.map((f) => `${f} = t.${f} + excluded.${f}`), ...(extra ? [extra.update] : [])];
  // Keys are sorted so that concurrent transactions lock rollup rows in the same order.
  const rows = [...counter.sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, sums]) => ({ ...keyOf(key), ...sums }));
  await db.query(
    `INSERT INTO ${table} AS t (${columns.join(", ")}) SELECT ${values.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS x(${defs})
     ON CONFLICT (${keyNames.join(", ")}) DO UPDATE SET ${updates.join(", ")}`,
    [JSON.stringify(rows)],
  );
}
