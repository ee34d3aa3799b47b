import type { ContractRequest, ValidatedRequest } from "@agent-analytics/contract";
import type { OperationId } from "@agent-analytics/types";
import type { Organisation } from "../organisations.js";

/** What the world answers for one operation: a body with its status, or an error in the module's format. */
export type Answer<Body> =
  /** `json`, when given, is the body already serialized (parts of it cached across requests). */
  | { kind: "ok"; status: number; body: Body; json?: string }
  /** The organisation has no such record (or store): 404, unless the request asks for a generated body. */
  | { kind: "not-found"; message: string }
  | { kind: "error"; status: number; message: string; extra?: Record<string, unknown> };

export const ok = <Body>(body: Body, status = 200): Answer<Body> => ({ kind: "ok", status, body });
/** A body serialized by the handler: `JSON.parse(json)` is a `Body`. */
export const okJson = <Body>(json: string, status = 200): Answer<Body> => ({ kind: "ok", status, body: undefined as Body, json });
export const notFound = (message: string): Answer<never> => ({ kind: "not-found", message });
export const failure = (status: number, message: string, extra?: Record<string, unknown>): Answer<never> => ({ kind: "error", status, message, extra });

/** A validated request to the world: who asks, and the request with the contract's defaults applied. */
export interface Asked<Id extends OperationId> {
  org: Organisation;
  /** The mock's clock: "now" of `--now`, standing still. */
  now: number;
  query: ContractRequest<Id>["query"];
  path: ContractRequest<Id>["path"];
  body: ContractRequest<Id>["body"];
}

/** The request as the operation's generated types describe it (the pipeline has validated and typed it). */
export function asked<Id extends OperationId>(org: Organisation, now: number, request: ValidatedRequest): Asked<Id> {
  const typed = request as unknown as ContractRequest<Id>;
  return { org, now, query: typed.query, path: typed.path, body: typed.body };
}
