import { DAY_MS, dayString, floorDay } from "./time.js";

export interface Bucket { key: string; start: number; end: number }

/** Start of the calendar period holding `ms`: its UTC day, ISO week (Monday) or month. */
function periodStart(period: "day" | "week" | "month", ms: number): number {
  const day = floorDay(ms);
  if (period === "day") return day;
  if (period === "week") return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextPeriod(period: "day" | "week" | "month", start: number): number {
  if (period === "day") return start + DAY_MS;
  if (period === "week") return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** `YYYY-MM-DD`, ISO `YYYY-Www` (the ISO week-numbering year), or `YYYY-MM`. */
export function periodKey(period: "day" | "week" | "month", start: number): string {
  if (period === "day") return dayString(start);
  if (period === "month") return dayString(start).slice(0, 7);
  // The ISO year and week of a Monday are those of its Thursday.
  const thursday = new Date(start + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** One bucket per calendar period `[start, end)` touches, each clipped to the range, ascending. */
export function buckets(period: "day" | "week" | "month", start: number, end: number): Bucket[] {
  const out: Bucket[] = [];
  for (let p = periodStart(period, start); p < end; p = nextPeriod(period, p)) {
    out.push({ key: periodKey(period, p), start: Math.max(p, start), end: Math.min(nextPeriod(period, p), end) });
  }
  return out;
}
