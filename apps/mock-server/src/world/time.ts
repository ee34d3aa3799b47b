import { DAY_MS, HOUR_MS, parseDate } from "@agent-analytics/contract";

/**
 * UTC day arithmetic on epoch milliseconds, as the world counts its days. Weeks, months and their
 * labels are the contract's calendar (`periodBuckets`, `isoWeekKey`).
 */
export const DAY = DAY_MS;
export const HOUR = HOUR_MS;
export const MINUTE = 60_000;

export const floorDay = (ms: number): number => Math.floor(ms / DAY) * DAY;
export const ceilDay = (ms: number): number => Math.ceil(ms / DAY) * DAY;
export const iso = (ms: number): string => new Date(ms).toISOString();
export const dayString = (ms: number): string => iso(ms).slice(0, 10);

/** A date-or-date-time parameter: a calendar date is its UTC midnight. */
export const instantOf = (value: string): number => parseDate(value);
export const isCalendarDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);
