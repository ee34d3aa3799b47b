import type { Node } from "@agent-analytics/contract";
import { isEpochSecondsName } from "../generate/realism.js";
import { schemaAt } from "../generate/schema-tools.js";
import { isCall, listView, mentions, mirrorComparison } from "./ast-tools.js";
import { assign } from "./assign.js";
import { valueBetween, valueBeyond, type Magnitude } from "./choose.js";
import { invert } from "./invert.js";
import { elementScope, listAt, resize } from "./list-ops.js";
import { evalIn, isPinned, locate, locationsIn, read, sumTerms, touch, type Location, type SolveScope } from "./scope.js";

type Op = "<" | "<=" | ">" | ">=";

function magnitudeOf(node: Node, loc: Location): Magnitude {
  if (mentions(node, isCall("date"))) return "ms";
  return typeof loc.key === "string" && isEpochSecondsName(loc.key) ? "seconds" : "plain";
}

/** `left OP right`, made true by moving the left side (or the right, when only it is writable). */
export function enforceComparison(left: Node, op: Op, right: Node, scope: SolveScope, mirrored = false): void {
  const bound = evalIn(right, scope);
  if (left.kind === "call" && left.name === "len" && typeof bound === "number") {
    const list = listAt(left.args[0]!, scope);
    const target = op === "<" ? bound - 1 : op === ">" ? bound + 1 : bound;
    if (list && (op === "<" || op === "<=" ? list.items.length > target : list.items.length < target)) resize(scope, list.items, target, String(list.loc.key));
    return;
  }
  if (left.kind === "call" && left.name === "sum" && (op === "<" || op === "<=") && typeof bound === "number") {
    shrinkSum(left, op === "<" ? bound - 1 : bound, scope);
    return;
  }
  const terms = sumTerms(left, scope);
  if (terms && terms.length > 1 && typeof bound === "number" && terms.every((t) => !isPinned(scope.ctx, t))) {
    adjustParts(terms, op, bound, scope);
    return;
  }
  const locs = locationsIn(left, scope).filter((l) => !isPinned(scope.ctx, l));
  if (locs.length > 0 && typeof bound === "number") {
    const chosen = locs[0]!;
    invert(left, valueBeyond(scope.ctx.gen.random, bound, op, magnitudeOf(left, chosen)), chosen, scope);
    return;
  }
  if (!mirrored) enforceComparison(right, mirrorComparison(op), left, scope, true);
}

/** Parts that must stay under (or reach) a whole: scaled down together, or the first raised. */
function adjustParts(terms: Location[], op: Op, bound: number, scope: SolveScope): void {
  const values = terms.map((t) => Number(read(t)) || 0);
  const current = values.reduce((a, b) => a + b, 0);
  if (op === "<" || op === "<=") {
    const limit = op === "<" ? bound - 1 : bound;
    if (limit < 0) return;
    const factor = current > 0 ? limit / current : 0;
    terms.forEach((t, i) => assign(scope.ctx, t, Math.floor(values[i]! * factor)));
    return;
  }
  const need = (op === ">" ? bound + 1 : bound) - current;
  const first = terms[0]!;
  assign(scope.ctx, first, values[0]! + need + scope.ctx.gen.random.int(0, Math.max(0, Math.floor(need * 0.5))));
}

/** `sum(xs[*].n) <= whole`: scale the summands down, keep each at its minimum, drop what still does not fit. */
function shrinkSum(call: Extract<Node, { kind: "call" }>, limit: number, scope: SolveScope): void {
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
    const schema = schemaAt(scope.ctx.gen.doc, s.loc.container, s.loc.key);
    const min = (schema?.minimum as number | undefined) ?? 0;
    const value = Math.max(min, Math.floor(s.value * factor));
    assign(scope.ctx, s.loc, value);
    total += value;
  });
  while (total > limit && list.items.length > 0) {
    const last = summands.pop();
    list.items.pop();
    touch(list.items);
    total -= last ? Math.max(0, Number(last.loc ? read(last.loc) : 0)) : 0;
  }
}

/**
 * `lo <= x && x < hi` on one field: a value drawn inside the range, rather than pushed to one edge
 * by the first conjunct and then past the other by the second.
 */
export function enforceRange(left: Node, right: Node, scope: SolveScope): boolean {
  if (left.kind !== "binary" || right.kind !== "binary") return false;
  const a = comparison(left);
  const b = comparison(right);
  if (!a || !b) return false;
  const la = locationsIn(a.subject, scope);
  const lb = locationsIn(b.subject, scope);
  if (la.length !== 1 || lb.length !== 1 || la[0]!.container !== lb[0]!.container || la[0]!.key !== lb[0]!.key) return false;
  if (locationsIn(a.bound, scope).length || locationsIn(b.bound, scope).length) return false;
  const [lower, upper] = a.op.startsWith(">") ? [a, b] : [b, a];
  if (!lower.op.startsWith(">") || !upper.op.startsWith("<")) return false;
  const lo = evalIn(lower.bound, scope);
  const hi = evalIn(upper.bound, scope);
  if (typeof lo !== "number" || typeof hi !== "number" || hi < lo) return false;
  const magnitude = magnitudeOf(a.subject, la[0]!);
  const step = magnitude === "ms" ? 1000 : 1;
  const from = lower.op === ">" ? lo + step : lo;
  const to = upper.op === "<" ? hi : hi + step;
  if (to <= from) return false;
  return invert(a.subject, valueBetween(scope.ctx.gen.random, from, to, magnitude), la[0]!, scope);
}

/** A comparison read as `subject OP bound`, with the writable side as subject. */
function comparison(node: Extract<Node, { kind: "binary" }>): { subject: Node; op: Op; bound: Node } | undefined {
  if (!["<", "<=", ">", ">="].includes(node.operator)) return undefined;
  const op = node.operator as Op;
  const leftIsBound = node.left.kind === "call" && node.left.name === "date" && isRequestPath(node.left.args[0]);
  return leftIsBound ? { subject: node.right, op: mirrorComparison(op), bound: node.left } : { subject: node.left, op, bound: node.right };
}

function isRequestPath(node: Node | undefined): boolean {
  while (node && (node.kind === "member" || node.kind === "index")) node = node.object;
  return node?.kind === "identifier" && ["query", "path", "requestBody", "headers"].includes(node.name);
}
