import { periodBuckets, rate4 } from "@agent-analytics/contract";
import type { SuccessBody } from "@agent-analytics/types";
import { groupedFigures, NONE, windowFigures, eventIndex, type EventFilter, type Tally } from "../figures/activity.js";
import { firstAtOrAfter, mergedPage } from "../store/sorted.js";
import { byEvent, type Event } from "../store/entries.js";
import type { View } from "../store/view.js";
import { ceilDay, DAY, dayString, floorDay, instantOf, iso } from "../time.js";
import { ok, type Answer, type Asked } from "./answer.js";

/** docs/semantics.md, analytics module: every figure counts the events that follow from the records. */
const PERIOD_DAYS = { day: 1, week: 7, month: 30 } as const;

function filterOf(view: View, assistant?: string, user?: string): EventFilter {
  const filter: EventFilter = {};
  if (assistant !== undefined) filter.agent = view.agent(assistant)?.idx ?? NONE;
  if (user !== undefined) filter.user = view.user(user)?.idx ?? NONE;
  return filter;
}

function counts(t: Tally) {
  const { incoming, outgoing, initiated, completed } = t;
  return { incomingMessages: incoming, outgoingMessages: outgoing, tasksInitiated: initiated, tasksCompleted: completed, total: incoming + outgoing + initiated + completed };
}

/** `[startDate, endDate)` of the range operations (their order and span are request invariants). */
function range(query: { startDate: string; endDate: string }): [number, number] {
  return [instantOf(query.startDate), instantOf(query.endDate)];
}

export function overview({ org, now, query }: Asked<"getAnalyticsOverview">): Answer<SuccessBody<"getAnalyticsOverview">> {
  const period = query.period;
  const end = floorDay(now);
  const start = end - PERIOD_DAYS[period] * DAY;
  const f = windowFigures(org.view, start, end, filterOf(org.view, query.assistant));
  return ok({
    success: true,
    data: { period, startDate: iso(start), endDate: iso(end), activeUsers: f.activeUsers, events: counts(f), resources: {}, realtime: {}, computedAt: iso(now) },
  });
}

export function rolling({ org, now, query }: Asked<"getAnalyticsRolling">): Answer<SuccessBody<"getAnalyticsRolling">> {
  const window = query.window;
  const end = floorDay(now);
  const start = end - window * DAY;
  const f = windowFigures(org.view, start, end, filterOf(org.view, query.assistant));
  return ok({
    success: true,
    data: { window, startDate: iso(start), endDate: iso(end), activeUsers: f.activeUsers, events: counts(f), completionRate: rate4(f.completed, f.initiated) },
  });
}

export function metrics({ org, query }: Asked<"getAnalyticsMetrics">): Answer<SuccessBody<"getAnalyticsMetrics">> {
  const [start, end] = range(query);
  const filter = filterOf(org.view, query.assistant);
  const data = periodBuckets(query.period, start, end).map((b) => {
    const f = windowFigures(org.view, b.start, b.end, filter);
    return {
      period: query.period, periodKey: b.key, startDate: iso(b.start), endDate: iso(b.end), activeUsers: f.activeUsers,
      incomingMessages: f.incoming, outgoingMessages: f.outgoing, tasksInitiated: f.initiated, tasksCompleted: f.completed,
    };
  });
  return ok({ success: true, data });
}

export function snapshots({ org, now, query }: Asked<"getAnalyticsSnapshots">): Answer<SuccessBody<"getAnalyticsSnapshots">> {
  const [start, end] = range(query);
  const filter = filterOf(org.view, query.assistant);
  const data = [];
  // One snapshot per UTC midnight in [startDate, endDate), each covering its whole day.
  for (let d = ceilDay(start); d < end; d += DAY) {
    const f = windowFigures(org.view, d, d + DAY, filter);
    const key = dayString(d);
    data.push({ id: `snapshot_day_${key}`, period: "day" as const, periodKey: key, startDate: iso(d), endDate: iso(d + DAY), activeUsers: f.activeUsers, events: counts(f), computedAt: iso(now) });
  }
  return ok({ success: true, data });
}

export function assistants({ org, query }: Asked<"getAnalyticsAssistants">): Answer<SuccessBody<"getAnalyticsAssistants">> {
  const [start, end] = range(query);
  const view = org.view;
  const data = [...groupedFigures(view, start, end, filterOf(view, query.assistant), "agent")]
    .map(([agent, f]) => ({
      assistant: view.agentAt(agent).record.id, activeUsers: f.activeUsers, incomingMessages: f.incoming, outgoingMessages: f.outgoing,
      tasksInitiated: f.initiated, tasksCompleted: f.completed, completionRate: rate4(f.completed, f.initiated),
    }))
    .sort((a, b) => sum(b) - sum(a) || compare(a.assistant, b.assistant));
  return ok({ success: true, data });
}

export function topUsers({ org, query }: Asked<"getAnalyticsTopUsers">): Answer<SuccessBody<"getAnalyticsTopUsers">> {
  const [start, end] = range(query);
  const view = org.view;
  const data = [...groupedFigures(view, start, end, filterOf(view, query.assistant), "user")]
    .map(([user, f]) => ({ user: view.userAt(user).record.id, ...counts(f) }))
    .sort((a, b) => b.total - a.total || compare(a.user, b.user))
    .slice(0, query.limit);
  return ok({ success: true, data });
}

/**
 * A page of the window's events: the total from the whole-day cells, the page by walking the
 * smallest event index that holds every match, from the first event of the window.
 */
export function events({ org, query }: Asked<"listAnalyticsEvents">): Answer<SuccessBody<"listAnalyticsEvents">> {
  const [start, end] = range(query);
  const view = org.view;
  const filter = filterOf(view, query.assistant, query.user);
  const limit = query.limit;
  const skip = query.skip;
  const all = counts(windowFigures(view, start, end, filter));
  const total = query.eventType ? all[query.eventType] : all.total;
  const page = skip >= total ? [] : eventPage(view, start, end, filter, query.eventType, skip, limit);
  return ok({
    success: true,
    data: {
      events: page.map((e) => ({ id: e.id, eventType: e.type, assistant: view.agentAt(e.agent).record.id, user: e.user < 0 ? null : view.userAt(e.user).record.id, timestamp: iso(e.at) })),
      total,
      limit,
      skip,
    },
  });
}

/** Each layer's first `skip + limit` matches (from the smallest index holding them all), merged. */
function eventPage(view: View, start: number, end: number, filter: EventFilter, type: Event["type"] | undefined, skip: number, limit: number): Event[] {
  // The index is exact for one of agent and user; the other, and the event type, are checked per event.
  const residual = type !== undefined || (filter.agent !== undefined && filter.user !== undefined);
  const matches = (e: Event) => (type === undefined || e.type === type) && (filter.agent === undefined || e.agent === filter.agent);
  const lists = view.layers.map((layer) => {
    const index = eventIndex(layer, filter);
    const from = firstAtOrAfter(index, (e) => e.at, start);
    const to = firstAtOrAfter(index, (e) => e.at, end);
    if (!residual) return index.slice(from, Math.min(to, from + skip + limit));
    const out: Event[] = [];
    for (let i = from; i < to && out.length < skip + limit; i++) if (matches(index[i]!)) out.push(index[i]!);
    return out;
  });
  return mergedPage(lists, byEvent, skip, limit);
}

const sum = (a: { incomingMessages: number; outgoingMessages: number; tasksInitiated: number; tasksCompleted: number }) =>
  a.incomingMessages + a.outgoingMessages + a.tasksInitiated + a.tasksCompleted;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
