import type { Node } from "@agent-analytics/contract";
import { nonNullBranches, schemaAt } from "../generate/schema-tools.js";
import { generateValue } from "../generate/value.js";
import { assign, locate, locationsIn, sameLocation, sumTerms } from "../locations.js";
import { evalIn, type Location, type SolveScope } from "../solve-context.js";
import { invert } from "./invert.js";

/**
 * `left == right` between values (not truth values, not list measures), made true: a null or a
 * literal is written as is; otherwise the equation is solved.
 */
export function enforceValueEquality(left: Node, right: Node, scope: SolveScope): void {
  if (enforceNullness(left, right, scope) || enforceNullness(right, left, scope)) return;
  solveEquation(left, right, scope);
}

/** `x == null` / `x == "done"` as an equality with a literal: written as is. */
function enforceNullness(side: Node, other: Node, scope: SolveScope): boolean {
  if (other.kind !== "literal") return false;
  const loc = locate(side, scope);
  if (!loc) return false;
  if (other.value !== null) return assign(scope.ctx, loc, other.value);
  scope.ctx.write(loc, null);
  return true;
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
    if (!ctx.isPinned(loc)) {
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
  const free = all.filter((l) => !ctx.isPinned(l));
  const pool = free.length ? free : all;
  const chosen = pool.reduce((best, l) => (mentionCount(scope, l) < mentionCount(scope, best) ? l : best));
  const inLeft = leftLocs.some((l) => sameLocation(l, chosen));
  const ok = invert(inLeft ? left : right, evalIn(inLeft ? right : left, scope), chosen, scope);
  // A value copied from the request (the other side writes nothing) is fixed from now on.
  if (ok && (inLeft ? rightLocs : leftLocs).length === 0) ctx.pin(chosen);
}

function mentionCount(scope: SolveScope, loc: Location): number {
  return typeof loc.key === "string" ? (scope.ctx.mentions.get(loc.key) ?? 0) : 0;
}

/** Splits a fixed total among parts: most of it to the first, plausible shares to the rest. */
function split(terms: Location[], total: unknown, scope: SolveScope): void {
  if (typeof total !== "number" || total < 0) return;
  const { random } = scope.ctx.generation;
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
  const { ctx } = scope;
  for (const [side, other] of [
    [left, right],
    [right, left],
  ] as const) {
    const loc = locate(side, scope);
    if (!loc || ctx.isPinned(loc)) continue;
    const avoid = evalIn(other, scope);
    for (let attempt = 0; attempt < 4 && JSON.stringify(evalIn(side, scope)) === JSON.stringify(avoid); attempt++) {
      const schema = schemaAt(ctx.generation.doc, loc.container, loc.key);
      if (!schema) continue;
      // A null is replaced by a value of the schema's non-null form.
      const drawFrom = avoid === null ? (nonNullBranches(ctx.generation.doc, schema)[0] ?? schema) : schema;
      ctx.write(loc, generateValue(ctx.generation, drawFrom, String(loc.key)));
    }
    return;
  }
}
