import type { CallOptions, Result, Success } from "./call.js";
import { UnexpectedResponseError } from "./errors.js";
import type { ItemOf, OperationId, PagedOperationId, Params, SuccessData } from "./operation-types.js";
import { routes } from "./operations.generated.js";
import type { OperationRoute } from "./route.js";

export interface Page<Id extends PagedOperationId> {
  items: ItemOf<Id>[];
  /** The position of the first item, as sent (`offset` or `skip`). */
  offset: number;
  /** The total the first page reported: the iteration stops there. */
  total: number;
  /** The whole response body of this page. */
  data: SuccessData<Id>;
}

type Call = <Id extends OperationId>(operationId: Id, params: Params<Id> | undefined, options?: CallOptions) => Promise<Result<Id>>;

/**
 * The pages of a paged operation, following the paging law the contract declares for it
 * (`len(items) == max(0, min(limit, total - offset))`): from the offset given (or 0), one request
 * per page, until the items yielded reach the first page's `total` (a server that reports a new total
 * mid-way does not move the end), or a page comes back empty. A failed page throws its ClientError.
 */
export async function* pages<Id extends PagedOperationId>(
  call: Call,
  operationId: Id,
  params: Params<Id>,
  options?: CallOptions,
): AsyncGenerator<Page<Id>, void, undefined> {
  const paging = (routes[operationId] as OperationRoute).paging!;
  const given = params as Record<string, unknown>;
  let offset = typeof given[paging.offset] === "number" ? (given[paging.offset] as number) : 0;
  let total: number | undefined;
  for (;;) {
    const result = await call(operationId, { ...given, [paging.offset]: offset } as Params<Id>, options);
    if (result.error) throw result.error;
    const { data, response } = result as Success<Id> as { data: SuccessData<Id>; response: Response };
    const items = valueAt(data, paging.items);
    const reported = valueAt(data, paging.total);
    if (!Array.isArray(items) || typeof reported !== "number") {
      const { module } = routes[operationId];
      const why = `${operationId}: a page without ${paging.items.join(".")} or ${paging.total.join(".")}`;
      throw new UnexpectedResponseError(operationId, module, 1, response.status, JSON.stringify(data), response, undefined, why);
    }
    total ??= reported;
    const kept = (items as ItemOf<Id>[]).slice(0, Math.max(0, total - offset));
    yield { items: kept, offset, total, data };
    offset += kept.length;
    if (kept.length === 0 || offset >= total) return;
  }
}

/** The items of every page, one at a time. */
export async function* items<Id extends PagedOperationId>(
  call: Call,
  operationId: Id,
  params: Params<Id>,
  options?: CallOptions,
): AsyncGenerator<ItemOf<Id>, void, undefined> {
  for await (const page of pages(call, operationId, params, options)) yield* page.items;
}

function valueAt(body: unknown, path: readonly string[]): unknown {
  let node = body;
  for (const key of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}
