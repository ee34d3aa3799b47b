/**
 * A per-day series over every day of a range: AgentOS returns rows only for days with activity,
 * and a day without a row had none, so it is a zero, not a gap. `dateOf` gives a row's day.
 */
export function fillDays<Row>(days: string[], rows: readonly Row[], dateOf: (row: Row) => string): (Row | undefined)[] {
  const byDay = new Map(rows.map((row) => [dateOf(row).slice(0, 10), row]));
  return days.map((day) => byDay.get(day));
}
