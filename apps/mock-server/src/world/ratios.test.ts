import { document } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { World } from "./index.js";
import { MODELS } from "./simulate/cast.js";
import { DAY, HOUR } from "./time.js";

/**
 * The simulated organisation is one someone could run, whatever the seed: ratios within the bounds
 * of a working deployment, rhythms a dashboard would show.
 */
const NOW = Date.UTC(2026, 10, 30);

describe.each(["0", "1", "2", "3", "4", "5"])("the world of seed %s", (seed) => {
  const world = new World({ seed, now: NOW, document });
  const { records, incidents, org } = world.simulation;
  const runs = records.runs;
  const finished = runs.filter((r) => r.status === "completed" || r.status === "failed");
  const outage = incidents.find((i) => i.kind === "outage");
  const inOutage = (r: (typeof runs)[number]) => outage?.kind === "outage" && r.model?.provider === outage.provider && r.startedAt >= outage.from && r.startedAt < outage.to;

  it("fails a few percent of its runs, most during its outage", () => {
    const usual = finished.filter((r) => !inOutage(r));
    const failedShare = usual.filter((r) => r.status === "failed").length / usual.length;
    expect(failedShare).toBeGreaterThan(0.01);
    expect(failedShare).toBeLessThan(0.05);
    const hit = finished.filter(inOutage);
    if (hit.length >= 5) expect(hit.filter((r) => r.status === "failed").length / hit.length).toBeGreaterThan(0.3);
    expect(runs.filter((r) => r.status === "running" || r.status === "queued").length).toBeLessThan(runs.length * 0.01);
    expect(runs.filter((r) => (r.status === "failed") !== (r.error !== null))).toEqual([]);
  });

  it("answers every incoming message, and completes most tasks it starts", () => {
    const incoming = records.messages.filter((m) => m.role === "user").length;
    const outgoing = records.messages.length - incoming;
    expect(outgoing / incoming).toBeGreaterThan(0.995);
    expect(outgoing).toBeLessThanOrEqual(incoming);
    expect(runs.filter((r) => r.status === "completed").length / runs.length).toBeGreaterThan(0.93);
  });

  it("is quieter at weekends and busier as it grows", () => {
    const perDay = new Map<number, number>();
    for (const s of records.sessions) perDay.set(Math.floor(s.createdAt / DAY), (perDay.get(Math.floor(s.createdAt / DAY)) ?? 0) + 1);
    const mean = (days: number[]) => days.reduce((a, d) => a + (perDay.get(d) ?? 0), 0) / days.length;
    const days = [...perDay.keys()].filter((d) => d < NOW / DAY);
    const weekend = days.filter((d) => [0, 6].includes(new Date(d * DAY).getUTCDay()));
    const weekdays = days.filter((d) => !weekend.includes(d));
    expect(mean(weekend)).toBeLessThan(mean(weekdays) * 0.5);
    const first = days.slice(0, 28);
    const last = days.slice(-28);
    expect(mean(last)).toBeGreaterThan(mean(first) * 1.25);
  });

  it("works in working hours: the busiest hour sees several times the quietest", () => {
    const perHour = new Array<number>(24).fill(0);
    for (const s of records.sessions) perHour[Math.floor((s.createdAt % DAY) / HOUR)]!++;
    expect(Math.max(...perHour)).toBeGreaterThan(3 * Math.min(...perHour));
  });

  it("spends tokens in line with each model", () => {
    const perModel = new Map<string, { calls: number; output: number }>();
    for (const r of runs.filter((x) => x.status === "completed" && x.sessionId !== null)) {
      const entry = perModel.get(r.model!.id) ?? { calls: 0, output: 0 };
      entry.calls++;
      entry.output += r.tokens.output;
      perModel.set(r.model!.id, entry);
    }
    const mean = (id: string) => perModel.get(id)!.output / perModel.get(id)!.calls;
    expect(mean(MODELS.opus.id)).toBeGreaterThan(mean(MODELS.haiku.id));
    for (const r of runs) {
      expect(r.tokens.cached).toBeLessThanOrEqual(r.tokens.input);
      if (r.tokens.reasoning > 0) expect(r.model?.id).toBe(MODELS.o4mini.id);
      if (r.tokens.audioInput + r.tokens.audioOutput > 0) expect(r.model?.id).toBe(MODELS.realtime.id);
    }
  });

  it("has agents of every kind at work, users with metadata, feedback mostly helpful", () => {
    const kinds = new Set(records.agents.filter((a) => runs.some((r) => r.agentId === a.id)).map((a) => a.kind));
    expect([...kinds].sort()).toEqual(["agent", "team", "workflow"]);
    expect(records.sessions.some((s) => s.agentId.startsWith("workflow_"))).toBe(true);
    for (const u of records.users) expect(Object.keys(u.metadata)).toEqual(expect.arrayContaining(["name", "email", "plan", "region", "team"]));
    const helpful = records.feedback.filter((f) => f.helpful).length / records.feedback.length;
    expect(helpful).toBeGreaterThan(0.7);
    expect(helpful).toBeLessThan(0.97);
    expect(records.feedback.length / records.sessions.length).toBeGreaterThan(0.1);
    expect(new Set(records.sessions.map((s) => s.userId)).size).toBeGreaterThan(org.members.length * 0.8);
  });

  it("holds nothing at or after now, and users join over the horizon", () => {
    const times = [...records.sessions.map((s) => s.createdAt), ...records.messages.map((m) => m.createdAt), ...runs.map((r) => r.completedAt ?? r.startedAt)];
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(org.members.filter((m) => m.joinedDay >= world.simulation.from / DAY).length).toBeGreaterThan(org.members.length * 0.15);
  });
});
