import { periodBuckets, rate4 } from "@agent-analytics/contract";
import type { AnalyticsBucket, AnalyticsEventCounts } from "@agent-analytics/types";
import type { Handlers } from "../http/context.js";
import { eventPage, windowFigures, type WindowFigures } from "../queries/analytics.js";
import { ceilDay, DAY_MS, dayString, isoMs, parseDateParam, todayMidnight } from "../queries/time.js";

const PERIOD_DAYS = { day: 1, week: 7, month: 30 } as const;

/** startDate/endDate of the range operations (ordered and at most 731 days apart: x-request-invariants). */
function range(query: { startDate: string; endDate: string }): [number, number] {
  return [parseDateParam(query.startDate), parseDateParam(query.endDate)];
}

const EMPTY: WindowFigures = { key: null, incomingMessages: 0, outgoingMessages: 0, tasksInitiated: 0, tasksCompleted: 0, activeUsers: 0 };

function counts(f: WindowFigures): AnalyticsEventCounts {
  const { incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted } = f;
  return { incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, total: incomingMessages + outgoingMessages + tasksInitiated + tasksCompleted };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const analyticsHandlers = {
  async getAnalyticsOverview({ query }, { db, auth }, reply) {
    const { period, assistant } = query;
    const end = todayMidnight();
    const start = end - PERIOD_DAYS[period] * DAY_MS;
    const [f = EMPTY] = await windowFigures(db, auth.organizationId, start, end, { by: "none" }, { assistant });
    return reply(200, {
      success: true,
      data: {
        period, startDate: isoMs(start), endDate: isoMs(end), activeUsers: f.activeUsers, events: counts(f),
        resources: {}, realtime: {}, computedAt: isoMs(Math.max(Date.now(), end)),
      },
    });
  },

  async getAnalyticsMetrics({ query: q }, { db, auth }, reply) {
    const [start, end] = range(q);
    const figures = await windowFigures(db, auth.organizationId, start, end, { by: "period", period: q.period }, { assistant: q.assistant });
    const byKey = new Map(figures.map((f) => [f.key, f]));
    const data: AnalyticsBucket[] = periodBuckets(q.period, start, end).map((b) => {
      const f = byKey.get(b.key) ?? EMPTY;
      return {
        period: q.period, periodKey: b.key, startDate: isoMs(b.start), endDate: isoMs(b.end), activeUsers: f.activeUsers,
        incomingMessages: f.incomingMessages, outgoingMessages: f.outgoingMessages, tasksInitiated: f.tasksInitiated, tasksCompleted: f.tasksCompleted,
      };
    });
    return reply(200, { success: true, data });
  },

  async getAnalyticsRolling({ query: q }, { db, auth }, reply) {
    const end = todayMidnight();
    const start = end - q.window * DAY_MS;
    const [f = EMPTY] = await windowFigures(db, auth.organizationId, start, end, { by: "none" }, { assistant: q.assistant });
    return reply(200, {
      success: true,
      data: {
        window: q.window, startDate: isoMs(start), endDate: isoMs(end), activeUsers: f.activeUsers, events: counts(f),
        completionRate: rate4(f.tasksCompleted, f.tasksInitiated),
      },
    });
  },

  async listAnalyticsEvents({ query: q }, { db, auth }, reply) {
    const [start, end] = range(q);
    const filter = { assistant: q.assistant, user: q.user };
    // The total comes from the rollups (exact: every filter is a rollup dimension), the page from the index.
    const [f = EMPTY] = await windowFigures(db, auth.organizationId, start, end, { by: "none" }, filter, false);
    const total = q.eventType ? counts(f)[q.eventType] : counts(f).total;
    const events = q.skip >= total ? [] : await eventPage(db, auth.organizationId, start, end, { ...filter, eventType: q.eventType }, q.limit, q.skip);
    return reply(200, { success: true, data: { events, total, limit: q.limit, skip: q.skip } });
  },

  async getAnalyticsAssistants({ query }, { db, auth }, reply) {
    const { assistant } = query;
    const [start, end] = range(query);
    const figures = await windowFigures(db, auth.organizationId, start, end, { by: "agent" }, { assistant });
    const data = figures
      .map((f) => ({ f, sum: counts(f).total }))
      .filter(({ sum }) => sum > 0)
      .sort((a, b) => b.sum - a.sum || cmp(a.f.key!, b.f.key!))
      .map(({ f }) => ({
        assistant: f.key!, activeUsers: f.activeUsers, incomingMessages: f.incomingMessages, outgoingMessages: f.outgoingMessages,
        tasksInitiated: f.tasksInitiated, tasksCompleted: f.tasksCompleted, completionRate: rate4(f.tasksCompleted, f.tasksInitiated),
      }));
    return reply(200, { success: true, data });
  },

  async getAnalyticsTopUsers({ query: q }, { db, auth }, reply) {
    const [start, end] = range(q);
    const figures = await windowFigures(db, auth.organizationId, start, end, { by: "user" }, { assistant: q.assistant });
    const data = figures
      .map((f) => ({ user: f.key!, ...counts(f) }))
      .filter((u) => u.total > 0)
      .sort((a, b) => b.total - a.total || cmp(a.user, b.user))
      .slice(0, q.limit);
    return reply(200, { success: true, data });
  },

  async getAnalyticsSnapshots({ query }, { db, auth }, reply) {
    const { assistant } = query;
    const [start, end] = range(query);
    // One snapshot per UTC midnight in [startDate, endDate), each covering its whole day.
    const first = ceilDay(start);
    const last = ceilDay(end);
    const figures = first < last ? await windowFigures(db, auth.organizationId, first, last, { by: "period", period: "day" }, { assistant }) : [];
    const byKey = new Map(figures.map((f) => [f.key, f]));
    const computedAt = isoMs(Date.now());
    const data = [];
    for (let d = first; d < last; d += DAY_MS) {
      const key = dayString(d);
      const f = byKey.get(key) ?? EMPTY;
      data.push({
        id: `snapshot_day_${key}`, period: "day" as const, periodKey: key, startDate: isoMs(d), endDate: isoMs(d + DAY_MS),
        activeUsers: f.activeUsers, events: counts(f), computedAt,
      });
    }
    return reply(200, { success: true, data });
  },
} satisfies Partial<Handlers>;
