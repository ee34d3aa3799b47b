import type { OperationId, ParsedQueryOf, PathOf, RequestBodyOf } from "@agent-analytics/types";
import type { Operation } from "../operations.js";
import type { ParsedRequest } from "../request.js";
import type { Credential } from "../security.js";

/** A request the pipeline accepted for one operation, for any document. */
export interface ValidatedRequest extends ParsedRequest {
  operationId: string;
  operation: Operation;
  /** The credential presented under the operation's security; who it belongs to is the server's to find. */
  credential: Credential | undefined;
}

/**
 * A request accepted for one operation of the merged contract, typed by it: path parameters, the
 * query with documented defaults applied (a parameter with a default is present) and the body.
 */
export type ContractRequest<Id extends OperationId> = Omit<ValidatedRequest, "operationId" | "path" | "query" | "body"> & {
  operationId: Id;
  path: PathOf<Id>;
  query: ParsedQueryOf<Id>;
  body: [RequestBodyOf<Id>] extends [never] ? undefined : RequestBodyOf<Id>;
};

/** A request for any operation of the merged contract; `operationId` tells which (and narrows the rest). */
export type AnyContractRequest = { [Id in OperationId]: ContractRequest<Id> }[OperationId];
