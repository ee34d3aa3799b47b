import type { CalendarUnit, SchemaObject } from "@agent-analytics/contract";

// Dates as the solver handles them: the unit a value names (periods themselves are the contract's
// calendar), and instants written back into a body.

export type { CalendarUnit } from "@agent-analytics/contract";

export function asCalendarUnit(value: unknown): CalendarUnit | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.toLowerCase().replace(/ly$/, "").replace(/^dai$/, "day");
  return (["hour", "day", "week", "month", "year"] as const).find((u) => u === v);
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
