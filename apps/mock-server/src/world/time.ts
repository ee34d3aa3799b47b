import { parseDate } from "@agent-analytics/contract";

/** UTC calendar arithmetic on epoch milliseconds, as docs/semantics.md counts days, weeks and months. */
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const floorDay = (ms: number): number => Math.floor(ms / DAY) * DAY;
export const ceilDay = (ms: number): number => Math.ceil(ms / DAY) * DAY;
export const iso = (ms: number): string => new Date(ms).toISOString();
export const dayString = (ms: number): string => iso(ms).slice(0, 10);

/** A date-or-date-time parameter: a calendar date is its UTC midnight. */
export const instantOf = (value: string): number => parseDate(value);
export const isCalendarDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

export type Period = "day" | "week" | "month";

/** Start of the calendar period holding `ms`: its UTC day, ISO week (Monday) or month. */
export function periodStart(period: Period, ms: number): number {
  const day = floorDay(ms);
  if (period === "day") return day;
  if (period === "week") return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextPeriod(period: Period, start: number): number {
  if (period === "day") return start + DAY;
  if (period === "week") return start + 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** `YYYY-MM-DD`, ISO `YYYY-Www` (the ISO week-numbering year: that of the week's Thursday), or `YYYY-MM`. */
export function periodKey(period: Period, start: number): string {
  if (period === "day") return dayString(start);
  if (period === "month") return dayString(start).slice(0, 7);
  const thursday = new Date(periodStart("week", start) + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export interface Bucket { key: string; start: number; end: number }

/** One bucket per calendar period `[start, end)` touches, each clipped to the range, ascending. */
export function buckets(period: Period, start: number, end: number): Bucket[] {
  const out: Bucket[] = [];
  for (let p = periodStart(period, start); p < end; p = nextPeriod(period, p)) {
    out.push({ key: periodKey(period, p), start: Math.max(p, start), end: Math.min(nextPeriod(period, p), end) });
  }
  return out;
}

/** `a / b` rounded to the nearest integer, halves away from zero, exactly (integers a >= 0, b > 0). */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** `a / b` rounded to 4 decimals, halves away from zero; 0 when b is 0. */
export function rate4(a: number, b: number): number {
  return b === 0 ? 0 : roundDiv(a * 10_000, b) / 10_000;
}
