/**
 * Every type the client exposes is derived here from the generated contract types
 * (@agent-analytics/types) and the generated route table: nothing about an operation is written by
 * hand, so a new operation is typed as soon as `pnpm generate` has run.
 */
import type { operations } from "@agent-analytics/types";
import type { routes } from "./operations.generated.js";

type Routes = typeof routes;

export type OperationId = keyof operations & keyof Routes;
export type Module = Routes[OperationId]["module"];
export type ModuleOf<Id extends OperationId> = Routes[Id]["module"];
/** The operationIds of one module. */
export type OperationsOf<M extends Module> = { [Id in OperationId]: ModuleOf<Id> extends M ? Id : never }[OperationId];

/** No parameters (the `{}` a lint rule rightly distrusts elsewhere). */
type None = Record<never, never>;

type Parameters<Id extends OperationId> = operations[Id]["parameters"];
type PathParams<Id extends OperationId> = Parameters<Id> extends { path: infer P } ? P : None;
type QueryOrNever<Id extends OperationId> = Parameters<Id> extends { query?: infer Q } ? NonNullable<Q> : never;
type QueryParams<Id extends OperationId> = [QueryOrNever<Id>] extends [never] ? None : QueryOrNever<Id>;
type RequestBody<Id extends OperationId> = NonNullable<operations[Id]["requestBody"]>;
type BodyParam<Id extends OperationId> = [RequestBody<Id>] extends [never]
  ? None
  : RequestBody<Id> extends { content: { "application/json": infer Body } }
    ? undefined extends operations[Id]["requestBody"]
      ? { body?: Body }
      : { body: Body }
    : None;

type Simplify<T> = { [K in keyof T]: T[K] };

/** One flat object: path and query parameters by name, and the JSON request body as `body`. */
export type Params<Id extends OperationId> = Simplify<PathParams<Id> & QueryParams<Id> & BodyParam<Id>>;

// Flat parameters need distinct names: a contract that gives a path and a query parameter the same
// name (or names one `body`) fails to compile here, naming the operation and the parameter.
type Collision<Id extends OperationId> =
  | (keyof PathParams<Id> & keyof QueryParams<Id>)
  | (keyof (PathParams<Id> & QueryParams<Id>) & "body");
type Collisions = { [Id in OperationId]: [Collision<Id>] extends [never] ? never : { operation: Id; parameter: Collision<Id> } }[OperationId];
type AssertNone<T extends never> = T;
export type _FlatParametersAreUnambiguous = AssertNone<Collisions>;

type RequiredKeys<T> = { [K in keyof T]-?: None extends Pick<T, K> ? never : K }[keyof T];
/** `params` is optional when the operation requires nothing. */
export type ParamsArg<Id extends OperationId, Options> = [RequiredKeys<Params<Id>>] extends [never]
  ? [params?: Params<Id>, options?: Options]
  : [params: Params<Id>, options?: Options];

type Responses<Id extends OperationId> = operations[Id]["responses"];
export type StatusOf<Id extends OperationId> = keyof Responses<Id> & number;
export type SuccessStatus<Id extends OperationId> = {
  [S in StatusOf<Id>]: `${S}` extends `2${string}` ? S : never;
}[StatusOf<Id>];
export type ErrorStatus<Id extends OperationId> = Exclude<StatusOf<Id>, SuccessStatus<Id>>;

/** The body of an operation's response for a status (every media type it declares), `undefined` without content. */
export type BodyAt<Id extends OperationId, S extends StatusOf<Id>> = Responses<Id>[S] extends { content: infer Content }
  ? Content[keyof Content]
  : undefined;

/** The body of an operation's success, whichever documented 2xx it is. */
export type SuccessData<Id extends OperationId> = BodyAt<Id, SuccessStatus<Id>>;

type PagingOf<Id extends OperationId> = Routes[Id]["paging"];
/** Operations the contract declares a paging law for (agent runs, analytics events). */
export type PagedOperationId = { [Id in OperationId]: PagingOf<Id> extends null ? never : Id }[OperationId];

type At<T, Path> = Path extends readonly [infer Head extends keyof T, ...infer Rest] ? At<T[Head], Rest> : T;
/** One element of a paged operation's list, e.g. an `AgentRun` for `listAgentRuns`. */
export type ItemOf<Id extends PagedOperationId> =
  At<SuccessData<Id>, NonNullable<PagingOf<Id>>["items"]> extends readonly (infer Item)[] ? Item : never;
