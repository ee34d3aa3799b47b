import type { DayAggregatedMetrics, ResponseBody, SuccessBody } from "@agent-analytics/types";
import type { Tokens } from "../records.js";
import { zeroTokens } from "../store/entries.js";
import type { Layer } from "../store/layer.js";
import { lowerBound } from "../store/sorted.js";
import type { View } from "../store/view.js";
import { DAY, dayString, iso } from "../time.js";
import { notFound, ok, okJson, type Answer, type Asked } from "./answer.js";

/**
 * docs/semantics.md, agentos module: one row per UTC day on which a session was created or a run
 * started. Rows always reflect every record (ingest keeps them current), so a refresh recomputes the
 * same figures; the mock's clock stands still at `now`, which is when ingested days were computed.
 */
type Store = { db_id?: string | null; table?: string | null };

/** The only store the mock knows is the default one, as the reference server names it. */
function unknownStore(query: Store): Answer<never> | undefined {
  if (query.db_id != null && query.db_id !== "default") return notFound(`Unknown db_id '${query.db_id}'.`);
  if (query.table != null && query.table !== "metrics") return notFound(`Unknown table '${query.table}'.`);
  return undefined;
}

export function metrics({ org, now, query }: Asked<"get_metrics">): Answer<SuccessBody<"get_metrics">> {
  const unknown = unknownStore(query);
  if (unknown) return unknown;
  const rows = rowParts(org.view, now, query.starting_date ?? undefined, query.ending_date ?? undefined);
  const newest = rows.reduce((max, r) => Math.max(max, r.updatedAt), -1);
  return okJson(`{"metrics":[${rows.map((r) => r.json).join(",")}],"updated_at":${newest < 0 ? "null" : JSON.stringify(iso(newest * 1000))}}`);
}

export function refresh({ org, now, query }: Asked<"refresh_metrics">): Answer<ResponseBody<"refresh_metrics", 200> | ResponseBody<"refresh_metrics", 202>> {
  const unknown = unknownStore(query);
  if (unknown) return unknown;
  // Recomputing is instant here: a background refresh has already completed when it is reported.
  org.refresh = { status: "completed", started_at: iso(now), finished_at: iso(now), error: null };
  if (query.background) return ok({ status: "started", message: "Metrics refresh started in the background." }, 202);
  return okJson(`[${rowParts(org.view, now).map((r) => r.json).join(",")}]`);
}

export function refreshStatus({ org, query }: Asked<"get_metrics_refresh_status">): Answer<SuccessBody<"get_metrics_refresh_status">> {
  return unknownStore(query) ?? ok({ ...org.refresh });
}

interface RowPart { json: string; updatedAt: number }

/** Per world: its activity days, ascending, and each day's row as the world alone gives it, serialized once. */
const worldRows = new WeakMap<Layer, { days: number[]; rows: Map<number, RowPart> }>();

/**
 * The serialized rows of the days in range. A day the organisation did not ingest into is the
 * world's row, computed once per world; a day it did is computed from both layers.
 */
function rowParts(view: View, now: number, from?: string, to?: string): RowPart[] {
  const first = from === undefined ? -Infinity : Date.parse(`${from}T00:00:00Z`) / DAY;
  const last = to === undefined ? Infinity : Date.parse(`${to}T00:00:00Z`) / DAY;
  let world = worldRows.get(view.world);
  if (!world) {
    world = { days: activeDays(view.world), rows: new Map() };
    worldRows.set(view.world, world);
  }
  const inRange = world.days.slice(lowerBound(world.days, (d) => d < first), lowerBound(world.days, (d) => d <= last));
  const own = activeDays(view.own).filter((d) => d >= first && d <= last);
  const days = own.length === 0 ? inRange : [...new Set([...inRange, ...own])].sort((a, b) => a - b);
  return days.map((day) => {
    if (view.own.cells.has(day) || view.own.runDays.has(day)) return serialize(row(view, now, day));
    let part = world.rows.get(day);
    if (!part) {
      part = serialize(row(view, now, day));
      world.rows.set(day, part);
    }
    return part;
  });
}

function serialize(r: DayAggregatedMetrics): RowPart {
  return { json: JSON.stringify(r), updatedAt: r.updated_at };
}

/** Days on which a layer holds a session created or a run started, ascending. */
function activeDays(layer: Layer): number[] {
  const days: number[] = [];
  for (const [day, cells] of layer.cells) if (cells.active) days.push(day);
  return days.sort((a, b) => a - b);
}

function row(view: View, now: number, day: number): DayAggregatedMetrics {
  const runs = [0, 0, 0];
  const sessions = [0, 0, 0];
  const users = new Set<number>();
  const tokens: Tokens = zeroTokens();
  const models = new Map<string, { model_id: string; model_provider: string; count: number }>();
  const kindIndex = { agent: 0, team: 1, workflow: 2 } as const;
  for (const layer of view.layers) {
    for (const c of layer.cells.get(day)?.list ?? []) {
      if (c.sessions === 0 && c.initiated === 0) continue;
      const kind = kindIndex[view.agentAt(c.agent).record.kind];
      runs[kind]! += c.initiated;
      sessions[kind]! += c.sessions;
      if (c.user >= 0) users.add(c.user);
    }
    const runDay = layer.runDays.get(day);
    if (!runDay) continue;
    for (const key of Object.keys(tokens) as (keyof Tokens)[]) tokens[key] += runDay.tokens[key];
    for (const [key, m] of runDay.models) {
      const entry = models.get(key) ?? { model_id: m.id, model_provider: m.provider, count: 0 };
      entry.count += m.count;
      models.set(key, entry);
    }
  }
  const { createdAt, updatedAt } = rowTimes(view, now, day);
  const date = dayString(day * DAY);
  return {
    id: `metrics_${date}`,
    agent_runs_count: runs[0]!,
    agent_sessions_count: sessions[0]!,
    team_runs_count: runs[1]!,
    team_sessions_count: sessions[1]!,
    workflow_runs_count: runs[2]!,
    workflow_sessions_count: sessions[2]!,
    users_count: users.size,
    token_metrics: {
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      total_tokens: tokens.input + tokens.output,
      audio_tokens: tokens.audioInput + tokens.audioOutput,
      input_audio_tokens: tokens.audioInput,
      output_audio_tokens: tokens.audioOutput,
      cached_tokens: tokens.cached,
      cache_write_tokens: tokens.cacheWrite,
      reasoning_tokens: tokens.reasoning,
    },
    model_metrics: [...models.values()].sort((a, b) => b.count - a.count || cmp(a.model_provider, b.model_provider) || cmp(a.model_id, b.model_id)),
    date: `${date}T00:00:00`,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

/**
 * A day of the seeded world was computed when it ended; a day the organisation ingested into was
 * (re)computed at the time of that ingest, which is the mock's `now`.
 */
function rowTimes(view: View, now: number, day: number): { createdAt: number; updatedAt: number } {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const closed = seconds(Math.min((day + 1) * DAY, now));
  const inWorld = view.world.cells.has(day) || view.world.runDays.has(day);
  const ingested = view.own.cells.has(day) || view.own.runDays.has(day);
  return { createdAt: inWorld ? closed : seconds(now), updatedAt: ingested ? seconds(now) : closed };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
