import type { Node, Value } from "@agent-analytics/contract";
import { assign, locate, locationsIn, sameLocation } from "../locations.js";
import { evalIn, type Location, type SolveScope } from "../solve-context.js";

/**
 * Makes `node` evaluate to `target` by writing one location inside it, undoing the arithmetic on
 * the way down: `date(e) - date(s) == 7 days` solved for `s` writes `s = e - 7 days`.
 * Handles + - * / %, date(), floor/ceil/round, `??` and paths. Returns false when it cannot.
 */
export function invert(node: Node, target: Value, chosen: Location, scope: SolveScope, asDate = false): boolean {
  const here = locate(node, scope);
  if (here) return sameLocation(here, chosen) && assign(scope.ctx, here, target, asDate);
  if (node.kind === "call") {
    const arg = node.args[0];
    if (!arg) return false;
    if (node.name === "date") return invert(arg, target, chosen, scope, true);
    if (["floor", "ceil", "round"].includes(node.name)) return invert(arg, target, chosen, scope, asDate);
    return false;
  }
  if (node.kind === "unary" && node.operator === "-" && typeof target === "number") {
    return invert(node.operand, -target, chosen, scope, asDate);
  }
  if (node.kind !== "binary" || typeof target !== "number") return false;
  const inLeft = locationsIn(node.left, scope).some((l) => sameLocation(l, chosen));
  const other = evalIn(inLeft ? node.right : node.left, scope);
  if (typeof other !== "number") return false;
  const side = inLeft ? node.left : node.right;
  switch (node.operator) {
    case "+":
      return invert(side, target - other, chosen, scope, asDate);
    case "-":
      return invert(side, inLeft ? target + other : other - target, chosen, scope, asDate);
    case "*":
      return other !== 0 && invert(side, target / other, chosen, scope, asDate);
    case "/":
      return inLeft ? invert(side, target * other, chosen, scope, asDate) : target !== 0 && invert(side, other / target, chosen, scope, asDate);
    case "%": {
      if (!inLeft || other === 0) return false;
      const current = evalIn(node.left, scope);
      if (typeof current !== "number") return false;
      return invert(side, current - (((current % other) + other) % other) + target, chosen, scope, asDate);
    }
    default:
      return false;
  }
}
