import type { Node, Value } from "@agent-analytics/contract";
import { listView, type ListView } from "../expression-tree.js";
import { itemName, resolveSchema, schemaAt, schemaOfValue } from "../generate/schema-tools.js";
import { generateValue } from "../generate/value.js";
import { assign, locate, locationsIn, read } from "../locations.js";
import { bind, evalIn, type Location, type SolveScope } from "../solve-context.js";
import { invert } from "./invert.js";

// A list as a whole: the relations about one (length, uniqueness, extremes, order, sums), and the
// edits that make them hold.

type Call = Extract<Node, { kind: "call" }>;
type Op = "<" | "<=" | ">" | ">=";

/**
 * `len(xs) == n`, `distinct(xs[*].k) == len(xs)`, `min(xs[*].t) == query.from`: equalities about a
 * list as a whole, made true by resizing, de-duplicating, or moving the extreme element. False
 * when neither side is such a measure of a list in the body.
 */
export function enforceListEquality(left: Node, right: Node, scope: SolveScope): boolean {
  for (const [a, b] of [
    [left, right],
    [right, left],
  ] as const) {
    if (a.kind !== "call") continue;
    if (a.name === "len" && b.kind === "call" && b.name === "distinct") {
      enforceDistinct(b, scope);
      return true;
    }
    if (a.name === "len" && listAt(a.args[0]!, scope)) {
      enforceLength(a, b, scope);
      return true;
    }
    // `min(xs[*].start) == query.from` moves the extreme element; `x == max(xs[*].n)` derives x instead.
    if ((a.name === "min" || a.name === "max") && a.args.length === 1 && locationsIn(b, scope).length === 0) {
      enforceExtreme(a, b, scope);
      return true;
    }
  }
  return false;
}

function enforceLength(lenCall: Call, other: Node, scope: SolveScope): void {
  const list = listAt(lenCall.args[0]!, scope);
  const target = evalIn(other, scope);
  if (list && typeof target === "number") resize(scope, list.items, target, String(list.loc.key));
}

function enforceDistinct(call: Node, scope: SolveScope): void {
  const view = listView(call);
  const list = view && listAt(view.list, scope);
  if (view && list) dedupe(view, scope, list.items);
}

function enforceExtreme(call: Call, other: Node, scope: SolveScope): void {
  const view = listView(call.args[0]!);
  const list = view && listAt(view.list, scope);
  const target = evalIn(other, scope);
  if (!view || !list || target === null) return;
  const index = extremeIndex(view, scope, list.items, call.name as "min" | "max");
  if (index < 0) return;
  const inner = elementScope(view, scope, list.items, index);
  const chosen = locationsIn(view.item, inner)[0];
  if (chosen) invert(view.item, target, chosen, inner);
}

/** `sorted(xs[*].k, "asc")`: the list sorted in place. */
export function enforceSorted(call: Call, scope: SolveScope): void {
  if (call.args.length !== 2) return;
  const view = listView(call.args[0]!);
  const order = evalIn(call.args[1]!, scope);
  const list = view && listAt(view.list, scope);
  if (list && (order === "asc" || order === "desc")) sortBy(view, scope, list.items, order);
}

/**
 * `len(xs) <= query.limit`, `sum(xs[*].n) <= whole`: a bound on a list as a whole, made true by
 * resizing it or shrinking its summands. False when the left side is no such measure.
 */
export function enforceListBound(left: Node, op: Op, bound: Value, scope: SolveScope): boolean {
  if (left.kind !== "call" || typeof bound !== "number") return false;
  if (left.name === "len") {
    const list = listAt(left.args[0]!, scope);
    const target = op === "<" ? bound - 1 : op === ">" ? bound + 1 : bound;
    if (list && (op === "<" || op === "<=" ? list.items.length > target : list.items.length < target)) resize(scope, list.items, target, String(list.loc.key));
    return true;
  }
  if (left.name === "sum" && (op === "<" || op === "<=")) {
    shrinkSum(left, op === "<" ? bound - 1 : bound, scope);
    return true;
  }
  return false;
}

/** `sum(xs[*].n) <= whole`: scale the summands down, keep each at its minimum, drop what still does not fit. */
function shrinkSum(call: Call, limit: number, scope: SolveScope): void {
  const view = listView(call);
  const list = view && listAt(view.list, scope);
  if (!view || !list || limit < 0) return;
  const summands = list.items.map((_, i) => {
    const inner = elementScope(view, scope, list.items, i);
    return { loc: locate(view.item, inner), value: Number(evalIn(view.item, inner)) || 0 };
  });
  const current = summands.reduce((a, s) => a + s.value, 0);
  if (current <= limit) return;
  const factor = limit / current;
  let total = 0;
  summands.forEach((s) => {
    if (!s.loc) return;
    const schema = schemaAt(scope.ctx.generation.doc, s.loc.container, s.loc.key);
    const min = (schema?.minimum as number | undefined) ?? 0;
    const value = Math.max(min, Math.floor(s.value * factor));
    assign(scope.ctx, s.loc, value);
    total += value;
  });
  while (total > limit && list.items.length > 0) {
    const last = summands.pop();
    list.items.pop();
    scope.ctx.touch(list.items);
    total -= last ? Math.max(0, Number(last.loc ? read(last.loc) : 0)) : 0;
  }
}

// The edits: how a list in the body is found, grown, cut, sorted and de-duplicated.

/** The list an expression designates, with where it lives, when it is part of the body. */
export function listAt(node: Node, scope: SolveScope): { loc: Location; items: unknown[] } | undefined {
  const loc = locate(node, scope);
  const items = loc && read(loc);
  return loc && Array.isArray(items) ? { loc, items } : undefined;
}

/** A scope in which the view's parameter is the element at `index` (writable in place). */
export function elementScope(view: ListView, scope: SolveScope, items: unknown[], index: number): SolveScope {
  return bind(scope, view.param, items[index], { container: items, key: index });
}

/** What an element contributes under a list view (its sort key, identity, or summand). */
function keyOf(view: ListView, scope: SolveScope, items: unknown[], index: number): Value {
  try {
    return evalIn(view.item, elementScope(view, scope, items, index));
  } catch {
    return null;
  }
}

/** Grows a list with fresh elements generated from its item schema, or cuts it, to `length`. */
export function resize(scope: SolveScope, items: unknown[], length: number, name?: string): void {
  const schema = schemaOfValue(items);
  const max = (schema?.maxItems as number | undefined) ?? 1000;
  const wanted = Math.max(0, Math.min(Math.floor(length), max));
  scope.ctx.touch(items);
  if (items.length > wanted) items.length = wanted;
  else if (schema?.items) {
    const { generation } = scope.ctx;
    const itemSchema = resolveSchema(generation.doc, schema.items);
    const element = itemName(schema.items, name ?? "");
    while (items.length < wanted) items.push(generateValue(generation, itemSchema, element, element));
  }
}

/** Sorts in place by the view's key; nulls last. */
export function sortBy(view: ListView, scope: SolveScope, items: unknown[], order: "asc" | "desc"): void {
  scope.ctx.touch(items);
  const keyed = items.map((item, i) => ({ item, key: keyOf(view, scope, items, i) }));
  const sign = order === "asc" ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === b.key) return 0;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return (a.key! < b.key! ? -1 : 1) * sign;
  });
  keyed.forEach((k, i) => (items[i] = k.item));
}

/** Drops later elements whose key repeats an earlier one. */
export function dedupe(view: ListView, scope: SolveScope, items: unknown[]): void {
  scope.ctx.touch(items);
  const seen = new Set<string>();
  const kept = items.filter((_, i) => {
    const key = JSON.stringify(keyOf(view, scope, items, i));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  items.length = 0;
  items.push(...kept);
}

/** Index of the element whose key is least (`min`) or greatest (`max`). */
export function extremeIndex(view: ListView, scope: SolveScope, items: unknown[], which: "min" | "max"): number {
  let best = -1;
  let bestKey: number | undefined;
  items.forEach((_, i) => {
    const key = keyOf(view, scope, items, i);
    if (typeof key !== "number") return;
    if (bestKey === undefined || (which === "min" ? key < bestKey : key > bestKey)) {
      best = i;
      bestKey = key;
    }
  });
  return best;
}
