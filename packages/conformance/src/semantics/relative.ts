import { differences } from "../compare.js";
import { describeResponse, Skip, type Verdict } from "../requirement.js";
import { AnalyticsOracle } from "./oracle-analytics.js";
import { RELATIVE_READS, relativeKey } from "./prepare.js";
import { rate4 } from "./rounding.js";
import type { RelativeReads, Semantics } from "./state.js";

const DAY = 86_400_000;
const DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };
const COUNTS = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted", "total"] as const;

interface WindowBody {
  startDate: string;
  endDate: string;
  activeUsers: number;
  events: Record<string, number>;
  completionRate?: number;
}

/**
 * Windows ending at today's midnight hold whatever the organisation already had, so the kit
 * checks the difference its recent records made: after - before equals the oracle over them.
 * `expectedDelta` is the oracle; with `reads` of another key the expected difference is zero.
 */
export function relativeDeltas(sem: Semantics, operationId: string, v: Verdict, reads: RelativeReads | undefined = sem.relative, zero = false): void {
  if (!reads) throw new Skip("the relative windows were not read");
  if (reads.todayBefore !== reads.todayAfter) throw new Skip("the UTC day changed between the reads before and after loading the recent records");
  const oracle = new AnalyticsOracle(zero ? { ...sem.recentRecords, sessions: [], runs: [], messages: [] } : sem.recentRecords);
  const end = reads.todayAfter;
  for (const [id, query] of RELATIVE_READS) {
    if (id !== operationId) continue;
    const key = relativeKey(id, query);
    const before = reads.before.get(key)!;
    const after = reads.after.get(key)!;
    if (!v.check(before.response?.status === 200, before, `answered ${describeResponse(before)}`, "200")) continue;
    if (!v.check(after.response?.status === 200, after, `answered ${describeResponse(after)}`, "200")) continue;
    const days = query.period ? DAYS[query.period]! : Number(query.window);
    const expected = oracle.window(end - days * DAY, end);
    const b = (before.response!.body as { data: WindowBody }).data;
    const a = (after.response!.body as { data: WindowBody }).data;
    const diffs: string[] = [];
    diffs.push(...differences({ startDate: new Date(end - days * DAY).toISOString(), endDate: new Date(end).toISOString() }, { startDate: a.startDate, endDate: a.endDate }));
    for (const name of COUNTS) {
      const delta = (a.events?.[name] ?? NaN) - (b.events?.[name] ?? NaN);
      if (delta !== expected[name]) diffs.push(`events.${name} grew by ${delta}, expected ${expected[name]}`);
    }
    const users = a.activeUsers - b.activeUsers;
    if (users !== expected.activeUsers) diffs.push(`activeUsers grew by ${users}, expected ${expected.activeUsers}`);
    // A rate is not additive, but it is tasksCompleted / tasksInitiated of the same window.
    if (!zero && a.completionRate !== undefined && a.completionRate !== rate4(a.events?.tasksCompleted ?? NaN, a.events?.tasksInitiated ?? NaN)) {
      diffs.push(`completionRate is ${a.completionRate}, expected tasksCompleted / tasksInitiated = ${rate4(a.events?.tasksCompleted ?? NaN, a.events?.tasksInitiated ?? NaN)}`);
    }
    if (zero && a.completionRate !== b.completionRate) diffs.push(`completionRate changed from ${b.completionRate} to ${a.completionRate}`);
    if (diffs.length) v.fail(after, `${key}: ${diffs.join("; ")}`, zero ? "no change from another organisation's records" : "the difference made by the recent records");
  }
}
