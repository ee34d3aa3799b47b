/**
 * What the client needs at run time about one operation, generated from the merged contract into
 * `operations.generated.ts` (the types say what is sent and received; this says where and how).
 */
export interface OperationRoute {
  /** The module (`x-conformance-class`). */
  readonly module: string;
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  /** Path template, e.g. `/agents/{agentId}/runs`. */
  readonly path: string;
  /** Every documented status. */
  readonly statuses: readonly number[];
  /** How the key is presented: the first security alternative the operation declares. */
  readonly credential: { readonly header: string; readonly prefix: string } | null;
  /** Where the module's error format (`x-error-template`) puts its message and code. */
  readonly errorFields: { readonly message: readonly string[]; readonly code: readonly string[] | null } | null;
  /**
   * Paging, from the invariant `len(body.I) == max(0, min(query.L, body.T - query.O))` the contract
   * declares on the success response: items at `I`, total at `T`, page size `L`, offset `O`.
   */
  readonly paging: {
    readonly items: readonly string[];
    readonly total: readonly string[];
    readonly limit: string;
    readonly offset: string;
  } | null;
}
