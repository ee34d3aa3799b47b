import { eventsOf, EVENT_TYPES, windowFigures, type AnalyticsEvent } from "./analytics-events.js";
import { isoWeekKey, type Records } from "@agent-analytics/contract";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const dayKey = (t: number) => iso(t).slice(0, 10);

/** Start of the calendar period (`day`, ISO `week`, `month`) containing `t`, and of the next one. */
function periodBounds(period: string, t: number): [number, number] {
  const dayStart = Math.floor(t / DAY) * DAY;
  if (period === "day") return [dayStart, dayStart + DAY];
  if (period === "week") {
    const weekday = (((Math.floor(t / DAY) + 3) % 7) + 7) % 7;
    return [dayStart - weekday * DAY, dayStart + (7 - weekday) * DAY];
  }
  const d = new Date(t);
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

function periodKey(period: string, t: number): string {
  if (period === "day") return dayKey(t);
  if (period === "week") return isoWeekKey(t);
  return iso(t).slice(0, 7);
}

/** The analytics module's figures over the records, one function per read operation. */
export class AnalyticsOracle {
  readonly events: AnalyticsEvent[];
  constructor(records: Records) {
    this.events = eventsOf(records);
  }

  window(start: number, end: number, assistant?: string) {
    return windowFigures(this.events, start, end, assistant);
  }

  metrics(period: string, start: number, end: number, assistant?: string) {
    const buckets = [];
    for (let t = start; t < end; ) {
      const [, next] = periodBounds(period, t);
      const bucketEnd = Math.min(next, end);
      const f = this.window(t, bucketEnd, assistant);
      buckets.push({
        period,
        periodKey: periodKey(period, t),
        startDate: iso(t),
        endDate: iso(bucketEnd),
        activeUsers: f.activeUsers,
        incomingMessages: f.incomingMessages,
        outgoingMessages: f.outgoingMessages,
        tasksInitiated: f.tasksInitiated,
        tasksCompleted: f.tasksCompleted,
      });
      t = bucketEnd;
    }
    return buckets;
  }

  eventPage(start: number, end: number, q: { eventType?: string; assistant?: string; user?: string; limit: number; skip: number }) {
    const matching = this.events.filter(
      (e) =>
        e.at >= start && e.at < end &&
        (q.eventType === undefined || e.eventType === q.eventType) &&
        (q.assistant === undefined || e.assistant === q.assistant) &&
        (q.user === undefined || e.user === q.user),
    );
    return {
      events: matching.slice(q.skip, q.skip + q.limit).map((e) => ({ id: e.id, eventType: e.eventType, assistant: e.assistant, user: e.user, timestamp: iso(e.at) })),
      total: matching.length,
      limit: q.limit,
      skip: q.skip,
    };
  }

  assistants(start: number, end: number, only?: string) {
    const names = [...new Set(this.events.filter((e) => e.at >= start && e.at < end && (only === undefined || e.assistant === only)).map((e) => e.assistant))];
    return names
      .map((assistant) => {
        const f = this.window(start, end, assistant);
        const { incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, activeUsers, completionRate } = f;
        return { assistant, activeUsers, incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, completionRate };
      })
      .sort((a, b) => b.incomingMessages + b.outgoingMessages + b.tasksInitiated + b.tasksCompleted - (a.incomingMessages + a.outgoingMessages + a.tasksInitiated + a.tasksCompleted) || (a.assistant < b.assistant ? -1 : 1));
  }

  topUsers(start: number, end: number, limit: number, assistant?: string) {
    const counts = new Map<string, Record<string, number>>();
    for (const e of this.events) {
      if (e.at < start || e.at >= end || e.user === null || (assistant !== undefined && e.assistant !== assistant)) continue;
      const entry = counts.get(e.user) ?? Object.fromEntries(EVENT_TYPES.map((t) => [t, 0]));
      entry[e.eventType]!++;
      counts.set(e.user, entry);
    }
    return [...counts.entries()]
      .map(([user, c]) => ({ user, incomingMessages: c.incomingMessages!, outgoingMessages: c.outgoingMessages!, tasksInitiated: c.tasksInitiated!, tasksCompleted: c.tasksCompleted!, total: EVENT_TYPES.reduce((acc, t) => acc + c[t]!, 0) }))
      .sort((a, b) => b.total - a.total || (a.user < b.user ? -1 : 1))
      .slice(0, limit);
  }

  snapshots(start: number, end: number, assistant?: string) {
    const out = [];
    for (let d = Math.ceil(start / DAY) * DAY; d < end; d += DAY) {
      const f = this.window(d, d + DAY, assistant);
      out.push({
        id: `snapshot_day_${dayKey(d)}`,
        period: "day",
        periodKey: dayKey(d),
        startDate: iso(d),
        endDate: iso(d + DAY),
        activeUsers: f.activeUsers,
        events: { incomingMessages: f.incomingMessages, outgoingMessages: f.outgoingMessages, tasksInitiated: f.tasksInitiated, tasksCompleted: f.tasksCompleted, total: f.total },
      });
    }
    return out;
  }
}
