import { shiftDay } from "../checks/bound-probes.js";
import { Skip } from "../requirement.js";
import { AnalyticsOracle } from "./oracle-analytics.js";
import { data, expectFigures } from "./expect-figures.js";
import type { FigureCheck } from "./figure-check.js";
import { relativeDeltas } from "./relative.js";
import { iso, QueryGenerator, RANDOM_QUERIES } from "./random-queries.js";

const DAY = 86_400_000;
// A date means its UTC midnight; a date-time is taken as written.
const t = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00.000Z` : value);

const PERIOD_DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };

export const ANALYTICS_FIGURES: Record<string, FigureCheck> = {
  async getAnalyticsOverview(ctx, sem, v) {
    relativeDeltas(sem, "getAnalyticsOverview", v);
    // Filtered to the recent agent ("filter any endpoint by assistant"), the window holds only the
    // recent records: exact figures, and an agent without events gives zeros.
    const oracle = new AnalyticsOracle(sem.recentRecords);
    const agent = sem.recentRecords.agents[0]!.id;
    for (const [period, assistant] of [["day", agent], ["week", agent], ["month", agent], ["week", `${ctx.prefix}_no_agent`]] as const) {
      const end = Math.floor(Date.now() / DAY) * DAY;
      const start = end - PERIOD_DAYS[period]! * DAY;
      const { activeUsers, completionRate: _rate, ...events } = oracle.window(start, end, assistant);
      const expected = { period, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(), activeUsers, events, resources: {}, realtime: {} };
      await expectFigures(ctx, v, "getAnalyticsOverview", { query: { period, assistant } }, expected, data);
      if (Math.floor(Date.now() / DAY) * DAY !== end) throw new Skip("the UTC day changed while the overview was read");
    }
  },
  async getAnalyticsRolling(ctx, sem, v) {
    relativeDeltas(sem, "getAnalyticsRolling", v);
    // The recent agent has nothing else: its windows are exact, completion rate included.
    const oracle = new AnalyticsOracle(sem.recentRecords);
    const agent = sem.recentRecords.agents[0]!.id;
    for (const window of [1, 7, 90]) {
      const end = Math.floor(Date.now() / DAY) * DAY;
      const f = oracle.window(end - window * DAY, end, agent);
      const { activeUsers, completionRate, ...events } = f;
      const expected = { window, startDate: new Date(end - window * DAY).toISOString(), endDate: new Date(end).toISOString(), activeUsers, events, completionRate };
      await expectFigures(ctx, v, "getAnalyticsRolling", { query: { window, assistant: agent } }, expected, data);
      if (Math.floor(Date.now() / DAY) * DAY !== end) throw new Skip("the UTC day changed while the rolling window was read");
    }
  },
  async getAnalyticsMetrics(ctx, sem, v) {
    const oracle = new AnalyticsOracle(sem.records);
    const { firstDay, endDay } = sem.dataset;
    const agent = sem.records.agents[0]!.id;
    const clippedStart = `${shiftDay(firstDay, 1)}T12:00:00.000Z`;
    const clippedEnd = `${shiftDay(firstDay, 8)}T06:00:00.000Z`;
    const cases: [string, string, string, string | undefined][] = [
      ["day", firstDay, endDay, undefined],
      ["week", firstDay, endDay, undefined],
      ["month", firstDay, endDay, undefined],
      ["week", firstDay, endDay, agent],
      ["day", clippedStart, clippedEnd, agent],
      ["month", clippedStart, clippedEnd, undefined],
    ];
    const gen = new QueryGenerator(sem, 4);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      cases.push([gen.pick(["day", "week", "month"]), iso(from), iso(to), gen.maybe(gen.pick(sem.records.agents).id)]);
    }
    for (const [period, start, end, assistant] of cases) {
      const expected = oracle.metrics(period, Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start), Date.parse(end.length === 10 ? `${end}T00:00:00Z` : end), assistant);
      await expectFigures(ctx, v, "getAnalyticsMetrics", { query: { period, startDate: start, endDate: end, assistant } }, expected, data);
    }
  },
  async listAnalyticsEvents(ctx, sem, v) {
    const oracle = new AnalyticsOracle(sem.records);
    const { firstDay, endDay } = sem.dataset;
    const [a1] = sem.records.agents;
    const own = sem.caller.userId;
    const pages: { eventType?: string; assistant?: string; user?: string; limit?: number; skip?: number; start?: string; end?: string }[] = [
      { limit: 100 },
      { limit: 5000 },
      { limit: 5, skip: 3 },
      { eventType: "tasksCompleted" },
      { eventType: "incomingMessages", assistant: a1!.id, limit: 3, skip: 1 },
      { user: own, limit: 100 },
      { skip: 500 },
      { start: shiftDay(firstDay, 4), end: shiftDay(firstDay, 5), limit: 100 },
    ];
    const gen = new QueryGenerator(sem, 5);
    const users = [own, ...sem.records.users.map((u) => u.id)];
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      pages.push({
        start: iso(from),
        end: iso(to),
        eventType: gen.maybe(gen.pick(["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"])),
        assistant: gen.maybe(gen.pick(sem.records.agents).id),
        user: gen.maybe(gen.pick(users)),
        limit: gen.int(1, 12),
        skip: gen.int(0, 6),
      });
    }
    for (const q of pages) {
      const start = q.start ?? firstDay;
      const end = q.end ?? endDay;
      const expected = oracle.eventPage(t(start), t(end), { ...q, limit: Math.min(q.limit ?? 50, 100), skip: q.skip ?? 0 });
      const { start: _s, end: _e, ...rest } = q;
      await expectFigures(ctx, v, "listAnalyticsEvents", { query: { startDate: start, endDate: end, ...rest } }, expected, data);
    }
  },
  async getAnalyticsAssistants(ctx, sem, v) {
    const oracle = new AnalyticsOracle(sem.records);
    const { firstDay, endDay } = sem.dataset;
    const [a1, a2] = sem.records.agents;
    const cases: [string, string, string | undefined][] = [[firstDay, endDay, undefined], [shiftDay(firstDay, 3), shiftDay(firstDay, 6), undefined], [firstDay, endDay, a2!.id]];
    const gen = new QueryGenerator(sem, 6);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      cases.push([iso(from), iso(to), gen.maybe(gen.pick([a1!, a2!]).id)]);
    }
    for (const [start, end, assistant] of cases) {
      await expectFigures(ctx, v, "getAnalyticsAssistants", { query: { startDate: start, endDate: end, assistant } }, oracle.assistants(t(start), t(end), assistant), data);
    }
  },
  async getAnalyticsTopUsers(ctx, sem, v) {
    const oracle = new AnalyticsOracle(sem.records);
    const { firstDay, endDay } = sem.dataset;
    const agent = sem.records.agents[1]!.id;
    // A limit past 100 is served as 100 (the source gives it no bound).
    for (const [limit, assistant] of [[undefined, undefined], [2, undefined], [100, agent], [250, undefined]] as const) {
      const expected = oracle.topUsers(t(firstDay), t(endDay), Math.min(limit ?? 10, 100), assistant);
      await expectFigures(ctx, v, "getAnalyticsTopUsers", { query: { startDate: firstDay, endDate: endDay, limit, assistant } }, expected, data);
    }
    const gen = new QueryGenerator(sem, 7);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      const limit = gen.int(1, 6);
      const assistant = gen.maybe(gen.pick(sem.records.agents).id);
      await expectFigures(ctx, v, "getAnalyticsTopUsers", { query: { startDate: iso(from), endDate: iso(to), limit, assistant } }, oracle.topUsers(from, to, limit, assistant), data);
    }
  },
  async getAnalyticsSnapshots(ctx, sem, v) {
    const oracle = new AnalyticsOracle(sem.records);
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "getAnalyticsSnapshots", { query: { startDate: firstDay, endDate: endDay } }, oracle.snapshots(t(firstDay), t(endDay)), data);
    const agent = sem.records.agents[0]!.id;
    await expectFigures(ctx, v, "getAnalyticsSnapshots", { query: { startDate: firstDay, endDate: endDay, assistant: agent } }, oracle.snapshots(t(firstDay), t(endDay), agent), data);
    await expectFigures(ctx, v, "getAnalyticsSnapshots", { query: { startDate: `${shiftDay(firstDay, 2)}T06:00:00.000Z`, endDate: shiftDay(firstDay, 5) } }, oracle.snapshots(t(shiftDay(firstDay, 2)) + 6 * 3_600_000, t(shiftDay(firstDay, 5))), data);
    const gen = new QueryGenerator(sem, 8);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      await expectFigures(ctx, v, "getAnalyticsSnapshots", { query: { startDate: iso(from), endDate: iso(to) } }, oracle.snapshots(from, to), data);
    }
  },
};
