import {
  checkOperationInvariants,
  checkSchemaInvariants,
  responseSchemaPointer,
  type ContractValidator,
  type OpenApiDocument,
  type Operation,
  type ParsedRequest,
  type SchemaObject,
} from "@agent-analytics/contract";
import { seededRandom } from "./generate/random.js";
import type { ResponsePlan } from "./solver/operation-plan.js";
import { solveResponse } from "./solver/solve-response.js";

/** Fresh draws tried before settling for the best one: the solver rarely needs a second. */
const ATTEMPTS = 4;
const DAY = 86_400_000;
/** Generated timestamps fall within the 30 days before the mock's clock. */
const WINDOW_DAYS = 30;

export interface DynamicBody {
  body: unknown;
  /** The body validates against its schema and satisfies every declared invariant. */
  verified: boolean;
  /** Why the last draw failed, when none verified. */
  reason?: string;
}

/**
 * A generated, invariant-satisfying body for a documented response. Each draw is verified against
 * the response schema (Ajv, formats enforced) and, only when the solver could not settle, against
 * the invariants again; a failing draw is replaced by another from the next seed.
 */
export function dynamicBody(
  doc: OpenApiDocument,
  validator: ContractValidator,
  operation: Operation,
  plan: ResponsePlan,
  request: ParsedRequest,
  seed: number,
  now: number,
): DynamicBody {
  const pointer = plan.schema ? responseSchemaPointer(operation, String(plan.status), plan.mediaType) : undefined;
  let last: unknown = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const random = seededRandom(seed + attempt * 0x9e3779b1);
    const outcome = solveResponse(doc, plan, request, { doc, random, clock: { from: now - WINDOW_DAYS * DAY, to: now } });
    last = outcome.body;
    if (!pointer) return { body: outcome.body, verified: true };
    if (validator.validate(pointer, outcome.body).length > 0) continue;
    if (outcome.settled || invariantsHold(doc, operation, plan, request, outcome.body)) return { body: outcome.body, verified: true };
  }
  return { body: last, verified: false, reason: failureReason(doc, validator, operation, plan, request, last, pointer) };
}

function failureReason(
  doc: OpenApiDocument,
  validator: ContractValidator,
  operation: Operation,
  plan: ResponsePlan,
  request: ParsedRequest,
  body: unknown,
  pointer: string | undefined,
): string {
  const issue = pointer ? validator.validate(pointer, body)[0] : undefined;
  if (issue) return `body${issue.pointer} ${issue.message}`;
  const failure = [
    ...checkOperationInvariants(operation, { request, status: plan.status, body }),
    ...checkSchemaInvariants(doc, plan.schema as SchemaObject, body),
  ][0];
  return failure ? `${failure.invariant.id}: ${failure.invariant.expr}` : "unknown";
}

function invariantsHold(doc: OpenApiDocument, operation: Operation, plan: ResponsePlan, request: ParsedRequest, body: unknown): boolean {
  return (
    checkSchemaInvariants(doc, plan.schema as SchemaObject, body).length === 0 &&
    checkOperationInvariants(operation, { request, status: plan.status, body }).length === 0
  );
}
