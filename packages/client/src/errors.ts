import type { BodyAt, ErrorStatus, Module, ModuleOf, OperationId, OperationsOf } from "./operation-types.js";

/** What every failure of a call says: which operation, which module, after how many requests. */
abstract class CallError<Id extends OperationId> extends Error {
  abstract readonly kind: "api" | "unexpected-response" | "network" | "cancelled";
  constructor(
    readonly operationId: Id,
    readonly module: ModuleOf<Id>,
    /** Requests sent, retries included (0 when cancelled before the first one). */
    readonly attempts: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A documented error status, with its body in the module's own format, typed by the contract. */
export class ApiError<Id extends OperationId = OperationId, S extends ErrorStatus<Id> = ErrorStatus<Id>> extends CallError<Id> {
  override readonly name = "ApiError";
  readonly kind = "api" as const;
  constructor(
    operationId: Id,
    module: ModuleOf<Id>,
    attempts: number,
    readonly status: S,
    readonly body: BodyAt<Id, S>,
    /** The module's machine-readable code, where its error format has one. */
    readonly code: string | undefined,
    message: string,
    readonly response: Response,
    /** The server's Retry-After in milliseconds, when it sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(operationId, module, attempts, message);
  }
}

/** A status the operation does not document, or a body that is not JSON. `text` is the raw body. */
export class UnexpectedResponseError<Id extends OperationId = OperationId> extends CallError<Id> {
  override readonly name = "UnexpectedResponseError";
  readonly kind = "unexpected-response" as const;
  constructor(
    operationId: Id,
    module: ModuleOf<Id>,
    attempts: number,
    readonly status: number,
    readonly text: string,
    readonly response: Response,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(operationId, module, attempts, message);
  }
}

/** The request never got a response: refused connection, DNS failure, reset, CORS refusal in a browser. */
export class NetworkError<Id extends OperationId = OperationId> extends CallError<Id> {
  override readonly name = "NetworkError";
  readonly kind = "network" as const;
  constructor(operationId: Id, module: ModuleOf<Id>, attempts: number, cause: unknown) {
    super(operationId, module, attempts, `${operationId}: network error: ${describeCause(cause)}`, { cause });
  }
}

/** Node's fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND) one level down. */
function describeCause(cause: unknown): string {
  const outer = cause instanceof Error ? cause.message : String(cause);
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : undefined;
  return inner ? `${outer} (${inner})` : outer;
}

/** The caller's AbortSignal fired, during a request or while waiting to retry. */
export class CancelledError<Id extends OperationId = OperationId> extends CallError<Id> {
  override readonly name = "CancelledError";
  readonly kind = "cancelled" as const;
  constructor(
    operationId: Id,
    module: ModuleOf<Id>,
    attempts: number,
    /** The signal's reason (an AbortError DOMException unless the caller gave one). */
    readonly reason: unknown,
  ) {
    super(operationId, module, attempts, `${operationId}: cancelled`, { cause: reason });
  }
}

/** One ApiError per documented error status, so that narrowing on `status` (or `module`) narrows `body`. */
export type ApiErrorOf<Id extends OperationId> = Id extends OperationId
  ? { [S in ErrorStatus<Id>]: ApiError<Id, S> }[ErrorStatus<Id>]
  : never;

/** Every way a call of `Id` can fail; `kind` tells which. */
export type ClientError<Id extends OperationId = OperationId> =
  | ApiErrorOf<Id>
  | UnexpectedResponseError<Id>
  | NetworkError<Id>
  | CancelledError<Id>;

/** A module's error body, e.g. `ModuleErrorBody<"analytics">` is `{ success: false; error: { code; message } }`. */
export type ModuleErrorBody<M extends Module> = ApiErrorOf<OperationsOf<M>>["body"];

const KINDS = new Set(["api", "unexpected-response", "network", "cancelled"]);

/** Whether a thrown value is one of the client's errors (iterators and `unwrap` throw them). */
export function isClientError(value: unknown): value is ClientError {
  return value instanceof CallError && KINDS.has(value.kind);
}
