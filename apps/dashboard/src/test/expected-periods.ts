import type { DayRange } from "../app/range.js";

// The periods a range touches, worked out here from the calendar (not by the app or the servers),
// so a chart's number of points is checked against an independent count.

function isoWeekKey(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function expectedPeriods(range: DayRange, period: "day" | "week" | "month"): number {
  const keys = new Set<string>();
  for (let t = Date.parse(range.from); t <= Date.parse(range.to); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    keys.add(period === "day" ? day : period === "week" ? isoWeekKey(day) : day.slice(0, 7));
  }
  return keys.size;
}
