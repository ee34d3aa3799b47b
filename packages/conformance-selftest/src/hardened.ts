import { document, errorResponse, matchRoute, validationStatus } from "@agent-analytics/contract";
import type { ProxiedRequest, ProxiedResponse } from "./proxy.js";

/**
 * The selftest measures the kit, not the server behind the proxy: input the reference server may
 * still fail on (NUL and lone surrogates, which its database cannot store; the years 0000 and 9999 and leap seconds, at the edge of what its dates hold) is
 * refused here first, with the operation's validation status in its module's error format, as a
 * conformant server may refuse it. Planted defects act before this, so a planted 500 still shows.
 */
export function refuseUnstorable(req: ProxiedRequest): ProxiedResponse | undefined {
  const url = new URL(req.url, "http://proxy");
  const match = matchRoute(document, req.method, url.pathname);
  if (match.kind !== "operation") return undefined;
  const values: string[] = [...url.searchParams.values(), ...Object.values(match.pathParams)];
  // Query values decode through URLSearchParams, which turns a lone surrogate's bytes into U+FFFD.
  const rawTarget = req.url;
  if (req.body.length > 0) {
    try {
      collectStrings(JSON.parse(req.body.toString("utf8")), values);
    } catch {
      // Not JSON: the server's own validation answers it.
    }
  }
  const bad = values.find((v) => UNSTORABLE.test(v) || /^(0000|9999)-/.test(v) || /T\d\d:\d\d:60/i.test(v)) ?? (/%ED%[AB][0-9A-F]%[89AB][0-9A-F]/i.test(rawTarget) ? "a lone surrogate" : undefined);
  if (bad === undefined) return undefined;
  const status = validationStatus(match.operation);
  const reply = errorResponse(document, match.operation, status, "the request holds a value that cannot be stored");
  return { status, headers: { "content-type": reply.contentType ?? "application/json" }, body: Buffer.from(JSON.stringify(reply.body)) };
}

/** NUL, U+FFFD (what a lone surrogate's bytes decode to), or a lone surrogate itself. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for.
const UNSTORABLE = /\u0000|\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function collectStrings(node: unknown, out: string[]): void {
  if (typeof node === "string") out.push(node);
  else if (Array.isArray(node)) node.forEach((item) => collectStrings(item, out));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      out.push(key);
      collectStrings(value, out);
    }
  }
}
