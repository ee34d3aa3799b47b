import type { OperationId, SuccessReply } from "@agent-analytics/types";
import type { AnyContractRequest, ContractRequest } from "./validated-request.js";

/** Answers one operation: its typed request in, one of its documented success replies out. */
export type OperationHandler<Id extends OperationId, Context> = (request: ContractRequest<Id>, context: Context) => Promise<SuccessReply<Id>>;

/**
 * One handler for every operation of the contract, keyed by operationId. Declared with this type
 * (or `satisfies` it), a missing or misspelt operation, a query field the operation does not have
 * or a success body of the wrong shape is a compile error.
 */
export type OperationHandlers<Context> = { [Id in OperationId]: OperationHandler<Id, Context> };

/** A success reply of any operation. */
export type AnySuccessReply = { [Id in OperationId]: SuccessReply<Id> }[OperationId];

/** Calls the handler of the request's operation. */
export function dispatch<Context>(handlers: OperationHandlers<Context>, request: AnyContractRequest, context: Context): Promise<AnySuccessReply> {
  // The compiler cannot relate the union's members to the map's entries; each entry is checked where it is declared.
  const handler = handlers[request.operationId] as unknown as (request: AnyContractRequest, context: Context) => Promise<AnySuccessReply>;
  return handler(request, context);
}
