import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MockEngine } from "../engine.js";
import { flatten, naiveDashboard, naiveEvents, naiveRuns, naiveWindow, type Flat, type NaiveEvent } from "../test-support/naive-figures.js";
import { ask, overlayBatch } from "../test-support/overlay-batch.js";
import { DAY, iso } from "./time.js";

/**
 * Every figure the world serves equals docs/semantics.md computed by scanning the records, for
 * windows cut anywhere (partial days at both ends), every filter, and an organisation whose own
 * records fall into the world's days: the rollups, the edge scans and the merging of the layers
 * must all be exact.
 */
const NOW = Date.UTC(2026, 2, 1, 9, 30);
const KEY = "figures-key";

describe.each(["0", "7", "figures"])("seed %s", (seed) => {
  let engine: MockEngine;
  let flat: Flat;
  let events: NaiveEvent[];
  let agents: string[];
  let users: string[];

  beforeAll(() => {
    engine = new MockEngine({ seed, now: NOW, worldDays: 30, worldScale: 0.5 });
    const batch = overlayBatch(engine, seed);
    expect(ask(engine, "/ingest/batch", KEY, { method: "POST", body: batch }).status).toBe(200);
    const org = engine.world.organisations.of(KEY);
    flat = flatten(org.view);
    events = naiveEvents(flat);
    agents = [...new Set(flat.runs.map((r) => r.agentId))];
    users = flat.users.map((u) => u.id);
  });

  const from = () => engine.world.simulation.from - 2 * DAY;
  const window = () =>
    fc.tuple(fc.integer({ min: 0, max: 34 * DAY }), fc.integer({ min: 1, max: 20 * DAY })).map(([offset, length]) => [from() + offset, from() + offset + length] as const);
  // Absent half the time: the unfiltered reads are the common ones.
  const maybe = (list: () => string[]) => fc.option(fc.oneof(fc.constant("nobody"), fc.nat().map((n) => list()[n % list().length]!)), { nil: undefined, freq: 1 });
  const q = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(Object.entries(params).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]))).toString();

  it("analytics: event pages, metrics buckets, assistants and top users equal the scan", () => {
    fc.assert(
      fc.property(window(), maybe(() => agents), maybe(() => users), fc.constantFrom(undefined, "incomingMessages", "tasksCompleted"), fc.nat(300), (w, assistant, user, eventType, skip) => {
        const [start, end] = w;
        const naive = naiveWindow(events, start, end, assistant, user);
        const typed = naive.events.filter((e) => eventType === undefined || e.eventType === eventType);
        const page = ask(engine, `/analytics/events?${q({ startDate: iso(start), endDate: iso(end), assistant, user, eventType, limit: 100, skip })}`, KEY).json.data;
        expect(page.total).toBe(typed.length);
        expect(page.events).toEqual(typed.slice(skip, skip + 100).map((e) => ({ id: e.id, eventType: e.eventType, assistant: e.assistant, user: e.user, timestamp: iso(e.at) })));

        for (const bucket of ask(engine, `/analytics/metrics?${q({ period: "day", startDate: iso(start), endDate: iso(end), assistant })}`, KEY).json.data) {
          const n = naiveWindow(events, Date.parse(bucket.startDate), Date.parse(bucket.endDate), assistant);
          expect(bucket).toMatchObject({ activeUsers: n.activeUsers, incomingMessages: n.incomingMessages, outgoingMessages: n.outgoingMessages, tasksInitiated: n.tasksInitiated, tasksCompleted: n.tasksCompleted });
        }

        const all = naiveWindow(events, start, end);
        const byAgent = [...new Set(all.events.map((e) => e.assistant))].filter((a) => assistant === undefined || a === assistant);
        const assistants = ask(engine, `/analytics/assistants?${q({ startDate: iso(start), endDate: iso(end), assistant })}`, KEY).json.data;
        expect(new Set(assistants.map((a: { assistant: string }) => a.assistant))).toEqual(new Set(byAgent));
        for (const a of assistants) expect(a).toMatchObject(pick(naiveWindow(events, start, end, a.assistant)));

        const top = ask(engine, `/analytics/users/top?${q({ startDate: iso(start), endDate: iso(end), assistant, limit: 100 })}`, KEY).json.data;
        const ranked = [...new Set(naiveWindow(events, start, end, assistant).events.map((e) => e.user).filter((u) => u !== null))] as string[];
        expect(top.length).toBe(Math.min(100, ranked.length));
        for (const u of top) {
          const n = naiveWindow(events, start, end, assistant, u.user);
          expect(u.total).toBe(n.incomingMessages + n.outgoingMessages + n.tasksInitiated + n.tasksCompleted);
        }
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  it("dashboard: every scope and range equals the scan", () => {
    const metadata = fc.option(
      fc.constantFrom<[string | undefined, string | undefined]>(["plan", "pro"], ["plan", undefined], [undefined, "eu"], ["cohort", undefined], ["region", "mars"]),
      { nil: undefined, freq: 1 },
    );
    fc.assert(
      fc.property(window(), fc.boolean(), maybe(() => agents), maybe(() => users), metadata, (w, allInOrg, agentId, userId, meta) => {
        const [start, end] = w;
        const [metadataKey, metadataValue] = meta ?? [undefined, undefined];
        const caller = engine.world.callerOf(KEY).userId;
        const got = ask(engine, `/api/dashboard/getStats?${q({ from: iso(start), to: iso(end - 1), allInOrg: String(allInOrg), agentId, userId, metadataKey, metadataValue })}`, KEY);
        expect(got.status).toBe(200);
        expect(got.json).toEqual(naiveDashboard(flat, { start, end, own: allInOrg ? undefined : caller, agentId, userId, metadataKey, metadataValue }));
      }),
      { numRuns: 80, seed: 13 },
    );
  });

  it("agents: every page of every agent's runs, and its stats, equal the scan", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(undefined, "completed", "failed", "running", "queued"), fc.integer({ min: 1, max: 100 }), fc.nat(400), (n, status, limit, offset) => {
        const agentId = agents[n % agents.length]!;
        const runs = naiveRuns(flat, agentId, status);
        const got = ask(engine, `/agents/${agentId}/runs?${q({ limit, offset, status })}`, KEY).json.data;
        expect(got.total).toBe(runs.length);
        expect(got.runs.map((r: { id: string }) => r.id)).toEqual(runs.slice(offset, offset + limit).map((r) => r.id));
        const stats = ask(engine, `/agents/${agentId}/stats`, KEY).json.data;
        const all = naiveRuns(flat, agentId);
        const finished = all.filter((r) => r.status === "completed" || r.status === "failed");
        const duration = finished.reduce((s, r) => s + r.completedAt! - r.startedAt, 0);
        expect(stats).toEqual({
          agentId,
          totalRuns: all.length,
          successfulRuns: all.filter((r) => r.status === "completed").length,
          failedRuns: all.filter((r) => r.status === "failed").length,
          totalPostsGenerated: all.reduce((s, r) => s + r.postsGenerated, 0),
          totalPostsPublished: all.reduce((s, r) => s + r.postsPublished, 0),
          averageRunDurationMs: finished.length ? Math.floor((2 * duration + finished.length) / (2 * finished.length)) : 0,
        });
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});

function pick(n: ReturnType<typeof naiveWindow>) {
  const { incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, activeUsers } = n;
  return { incomingMessages, outgoingMessages, tasksInitiated, tasksCompleted, activeUsers };
}
