import { evaluate, type Node, type Value } from "@agent-analytics/contract";
import type { GenerationContext } from "../generate/value-generator.js";

/** A place in the generated body that the solver may write: `container[key]`. */
export interface Location {
  container: Record<string, unknown> | unknown[];
  key: string | number;
}

/**
 * What an invariant sees while being solved. `base` builds the evaluation scope afresh on each
 * read, so a check after a write sees the written value; `bindings` adds lambda parameters.
 * `root` says which names are writable (parts of the generated body) and where they live. Request
 * roots (`path`, `query`, `requestBody`) are read-only: the response follows the request.
 */
export interface SolveScope {
  base(): Record<string, unknown>;
  readonly bindings?: Record<string, unknown>;
  root(name: string): Location | undefined;
  readonly ctx: SolveContext;
}

export interface SolveContext {
  gen: GenerationContext;
  /** Locations set from the request or laid out as a series: other invariants adapt around them. */
  pinned: Map<object, Set<string | number>>;
  /** How many invariants of the operation mention a property name: the least mentioned is the freest. */
  mentions: Map<string, number>;
}

export function read(loc: Location): unknown {
  return (loc.container as Record<string | number, unknown>)[loc.key];
}

/** Counts writes: each write stamps its container, so scopes built from it know when to rebuild. */
let writes = 0;

/** Containers changed during the current repair round (set by the solver, which runs synchronously). */
let touchedNow: Set<object> | undefined;

export function trackTouches(set: Set<object> | undefined): void {
  touchedNow = set;
}

/** Records that an object or list changed, so the invariants that can see it are checked again. */
export function touch(container: object): void {
  touchedNow?.add(container);
}

const VERSION = Symbol("version");

/** A number that changes whenever `write` changes one of the container's own fields. */
export function versionOf(container: object): number {
  return (container as { [VERSION]?: number })[VERSION] ?? 0;
}

export function write(loc: Location, value: unknown): void {
  writes++;
  touchedNow?.add(loc.container);
  (loc.container as { [VERSION]?: number })[VERSION] = writes;
  (loc.container as Record<string | number, unknown>)[loc.key] = value;
}

export function pin(ctx: SolveContext, loc: Location): void {
  let keys = ctx.pinned.get(loc.container);
  if (!keys) ctx.pinned.set(loc.container, (keys = new Set()));
  keys.add(loc.key);
}

export function isPinned(ctx: SolveContext, loc: Location): boolean {
  return ctx.pinned.get(loc.container)?.has(loc.key) ?? false;
}

export function sameLocation(a: Location, b: Location): boolean {
  return a.container === b.container && a.key === b.key;
}

export function evalIn(node: Node, scope: SolveScope): Value {
  return evaluate(node, scope.base(), scope.bindings);
}

/** A scope with one more name bound (a lambda parameter), writable when `loc` is given. */
/** A scope with a lambda parameter bound (writable when `loc` is given). A class: no closure per binding. */
class BoundScope implements SolveScope {
  readonly bindings: Record<string, unknown>;
  constructor(
    private readonly parent: SolveScope,
    private readonly name: string,
    value: unknown,
    private readonly loc: Location | undefined,
  ) {
    // Copied and then set (a computed key in a spread literal is a slow path).
    const bindings: Record<string, unknown> = {};
    if (parent.bindings) Object.assign(bindings, parent.bindings);
    bindings[name] = value;
    this.bindings = bindings;
  }
  get ctx(): SolveContext {
    return this.parent.ctx;
  }
  base(): Record<string, unknown> {
    return this.parent.base();
  }
  root(name: string): Location | undefined {
    return name === this.name ? this.loc : this.parent.root(name);
  }
}

export function bind(scope: SolveScope, name: string, value: unknown, loc?: Location): SolveScope {
  return new BoundScope(scope, name, value, loc);
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
