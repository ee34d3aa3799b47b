import type { Node, SchemaObject, Value } from "@agent-analytics/contract";
import { formatDate } from "./calendar/dates.js";
import { schemaAt } from "./generate/schema-tools.js";
import { evalIn, type Location, type SolveContext, type SolveScope } from "./solve-context.js";

export function read(loc: Location): unknown {
  return (loc.container as Record<string | number, unknown>)[loc.key];
}

export function sameLocation(a: Location, b: Location): boolean {
  return a.container === b.container && a.key === b.key;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Where a path expression (`body.data.total`, `x.f`, `xs[0]`, `get(o, "k")`, `a ?? 0`) lives, if writable. */
export function locate(node: Node, scope: SolveScope): Location | undefined {
  switch (node.kind) {
    case "identifier":
      return scope.root(node.name);
    case "member": {
      const base = locate(node.object, scope);
      const value = base && read(base);
      return isObject(value) ? { container: value, key: node.property } : undefined;
    }
    case "index": {
      const base = locate(node.object, scope);
      const value = base && read(base);
      if (!Array.isArray(value)) return undefined;
      const index = node.index < 0 ? value.length + node.index : node.index;
      return index >= 0 && index < value.length ? { container: value, key: index } : undefined;
    }
    case "call": {
      if (node.name !== "get" || node.args.length !== 2) return undefined;
      const base = locate(node.args[0]!, scope);
      const value = base && read(base);
      const key = evalIn(node.args[1]!, scope);
      return isObject(value) && typeof key === "string" ? { container: value, key } : undefined;
    }
    case "binary":
      return node.operator === "??" ? locate(node.left, scope) : undefined;
    default:
      return undefined;
  }
}

/** Every writable location an expression reads directly (not through list functions). */
export function locationsIn(node: Node, scope: SolveScope, out: Location[] = []): Location[] {
  const here = locate(node, scope);
  if (here) {
    out.push(here);
    return out;
  }
  if (node.kind === "binary" || node.kind === "unary" || (node.kind === "call" && ["date", "floor", "ceil", "round", "abs"].includes(node.name))) {
    const parts = node.kind === "binary" ? [node.left, node.right] : node.kind === "unary" ? [node.operand] : node.args;
    for (const part of parts) locationsIn(part, scope, out);
  }
  return out;
}

/** The terms of `a + b + c` when each is a writable location. */
export function sumTerms(node: Node, scope: SolveScope): Location[] | undefined {
  if (node.kind === "binary" && node.operator === "+") {
    const l = sumTerms(node.left, scope);
    const r = sumTerms(node.right, scope);
    return l && r ? [...l, ...r] : undefined;
  }
  const loc = locate(node, scope);
  return loc ? [loc] : undefined;
}

/**
 * Writes a solved value in the representation the location's schema asks for: integers rounded,
 * instants (`asDate`, epoch ms) written as the field writes dates. False for a value it cannot write.
 */
export function assign(ctx: SolveContext, loc: Location, value: Value, asDate = false): boolean {
  const schema = schemaAt(ctx.generation.doc, loc.container, loc.key);
  let out: unknown = value;
  if (asDate) {
    if (typeof value !== "number" || !Number.isFinite(value)) return false;
    out = formatDate(value, schema, read(loc));
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) return false;
    if (isIntegerSchema(schema)) out = Math.round(value);
  }
  ctx.write(loc, out);
  return true;
}

function isIntegerSchema(schema: SchemaObject | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("integer")) return true;
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  return branches?.some((b) => b.type === "integer") ?? false;
}
