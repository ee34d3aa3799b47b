import type { MockRequest } from "./request-parts.js";

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
const EXPOSED = "Allow, Retry-After";

/** CORS headers for any request: browsers building dashboards against the mock just work. */
export function corsHeaders(request: MockRequest): Record<string, string> {
  const origin = request.headers.origin;
  const headers: Record<string, string> = {
    "access-control-allow-origin": typeof origin === "string" ? origin : "*",
    "access-control-expose-headers": EXPOSED,
  };
  if (typeof origin === "string") {
    headers["access-control-allow-credentials"] = "true";
    headers.vary = "Origin";
  }
  return headers;
}

export function isPreflight(request: MockRequest): boolean {
  return request.method.toUpperCase() === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
}

/** The answer to a preflight: every method, and whatever headers the browser asks to send. */
export function preflightHeaders(request: MockRequest): Record<string, string> {
  const requested = request.headers["access-control-request-headers"];
  return {
    ...corsHeaders(request),
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": typeof requested === "string" ? requested : "Authorization, Content-Type, Prefer, X-API-Key",
    "access-control-max-age": "600",
  };
}
