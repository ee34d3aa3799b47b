import type { OpenApiDocument, ParsedRequest } from "@agent-analytics/contract";
import { generateValue, type GenerationContext } from "../generate/value-generator.js";
import { holds, repair } from "./enforce.js";
import type { ResponsePlan } from "./operation-plan.js";
import { schemaInvariantSites } from "./schema-invariants.js";
import { fillSeries } from "./series-fill.js";
import { trackTouches, versionOf, type Location, type SolveContext, type SolveScope } from "./scope.js";

/** Rounds of repair before giving up on a draw; each round re-checks every invariant. */
const MAX_PASSES = 8;

export interface SolveOutcome {
  body: unknown;
  /** Every invariant held at the end of the last round. */
  settled: boolean;
}

/**
 * A body for the response: generated from its schema, laid out along any calendar series, then
 * repaired round by round until every declared invariant (the operation's, then the schemas',
 * parts before wholes) holds.
 */
export function solveResponse(doc: OpenApiDocument, plan: ResponsePlan, request: ParsedRequest, gen: GenerationContext): SolveOutcome {
  const holder: { body: unknown } = { body: plan.schema ? generateValue({ ...gen, emptyArrays: plan.seriesArrays }, plan.schema) : null };
  const ctx: SolveContext = { gen, pinned: new Map(), mentions: plan.mentions };
  const opScope = new ExchangeScope(request, plan.status, holder, ctx);
  for (const series of plan.series) fillSeries(series, opScope);

  // Round one checks everything; later rounds only what a repair touched, or what stayed broken.
  let dirty: Set<object> | undefined;
  const scopes = new Map<object, InstanceScope>();
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const touched = new Set<object>();
      trackTouches(touched);
      let broken = 0;
      for (const node of plan.operationInvariants) {
        if (holds(node, true, opScope)) continue;
        broken++;
        repair(node, true, opScope);
      }
      for (const site of plan.schema ? schemaInvariantSites(doc, plan.schema, holder.body, dirty) : []) {
        let scope = scopes.get(site.instance);
        if (!scope) scopes.set(site.instance, (scope = new InstanceScope(site.instance, ctx)));
        if (holds(site.node, true, scope)) continue;
        broken++;
        touched.add(site.instance);
        repair(site.node, true, scope);
      }
      if (broken === 0) return { body: holder.body, settled: true };
      dirty = touched;
    }
  } finally {
    trackTouches(undefined);
  }
  return { body: holder.body, settled: false };
}

/** What an operation's invariants see: the request (read-only) and the body (writable). */
class ExchangeScope implements SolveScope {
  private readonly bodyLoc: Location;
  private readonly roots: Record<string, unknown>;
  constructor(
    request: ParsedRequest,
    status: number,
    private readonly holder: { body: unknown },
    readonly ctx: SolveContext,
  ) {
    this.bodyLoc = { container: holder as unknown as Record<string, unknown>, key: "body" };
    this.roots = { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null, status };
  }
  private vars: Record<string, unknown> | undefined;
  base(): Record<string, unknown> {
    if (!this.vars || this.vars.body !== this.holder.body) this.vars = { ...this.roots, body: this.holder.body };
    return this.vars;
  }
  root(name: string): Location | undefined {
    return name === "body" ? this.bodyLoc : undefined;
  }
}

/** What a schema's invariants see: the instance's own fields, all writable. */
class InstanceScope implements SolveScope {
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
