import type { Queryable } from "../storage/engine.js";
import { splitRange, wholeWeeks } from "./time.js";

export interface WindowFigures {
  key: string | null;
  incomingMessages: number;
  outgoingMessages: number;
  tasksInitiated: number;
  tasksCompleted: number;
  activeUsers: number;
}

export type Grouping =
  | { by: "none" }
  | { by: "agent" }
  | { by: "user" }
  /** Calendar buckets: `day` (YYYY-MM-DD), `week` (ISO YYYY-Www), `month` (YYYY-MM). */
  | { by: "period"; period: "day" | "week" | "month" };

export interface EventFilter {
  assistant?: string;
  user?: string;
}

const BUCKET = { day: "YYYY-MM-DD", week: 'IYYY-"W"IW', month: "YYYY-MM" } as const;

type Rollup = "activity_daily" | "agent_daily" | "user_daily";

const ZERO: WindowFigures = { key: null, incomingMessages: 0, outgoingMessages: 0, tasksInitiated: 0, tasksCompleted: 0, activeUsers: 0 };

/** `sum((incoming_mask >> d) & 1)` for each bit of a month's mask: the users active on each day. */
const DAY_BITS = Array.from({ length: 31 }, (_, d) => `sum((incoming_mask >> ${d}) & 1)::float8 AS d${d + 1}`).join(", ");

/**
 * Distinct users with an incoming message on each UTC day of `[start, end)` (keyed `YYYY-MM-DD`):
 * whole days by summing each day's bit over the user_month masks (one pass over a month's rows
 * counts all its days), partial edge days from the events. Whole days and edge days never
 * overlap, so the two parts add up.
 */
async function dailyActive(db: Queryable, orgId: string, start: number, end: number, agentId?: string): Promise<WindowFigures[]> {
  const split = splitRange(start, end);
  const agent = agentId === undefined ? "" : " AND agent_id = $6";
  const [months, edges] = await Promise.all([
    db.query<Record<string, number | string>>(
      `SELECT to_char(month, 'YYYY-MM') AS month, ${DAY_BITS} FROM user_month
       WHERE org_id = $1 AND agent_id = $4 AND month >= date_trunc('month', $2::date)::date AND month < $3::date GROUP BY month`,
      [orgId, split.fullFrom, split.fullTo, agentId ?? ""],
    ),
    db.query<{ key: string; n: number }>(
      `SELECT key, count(*)::float8 AS n FROM (
         SELECT DISTINCT to_char((ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS key, user_id FROM events
         WHERE org_id = $1 AND event_type = 'incomingMessages' AND user_id IS NOT NULL
           AND ((ts >= $2 AND ts < $3) OR (ts >= $4 AND ts < $5))${agent}
       ) e GROUP BY key`,
      [orgId, ...split.edges, ...(agentId === undefined ? [] : [agentId])],
    ),
  ]);
  const byDay = new Map<string, number>();
  for (const row of months) {
    for (let d = 1; d <= 31; d++) {
      const key = `${row.month}-${String(d).padStart(2, "0")}`;
      const n = Number(row[`d${d}`]);
      if (n > 0 && key >= split.fullFrom && key < split.fullTo) byDay.set(key, n);
    }
  }
  for (const r of edges) byDay.set(r.key, (byDay.get(r.key) ?? 0) + Number(r.n));
  return [...byDay].map(([key, activeUsers]) => ({ ...ZERO, key, activeUsers }));
}

/** Distinct users with an incoming message over `[start, end)`, per agent (masks, then edges). */
async function agentActive(db: Queryable, orgId: string, start: number, end: number): Promise<WindowFigures[]> {
  const split = splitRange(start, end);
  const rows = await db.query<{ key: string; n: number }>(
    `WITH parts AS (
       SELECT agent_id, user_id FROM user_month
       WHERE org_id = $1 AND agent_id <> '' AND month >= date_trunc('month', $2::date)::date AND month < $3::date
         AND incoming_mask & ((1::bigint << (least((month + interval '1 month')::date, $3::date) - month))
                            - (1::bigint << (greatest(month, $2::date) - month))) <> 0
       UNION ALL
       SELECT agent_id, user_id FROM events WHERE org_id = $1 AND event_type = 'incomingMessages'
         AND ((ts >= $4 AND ts < $5) OR (ts >= $6 AND ts < $7))
     )
     SELECT agent_id AS key, count(*)::float8 AS n FROM (SELECT DISTINCT agent_id, user_id FROM parts WHERE user_id IS NOT NULL) d GROUP BY agent_id`,
    [orgId, split.fullFrom, split.fullTo, ...split.edges],
  );
  return rows.map((r) => ({ ...ZERO, key: r.key, activeUsers: Number(r.n) }));
}

/**
 * Distinct users active over `[start, end)`: with an incoming message (`incoming_mask`) or a
 * session created (`session_mask`), optionally with one agent. Whole days from user_month (a row
 * counts when its mask shares a bit with the days of its month inside the range), the partial
 * edges from the raw rows.
 */
export async function distinctActive(
  db: Queryable, orgId: string, start: number, end: number, mask: "incoming_mask" | "session_mask", agentId?: string,
): Promise<number> {
  const split = splitRange(start, end);
  const params: unknown[] = [orgId, split.fullFrom, split.fullTo, ...split.edges, agentId ?? ""];
  const agent = agentId === undefined ? "" : " AND agent_id = $8";
  const edges = mask === "incoming_mask"
    ? `SELECT user_id FROM events WHERE org_id = $1 AND event_type = 'incomingMessages'
         AND ((ts >= $4 AND ts < $5) OR (ts >= $6 AND ts < $7))${agent}`
    : `SELECT user_id FROM sessions WHERE org_id = $1
         AND ((created_at >= $4 AND created_at < $5) OR (created_at >= $6 AND created_at < $7))${agent}`;
  const [row] = await db.query<{ n: number }>(
    `WITH parts AS (
       SELECT user_id FROM user_month
       WHERE org_id = $1 AND agent_id = $8 AND month >= date_trunc('month', $2::date)::date AND month < $3::date
         AND ${mask} & ((1::bigint << (least((month + interval '1 month')::date, $3::date) - month))
                      - (1::bigint << (greatest(month, $2::date) - month))) <> 0
       UNION ALL
       ${edges}
     )
     SELECT count(*)::float8 AS n FROM (SELECT DISTINCT user_id FROM parts WHERE user_id IS NOT NULL) d`,
    params,
  );
  return Number(row?.n ?? 0);
}

/**
 * Event counts over the half-open window `[start, end)`, grouped as asked. Whole UTC days are read
 * from the smallest rollup that has the dimensions the request needs (agent_daily for counts,
 * user_daily for distinct users, activity_daily when both agent and user matter), the partial
 * edges from the indexed events table; distinct active users are counted over the union of both,
 * so every figure is exact.
 */
export async function windowFigures(
  db: Queryable, orgId: string, start: number, end: number, grouping: Grouping, filter: EventFilter = {}, withActiveUsers = true,
): Promise<WindowFigures[]> {
  const needsAgent = filter.assistant !== undefined || grouping.by === "agent";
  const needsUser = filter.user !== undefined || grouping.by === "user";
  const sumsTable: Rollup = needsUser ? (needsAgent ? "activity_daily" : "user_daily") : "agent_daily";
  if (grouping.by === "user" || !withActiveUsers) return query(db, orgId, start, end, grouping, filter, sumsTable, false);
  // Independent queries: on PostgreSQL they run side by side on the pool. A single window's
  // distinct users come from the monthly day masks, which hold a few rows per user.
  const single = grouping.by === "none" && filter.user === undefined;
  const daily = grouping.by === "period" && grouping.period === "day" && filter.user === undefined;
  const perAgent = grouping.by === "agent" && filter.user === undefined && filter.assistant === undefined;
  const [sums, distinct] = await Promise.all([
    query(db, orgId, start, end, grouping, filter, sumsTable, false),
    single
      ? distinctActive(db, orgId, start, end, "incoming_mask", filter.assistant).then((n) => [{ ...ZERO, activeUsers: n }])
      : daily
        ? dailyActive(db, orgId, start, end, filter.assistant)
        : perAgent
          ? agentActive(db, orgId, start, end)
          : query(db, orgId, start, end, grouping, filter, needsAgent ? "activity_daily" : "user_daily", true),
  ]);
  const active = new Map(distinct.map((d) => [d.key, d.activeUsers]));
  return sums.map((f) => ({ ...f, activeUsers: active.get(f.key) ?? 0 }));
}

async function query(
  db: Queryable, orgId: string, start: number, end: number, grouping: Grouping, filter: EventFilter, table: Rollup, activeUsers: boolean,
): Promise<WindowFigures[]> {
  const split = splitRange(start, end);
  const params: unknown[] = [orgId, split.fullFrom, split.fullTo, ...split.edges];
  const rollupWhere: string[] = [];
  const eventWhere: string[] = [];
  if (filter.assistant !== undefined) {
    const p = `$${params.push(filter.assistant)}`;
    rollupWhere.push(`agent_id = ${p}`);
    eventWhere.push(`agent_id = ${p}`);
  }
  if (filter.user !== undefined) {
    const p = `$${params.push(filter.user)}`;
    rollupWhere.push(`user_id = ${p}`);
    eventWhere.push(`user_id = ${p}`);
  }
  if (activeUsers) {
    rollupWhere.push("incoming > 0");
    eventWhere.push("event_type = 'incomingMessages'");
  } else {
    rollupWhere.push("(incoming > 0 OR outgoing > 0 OR initiated > 0 OR completed > 0)");
  }
  const and = (list: string[]) => list.map((c) => ` AND ${c}`).join("");
  const key =
    grouping.by === "agent" ? "agent_id" : grouping.by === "user" ? "user_id" : grouping.by === "period" ? "bucket" : "NULL::text";
  const bucket = (dayExpr: string) => (grouping.by === "period" ? `to_char(${dayExpr}, '${BUCKET[grouping.period]}')` : "NULL::text");
  const agentCol = table === "user_daily" ? "NULL::text" : "agent_id";
  const userCol = table === "agent_daily" ? "NULL::text" : "nullif(user_id, '')";
  const select = `sum(incoming)::float8 AS incoming, sum(outgoing)::float8 AS outgoing, sum(initiated)::float8 AS initiated,
       sum(completed)::float8 AS completed`;
  const columns = `${agentCol} AS agent_id, ${userCol} AS user_id, incoming, outgoing, initiated, completed`;
  let rollup = `SELECT ${bucket("day")} AS bucket, ${columns} FROM ${table} WHERE org_id = $1 AND day >= $2::date AND day < $3::date${and(rollupWhere)}`;
  if (table === "user_daily" && grouping.by !== "period") {
    // Per-user sums without day buckets: whole weeks from user_week, the days around them from user_daily.
    const [from, to] = wholeWeeks(split.fullFrom, split.fullTo).map((w) => `$${params.push(w)}::date`);
    rollup = `SELECT NULL::text AS bucket, ${columns} FROM user_week WHERE org_id = $1 AND week >= ${from} AND week < ${to}${and(rollupWhere)}
       UNION ALL
       SELECT NULL::text, ${columns} FROM user_daily
       WHERE org_id = $1 AND ((day >= $2::date AND day < ${from}) OR (day >= ${to} AND day < $3::date))${and(rollupWhere)}`;
  }
  const rows = await db.query<Record<string, unknown>>(
    `WITH parts AS (
       ${rollup}
       UNION ALL
       SELECT ${bucket("(ts AT TIME ZONE 'UTC')::date")}, agent_id, user_id, (event_type = 'incomingMessages')::int,
         (event_type = 'outgoingMessages')::int, (event_type = 'tasksInitiated')::int,
         (event_type = 'tasksCompleted')::int
       FROM events WHERE org_id = $1 AND ((ts >= $4 AND ts < $5) OR (ts >= $6 AND ts < $7))${and(eventWhere)}
     )
     ${activeUsers
       ? // DISTINCT then count: hash aggregation, much cheaper than count(DISTINCT ...) over many rows.
         `SELECT key, count(*)::float8 AS active_users FROM (SELECT DISTINCT ${key} AS key, user_id FROM parts WHERE user_id IS NOT NULL) d GROUP BY key`
       : `SELECT ${key} AS key, ${select} FROM parts ${grouping.by === "user" ? "WHERE user_id IS NOT NULL" : ""} ${grouping.by === "none" ? "" : `GROUP BY ${key}`}`}`,
    params,
  );
  return rows.map((r) => ({
    key: r.key == null ? null : String(r.key),
    incomingMessages: Number(r.incoming ?? 0),
    outgoingMessages: Number(r.outgoing ?? 0),
    tasksInitiated: Number(r.initiated ?? 0),
    tasksCompleted: Number(r.completed ?? 0),
    activeUsers: Number(r.active_users ?? 0),
  }));
}

export const EVENT_TYPES = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventRow { id: string; eventType: EventType; assistant: string; user: string | null; timestamp: string }

/** One page of the window's events, ascending by timestamp then id. */
export async function eventPage(
  db: Queryable,
  orgId: string,
  start: number,
  end: number,
  filter: EventFilter & { eventType?: EventType },
  limit: number,
  skip: number,
): Promise<EventRow[]> {
  const params: unknown[] = [orgId, new Date(start).toISOString(), new Date(end).toISOString()];
  const where: string[] = [];
  if (filter.eventType !== undefined) where.push(`event_type = $${params.push(filter.eventType)}`);
  if (filter.assistant !== undefined) where.push(`agent_id = $${params.push(filter.assistant)}`);
  if (filter.user !== undefined) where.push(`user_id = $${params.push(filter.user)}`);
  const rows = await db.query<{ id: string; event_type: EventType; agent_id: string; user_id: string | null; ts: Date | string }>(
    `SELECT id, event_type, agent_id, user_id, ts FROM events
     WHERE org_id = $1 AND ts >= $2 AND ts < $3${where.map((w) => ` AND ${w}`).join("")}
     ORDER BY ts, id LIMIT $${params.push(limit)} OFFSET $${params.push(skip)}`,
    params,
  );
  return rows.map((r) => ({ id: r.id, eventType: r.event_type, assistant: r.agent_id, user: r.user_id, timestamp: new Date(r.ts).toISOString() }));
}
