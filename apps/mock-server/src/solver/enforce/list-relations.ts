import type { Node, Value } from "@agent-analytics/contract";
import { listView } from "../expression-tree.js";
import { schemaAt } from "../generate/schema-tools.js";
import { assign, locate, locationsIn, read } from "../locations.js";
import { evalIn, type SolveScope } from "../solve-context.js";
import { invert } from "./invert.js";
import { dedupe, elementScope, extremeIndex, listAt, resize, sortBy } from "./list-edits.js";

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
