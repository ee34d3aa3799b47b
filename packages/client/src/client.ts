import createFetchClient from "openapi-fetch";
import type { paths } from "@agent-analytics/types";
import { callOperation, type CallOptions, type Result, type Transport } from "./call.js";
import type { ItemOf, Module, OperationId, OperationsOf, PagedOperationId, ParamsArg } from "./operation-types.js";
import { routes } from "./operations.generated.js";
import { items, pages, type Page } from "./pages.js";
import { retryPolicy, type RetryOptions } from "./retry.js";
import type { OperationRoute } from "./route.js";

export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:4010` for the mock or `http://127.0.0.1:3000` for the reference server. */
  baseUrl: string;
  /** The API key, presented the way each operation's security asks (`Authorization: Bearer <key>` today). */
  apiKey?: string;
  /** Your own fetch (a proxy, instrumentation); `globalThis.fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries of 429 and 503 (by default 3 requests at most, 30 s of waiting at most); `false` turns them off. */
  retry?: RetryOptions | false;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

type Generator<T> = AsyncGenerator<T, void, undefined>;

interface PagedMethods<Id extends PagedOperationId> {
  /** Every page, until the first page's `total`. */
  pages(...args: ParamsArg<Id, CallOptions>): Generator<Page<Id>>;
  /** Every item of every page. */
  items(...args: ParamsArg<Id, CallOptions>): Generator<ItemOf<Id>>;
}

/** One operation: call it with its flat parameters; paged ones also iterate. */
export type OperationMethod<Id extends OperationId> = ((...args: ParamsArg<Id, CallOptions>) => Promise<Result<Id>>) &
  (Id extends PagedOperationId ? PagedMethods<Id> : unknown);

export type ModuleClient<M extends Module> = { readonly [Id in OperationsOf<M>]: OperationMethod<Id> };

export type AgentAnalyticsClient = { readonly [M in Module]: ModuleClient<M> } & {
  /** Any operation by its operationId. */
  call<Id extends OperationId>(operationId: Id, ...args: ParamsArg<Id, CallOptions>): Promise<Result<Id>>;
  pages<Id extends PagedOperationId>(operationId: Id, ...args: ParamsArg<Id, CallOptions>): Generator<Page<Id>>;
  items<Id extends PagedOperationId>(operationId: Id, ...args: ParamsArg<Id, CallOptions>): Generator<ItemOf<Id>>;
};

/**
 * A client for every module of the contract. Each module is a namespace of its operations, named
 * by operationId: `client.agents.getAgentStats({ agentId })`, `client.agentos.get_metrics()`.
 */
export function createClient(options: ClientOptions): AgentAnalyticsClient {
  const userFetch = options.fetch;
  const transport: Transport = {
    fetcher: createFetchClient<paths>({
      baseUrl: options.baseUrl,
      // Looked up per request, so a fetch installed after the client was created is used.
      fetch: userFetch ?? ((request: Request) => globalThis.fetch(request)),
    }),
    apiKey: options.apiKey,
    headers: { ...options.headers },
    retry: retryPolicy(options.retry),
  };
  const call = <Id extends OperationId>(operationId: Id, params?: unknown, callOptions?: CallOptions) =>
    callOperation(transport, operationId, params as never, callOptions);

  const modules: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes) as [OperationId, OperationRoute][]) {
    const method = (params?: unknown, callOptions?: CallOptions) => call(operationId, params, callOptions);
    if (route.paging) {
      const paged = operationId as PagedOperationId;
      Object.assign(method, {
        pages: (params?: unknown, callOptions?: CallOptions) => pages(call, paged, (params ?? {}) as never, callOptions),
        items: (params?: unknown, callOptions?: CallOptions) => items(call, paged, (params ?? {}) as never, callOptions),
      });
    }
    (modules[route.module] ??= {})[operationId] = method;
  }
  const client = {
    ...modules,
    call,
    pages: (operationId: PagedOperationId, params?: unknown, callOptions?: CallOptions) => pages(call, operationId, (params ?? {}) as never, callOptions),
    items: (operationId: PagedOperationId, params?: unknown, callOptions?: CallOptions) => items(call, operationId, (params ?? {}) as never, callOptions),
  };
  return client as unknown as AgentAnalyticsClient;
}

/** The data of a success, or the typed error thrown (for code that prefers exceptions, e.g. query libraries). */
export function unwrap<R extends { data: unknown; error: unknown }>(result: R): Extract<R, { error: undefined }>["data"] {
  if (result.error !== undefined) throw result.error;
  return result.data as Extract<R, { error: undefined }>["data"];
}
