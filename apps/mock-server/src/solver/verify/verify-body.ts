import {
  checkOperationInvariants,
  checkSchemaInvariants,
  type ContractValidator,
  type InvariantFailure,
  type ParsedRequest,
  type SchemaObject,
} from "@agent-analytics/contract";
import type { ResponsePlan } from "../plan/response-plan.js";

/**
 * Whether a solved body may be served, judged by the contract's own checkers rather than the
 * solver's view of them: the response schema (Ajv 2020, formats enforced) always; the invariants
 * only when the solver did not settle (a settled body already passed every one of them).
 */
export function verifyBody(plan: ResponsePlan, request: ParsedRequest, body: unknown, settled: boolean, validator: ContractValidator): boolean {
  if (!plan.schemaPointer) return true;
  if (validator.validate(plan.schemaPointer, body).length > 0) return false;
  return settled || (schemaFailures(plan, body).length === 0 && operationFailures(plan, request, body).length === 0);
}

/** Why a body fails verification: its first schema issue, else its first failing invariant. */
export function failureReason(plan: ResponsePlan, request: ParsedRequest, body: unknown, validator: ContractValidator): string {
  const issue = plan.schemaPointer ? validator.validate(plan.schemaPointer, body)[0] : undefined;
  if (issue) return `body${issue.pointer} ${issue.message}`;
  const failure = [...operationFailures(plan, request, body), ...schemaFailures(plan, body)][0];
  return failure ? `${failure.invariant.id}: ${failure.invariant.expr}` : "unknown";
}

function schemaFailures(plan: ResponsePlan, body: unknown): InvariantFailure[] {
  return checkSchemaInvariants(plan.doc, plan.schema as SchemaObject, body);
}

function operationFailures(plan: ResponsePlan, request: ParsedRequest, body: unknown): InvariantFailure[] {
  return checkOperationInvariants(plan.operation, { request, status: plan.status, body });
}
