import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseTarget, readBody } from "@agent-analytics/contract";
import { MockEngine } from "./engine.js";
import { isPreflight, preflightHeaders } from "./http/cors.js";
import type { MockRequest, MockResponse } from "./http/request-parts.js";
import type { RequestLog } from "./log/request-log.js";
import type { MockOptions } from "./options.js";

export interface RunningMock {
  server: Server;
  engine: MockEngine;
  url: string;
  close(): Promise<void>;
}

/**
 * The mock over bare node:http: no framework between the socket and the engine, since the point is
 * to answer many times faster than Prism.
 */
export async function startMockServer(options: MockOptions = {}): Promise<RunningMock> {
  const engine = new MockEngine(options);
  const log = options.log;
  const server = createServer((req, res) => serve(engine, req, res, log));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(engine.options.port, engine.options.host, () => resolve());
  });
  void engine.warm();
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    engine,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        log?.flush();
      }),
  };
}

function serve(engine: MockEngine, req: IncomingMessage, res: ServerResponse, log: RequestLog | undefined): void {
  const started = performance.now();
  // At most what the largest operation accepts (and a byte more, for the pipeline to see the excess).
  readBody(req, engine.pipeline.readLimit).then(
    (body) => {
      const request: MockRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
      const response: MockResponse =
        engine.options.cors && isPreflight(request) ? { status: 204, headers: preflightHeaders(request), body: "", delayMs: 0 } : engine.handle(request);
      send(res, req, response, log && (() => log.request({ method: request.method, path: parseTarget(request.url).pathname, status: response.status, ms: performance.now() - started, reason: response.reason })));
    },
    () => res.destroy(),
  );
}

function send(res: ServerResponse, req: IncomingMessage, response: MockResponse, logged?: () => void): void {
  const write = () => {
    if (res.destroyed) return;
    const headers: Record<string, string | number> = { ...response.headers, "content-length": Buffer.byteLength(response.body) };
    res.writeHead(response.status, headers);
    res.end(req.method === "HEAD" ? undefined : response.body);
    logged?.();
  };
  if (response.delayMs > 0) setTimeout(write, response.delayMs);
  else write();
}
