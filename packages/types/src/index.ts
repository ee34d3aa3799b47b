/**
 * Types of the Agent Analytics contract. `openapi.generated.ts` is openapi-typescript's output for
 * the merged document (paths, components, operations, and one root type per schema); the helpers
 * below address an operation by its operationId.
 */
import type { parameterDefaults } from "./defaults.generated.js";
import type { operations } from "./openapi.generated.js";

export type * from "./openapi.generated.js";
export type { parameterDefaults } from "./defaults.generated.js";

/** Every operationId of the contract. */
export type OperationId = keyof operations;

type ResponsesOf<Id extends OperationId> = operations[Id]["responses"];
type JsonOf<R> = R extends { content: { "application/json": infer Body } }
  ? Body
  : R extends { content: { "application/problem+json": infer Body } }
    ? Body
    : never;

/** The JSON body of an operation's response for a status, e.g. `ResponseBody<"getAgentStats", 200>`. */
export type ResponseBody<Id extends OperationId, Status extends keyof ResponsesOf<Id>> = JsonOf<ResponsesOf<Id>[Status]>;

/** The body of an operation's first success status (200, else 201, else 202). */
export type SuccessBody<Id extends OperationId> = ResponsesOf<Id> extends { 200: infer R }
  ? JsonOf<R>
  : ResponsesOf<Id> extends { 201: infer R }
    ? JsonOf<R>
    : ResponsesOf<Id> extends { 202: infer R }
      ? JsonOf<R>
      : never;

/** Query parameters of an operation, as a client sends them (an empty object type when it takes none). */
export type QueryOf<Id extends OperationId> = [NonNullable<operations[Id]["parameters"]["query"]>] extends [never]
  ? Record<string, never>
  : NonNullable<operations[Id]["parameters"]["query"]>;

/** The query parameters of an operation that have a documented default. */
export type DefaultedQueryName<Id extends OperationId> = Id extends keyof parameterDefaults
  ? parameterDefaults[Id] extends { query: infer Name extends keyof QueryOf<Id> }
    ? Name
    : never
  : never;

/**
 * Query parameters of an operation as a server reads them once validated: documented defaults
 * applied, so a parameter with a default is always present (`limit` of `listAgentRuns`).
 */
export type ParsedQueryOf<Id extends OperationId> = Simplify<
  Omit<QueryOf<Id>, DefaultedQueryName<Id>> & Required<Pick<QueryOf<Id>, DefaultedQueryName<Id>>>
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Path parameters of an operation. */
export type PathOf<Id extends OperationId> = operations[Id]["parameters"] extends { path: infer P } ? P : Record<string, never>;

/** JSON request body of an operation, `never` when it takes none. */
export type RequestBodyOf<Id extends OperationId> = operations[Id] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/** The documented success statuses of an operation (`200 | 202` for refresh_metrics). */
export type SuccessStatus<Id extends OperationId> = Extract<keyof ResponsesOf<Id>, 200 | 201 | 202 | 203 | 206>;

/** A success answer to an operation: one of its documented 2xx statuses with that status's body. */
export type SuccessReply<Id extends OperationId> = {
  [Status in SuccessStatus<Id>]: { status: Status; body: ResponseBody<Id, Status> };
}[SuccessStatus<Id>];
