import type { OperationId, ResponseBody, SuccessReply, SuccessStatus } from "@agent-analytics/types";
import type { AnyContractRequest, ContractRequest } from "./validated-request.js";

declare const replied: unique symbol;

/** A success answer to an operation, made by its `reply` function (the only way to make one). */
export type Reply<Id extends OperationId> = SuccessReply<Id> & { readonly [replied]: Id };

/**
 * Makes an operation's success answer: a documented 2xx status and that status's body. The body is
 * an argument, so the compiler checks it field by field, an unknown field included (a body merely
 * returned from a function is not checked for extra fields).
 */
export type ReplyTo<Id extends OperationId> = <Status extends SuccessStatus<Id>>(status: Status, body: ResponseBody<Id, Status>) => Reply<Id>;

/** Answers one operation: its typed request in, one of its documented success replies out. */
export type OperationHandler<Id extends OperationId, Context> = (request: ContractRequest<Id>, context: Context, reply: ReplyTo<Id>) => Promise<Reply<Id>>;

/**
 * One handler for every operation of the contract, keyed by operationId (hono's `RouteHandler`
 * by route, here by operation). Declared with this type, or `satisfies` it, a missing or misspelt
 * operation, a query field the operation does not have, or a success body that is not the one the
 * operation documents is a compile error. Errors are thrown, and answered in the module's format.
 */
export type OperationHandlers<Context> = { [Id in OperationId]: OperationHandler<Id, Context> };

/** What a handler answered: a documented success status and its body. */
export interface HandledReply {
  status: number;
  body: unknown;
}

const reply = (status: number, body: unknown) => ({ status, body });

/** Calls the handler of the request's operation. */
export function dispatch<Context>(handlers: OperationHandlers<Context>, request: AnyContractRequest, context: Context): Promise<HandledReply> {
  // The compiler cannot relate the union's members to the map's entries; each entry is checked where it is declared.
  const handler = handlers[request.operationId] as unknown as (request: AnyContractRequest, context: Context, answer: typeof reply) => Promise<HandledReply>;
  return handler(request, context, reply);
}
