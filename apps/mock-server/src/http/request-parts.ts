/** A request as the mock engine sees it, independent of the HTTP library. */
export interface MockRequest {
  method: string;
  /** Path and query string, as on the request line. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text, when one was sent. */
  body?: string;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds to wait before answering (latency injection). */
  delayMs: number;
}

export type Query = Record<string, string | string[] | undefined>;

export function splitUrl(url: string): { pathname: string; query: Query; search: string } {
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? "" : url.slice(q + 1);
  const query: Query = {};
  if (search) {
    for (const [key, value] of new URLSearchParams(search)) {
      const existing = query[key];
      query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return { pathname: pathname || "/", query, search };
}

/** The query as part of a request's identity: keys sorted, control parameters left out. */
export function normalizedQuery(query: Query, keep: (name: string) => boolean): string {
  return Object.keys(query)
    .filter(keep)
    .sort()
    .map((k) => `${k}=${JSON.stringify(query[k])}`)
    .join("&");
}
