/** Calendar periods in UTC: the units a contract's period enums name (`day`, `week`, `month`...). */
export type CalendarUnit = "hour" | "day" | "week" | "month" | "year";

export const DAY_MS = 86_400_000;

export function asCalendarUnit(value: unknown): CalendarUnit | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.toLowerCase().replace(/ly$/, "").replace(/^dai$/, "day");
  return (["hour", "day", "week", "month", "year"] as const).find((u) => u === v);
}

/** Start of the period containing `ms` (weeks start on Monday, as ISO 8601 has it). */
export function alignToUnit(ms: number, unit: CalendarUnit): number {
  const d = new Date(ms);
  switch (unit) {
    case "hour":
      return Math.floor(ms / 3_600_000) * 3_600_000;
    case "day":
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case "week": {
      const day = Math.floor(ms / DAY_MS);
      return (day - ((day + 3) % 7)) * DAY_MS;
    }
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "year":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

export function addUnits(ms: number, unit: CalendarUnit, n: number): number {
  const d = new Date(ms);
  switch (unit) {
    case "hour":
      return ms + n * 3_600_000;
    case "day":
      return ms + n * DAY_MS;
    case "week":
      return ms + n * 7 * DAY_MS;
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours());
    case "year":
      return Date.UTC(d.getUTCFullYear() + n, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
  }
}

/** The conventional label of a period: `2026-02-22`, `2026-W08`, `2026-02`, `2026`. */
export function periodLabels(ms: number): string[] {
  const iso = new Date(ms).toISOString();
  return [iso.slice(0, 10), isoWeekLabel(ms), iso.slice(0, 7), iso.slice(0, 4), iso.slice(0, 13)];
}

export function labelFor(ms: number, unit: CalendarUnit): string {
  const iso = new Date(ms).toISOString();
  if (unit === "week") return isoWeekLabel(ms);
  if (unit === "month") return iso.slice(0, 7);
  if (unit === "year") return iso.slice(0, 4);
  if (unit === "hour") return iso.slice(0, 13);
  return iso.slice(0, 10);
}

function isoWeekLabel(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const thursday = day - ((day + 3) % 7) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
