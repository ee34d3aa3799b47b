import { addPeriods, periodLabel, startOfPeriod } from "@agent-analytics/contract";

export interface Bucket { key: string; start: number; end: number }

/**
 * One bucket per calendar period (UTC day, ISO week, month) that `[start, end)` touches, each
 * clipped to the range, ascending; keyed `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`.
 */
export function buckets(period: "day" | "week" | "month", start: number, end: number): Bucket[] {
  const out: Bucket[] = [];
  for (let p = startOfPeriod(start, period); p < end; p = addPeriods(p, period, 1)) {
    out.push({ key: periodLabel(p, period), start: Math.max(p, start), end: Math.min(addPeriods(p, period, 1), end) });
  }
  return out;
}
