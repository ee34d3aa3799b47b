import type { OpenApiDocument, ParsedRequest } from "@agent-analytics/spec";
import { generateValue, type GenerationContext } from "../generate/value-generator.js";
import { enforce, holds } from "./enforce.js";
import type { ResponsePlan } from "./operation-plan.js";
import { schemaInvariantSites } from "./schema-invariants.js";
import { fillSeries } from "./series-fill.js";
import { writeCount, type Location, type SolveContext, type SolveScope } from "./scope.js";

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
  const holder: { body: unknown } = { body: plan.schema ? generateValue(gen, plan.schema) : null };
  const ctx: SolveContext = { gen, pinned: new WeakMap(), mentions: plan.mentions };
  const bodyLoc: Location = { container: holder as unknown as Record<string, unknown>, key: "body" };
  const requestRoots = { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null, status: plan.status };
  const opScope: SolveScope = {
    base: () => ({ ...requestRoots, body: holder.body }),
    root: (name) => (name === "body" ? bodyLoc : undefined),
    ctx,
  };
  for (const series of plan.series) fillSeries(series, opScope);

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let broken = 0;
    for (const node of plan.operationInvariants) {
      if (holds(node, true, opScope)) continue;
      broken++;
      enforce(node, true, opScope);
    }
    for (const site of plan.schema ? schemaInvariantSites(doc, plan.schema, holder.body) : []) {
      const scope = instanceScope(site.instance, ctx);
      if (holds(site.node, true, scope)) continue;
      broken++;
      enforce(site.node, true, scope);
    }
    if (broken === 0) return { body: holder.body, settled: true };
  }
  return { body: holder.body, settled: false };
}

function instanceScope(instance: Record<string, unknown>, ctx: SolveContext): SolveScope {
  let vars: Record<string, unknown> | undefined;
  let version = -1;
  return {
    // Rebuilt only after a write: most checks read a scope nothing has changed since.
    base: () => {
      if (!vars || version !== writeCount()) {
        vars = { ...instance, this: instance };
        version = writeCount();
      }
      return vars;
    },
    root: (name) => (name !== "this" && Object.prototype.hasOwnProperty.call(instance, name) ? { container: instance, key: name } : undefined),
    ctx,
  };
}
