import type { Client as FetchClient } from "openapi-fetch";
import type { paths } from "@agent-analytics/types";
import { ApiError, CancelledError, NetworkError, UnexpectedResponseError, type ClientError } from "./errors.js";
import type { BodyAt, ModuleOf, OperationId, Params, SuccessStatus } from "./operation-types.js";
import { routes } from "./operations.generated.js";
import { parseRetryAfter, retryDelay, retryPolicy, sleep, type RetryOptions, type RetryPolicy } from "./retry.js";
import type { OperationRoute } from "./route.js";

export interface CallOptions {
  /** Cancels the request in flight and any wait before a retry. */
  signal?: AbortSignal;
  /** Sent with this call only (e.g. `{ Prefer: "code=404" }` against the mock). */
  headers?: Record<string, string>;
  /** This call's retry policy instead of the client's; `false` sends one request. */
  retry?: RetryOptions | false;
}

/** A documented success: `status` tells which, when an operation has several (200 or 202). */
export type Success<Id extends OperationId> = {
  [S in SuccessStatus<Id>]: { data: BodyAt<Id, S>; error: undefined; status: S; response: Response };
}[SuccessStatus<Id>];
/** The status and response of a failure, when there was one, are on its error. */
export type Failure<Id extends OperationId> = { data: undefined; error: ClientError<Id>; status?: undefined; response?: undefined };
/** Calls never reject: a failure is a typed value (`unwrap` turns it into a throw). */
export type Result<Id extends OperationId> = Success<Id> | Failure<Id>;

/** The settled configuration of one client, passed to every call. */
export interface Transport {
  fetcher: FetchClient<paths>;
  apiKey: string | undefined;
  headers: Record<string, string>;
  retry: RetryPolicy;
}

type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: string; error?: unknown; response: Response }>;

/** One operation, with retries for the statuses the policy names, honouring Retry-After. */
export async function callOperation<Id extends OperationId>(
  transport: Transport,
  operationId: Id,
  params: Params<Id> | undefined,
  options: CallOptions = {},
): Promise<Result<Id>> {
  const route: OperationRoute = routes[operationId];
  const module = route.module as ModuleOf<Id>;
  const policy = options.retry === undefined ? transport.retry : retryPolicy(options.retry);
  const { signal } = options;
  const init = {
    ...splitParams(route, (params ?? {}) as Record<string, unknown>),
    headers: { ...transport.headers, ...credentialHeader(route, transport.apiKey), ...options.headers },
    signal,
    parseAs: "text",
  };
  const failure = (error: ClientError): Result<Id> => ({ data: undefined, error: error as ClientError<Id> });
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return failure(new CancelledError(operationId, module, attempt - 1, signal.reason));
    let outcome: Awaited<ReturnType<LooseRequest>>;
    try {
      // The path is a template of this operation's route, so the typed client is addressed loosely here.
      outcome = await (transport.fetcher.request as unknown as LooseRequest)(route.method, route.path, init);
    } catch (error) {
      if (signal?.aborted) return failure(new CancelledError(operationId, module, attempt, signal.reason));
      return failure(new NetworkError(operationId, module, attempt, error));
    }
    const { response } = outcome;
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    if (policy.statuses.includes(response.status) && attempt < policy.attempts) {
      const delayMs = retryDelay(policy, attempt, retryAfterMs, waitedMs);
      if (delayMs !== undefined) {
        policy.onRetry?.({ operationId, attempt, status: response.status, delayMs, retryAfterMs });
        try {
          await sleep(delayMs, signal);
        } catch {
          return failure(new CancelledError(operationId, module, attempt, signal!.reason));
        }
        waitedMs += delayMs;
        continue;
      }
    }
    return classify(operationId, route, attempt, outcome, retryAfterMs);
  }
}

/** Path parameters by the route's template, `body` as the request body, the rest as the query. */
function splitParams(route: OperationRoute, params: Record<string, unknown>) {
  const pathNames = new Set([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === "body" || value === undefined) continue;
    (pathNames.has(name) ? path : query)[name] = value;
  }
  return { params: { path, query }, body: params.body };
}

function credentialHeader(route: OperationRoute, apiKey: string | undefined): Record<string, string> {
  if (!route.credential || apiKey === undefined) return {};
  return { [route.credential.header]: `${route.credential.prefix}${apiKey}` };
}

const NOT_JSON = Symbol("not JSON");

function classify<Id extends OperationId>(
  operationId: Id,
  route: OperationRoute,
  attempts: number,
  { data, error, response }: { data?: string; error?: unknown; response: Response },
  retryAfterMs: number | undefined,
): Result<Id> {
  const module = route.module as ModuleOf<Id>;
  const { status } = response;
  const documented = route.statuses.includes(status);
  // openapi-fetch hands a success body over as text (parseAs) and an error body already parsed when it is JSON.
  const body = response.ok ? parseJson(data ?? "") : typeof error === "string" ? parseJson(error) : error;
  if (!documented || body === NOT_JSON || typeof body !== "object" || body === null) {
    const text = response.ok ? (data ?? "") : typeof error === "string" ? error : JSON.stringify(error);
    const why = documented ? "a body that is not a JSON object or array" : `status ${status}, which ${operationId} does not document`;
    const unexpected = new UnexpectedResponseError(operationId, module, attempts, status, text, response, retryAfterMs, `${operationId}: ${why}`);
    return { data: undefined, error: unexpected as ClientError<Id> };
  }
  if (response.ok) return { data: body, error: undefined, status, response } as unknown as Result<Id>;
  const message = stringAt(body, route.errorFields?.message) ?? `${operationId}: ${status} ${response.statusText}`.trim();
  const code = stringAt(body, route.errorFields?.code ?? undefined);
  const apiError = new ApiError(operationId, module, attempts, status as never, body as never, code, message, response, retryAfterMs);
  return { data: undefined, error: apiError as unknown as ClientError<Id> };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function stringAt(body: unknown, path: readonly string[] | undefined): string | undefined {
  if (!path) return undefined;
  let node = body;
  for (const key of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === "string" ? node : undefined;
}
