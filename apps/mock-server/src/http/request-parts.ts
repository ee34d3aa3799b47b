import type { HttpRequest, QueryValues } from "@agent-analytics/contract";

/** A request as the mock engine sees it, independent of the HTTP library: the pipeline's raw request. */
export type MockRequest = HttpRequest;

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds to wait before answering (latency injection). */
  delayMs: number;
  /** Why a 4xx was answered, for the request log. */
  reason?: string;
}

/** The query as part of a request's identity: keys sorted, control parameters left out. */
export function normalizedQuery(query: QueryValues, keep: (name: string) => boolean): string {
  return Object.keys(query)
    .filter(keep)
    .sort()
    .map((k) => `${k}=${JSON.stringify(query[k])}`)
    .join("&");
}

/** The body as part of a request's identity: its text as sent. */
export function bodyText(body: MockRequest["body"]): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.length).toString("utf8");
}
