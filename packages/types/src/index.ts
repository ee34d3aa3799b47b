/**
 * Types of the Agent Analytics contract. `openapi.generated.ts` is openapi-typescript's output for
 * the merged document (paths, components, operations, and one root type per schema); the helpers
 * below address an operation by its operationId.
 */
import type { operations } from "./openapi.generated.js";

export type * from "./openapi.generated.js";

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

/** Query parameters of an operation (an empty object type when it takes none). */
export type QueryOf<Id extends OperationId> = operations[Id]["parameters"] extends { query?: infer Q }
  ? NonNullable<Q>
  : Record<string, never>;

/** Path parameters of an operation. */
export type PathOf<Id extends OperationId> = operations[Id]["parameters"] extends { path: infer P } ? P : Record<string, never>;

/** JSON request body of an operation, `never` when it takes none. */
export type RequestBodyOf<Id extends OperationId> = operations[Id] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
