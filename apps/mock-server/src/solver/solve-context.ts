import { evaluate, type Node, type ParsedRequest, type Value } from "@agent-analytics/contract";
import type { GenerationContext } from "./generate/value.js";

// What solving one draw works with: the draw's state (SolveContext), and the scopes the invariants
// are evaluated and written in, all of which carry it.

/** A place in the generated body that the solver may write: `container[key]`. */
export interface Location {
  container: Record<string, unknown> | unknown[];
  key: string | number;
}

const VERSION = Symbol("version");

/**
 * The state of solving one draw of one response: created per draw, passed to every step that
 * changes the body, dropped with it. Every change to the body goes through `write` or `touch`,
 * so the repair rounds know what to check again.
 */
export class SolveContext {
  /** Containers changed during the current repair round; undefined outside the rounds. */
  touched: Set<object> | undefined;
  /** Locations set from the request or laid out as a series: other invariants adapt around them. */
  private readonly pinned = new Map<object, Set<string | number>>();
  private writes = 0;

  constructor(
    /** How new values are drawn: the document, the draw's random source, the time window. */
    readonly generation: GenerationContext,
    /** How many invariants mention a property name: the least mentioned field is the freest. */
    readonly mentions: ReadonlyMap<string, number>,
  ) {}

  write(loc: Location, value: unknown): void {
    this.writes++;
    this.touched?.add(loc.container);
    // Stamped on the container, so a scope built from its fields knows when to rebuild.
    (loc.container as { [VERSION]?: number })[VERSION] = this.writes;
    (loc.container as Record<string | number, unknown>)[loc.key] = value;
  }

  /** Records that an object or list changed other than by `write` (grown, sorted, cut). */
  touch(container: object): void {
    this.touched?.add(container);
  }

  pin(loc: Location): void {
    let keys = this.pinned.get(loc.container);
    if (!keys) this.pinned.set(loc.container, (keys = new Set()));
    keys.add(loc.key);
  }

  isPinned(loc: Location): boolean {
    return this.pinned.get(loc.container)?.has(loc.key) ?? false;
  }
}

/** A number that changes whenever `write` changes one of the container's own fields. */
function versionOf(container: object): number {
  return (container as { [VERSION]?: number })[VERSION] ?? 0;
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

export function evalIn(node: Node, scope: SolveScope): Value {
  return evaluate(node, scope.base(), scope.bindings);
}

/** The generated body, in a holder so that the whole body is a writable location too. */
export interface BodyHolder {
  body: unknown;
}

/** What an operation's invariants see: the request (read-only) and the body (writable). */
export class ExchangeScope implements SolveScope {
  private readonly bodyLoc: Location;
  private readonly roots: Record<string, unknown>;
  private vars: Record<string, unknown> | undefined;
  constructor(
    request: ParsedRequest,
    status: number,
    private readonly holder: BodyHolder,
    readonly ctx: SolveContext,
  ) {
    this.bodyLoc = { container: holder as unknown as Record<string, unknown>, key: "body" };
    this.roots = { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null, status };
  }
  base(): Record<string, unknown> {
    if (!this.vars || this.vars.body !== this.holder.body) this.vars = { ...this.roots, body: this.holder.body };
    return this.vars;
  }
  root(name: string): Location | undefined {
    return name === "body" ? this.bodyLoc : undefined;
  }
}

/** What a schema's invariants see: the instance's own fields, all writable. */
export class InstanceScope implements SolveScope {
  private vars: Record<string, unknown> | undefined;
  private version = -1;
  constructor(
    private readonly instance: Record<string, unknown>,
    readonly ctx: SolveContext,
  ) {}
  // Rebuilt only after a write to the instance's own fields (nested values are shared, so always current).
  base(): Record<string, unknown> {
    const version = versionOf(this.instance);
    if (!this.vars || this.version !== version) {
      this.vars = { ...this.instance, this: this.instance };
      this.version = version;
    }
    return this.vars;
  }
  root(name: string): Location | undefined {
    return name !== "this" && Object.prototype.hasOwnProperty.call(this.instance, name) ? { container: this.instance, key: name } : undefined;
  }
}

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
