import type { DashboardStats } from "@agent-analytics/types";
import type { Queryable } from "../storage/engine.js";
import { distinctActive } from "./analytics.js";
import { splitRange } from "./time.js";

export interface DashboardScope {
  /** Only sessions of this user (the caller's own, or the `userId` filter); undefined: all. */
  userId?: string;
  /** Also only sessions of this user: a `userId` filter narrowing the caller's own scope. */
  alsoUserId?: string;
  agentId?: string;
  metadataKey?: string;
  metadataValue?: string;
}

/**
 * The dashboard figures over `[start, end)` (instants in ms). Whole UTC days come from a rollup,
 * the partial first and last day from the raw rows (indexed by time); the scope applies to both
 * alike because rollup rows and raw rows both carry the session's agent and user.
 */
export async function dashboardStats(db: Queryable, orgId: string, start: number, end: number, scope: DashboardScope): Promise<DashboardStats> {
  const split = splitRange(start, end);
  const base: unknown[] = [orgId, split.fullFrom, split.fullTo, ...split.edges];
  const byUser = scope.userId !== undefined || scope.alsoUserId !== undefined || scope.metadataKey !== undefined || scope.metadataValue !== undefined;
  // Whole days come from the smallest rollup with the dimensions the scope needs; without a user
  // scope the counts come from agent_daily and the distinct users from user_daily.
  const edge = (column: string) => `((${column} >= $4 AND ${column} < $5) OR (${column} >= $6 AND ${column} < $7))`;
  // Independent queries: on PostgreSQL they run side by side on the pool.
  const [row, users, [kb]] = await Promise.all([
    aggregate(db, base, scope, byUser ? "activity_daily" : "agent_daily"),
    byUser ? Promise.resolve(undefined) : distinctActive(db, orgId, start, end, "session_mask", scope.agentId),
    db.query<Record<string, number>>(
    `WITH parts AS (
       SELECT knowledge_base_id, files, extract_input_tokens, extract_output_tokens FROM kb_daily
       WHERE org_id = $1 AND day >= $2::date AND day < $3::date
       UNION ALL
       SELECT knowledge_base_id, 1, extract_input_tokens, extract_output_tokens FROM kb_files WHERE org_id = $1 AND ${edge("processed_at")}
     )
     SELECT coalesce(sum(files), 0)::float8 AS files, count(DISTINCT knowledge_base_id)::float8 AS kbs,
       coalesce(sum(extract_input_tokens), 0)::float8 AS input, coalesce(sum(extract_output_tokens), 0)::float8 AS output
     FROM parts`,
      base,
    ),
  ]);
  if (users !== undefined) row.users = users;
  const n = (v: unknown) => Number(v ?? 0);
  return {
    conversationCount: n(row?.conversations),
    messageCount: n(row?.messages),
    toolCalls: n(row?.tool_calls),
    totalTokens: n(row?.input_tokens) + n(row?.output_tokens),
    inputTokens: n(row?.input_tokens),
    outputTokens: n(row?.output_tokens),
    uniqueUsers: n(row?.users),
    uniqueAgents: n(row?.agents),
    totalFeedback: n(row?.feedback),
    totalHelpful: n(row?.helpful),
    totalNotHelpful: n(row?.feedback) - n(row?.helpful),
    kbFileCount: n(kb?.files),
    kbCount: n(kb?.kbs),
    kbExtractTotalTokens: n(kb?.input) + n(kb?.output),
    kbExtractInputTokens: n(kb?.input),
    kbExtractOutputTokens: n(kb?.output),
  };
}

async function aggregate(
  db: Queryable,
  base: unknown[],
  scope: DashboardScope,
  table: "activity_daily" | "agent_daily" | "user_daily",
): Promise<Record<string, number | null>> {
  const params = [...base];
  const edge = (column: string) => `((${column} >= $4 AND ${column} < $5) OR (${column} >= $6 AND ${column} < $7))`;
  const where: string[] = [];
  // The rollup's own columns are filtered too, so that its (org, user, day) and (org, agent, day)
  // indexes serve a scoped window: its cost then follows the scope, not the whole organisation's days.
  const rollupWhere: string[] = [];
  let join = "";
  for (const userId of [scope.userId, scope.alsoUserId]) {
    if (userId === undefined) continue;
    const p = `$${params.push(userId)}`;
    where.push(`p.user_id = ${p}`);
    if (table !== "agent_daily") rollupWhere.push(`user_id = ${p}`);
  }
  if (scope.agentId !== undefined) {
    const p = `$${params.push(scope.agentId)}`;
    where.push(`p.agent_id = ${p}`);
    if (table !== "user_daily") rollupWhere.push(`agent_id = ${p}`);
  }
  if (scope.metadataKey !== undefined || scope.metadataValue !== undefined) {
    // Sessions without a user never match a metadata filter: the inner join drops them.
    join = "JOIN users u ON u.org_id = $1 AND u.id = p.user_id";
    if (scope.metadataKey !== undefined && scope.metadataValue !== undefined) {
      where.push(`u.metadata ->> $${params.push(scope.metadataKey)} = $${params.push(scope.metadataValue)}`);
    } else if (scope.metadataKey !== undefined) {
      where.push(`jsonb_exists(u.metadata, $${params.push(scope.metadataKey)})`);
    } else {
      where.push(`EXISTS (SELECT 1 FROM jsonb_each_text(u.metadata) e WHERE e.value = $${params.push(scope.metadataValue)})`);
    }
  }
  const agentCol = table === "user_daily" ? "NULL::text" : "agent_id";
  const userCol = table === "agent_daily" ? "NULL::text" : "nullif(user_id, '')";
  const [row] = await db.query<Record<string, number | null>>(
    `WITH parts AS (
       SELECT ${agentCol} AS agent_id, ${userCol} AS user_id, sessions, messages, tool_calls, input_tokens, output_tokens, feedback, helpful
       FROM ${table} WHERE org_id = $1 AND day >= $2::date AND day < $3::date AND (sessions > 0 OR messages > 0 OR feedback > 0)${rollupWhere.map((c) => ` AND ${c}`).join("")}
       UNION ALL
       SELECT agent_id, user_id, 1, 0, 0, 0, 0, 0, 0 FROM sessions WHERE org_id = $1 AND ${edge("created_at")}
       UNION ALL
       SELECT agent_id, user_id, 0, 1, tool_calls, input_tokens, output_tokens, 0, 0 FROM messages WHERE org_id = $1 AND ${edge("created_at")}
       UNION ALL
       SELECT agent_id, user_id, 0, 0, 0, 0, 0, 1, helpful::int FROM feedback WHERE org_id = $1 AND ${edge("created_at")}
     )
     SELECT coalesce(sum(p.sessions), 0)::float8 AS conversations, coalesce(sum(p.messages), 0)::float8 AS messages,
       coalesce(sum(p.tool_calls), 0)::float8 AS tool_calls, coalesce(sum(p.input_tokens), 0)::float8 AS input_tokens,
       coalesce(sum(p.output_tokens), 0)::float8 AS output_tokens, coalesce(sum(p.feedback), 0)::float8 AS feedback,
       coalesce(sum(p.helpful), 0)::float8 AS helpful,
       count(DISTINCT p.user_id) FILTER (WHERE p.sessions > 0)::float8 AS users,
       count(DISTINCT p.agent_id) FILTER (WHERE p.sessions > 0)::float8 AS agents
     FROM parts p ${join} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
    params,
  );
  return row!;
}

