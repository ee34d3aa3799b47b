import { parseDate } from "@agent-analytics/contract";

/** UTC day arithmetic on epoch milliseconds. */
export const DAY_MS = 86_400_000;

export const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
export const ceilDay = (ms: number) => Math.ceil(ms / DAY_MS) * DAY_MS;
export const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isoMs = (ms: number) => new Date(ms).toISOString();

/** Today's UTC midnight. */
export const todayMidnight = (now = Date.now()) => floorDay(now);

/**
 * Splits a half-open instant range into whole UTC days (served from rollups) and the partial
 * edges (served from indexed raw rows). When the range holds no whole day, it is all edge.
 */
export interface RangeSplit {
  /** Whole days `[fullFrom, fullTo)` as `YYYY-MM-DD`; equal when there are none. */
  fullFrom: string;
  fullTo: string;
  /** Edge ranges as ISO instants, half-open; an empty edge has start == end. */
  edges: [string, string, string, string];
}

export function splitRange(start: number, end: number): RangeSplit {
  const a = ceilDay(start);
  const b = floorDay(end);
  if (a >= b) return { fullFrom: dayString(a), fullTo: dayString(a), edges: [isoMs(start), isoMs(end), isoMs(end), isoMs(end)] };
  return { fullFrom: dayString(a), fullTo: dayString(b), edges: [isoMs(start), isoMs(a), isoMs(b), isoMs(end)] };
}

/** A calendar date (`2024-01-01`), as the date-or-date-time parameters accept. */
export const isCalendarDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * Parses a date-or-date-time parameter (a bare date is its UTC midnight) with the contract's parser:
 * years 0001 to 0099 as themselves, a leap second as the next minute's first instant.
 */
export function parseDateParam(value: string): number {
  return parseDate(value);
}

/**
 * The whole ISO weeks (Monday to Monday) inside the whole days `[fullFrom, fullTo)` (`YYYY-MM-DD`),
 * as `[weeksFrom, weeksTo)`; both equal `fullTo` when there is none.
 */
export function wholeWeeks(fullFrom: string, fullTo: string): [string, string] {
  const from = Date.parse(`${fullFrom}T00:00:00Z`);
  const to = Date.parse(`${fullTo}T00:00:00Z`);
  const monday = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS;
  const first = monday(from) === from ? from : monday(from) + 7 * DAY_MS;
  const last = monday(to);
  return first < last ? [dayString(first), dayString(last)] : [fullTo, fullTo];
}
