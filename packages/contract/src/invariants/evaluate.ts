import type { Node } from "./ast.js";
import { InvariantEvaluationError } from "./errors.js";
import { FUNCTIONS, type Argument } from "./functions.js";
import { asNumber, describe, equals, truthy, type Value } from "./values.js";

/** Names an expression can see: the instance's own fields, or request/response roots. */
export type Scope = Record<string, unknown>;

// Lambda parameters, innermost first. A chain rather than a copy of the scope per element: `all`
// over a long list would otherwise copy every field of the instance once per element.
interface Locals {
  name: string;
  value: Value;
  parent: Locals | undefined;
}

// Marks a list produced by `[*]`, so that a following `.name` maps over its elements.
class Projection {
  constructor(readonly items: unknown[]) {}
}

function normalize(v: unknown): Value {
  if (v === undefined) return null;
  if (v instanceof Projection) return v.items.map(normalize);
  return v as Value;
}

function member(object: unknown, property: string): unknown {
  if (object instanceof Projection) return new Projection(object.items.map((item) => member(item, property)));
  if (object === null || object === undefined || typeof object !== "object" || Array.isArray(object)) return null;
  // Own properties only: `constructor`, `__proto__` and the like are not data.
  return Object.prototype.hasOwnProperty.call(object, property) ? ((object as Record<string, unknown>)[property] ?? null) : null;
}

/**
 * Evaluates a parsed invariant in a scope. Pure: no I/O, no access outside the scope. `bindings`
 * are names bound on top of the scope (as lambda parameters are), without copying the scope.
 */
export function evaluate(node: Node, scope: Scope, bindings?: Record<string, unknown>): Value {
  let locals: Locals | undefined;
  if (bindings) for (const name in bindings) locals = { name, value: bindings[name] as Value, parent: locals };
  return normalize(raw(node, scope, locals));
}

function evaluateIn(node: Node, scope: Scope, locals: Locals | undefined): Value {
  return normalize(raw(node, scope, locals));
}

function lookup(name: string, scope: Scope, locals: Locals | undefined): unknown {
  for (let l = locals; l; l = l.parent) if (l.name === name) return l.value;
  if (Object.prototype.hasOwnProperty.call(scope, name)) return scope[name];
  // `this` is the instance a schema-level invariant is checked on, unless the scope names it.
  return name === "this" ? scope : null;
}

function raw(node: Node, scope: Scope, locals: Locals | undefined): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "list":
      return node.items.map((item) => evaluateIn(item, scope, locals));
    case "identifier":
      return lookup(node.name, scope, locals);
    case "member":
      return member(raw(node.object, scope, locals), node.property);
    case "index": {
      const list = normalize(raw(node.object, scope, locals));
      if (!Array.isArray(list)) return null;
      return list[node.index < 0 ? list.length + node.index : node.index] ?? null;
    }
    case "wildcard": {
      const list = normalize(raw(node.object, scope, locals));
      if (list === null) return new Projection([]);
      if (!Array.isArray(list)) throw new InvariantEvaluationError(`[*] needs a list, got ${describe(list)}`);
      return new Projection(list);
    }
    case "unary": {
      const operand = evaluateIn(node.operand, scope, locals);
      return node.operator === "!" ? !truthy(operand) : -asNumber(operand, "unary -");
    }
    case "conditional":
      return truthy(evaluateIn(node.test, scope, locals)) ? raw(node.then, scope, locals) : raw(node.otherwise, scope, locals);
    case "call": {
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new InvariantEvaluationError(`unknown function ${node.name}()`);
      const args: Argument[] = node.args.map((arg) =>
        arg.kind === "lambda"
          ? (v: Value) => evaluateIn(arg.body, scope, { name: arg.param, value: v, parent: locals })
          : evaluateIn(arg, scope, locals),
      );
      return fn(args);
    }
    case "lambda":
      throw new InvariantEvaluationError("a lambda can only be a function argument");
    case "binary":
      return binary(node, scope, locals);
  }
}

function binary(node: Extract<Node, { kind: "binary" }>, scope: Scope, locals: Locals | undefined): Value {
  const left = evaluateIn(node.left, scope, locals);
  switch (node.operator) {
    case "||":
      return truthy(left) || truthy(evaluateIn(node.right, scope, locals));
    case "&&":
      return truthy(left) && truthy(evaluateIn(node.right, scope, locals));
    case "??":
      return left ?? evaluateIn(node.right, scope, locals);
  }
  const right = evaluateIn(node.right, scope, locals);
  switch (node.operator) {
    case "==":
      return equals(left, right);
    case "!=":
      return !equals(left, right);
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return asNumber(left, "+") + asNumber(right, "+");
    case "-":
      return asNumber(left, "-") - asNumber(right, "-");
    case "*":
      return asNumber(left, "*") * asNumber(right, "*");
    case "/": {
      const divisor = asNumber(right, "/");
      if (divisor === 0) throw new InvariantEvaluationError("division by zero");
      return asNumber(left, "/") / divisor;
    }
    case "%":
      return asNumber(left, "%") % asNumber(right, "%");
    default:
      return compare(node.operator, left, right);
  }
}

function compare(operator: "<" | "<=" | ">" | ">=", left: Value, right: Value): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string");
  if (!comparable) {
    throw new InvariantEvaluationError(`cannot compare ${describe(left)} ${operator} ${describe(right)}`);
  }
  const l = left as number | string;
  const r = right as number | string;
  switch (operator) {
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
  }
}
