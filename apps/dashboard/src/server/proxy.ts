import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";

// Hop-by-hop headers (RFC 9110 7.6.1) are the connection's, not the message's: never forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host"]);

function forwardable(headers: IncomingMessage["headers"]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/**
 * Forwards one request to `upstream` + `path` and streams the answer back. The page calls the API
 * through its own origin, so servers that send no CORS headers (the reference server) work. A
 * server that cannot be reached answers 502 with a JSON body saying which.
 */
export function proxyRequest(upstream: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  const target = new URL(upstream + path);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const outgoing = send(target, { method: request.method, headers: forwardable(request.headers) }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
    answer.pipe(response);
  });
  outgoing.on("error", (error) => {
    if (response.headersSent) return void response.destroy(error);
    const body = JSON.stringify({ error: "bad_gateway", message: `${upstream} cannot be reached: ${error.message}` });
    response.writeHead(502, { "content-type": "application/json" }).end(body);
  });
  request.on("aborted", () => outgoing.destroy());
  request.pipe(outgoing);
}
