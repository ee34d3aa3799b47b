import type { ContractValidator, ParsedRequest } from "@agent-analytics/contract";
import { layOutSeries } from "./calendar/series-layout.js";
import { repairUntilSettled } from "./enforce/repair-rounds.js";
import { seededRandom } from "./generate/random.js";
import { generateValue, type GenerationContext } from "./generate/value.js";
import type { ResponsePlan } from "./plan/response-plan.js";
import { ExchangeScope, SolveContext, type BodyHolder } from "./solve-context.js";
import { failureReason, verifyBody } from "./verify/verify-body.js";

/** Fresh draws tried before settling for the last one: the solver rarely needs a second. */
const ATTEMPTS = 4;
/** Generated timestamps fall within the 30 days before the mock's clock. */
const WINDOW_MS = 30 * 86_400_000;

export interface SolvedBody {
  body: unknown;
  /** The body validates against its schema and satisfies every declared invariant. */
  verified: boolean;
  /** Why the last draw failed, when none verified. */
  reason?: string;
}

export interface DrawOptions {
  /** The request's seed: the same seed gives the same bytes. */
  seed: number;
  /** The mock's clock (epoch ms): generated timestamps and default ranges end here. */
  now: number;
  /** The contract's validator, which judges every draw. */
  validator: ContractValidator;
}

/**
 * A body for one documented response to one request that satisfies the response schema and every
 * invariant the contract declares, from the plan compiled at start-up (plan/). Each draw:
 *   1. draws values from the response schema (generate/), leaving calendar series empty;
 *   2. lays out each calendar series over the requested range (calendar/);
 *   3. repairs the body round by round until every declared invariant holds (enforce/);
 *   4. is verified by the contract's own checkers (verify/).
 * A draw that fails verification is replaced by a fresh one from the next seed.
 */
export function solveBody(plan: ResponsePlan, request: ParsedRequest, { seed, now, validator }: DrawOptions): SolvedBody {
  let last: unknown = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const random = seededRandom(seed + attempt * 0x9e3779b1);
    const { body, settled } = solveDraw(plan, request, { doc: plan.doc, random, clock: { from: now - WINDOW_MS, to: now } });
    last = body;
    if (verifyBody(plan, request, body, settled, validator)) return { body, verified: true };
  }
  return { body: last, verified: false, reason: failureReason(plan, request, last, validator) };
}

/** Steps 1 to 3 for one draw: the body, and whether the last repair round found nothing to repair. */
export function solveDraw(plan: ResponsePlan, request: ParsedRequest, generation: GenerationContext): { body: unknown; settled: boolean } {
  const ctx = new SolveContext(generation, plan.mentions);
  const holder: BodyHolder = { body: plan.schema ? generateValue({ ...generation, emptyArrays: plan.seriesArrays }, plan.schema) : null };
  const exchange = new ExchangeScope(request, plan.status, holder, ctx);
  for (const series of plan.series) layOutSeries(series, exchange);
  const settled = repairUntilSettled(plan, holder, exchange);
  return { body: holder.body, settled };
}
