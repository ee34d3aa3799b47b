import type { SchemaObject } from "@agent-analytics/contract";

// Dates as the solver handles them: calendar periods in UTC, and instants written back into a body.

/** Calendar periods in UTC: the units a contract's period enums name (`day`, `week`, `month`...). */
export type CalendarUnit = "hour" | "day" | "week" | "month" | "year";

const DAY_MS = 86_400_000;

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

// Compiled `pattern` keywords (a memo of a pure function of the text: a document has few).
const patterns = new Map<string, RegExp>();

/**
 * Epoch milliseconds as the field writes dates: a `date` is `YYYY-MM-DD`, a `date-time` an ISO
 * instant, and a patterned string the first ISO rendering its pattern accepts. A field without
 * either keeps the form of the value it had (`previous`).
 */
export function formatDate(ms: number, schema: SchemaObject | undefined, previous?: unknown): string {
  const iso = new Date(ms).toISOString();
  const candidates = [iso, iso.replace(".000Z", "Z"), iso.slice(0, 19), iso.slice(0, 10)];
  const pattern = findKeyword(schema, "pattern");
  if (typeof pattern === "string") {
    let re = patterns.get(pattern);
    if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
    const fit = candidates.find((c) => re.test(c));
    if (fit) return fit;
  }
  const format = findKeyword(schema, "format");
  if (format === "date") return iso.slice(0, 10);
  if (format === "date-time") return iso;
  if (typeof previous === "string" && /^\d{4}-\d{2}-\d{2}$/.test(previous)) return iso.slice(0, 10);
  return iso;
}

/** A keyword of the schema, or of its first `anyOf`/`oneOf` branch that has it. */
function findKeyword(schema: SchemaObject | undefined, keyword: string): unknown {
  if (!schema) return undefined;
  if (keyword in schema) return schema[keyword];
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  for (const branch of branches ?? []) if (keyword in branch) return branch[keyword];
  return undefined;
}
