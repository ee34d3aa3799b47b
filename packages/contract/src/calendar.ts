// Calendar periods in UTC, as docs/semantics.md counts them: days, ISO weeks (Monday first, in the
// ISO week-numbering year) and months. Instants are epoch milliseconds.

/** The units the contract's period parameters and series name. */
export type CalendarUnit = "hour" | "day" | "week" | "month" | "year";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * `Date.UTC` for every year, 0 to 99 included: `Date.UTC` reads those as 1900 to 1999, so a date in
 * the first century would silently move by 1,900 years. Later fields overflow as in `Date.UTC`
 * (month 12 is January of the next year, second 60 the next minute's first).
 */
export function utcMs(year: number, month: number, day = 1, hours = 0, minutes = 0, seconds = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

/** Start of the period containing `ms`. */
export function startOfPeriod(ms: number, unit: CalendarUnit): number {
  switch (unit) {
    case "hour":
      return Math.floor(ms / HOUR_MS) * HOUR_MS;
    case "day":
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case "week": {
      const day = Math.floor(ms / DAY_MS);
      return (day - weekday(day)) * DAY_MS;
    }
    case "month": {
      const d = new Date(ms);
      return utcMs(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case "year":
      return utcMs(new Date(ms).getUTCFullYear(), 0, 1);
  }
}

/** `ms` moved by `n` periods (months and years keep the day of the month and the time of day). */
export function addPeriods(ms: number, unit: CalendarUnit, n: number): number {
  switch (unit) {
    case "hour":
      return ms + n * HOUR_MS;
    case "day":
      return ms + n * DAY_MS;
    case "week":
      return ms + n * 7 * DAY_MS;
    case "month":
    case "year": {
      const d = new Date(ms);
      const months = unit === "month" ? n : 12 * n;
      return utcMs(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
    }
  }
}

/** The label of the period containing `ms`: `2026-02-22T08`, `2026-02-22`, `2026-W09`, `2026-02`, `2026`. */
export function periodLabel(ms: number, unit: CalendarUnit): string {
  if (unit === "week") return isoWeekKey(ms);
  const iso = new Date(ms).toISOString();
  const length = { hour: 13, day: 10, month: 7, year: 4 }[unit];
  return iso.slice(0, length);
}

/** One period of a range: its label, and its part of the range `[start, end)`. */
export interface PeriodBucket {
  key: string;
  start: number;
  end: number;
}

/**
 * One bucket per period that `[start, end)` touches, each clipped to the range, ascending, keyed by
 * its label (`2026-02-22`, `2026-W09`, `2026-02`): the buckets of a series over a range.
 */
export function periodBuckets(unit: CalendarUnit, start: number, end: number): PeriodBucket[] {
  const out: PeriodBucket[] = [];
  for (let p = startOfPeriod(start, unit); p < end; p = addPeriods(p, unit, 1)) {
    out.push({ key: periodLabel(p, unit), start: Math.max(p, start), end: Math.min(addPeriods(p, unit, 1), end) });
  }
  return out;
}

/** The ISO week (`2026-W09`) containing `ms`, with the ISO week-numbering year: that of its Thursday. */
export function isoWeekKey(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const thursday = day - weekday(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday * DAY_MS - utcMs(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** Monday 0 ... Sunday 6, for a day counted from the epoch (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
