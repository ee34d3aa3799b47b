import type { Node } from "@agent-analytics/contract";
import { isCall, mentions, mirrorComparison } from "../expression-tree.js";
import type { Random } from "../generate/random.js";
import { isEpochSecondsName } from "../generate/realism.js";
import { assign, locationsIn, read, sumTerms } from "../locations.js";
import { evalIn, type Location, type SolveScope } from "../solve-context.js";
import { invert } from "./invert.js";
import { enforceListBound } from "./lists.js";

type Op = "<" | "<=" | ">" | ">=";

/** How far apart two related instants or epoch-second stamps are made: up to an hour. */
const HOUR_MS = 3_600_000;

/** What a compared value counts: instants (`date(...)`, ms), epoch seconds, or plain quantities. */
type Magnitude = "ms" | "seconds" | "plain";

function magnitudeOf(node: Node, loc: Location): Magnitude {
  if (mentions(node, isCall("date"))) return "ms";
  return typeof loc.key === "string" && isEpochSecondsName(loc.key) ? "seconds" : "plain";
}

/** `left OP right`, made true by moving the left side (or the right, when only it is writable). */
export function enforceComparison(left: Node, op: Op, right: Node, scope: SolveScope, mirrored = false): void {
  const bound = evalIn(right, scope);
  if (enforceListBound(left, op, bound, scope)) return;
  const terms = sumTerms(left, scope);
  if (terms && terms.length > 1 && typeof bound === "number" && terms.every((t) => !scope.ctx.isPinned(t))) {
    adjustParts(terms, op, bound, scope);
    return;
  }
  const locs = locationsIn(left, scope).filter((l) => !scope.ctx.isPinned(l));
  if (locs.length > 0 && typeof bound === "number") {
    const chosen = locs[0]!;
    invert(left, valueBeyond(scope.ctx.generation.random, bound, op, magnitudeOf(left, chosen)), chosen, scope);
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
  assign(scope.ctx, first, values[0]! + need + scope.ctx.generation.random.int(0, Math.max(0, Math.floor(need * 0.5))));
}

/**
 * `lo <= x && x < hi` on one field: a value drawn inside the range, rather than pushed to one edge
 * by the first conjunct and then past the other by the second. False when the conjunction is not
 * such a range.
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
  return invert(a.subject, valueBetween(scope.ctx.generation.random, from, to, magnitude), la[0]!, scope);
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

/**
 * A value on the right side of a bound, close to it in the way real data is: a completion a few
 * minutes after its start, a part a plausible share of its whole rather than exactly equal.
 */
function valueBeyond(random: Random, bound: number, op: Op, magnitude: Magnitude): number {
  const strict = op === "<" || op === ">";
  if (magnitude !== "plain") {
    const unit = magnitude === "ms" ? 1000 : 1;
    const delta = random.int(strict ? 1 : 0, HOUR_MS / 1000) * unit;
    return op === "<" || op === "<=" ? bound - delta : bound + delta;
  }
  if (op === "<" || op === "<=") {
    const top = strict ? bound - 1 : bound;
    if (top <= 0) return top;
    return random.int(Math.ceil(top * 0.3), top);
  }
  const bottom = strict ? bound + 1 : bound;
  return bottom + random.int(0, Math.max(0, Math.floor(Math.abs(bottom) * 0.2)));
}

/** A value between two bounds; for instants, whole seconds. */
function valueBetween(random: Random, lo: number, hi: number, magnitude: Magnitude): number {
  if (magnitude === "ms") {
    const span = Math.floor((hi - lo) / 1000);
    const v = Math.ceil(lo / 1000) * 1000 + random.int(0, Math.max(0, span - 1)) * 1000;
    return v < hi ? v : lo;
  }
  return random.int(Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi)));
}
