export { createClient, unwrap, type AgentAnalyticsClient, type ClientOptions, type ModuleClient, type OperationMethod } from "./client.js";
export type { CallOptions, Failure, Result, Success } from "./call.js";
export {
  ApiError,
  CancelledError,
  isClientError,
  NetworkError,
  UnexpectedResponseError,
  type ApiErrorOf,
  type ClientError,
  type ModuleErrorBody,
} from "./errors.js";
export type {
  BodyAt,
  ErrorStatus,
  ItemOf,
  Module,
  ModuleOf,
  OperationId,
  OperationsOf,
  PagedOperationId,
  Params,
  SuccessData,
  SuccessStatus,
} from "./operation-types.js";
export { routes } from "./operations.generated.js";
export type { Page } from "./pages.js";
export { parseRetryAfter, type RetryEvent, type RetryOptions } from "./retry.js";
export type { OperationRoute } from "./route.js";
