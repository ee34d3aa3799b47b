import type { OpenApiDocument, ParsedRequest } from "@agent-analytics/spec";
import { generateValue, type GenerationContext } from "../generate/value-generator.js";
import { enforce, holds } from "./enforce.js";
import { liveVars } from "./live-scope.js";
import type { ResponsePlan } from "./operation-plan.js";
import { schemaInvariantSites } from "./schema-invariants.js";
import { fillSeries } from "./series-fill.js";
import type { Location, SolveContext, SolveScope } from "./scope.js";

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
  const opScope: SolveScope = {
    vars: liveVars(
      { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null, status: plan.status },
      { body: () => holder.body },
    ),
    roots: new Map([["body", bodyLoc]]),
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
  const roots = new Map<string, Location>(Object.keys(instance).map((k) => [k, { container: instance, key: k }]));
  return { vars: liveVars(instance, { this: () => instance }), roots, ctx };
}
