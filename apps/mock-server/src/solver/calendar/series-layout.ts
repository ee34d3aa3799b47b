import { addPeriods, periodLabel, startOfPeriod, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";
import { itemName, resolveSchema, schemaAt, schemaOfValue } from "../generate/schema-tools.js";
import { generateValue } from "../generate/value.js";
import { locate, read } from "../locations.js";
import { evalIn, type SolveScope } from "../solve-context.js";
import { asCalendarUnit, formatDate, type CalendarUnit } from "./dates.js";
import type { SeriesPlan } from "./series-plan.js";

/** Periods shown when the request names no range: the week up to the mock's clock. */
const DEFAULT_PERIODS = 7;
const MAX_PERIODS = 1000;

function asMs(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function safeEval(scope: SolveScope, node: SeriesPlan["lower"]): unknown {
  if (!node) return undefined;
  try {
    return evalIn(node, scope);
  } catch {
    return undefined;
  }
}

/**
 * Lays out the list as consecutive calendar periods over the requested range (see SeriesPlan):
 * one freshly drawn row per period, its date fields set to the period and pinned, so the
 * repair rounds adapt the other fields around them.
 */
export function layOutSeries(plan: SeriesPlan, scope: SolveScope): void {
  const loc = locate(plan.list, scope);
  if (!loc) return;
  const items = read(loc);
  const listSchema = Array.isArray(items) ? schemaOfValue(items) : undefined;
  if (!Array.isArray(items) || !listSchema?.items) return;
  const { generation } = scope.ctx;
  const itemSchema = resolveSchema(generation.doc, listSchema.items);
  const element = itemName(listSchema.items, String(loc.key));
  const unit = plan.unitCandidates.map((n) => asCalendarUnit(safeEval(scope, n))).find(Boolean) ?? "day";

  let lo = asMs(safeEval(scope, plan.lower));
  let hi = asMs(safeEval(scope, plan.upper));
  if (hi !== undefined && plan.upperInclusive) hi += 1;
  if (lo === undefined && hi === undefined) hi = startOfPeriod(generation.clock.to, "day");
  if (lo === undefined) lo = addPeriods(startOfPeriod(hi! - 1, unit), unit, -(DEFAULT_PERIODS - 1));
  if (hi === undefined) hi = addPeriods(startOfPeriod(lo, unit), unit, DEFAULT_PERIODS);

  const max = Math.min((listSchema.maxItems as number | undefined) ?? MAX_PERIODS, MAX_PERIODS);
  const periods: { start: number; end: number }[] = [];
  let start = startOfPeriod(lo, unit);
  if (start < lo) start = plan.clipStart ? lo : addPeriods(start, unit, 1);
  while (start < hi && periods.length < max) {
    const next = addPeriods(startOfPeriod(start, unit), unit, 1);
    periods.push({ start, end: plan.clipEnd ? Math.min(next, hi) : next });
    start = next;
  }

  items.length = 0;
  scope.ctx.touch(items);
  for (const period of periods) {
    // A row's own timestamps fall within its period.
    const clock = { from: period.start, to: Math.max(period.end, period.start + 1) };
    const item = generateValue({ ...generation, clock }, itemSchema, element, element) as Record<string, unknown>;
    placePeriod(scope, item, itemSchema, plan, period, unit);
    items.push(item);
  }
}

function placePeriod(
  scope: SolveScope,
  item: Record<string, unknown>,
  itemSchema: SchemaObject,
  plan: SeriesPlan,
  period: { start: number; end: number },
  unit: CalendarUnit,
): void {
  const { doc } = scope.ctx.generation;
  const set = (field: string, value: unknown) => {
    item[field] = value;
    scope.ctx.pin({ container: item, key: field });
  };
  set(plan.startField, formatDate(period.start, schemaAt(doc, item, plan.startField), item[plan.startField]));
  const endField = plan.endField ?? Object.keys(item).find((k) => /^end|End/.test(k) && k !== plan.startField);
  if (endField && typeof item[endField] === "string") set(endField, formatDate(period.end, schemaAt(doc, item, endField)));
  // A label field (`periodKey: 2026-W08`) gets the period's conventional label when its pattern admits it.
  const label = periodLabel(period.start, unit);
  for (const { name, pattern } of patternedFields(doc, itemSchema)) {
    if (name === plan.startField || name === endField) continue;
    if (pattern.test(label)) set(name, label);
  }
}

// A memo of a pure function of the item schema object.
const patterned = new WeakMap<SchemaObject, { name: string; pattern: RegExp }[]>();

/** The item schema's string fields with a `pattern`, compiled once per schema. */
function patternedFields(doc: OpenApiDocument, itemSchema: SchemaObject): { name: string; pattern: RegExp }[] {
  let found = patterned.get(itemSchema);
  if (!found) {
    found = [];
    const properties = (itemSchema.properties ?? {}) as Record<string, unknown>;
    for (const [name, sub] of Object.entries(properties)) {
      const schema = resolveSchema(doc, sub);
      if (typeof schema.pattern === "string") found.push({ name, pattern: new RegExp(schema.pattern) });
    }
    patterned.set(itemSchema, found);
  }
  return found;
}
