import type { Node } from "@agent-analytics/contract";
import { isCall, mentions, negateComparison } from "../expression-tree.js";
import { locationsIn } from "../locations.js";
import { bind, evalIn, type SolveScope } from "../solve-context.js";
import { enforceComparison, enforceRange } from "./comparison.js";
import { enforceDifference, enforceValueEquality } from "./equality.js";
import { elementScope, enforceListEquality, enforceSorted, listAt } from "./lists.js";

/*
 * The logic of an invariant: connectives (`!`, `&&`, `||`, `? :`, `==` between truth values) and
 * quantifiers (`all`) are taken apart here, recursively; what remains is a relation between
 * values, handed to the file that knows its shape: equality.ts, comparison.ts, lists.ts.
 * Those never call back here, so the recursion stays in this file.
 */

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
function enforce(node: Node, want: boolean, scope: SolveScope): void {
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
      if (want && node.name === "all") enforceAll(node, scope);
      if (want && node.name === "sorted") enforceSorted(node, scope);
      return;
    case "binary":
      repairBinary(node, want, scope);
      return;
    default:
      return;
  }
}

function repairBinary(node: Extract<Node, { kind: "binary" }>, want: boolean, scope: SolveScope): void {
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
    if ((operator === "==") === want) enforceEqual(left, right, scope);
    else enforceDifference(left, right, scope);
    return;
  }
  if (operator === "<" || operator === "<=" || operator === ">" || operator === ">=") {
    enforceComparison(left, want ? operator : negateComparison(operator), right, scope);
  }
}

/** `left == right`, made true. Tries, in order, the shapes that say the most about intent. */
function enforceEqual(left: Node, right: Node, scope: SolveScope): void {
  if (enforceListEquality(left, right, scope)) return;
  if (isTruthValued(left) || isTruthValued(right)) {
    // `(status == "failed") == (error != null)`: the right side (the consequence) follows the left.
    const [fixed, flexible] = locationsIn(right, scope).length > 0 ? [left, right] : [right, left];
    const value = evalIn(fixed, scope);
    if (typeof value === "boolean") enforce(flexible, value, scope);
    return;
  }
  enforceValueEquality(left, right, scope);
}

const TRUTH_OPERATORS = new Set(["==", "!=", "<", "<=", ">", ">=", "&&", "||"]);

function isTruthValued(node: Node): boolean {
  if (node.kind === "binary") return TRUTH_OPERATORS.has(node.operator);
  if (node.kind === "unary") return node.operator === "!";
  if (node.kind === "call") return ["all", "any", "contains", "defined", "sorted"].includes(node.name);
  return node.kind === "literal" && typeof node.value === "boolean";
}

/** `all(xs, x => ...)`: the body made to hold for each element (or each value of a literal list). */
function enforceAll(node: Extract<Node, { kind: "call" }>, scope: SolveScope): void {
  const lambda = node.args[1];
  if (lambda?.kind !== "lambda") return;
  const list = listAt(node.args[0]!, scope);
  if (list) {
    const view = { list: node.args[0]!, param: lambda.param, item: lambda.body };
    list.items.forEach((_, i) => enforce(lambda.body, true, elementScope(view, scope, list.items, i)));
    return;
  }
  // A literal list (`all(["users", ...], k => ...)`): the parameter is a read-only value.
  const values = evalIn(node.args[0]!, scope);
  if (Array.isArray(values)) values.forEach((v) => enforce(lambda.body, true, bind(scope, lambda.param, v)));
}
