import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createPipeline, document as mergedDocument, parseTarget, problem, readBody, type OpenApiDocument } from "@agent-analytics/contract";
import { corsHeaders, isPreflight, preflightHeaders } from "../http/cors.js";
import type { MockEngine } from "../engine.js";
import { reasonOf, RequestLog } from "../log/request-log.js";
import { checkExchange } from "./check-exchange.js";
import { decodedForChecks, Upstream, type Forwarded } from "./forward.js";
import { ProxyReport } from "./proxy-report.js";
import { judgeRequest } from "./request-verdict.js";
import { warmResponseValidators } from "./warm.js";
import { VIOLATIONS_HEADER, violationProblem, violationsHeader } from "./violation-reply.js";

export interface ProxyOptions {
  upstream: string;
  document?: OpenApiDocument;
  port?: number;
  host?: string;
  /** Replace a response that breaks the contract with a 502 problem listing its violations. */
  errors?: boolean;
  /** Write the JSON summary here when the proxy closes. */
  reportFile?: string;
  cors?: boolean;
  log?: RequestLog;
  /** Answer from the mock's world what the upstream does not implement (501) or cannot answer (refused). */
  fallback?: MockEngine;
}

export interface RunningProxy {
  server: Server;
  url: string;
  report: ProxyReport;
  close(): Promise<void>;
}

/**
 * The validating proxy: each request is judged by the contract's pipeline as the mock judges it,
 * forwarded to the upstream as sent, and the upstream's answer checked against the contract before
 * it is passed on untouched (with the violations in a header), or, with `errors`, replaced by a 502.
 */
export async function startProxyServer(options: ProxyOptions): Promise<RunningProxy> {
  const doc = options.document ?? mergedDocument;
  const pipeline = createPipeline(doc);
  const upstream = new Upstream(options.upstream);
  const log = options.log ?? new RequestLog();
  const report = new ProxyReport(options.upstream);
  const cors = options.cors ?? true;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const body = await readBody(req, pipeline.readLimit);
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const request = { method, url, headers: req.headers, body };
    const path = parseTarget(url).pathname;
    // The mock's answer, with the mock's CORS; its delay (`Prefer: delay`) is honoured.
    const fromMock = async (engine: MockEngine, why: string) => {
      const answered = engine.handle({ method, url, headers: req.headers, body });
      if (answered.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, answered.delayMs));
      log.warn(`${method} ${path}: ${why}; answered by the mock`);
      log.request({ method, path, status: answered.status, ms: performance.now() - started, reason: answered.reason });
      reply(res, answered.status, answered.headers, answered.body, method.toUpperCase() === "HEAD");
    };
    const own = cors ? { ...corsHeaders(request), "access-control-expose-headers": `Allow, Retry-After, ${VIOLATIONS_HEADER}` } : {};
    if (cors && isPreflight(request)) return reply(res, 204, { ...preflightHeaders(request), ...own }, undefined);

    const verdict = judgeRequest(pipeline, request);
    if (body !== undefined && body.length > pipeline.readLimit) {
      // Only the start of a body this large was read: it cannot be forwarded, and the contract's answer is the proxy's.
      const error = pipeline.errorReply(verdict.operation, 413, `The body is larger than any operation accepts (${pipeline.readLimit} bytes).`);
      log.request({ method, path, status: 413, ms: performance.now() - started, reason: reasonOf(413, error.body) });
      return reply(res, 413, { ...own, "content-type": error.contentType }, JSON.stringify(error.body));
    }
    let answer: Forwarded;
    try {
      answer = await upstream.forward(method, url, req.headers, body);
    } catch (error) {
      if (options.fallback) return fromMock(options.fallback, `upstream did not answer (${(error as Error).message})`);
      const failure = problem(502, `The upstream ${upstream.base.origin} did not answer: ${(error as Error).message}`);
      log.warn(`${method} ${path}: upstream did not answer (${(error as Error).message})`);
      log.request({ method, path, status: 502, ms: performance.now() - started });
      return reply(res, 502, { ...own, "content-type": failure.contentType }, JSON.stringify(failure.body));
    }
    if (answer.status === 501 && options.fallback) return fromMock(options.fallback, "upstream answered 501");
    const violations = checkExchange(doc, pipeline.validator, verdict, decodedForChecks(answer), { bodyless: method.toUpperCase() === "HEAD" });
    for (const violation of violations) log.violation(violation);
    report.record(method, path, answer.status, violations);
    if (violations.length > 0 && options.errors) {
      const replaced = violationProblem(violations, answer.status);
      log.request({ method, path, status: replaced.status, ms: performance.now() - started });
      return reply(res, replaced.status, { ...own, "content-type": replaced.contentType }, replaced.body);
    }
    const headers: Record<string, string | string[]> = { ...(answer.raw as Record<string, string | string[]>), ...own };
    if (violations.length > 0) headers[VIOLATIONS_HEADER] = violationsHeader(violations);
    log.request({ method, path, status: answer.status, ms: performance.now() - started, reason: reasonFrom(answer) });
    reply(res, answer.status, headers, answer.body, method.toUpperCase() === "HEAD");
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      // A bug of the proxy, or a client gone mid-body: never a crash.
      if (res.headersSent || res.destroyed) return void res.destroy();
      const failure = problem(500, `the proxy failed: ${(error as Error).message}`);
      reply(res, 500, { "content-type": failure.contentType }, JSON.stringify(failure.body));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4010, options.host ?? "127.0.0.1", () => resolve());
  });
  void warmResponseValidators(doc, pipeline.validator);
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    report,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        upstream.close();
        log.flush();
        if (options.reportFile) report.write(options.reportFile);
      }),
  };
}

function reply(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer | undefined, head = false): void {
  if (res.destroyed) return;
  const length = body === undefined ? 0 : Buffer.byteLength(body);
  res.writeHead(status, { ...headers, "content-length": length });
  res.end(head ? undefined : body);
}

function reasonFrom(answer: Forwarded): string | undefined {
  if (answer.status < 400 || answer.status >= 500 || !/json/.test(answer.headers["content-type"] ?? "")) return undefined;
  try {
    return reasonOf(answer.status, JSON.parse(answer.body.toString("utf8")));
  } catch {
    return undefined;
  }
}
