import type { Node } from "@agent-analytics/contract";
import { generateValue } from "../generate/value-generator.js";
import { nonNullBranches, schemaAt } from "../generate/schema-tools.js";
import { listView } from "./ast-tools.js";
import { assign } from "./assign.js";
import { enforce } from "./enforce.js";
import { invert } from "./invert.js";
import { dedupe, elementScope, extremeIndex, listAt, resize } from "./list-ops.js";
import { evalIn, isPinned, locate, locationsIn, pin, sameLocation, sumTerms, write, type Location, type SolveScope } from "./scope.js";

const BOOLEAN_OPERATORS = new Set(["==", "!=", "<", "<=", ">", ">=", "&&", "||"]);

function isBooleanValued(node: Node): boolean {
  if (node.kind === "binary") return BOOLEAN_OPERATORS.has(node.operator);
  if (node.kind === "unary") return node.operator === "!";
  if (node.kind === "call") return ["all", "any", "contains", "defined", "sorted"].includes(node.name);
  return node.kind === "literal" && typeof node.value === "boolean";
}

/** `left == right`, made true. Tries, in order, the shapes that say the most about intent. */
export function enforceEquality(left: Node, right: Node, scope: SolveScope): void {
  for (const [a, b] of [
    [left, right],
    [right, left],
  ] as const) {
    if (a.kind === "call" && a.name === "len" && b.kind === "call" && b.name === "distinct") return enforceDistinct(b, scope);
    if (a.kind === "call" && a.name === "len" && listAt(a.args[0]!, scope)) return enforceLength(a, b, scope);
    // `min(xs[*].start) == query.from` moves the extreme element; `x == max(xs[*].n)` derives x instead.
    const bFixed = locationsIn(b, scope).length === 0;
    if (a.kind === "call" && (a.name === "min" || a.name === "max") && a.args.length === 1 && bFixed) return enforceExtreme(a, b, scope);
  }
  if (isBooleanValued(left) || isBooleanValued(right)) {
    // `(status == "failed") == (error != null)`: the right side (the consequence) follows the left.
    const [fixed, flexible] = locationsIn(right, scope).length > 0 ? [left, right] : [right, left];
    const value = evalIn(fixed, scope);
    if (typeof value === "boolean") enforce(flexible, value, scope);
    return;
  }
  if (enforceNullness(left, right, scope) || enforceNullness(right, left, scope)) return;
  solveEquation(left, right, scope);
}

/** `x == null` / `x != null` as an equality with a literal null: null it, or generate a value. */
function enforceNullness(side: Node, other: Node, scope: SolveScope): boolean {
  if (other.kind !== "literal") return false;
  const loc = locate(side, scope);
  if (!loc) return false;
  if (other.value !== null) return assign(scope.ctx, loc, other.value);
  write(loc, null);
  return true;
}

/** Makes a nullable location non-null by generating a value from its non-null schema. */
export function fillNonNull(loc: Location, scope: SolveScope): void {
  const schema = schemaAt(scope.ctx.gen.doc, loc.container, loc.key);
  if (!schema) return;
  const branch = nonNullBranches(scope.ctx.gen.doc, schema)[0] ?? schema;
  write(loc, generateValue(scope.ctx.gen, branch, String(loc.key)));
}

function enforceLength(lenCall: Extract<Node, { kind: "call" }>, other: Node, scope: SolveScope): void {
  const list = listAt(lenCall.args[0]!, scope);
  const target = evalIn(other, scope);
  if (list && typeof target === "number") resize(scope, list.items, target, String(list.loc.key));
}

function enforceDistinct(call: Node, scope: SolveScope): void {
  const view = listView(call);
  const list = view && listAt(view.list, scope);
  if (view && list) dedupe(view, scope, list.items);
}

function enforceExtreme(call: Extract<Node, { kind: "call" }>, other: Node, scope: SolveScope): void {
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

/**
 * A numeric or string equation. A lone field against a sum is a derived total, computed from its
 * parts; a total fixed by the request is split among its parts instead. Otherwise the least
 * mentioned free field is solved for, so fields other invariants hold on to stay put.
 */
function solveEquation(left: Node, right: Node, scope: SolveScope): void {
  const { ctx } = scope;
  for (const [single, sum] of [
    [left, right],
    [right, left],
  ] as const) {
    const loc = locate(single, scope);
    const terms = sumTerms(sum, scope);
    if (!loc || !terms || terms.length < 2) continue;
    if (!isPinned(ctx, loc)) {
      assign(ctx, loc, evalIn(sum, scope));
      return;
    }
    split(terms, evalIn(single, scope), scope);
    return;
  }
  const leftLocs = locationsIn(left, scope);
  const rightLocs = locationsIn(right, scope);
  const all = [...leftLocs, ...rightLocs];
  if (all.length === 0) return;
  const free = all.filter((l) => !isPinned(ctx, l));
  const pool = free.length ? free : all;
  const chosen = pool.reduce((best, l) => (mentionCount(scope, l) < mentionCount(scope, best) ? l : best));
  const inLeft = leftLocs.some((l) => sameLocation(l, chosen));
  const ok = invert(inLeft ? left : right, evalIn(inLeft ? right : left, scope), chosen, scope);
  // A value copied from the request (the other side writes nothing) is fixed from now on.
  if (ok && (inLeft ? rightLocs : leftLocs).length === 0) pin(ctx, chosen);
}

function mentionCount(scope: SolveScope, loc: Location): number {
  return typeof loc.key === "string" ? (scope.ctx.mentions.get(loc.key) ?? 0) : 0;
}

/** Splits a fixed total among parts: most of it to the first, plausible shares to the rest. */
function split(terms: Location[], total: unknown, scope: SolveScope): void {
  if (typeof total !== "number" || total < 0) return;
  const { random } = scope.ctx.gen;
  let rest = Math.round(total);
  const shares = terms.slice(1).map(() => {
    const share = random.int(0, Math.floor(rest * 0.15));
    rest -= share;
    return share;
  });
  [rest, ...shares].forEach((value, i) => assign(scope.ctx, terms[i]!, value));
}

/** `left != right`, made true: a null becomes a generated value, anything else is regenerated. */
export function enforceDifference(left: Node, right: Node, scope: SolveScope): void {
  for (const [side, other] of [
    [left, right],
    [right, left],
  ] as const) {
    const loc = locate(side, scope);
    if (!loc || isPinned(scope.ctx, loc)) continue;
    const avoid = evalIn(other, scope);
    for (let attempt = 0; attempt < 4 && JSON.stringify(evalIn(side, scope)) === JSON.stringify(avoid); attempt++) {
      if (avoid === null) fillNonNull(loc, scope);
      else {
        const schema = schemaAt(scope.ctx.gen.doc, loc.container, loc.key);
        if (schema) write(loc, generateValue(scope.ctx.gen, schema, String(loc.key)));
      }
    }
    return;
  }
}
