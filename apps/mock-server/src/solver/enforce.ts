import type { Node } from "@agent-analytics/contract";
import { isCall, listView, mentions } from "./ast-tools.js";
import { enforceComparison, enforceRange } from "./enforce-comparison.js";
import { enforceDifference, enforceEquality } from "./enforce-equality.js";
import { elementScope, listAt, sortBy } from "./list-ops.js";
import { bind, evalIn, type SolveScope } from "./scope.js";

export function holds(node: Node, want: boolean, scope: SolveScope): boolean {
  try {
    return evalIn(node, scope) === want;
  } catch {
    return false;
  }
}

/**
 * Makes a boolean expression come out as `want` by changing the body, best effort: the caller
 * re-checks everything afterwards, so a shape this does not know is left for a later pass or retry.
 */
export function enforce(node: Node, want: boolean, scope: SolveScope): void {
  if (holds(node, want, scope)) return;
  repair(node, want, scope);
}

/** `enforce` for an expression just seen not to come out as `want` (evaluation is pure: no need to look again). */
export function repair(node: Node, want: boolean, scope: SolveScope): void {
  switch (node.kind) {
    case "unary":
      if (node.operator === "!") enforce(node.operand, !want, scope);
      return;
    case "conditional": {
      const test = evalIn(node.test, scope);
      enforce(test === true ? node.then : node.otherwise, want, scope);
      return;
    }
    case "call":
      if (want) enforceCall(node, scope);
      return;
    case "binary":
      enforceBinary(node, want, scope);
      return;
    default:
      return;
  }
}

function enforceBinary(node: Extract<Node, { kind: "binary" }>, want: boolean, scope: SolveScope): void {
  const { operator, left, right } = node;
  if (operator === "||" || operator === "&&") {
    const disjunction = operator === "||" === want;
    if (!disjunction) {
      // Both sides must come out as `want` (a conjunction, or a disjunction made false).
      if (want && enforceRange(left, right, scope)) return;
      enforce(left, want, scope);
      enforce(right, want, scope);
      return;
    }
    // Either side will do. Prefer changing the right (the consequence, as in `status == "idle" ||
    // started_at != null`), except a list length: lists follow the request, a nullable field can yield.
    const order = mentions(right, isCall("len")) ? [left, right] : [right, left];
    for (const side of order) {
      enforce(side, want, scope);
      if (holds(node, want, scope)) return;
    }
    return;
  }
  if (operator === "==" || operator === "!=") {
    if ((operator === "==") === want) enforceEquality(left, right, scope);
    else enforceDifference(left, right, scope);
    return;
  }
  if (operator === "<" || operator === "<=" || operator === ">" || operator === ">=") {
    enforceComparison(left, want ? operator : negate(operator), right, scope);
  }
}

function negate(op: "<" | "<=" | ">" | ">="): "<" | "<=" | ">" | ">=" {
  return ({ "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const)[op];
}

function enforceCall(node: Extract<Node, { kind: "call" }>, scope: SolveScope): void {
  if (node.name === "all" && node.args[1]?.kind === "lambda") {
    const lambda = node.args[1];
    const list = listAt(node.args[0]!, scope);
    if (list) {
      const view = { list: node.args[0]!, param: lambda.param, item: lambda.body };
      list.items.forEach((_, i) => enforce(lambda.body, true, elementScope(view, scope, list.items, i)));
      return;
    }
    // A literal list (`all(["users", ...], k => ...)`): the parameter is a read-only value.
    const values = evalIn(node.args[0]!, scope);
    if (Array.isArray(values)) values.forEach((v) => enforce(lambda.body, true, bind(scope, lambda.param, v)));
    return;
  }
  if (node.name === "sorted" && node.args.length === 2) {
    const view = listView(node.args[0]!);
    const order = evalIn(node.args[1]!, scope);
    const list = view && listAt(view.list, scope);
    if (list && (order === "asc" || order === "desc")) sortBy(view, scope, list.items, order);
  }
}
