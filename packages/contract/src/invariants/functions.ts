import { InvariantEvaluationError } from "./errors.js";
import { asList, asNumber, describe, equals, parseDate, truthy, type Lambda, type Value } from "./values.js";

/** An argument as the function receives it: a value, or a lambda when written `x => expr`. */
export type Argument = Value | Lambda;

type Fn = (args: Argument[]) => Value;

function value(arg: Argument | undefined, fn: string): Value {
  if (typeof arg === "function") throw new InvariantEvaluationError(`${fn}: a lambda is not allowed here`);
  return arg ?? null;
}
function lambda(arg: Argument | undefined, fn: string): Lambda | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg !== "function") throw new InvariantEvaluationError(`${fn}: expected a lambda 'x => ...'`);
  return arg;
}
function arity(args: Argument[], min: number, max: number, fn: string) {
  if (args.length < min || args.length > max) {
    throw new InvariantEvaluationError(`${fn} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}
/** `f(list)` or `f(list, x => expr)`: the list, mapped through the lambda when there is one. */
function mapped(args: Argument[], fn: string): Value[] {
  arity(args, 1, 2, fn);
  const list = asList(value(args[0], fn), fn);
  const f = lambda(args[1], fn);
  return f ? list.map(f) : list;
}
/** `min(list)` or `min(a, b, ...)`. */
function numbers(args: Argument[], fn: string): number[] {
  const items = args.length === 1 ? asList(value(args[0], fn), fn) : args.map((a) => value(a, fn));
  return items.map((v) => asNumber(v, fn));
}
function mapDates(v: Value): Value {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(mapDates);
  if (typeof v !== "string") throw new InvariantEvaluationError(`date needs a string, got ${describe(v)}`);
  return parseDate(v);
}
function rounding(op: (n: number) => number, fn: string): Fn {
  return (args) => {
    arity(args, 1, 1, fn);
    return op(asNumber(value(args[0], fn), fn));
  };
}

/** The functions an invariant may call. Adding one here extends the grammar for every consumer. */
export const FUNCTIONS: Record<string, Fn> = {
  len(args) {
    arity(args, 1, 1, "len");
    const v = value(args[0], "len");
    if (typeof v === "string") return v.length;
    return asList(v, "len").length;
  },
  sum: (args) => mapped(args, "sum").reduce<number>((acc, v) => acc + asNumber(v, "sum"), 0),
  count: (args) => mapped(args, "count").filter((v) => truthy(v)).length,
  all: (args) => mapped(args, "all").every((v) => truthy(v)),
  any: (args) => mapped(args, "any").some((v) => truthy(v)),
  map: (args) => mapped(args, "map"),
  distinct: (args) => new Set(mapped(args, "distinct").map((v) => JSON.stringify(v))).size,
  min(args) {
    const ns = numbers(args, "min");
    return ns.length === 0 ? null : Math.min(...ns);
  },
  max(args) {
    const ns = numbers(args, "max");
    return ns.length === 0 ? null : Math.max(...ns);
  },
  sorted(args) {
    arity(args, 2, 2, "sorted");
    const list = asList(value(args[0], "sorted"), "sorted");
    const order = value(args[1], "sorted");
    if (order !== "asc" && order !== "desc") throw new InvariantEvaluationError('sorted: order must be "asc" or "desc"');
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) {
        throw new InvariantEvaluationError(`sorted needs numbers or strings, got ${describe(a)} and ${describe(b)}`);
      }
      if (order === "asc" ? a > b : a < b) return false;
    }
    return true;
  },
  date(args) {
    arity(args, 1, 1, "date");
    return mapDates(value(args[0], "date"));
  },
  floor: rounding(Math.floor, "floor"),
  ceil: rounding(Math.ceil, "ceil"),
  abs: rounding(Math.abs, "abs"),
  round(args) {
    arity(args, 1, 2, "round");
    const n = asNumber(value(args[0], "round"), "round");
    const digits = args.length === 2 ? asNumber(value(args[1], "round"), "round") : 0;
    const factor = 10 ** digits;
    return Math.round(n * factor) / factor;
  },
  defined(args) {
    arity(args, 1, 1, "defined");
    return value(args[0], "defined") !== null;
  },
  get(args) {
    arity(args, 2, 2, "get");
    const object = value(args[0], "get");
    const key = value(args[1], "get");
    if (object === null) return null;
    if (typeof object !== "object" || Array.isArray(object) || typeof key !== "string") {
      throw new InvariantEvaluationError("get needs an object and a string key");
    }
    return Object.prototype.hasOwnProperty.call(object, key) ? (object[key] ?? null) : null;
  },
  contains(args) {
    arity(args, 2, 2, "contains");
    const list = asList(value(args[0], "contains"), "contains");
    const needle = value(args[1], "contains");
    return list.some((v) => equals(v, needle));
  },
};
