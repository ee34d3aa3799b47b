/** A request as it arrives, whatever the HTTP library: what the pipeline reads. */
export interface HttpRequest {
  method: string;
  /** Path and query string, as on the request line (`/agents/a1/runs?limit=5`). */
  url: string;
  /** Lower-case names, as node:http gives them. */
  headers: HttpHeaders;
  /** The body as sent (bytes, or text already decoded as UTF-8); absent or empty when none was sent. */
  body?: Uint8Array | string;
}

export type HttpHeaders = Record<string, string | string[] | undefined>;

/** Query values as sent: a repeated key gives an array. */
export type QueryValues = Record<string, string | string[] | undefined>;

/** The path and the query of a request target (origin-form `/a?b`, or absolute-form `http://host/a?b`). */
export function parseTarget(target: string): { pathname: string; query: QueryValues } {
  const url = target.startsWith("/") ? target : target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const query: QueryValues = {};
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
      const existing = query[key];
      query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return { pathname: pathname || "/", query };
}

/** A header's value; the first one when it was sent several times. */
export function headerValue(headers: HttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
