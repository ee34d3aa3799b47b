/** A range of whole UTC days, both ends included: what every view's figures cover. */
export interface DayRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (included). */
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
export const isDay = (value: string | null | undefined): value is string => !!value && DATE.test(value) && dayOf(Date.parse(`${value}T00:00:00Z`)) === value;

/** Days in the range, both ends counted. */
export const dayCount = (range: DayRange): number => Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;

/** Every day of the range, in order. */
export function daysOf(range: DayRange): string[] {
  return Array.from({ length: Math.max(0, dayCount(range)) }, (_, i) => addDays(range.from, i));
}

/** The `days` full days before `today` (today has not ended, so it is left out). */
export function lastDays(days: number, now: number = Date.now()): DayRange {
  const today = dayOf(now);
  return { from: addDays(today, -days), to: addDays(today, -1) };
}

export const PRESETS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;

/** The range the URL names, or the default one; a reversed or malformed range falls back too. */
export function rangeFrom(params: URLSearchParams, now: number = Date.now()): DayRange {
  const from = params.get("from");
  const to = params.get("to");
  if (isDay(from) && isDay(to) && from <= to) return { from, to };
  return lastDays(DEFAULT_DAYS, now);
}

/** The range as the analytics module's half-open window `[startDate, endDate)`. */
export const analyticsWindow = (range: DayRange) => ({ startDate: range.from, endDate: addDays(range.to, 1) });

/** The range as the dashboard module's inclusive dates (a date `to` covers its whole day). */
export const dashboardWindow = (range: DayRange) => ({ from: range.from, to: range.to });

/** The range as AgentOS's inclusive day bounds. */
export const agentOsWindow = (range: DayRange) => ({ starting_date: range.from, ending_date: range.to });
