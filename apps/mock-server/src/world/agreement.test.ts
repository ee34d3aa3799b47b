import { rate4 } from "@agent-analytics/contract";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MockEngine } from "../engine.js";
import { ask, overlayBatch } from "../test-support/overlay-batch.js";
import { DAY, dayString } from "./time.js";

/**
 * What two operations say about the same records and window is the same number (the guide's
 * "figures agree"), across the four modules, for many worlds, windows and organisations: the
 * pristine world (one key) and one that ingested records into the world's days (another key).
 */
const NOW = Date.UTC(2026, 5, 15);
const TODAY = NOW;
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const COUNTS = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"] as const;

function sumOf(rows: Json[], field: string): number {
  return rows.reduce((s, r) => s + r[field], 0);
}

describe.each(["1", "2", "3", "4", "5"])("world of seed %s", (seed) => {
  const engine = new MockEngine({ seed, now: NOW, worldDays: 45, worldScale: 0.5 });
  const keys = ["pristine", "ingested"];
  beforeAll(() => {
    expect(ask(engine, "/ingest/batch", "ingested", { method: "POST", body: overlayBatch(engine, seed, 25) }).status).toBe(200);
  });
  const get = (key: string, path: string) => {
    const reply = ask(engine, path, key);
    expect(reply.status, path).toBe(200);
    return reply.json;
  };
  const firstDay = engine.world.simulation.from;
  const dayRange = fc.tuple(fc.integer({ min: -3, max: 46 }), fc.integer({ min: 1, max: 20 })).map(([d, n]) => [firstDay + d * DAY, firstDay + (d + n) * DAY] as const);

  it.each(keys)("%s: an agent's stats agree with its runs list, per status", (key) => {
    const agents = [...engine.world.organisations.of(key).view.layers.flatMap((l) => [...l.agents.keys()])];
    let runs = 0;
    for (const agentId of agents) {
      const stats = get(key, `/agents/${agentId}/stats`).data;
      expect(get(key, `/agents/${agentId}/runs?limit=1`).data.total).toBe(stats.totalRuns);
      expect(get(key, `/agents/${agentId}/runs?limit=1&status=completed`).data.total).toBe(stats.successfulRuns);
      expect(get(key, `/agents/${agentId}/runs?limit=1&status=failed`).data.total).toBe(stats.failedRuns);
      const open = ["queued", "running"].map((s) => get(key, `/agents/${agentId}/runs?limit=1&status=${s}`).data.total);
      expect(stats.successfulRuns + stats.failedRuns + open[0] + open[1]).toBe(stats.totalRuns);
      runs += stats.totalRuns;
    }
    // Every run of every agent is on one agentos day.
    const rows = get(key, "/metrics").metrics;
    expect(sumOf(rows, "agent_runs_count") + sumOf(rows, "team_runs_count") + sumOf(rows, "workflow_runs_count")).toBe(runs);
  });

  it.each(keys)("%s: the week overview, the 7-day rolling window and the daily buckets of the same days agree", (key) => {
    const days = { day: 1, week: 7, month: 30 } as const;
    for (const [period, window] of Object.entries(days)) {
      const overview = get(key, `/analytics/overview?period=${period}`).data;
      const rolling = get(key, `/analytics/rolling?window=${window}`).data;
      expect(overview.events).toEqual(rolling.events);
      expect(overview.activeUsers).toBe(rolling.activeUsers);
      expect([overview.startDate, overview.endDate]).toEqual([rolling.startDate, rolling.endDate]);
      expect(rolling.completionRate).toBe(rate4(rolling.events.tasksCompleted, rolling.events.tasksInitiated));
      const buckets = get(key, `/analytics/metrics?period=day&startDate=${dayString(TODAY - window * DAY)}&endDate=${dayString(TODAY)}`).data;
      expect(buckets).toHaveLength(window);
      for (const c of COUNTS) expect(sumOf(buckets, c)).toBe(overview.events[c]);
    }
  });

  it.each(keys)("%s: over any range, agentos, dashboard, analytics buckets, snapshots, events and assistants agree", (key) => {
    fc.assert(
      fc.property(dayRange, ([start, end]) => {
        const [from, to] = [dayString(start), dayString(end)];
        const last = dayString(end - DAY);
        const days = get(key, `/analytics/metrics?period=day&startDate=${from}&endDate=${to}`).data;
        const snapshots = get(key, `/analytics/snapshots?startDate=${from}&endDate=${to}`).data;
        const rows = new Map(get(key, `/metrics?starting_date=${from}&ending_date=${last}`).metrics.map((r: Json) => [r.date.slice(0, 10), r]));
        days.forEach((bucket: Json, i: number) => {
          const row: Json = rows.get(bucket.periodKey);
          // AgentOS runs per day are AGNT's tasks initiated that day; its sessions the dashboard's conversations.
          expect(row ? row.agent_runs_count + row.team_runs_count + row.workflow_runs_count : 0).toBe(bucket.tasksInitiated);
          const dash = get(key, `/api/dashboard/getStats?from=${bucket.periodKey}&to=${bucket.periodKey}&allInOrg=true`);
          expect(row ? row.agent_sessions_count + row.team_sessions_count + row.workflow_sessions_count : 0).toBe(dash.conversationCount);
          expect(dash.messageCount).toBe(bucket.incomingMessages + bucket.outgoingMessages);
          expect(snapshots[i].events).toMatchObject(Object.fromEntries(COUNTS.map((c) => [c, bucket[c]])));
          expect(snapshots[i].activeUsers).toBe(bucket.activeUsers);
        });
        const weeks = get(key, `/analytics/metrics?period=week&startDate=${from}&endDate=${to}`).data;
        const months = get(key, `/analytics/metrics?period=month&startDate=${from}&endDate=${to}`).data;
        const events = get(key, `/analytics/events?startDate=${from}&endDate=${to}&limit=1`).data;
        const assistants = get(key, `/analytics/assistants?startDate=${from}&endDate=${to}`).data;
        const dashboard = get(key, `/api/dashboard/getStats?from=${from}&to=${last}&allInOrg=true`);
        expect(dashboard.messageCount).toBe(sumOf(days, "incomingMessages") + sumOf(days, "outgoingMessages"));
        expect(events.total).toBe(COUNTS.reduce((s, c) => s + sumOf(days, c), 0));
        for (const c of COUNTS) {
          expect(sumOf(weeks, c)).toBe(sumOf(days, c));
          expect(sumOf(months, c)).toBe(sumOf(days, c));
          expect(sumOf(assistants, c)).toBe(sumOf(days, c));
          expect(get(key, `/analytics/events?startDate=${from}&endDate=${to}&eventType=${c}&limit=1`).data.total).toBe(sumOf(days, c));
        }
        for (const a of assistants.slice(0, 3)) {
          const one = get(key, `/analytics/metrics?period=month&startDate=${from}&endDate=${to}&assistant=${a.assistant}`).data;
          for (const c of COUNTS) expect(sumOf(one, c)).toBe(a[c]);
          expect(get(key, `/analytics/events?startDate=${from}&endDate=${to}&assistant=${a.assistant}&limit=1`).data.total).toBe(COUNTS.reduce((s, c) => s + a[c], 0));
        }
        for (const u of get(key, `/analytics/users/top?startDate=${from}&endDate=${to}&limit=5`).data) {
          expect(get(key, `/analytics/events?startDate=${from}&endDate=${to}&user=${u.user}&limit=1`).data.total).toBe(u.total);
        }
      }),
      { numRuns: 8, seed: Number(seed) },
    );
  });
});
