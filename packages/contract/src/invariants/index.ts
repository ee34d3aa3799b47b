import type { Node } from "./ast.js";
import { InvariantEvaluationError } from "./errors.js";
import { evaluate, type Scope } from "./evaluate.js";
import { parseInvariant } from "./parser.js";

export type { Node } from "./ast.js";
export { InvariantEvaluationError, InvariantSyntaxError } from "./errors.js";
export { evaluate, type Scope } from "./evaluate.js";
export { FUNCTIONS } from "./functions.js";
export { parseInvariant } from "./parser.js";
export { parseDate, type Value } from "./values.js";

/** One declared invariant, as written under `x-invariants`. */
export interface Invariant {
  id: string;
  expr: string;
  description?: string;
}

export type CheckOutcome = { ok: true } | { ok: false; reason: string };

const cache = new Map<string, Node>();

/** Parses once per distinct text: the same invariants are checked on every response. */
export function compileInvariant(expr: string): Node {
  let tree = cache.get(expr);
  if (!tree) {
    tree = parseInvariant(expr);
    cache.set(expr, tree);
  }
  return tree;
}

/** Checks one invariant: holds, does not hold, or could not be evaluated (which also fails). */
export function checkInvariant(invariant: Invariant, scope: Scope): CheckOutcome {
  try {
    const result = evaluate(compileInvariant(invariant.expr), scope);
    if (result === true) return { ok: true };
    if (result === false) return { ok: false, reason: `${invariant.id} does not hold: ${invariant.expr}` };
    return { ok: false, reason: `${invariant.id} is not a boolean expression: ${invariant.expr}` };
  } catch (error) {
    if (error instanceof InvariantEvaluationError) {
      return { ok: false, reason: `${invariant.id} could not be evaluated (${error.message}): ${invariant.expr}` };
    }
    throw error;
  }
}
