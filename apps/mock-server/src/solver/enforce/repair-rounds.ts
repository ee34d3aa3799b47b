import type { ResponsePlan } from "../plan/response-plan.js";
import { InstanceScope, type BodyHolder, type ExchangeScope } from "../solve-context.js";
import { holds, repair } from "./enforce.js";
import { schemaInvariantSites } from "./invariant-sites.js";

/** Rounds of repair before giving up on a draw; each round re-checks every invariant. */
const MAX_ROUNDS = 8;

/**
 * Repairs the body round by round until every declared invariant holds: the operation's first
 * (they tie the body to the request), then the schemas', parts before the wholes computed from
 * them. Round one checks everything; later rounds only what a repair touched, or what stayed
 * broken. True when a round found nothing to repair.
 */
export function repairUntilSettled(plan: ResponsePlan, holder: BodyHolder, exchange: ExchangeScope): boolean {
  const { ctx } = exchange;
  let dirty: Set<object> | undefined;
  const scopes = new Map<object, InstanceScope>();
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const touched = new Set<object>();
      ctx.touched = touched;
      let broken = 0;
      for (const node of plan.operationInvariants) {
        if (holds(node, true, exchange)) continue;
        broken++;
        repair(node, true, exchange);
      }
      for (const site of plan.schema ? schemaInvariantSites(plan.doc, plan.schema, holder.body, dirty) : []) {
        let scope = scopes.get(site.instance);
        if (!scope) scopes.set(site.instance, (scope = new InstanceScope(site.instance, ctx)));
        if (holds(site.node, true, scope)) continue;
        broken++;
        touched.add(site.instance);
        repair(site.node, true, scope);
      }
      if (broken === 0) return true;
      dirty = touched;
    }
  } finally {
    ctx.touched = undefined;
  }
  return false;
}
