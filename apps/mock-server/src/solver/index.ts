/**
 * The mock's generic solver: coherent bodies for any operation, from the contract alone. It knows
 * no operation by name; what it makes hold is what the contract declares (`x-invariants`).
 *
 *   const plans = planResponses(doc);                               // once, at start-up
 *   const plan = plans.get(`${operation.operationId} ${status}`);
 *   const { body, verified, reason } = solveBody(plan, parsedRequest, { seed, now, validator });
 *
 * `verified` false means no body satisfies the contract for this request (`reason` names the
 * failing check). solve-body.ts reads top-down in the order the algorithm runs.
 */
export { planResponses, type ResponsePlan } from "./plan/response-plan.js";
export { solveBody, type DrawOptions, type SolvedBody } from "./solve-body.js";
export { hashSeed } from "./generate/random.js";
