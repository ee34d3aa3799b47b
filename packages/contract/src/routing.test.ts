import { describe, expect, it } from "vitest";
import { document, type OpenApiDocument } from "./document.js";
import { routeErrorResponse } from "./errors.js";
import { listOperations, matchRoute } from "./operations.js";

describe("matchRoute", () => {
  // Autoposting's server is https://app.autoposting.ai/api-proxy: a client configured with that
  // base path (and another host) reaches the same operations.
  const found: [string, string, string, Record<string, string>][] = [
    ["GET", "/agents/a1/stats", "getAgentStats", { agentId: "a1" }],
    ["GET", "/api-proxy/agents/a1/stats", "getAgentStats", { agentId: "a1" }],
    ["GET", "/api-proxy/agents/a1/runs", "listAgentRuns", { agentId: "a1" }],
    ["GET", "/api-proxy/agents/a%201/runs/r1", "getAgentRun", { agentId: "a 1", runId: "r1" }],
    ["HEAD", "/api-proxy/agents/a1/stats", "getAgentStats", { agentId: "a1" }],
    ["POST", "/metrics/refresh", "refresh_metrics", {}],
  ];
  it.each(found)("%s %s is %s", (method, path, operationId, pathParams) => {
    const match = matchRoute(document, method, path);
    expect(match.kind === "operation" && { id: match.operation.operationId, params: match.pathParams }).toEqual({ id: operationId, params: pathParams });
  });

  it("derives base paths from the servers of the module, not from a prefix it knows", () => {
    const agents = listOperations(document).filter((op) => op.conformanceClass === "agents");
    expect(agents.map((op) => op.basePaths)).toEqual(agents.map(() => ["/api-proxy", ""]));
    expect(listOperations(document).filter((op) => op.conformanceClass !== "agents").every((op) => op.basePaths.join() === "")).toBe(true);
  });

  // A request reaching no operation belongs to the module whose first path segment it starts with.
  const unmatched: [string, string, string, string | undefined][] = [
    ["GET", "/agents/a1/unknown", "not-found", "agents"],
    ["GET", "/api-proxy/agents", "not-found", "agents"],
    ["GET", "/api-proxy/whatever", "not-found", undefined],
    ["DELETE", "/agents/a1/stats", "method-not-allowed", "agents"],
    ["DELETE", "/api-proxy/agents/a1/stats", "method-not-allowed", "agents"],
    ["GET", "/metrics/other", "not-found", "agentos"],
    ["GET", "/metrics/refresh", "method-not-allowed", "agentos"],
    ["GET", "/api/dashboard/other", "not-found", "dashboard"],
    ["POST", "/api/dashboard/getStats", "method-not-allowed", "dashboard"],
    ["GET", "/analytics/nothing", "not-found", "analytics"],
    ["PUT", "/analytics/overview", "method-not-allowed", "analytics"],
    ["GET", "/ingest/nothing", "not-found", "ingest"],
    ["GET", "/", "not-found", undefined],
    ["GET", "/agentsx", "not-found", undefined],
    ["GET", "/elsewhere/agents", "not-found", undefined],
  ];
  it.each(unmatched)("%s %s is %s in module %s", (method, path, kind, module) => {
    const match = matchRoute(document, method, path);
    expect(match.kind).toBe(kind);
    expect(match.kind !== "operation" && match.module).toBe(module);
  });

  it("leaves a first segment that two modules share to neither", () => {
    const op = (operationId: string, cls: string) => ({ operationId, "x-conformance-class": cls, responses: { "200": { description: "ok" } } });
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/shared/a": { get: op("a", "one") }, "/shared/b": { get: op("b", "two") } },
      components: {},
    };
    expect(matchRoute(doc, "GET", "/shared/c")).toEqual({ kind: "not-found" });
  });
});

describe("routeErrorResponse", () => {
  const cases: [string, string, number, string, unknown][] = [
    ["GET", "/agents/a1/unknown", 404, "application/json", { success: false, error: "not_found" }],
    ["DELETE", "/api-proxy/agents/a1/runs", 405, "application/json", { success: false, error: "method_not_allowed" }],
    ["GET", "/metrics/refresh", 405, "application/json", { error_code: "METHOD_NOT_ALLOWED" }],
    ["GET", "/metrics/nope", 404, "application/json", { error_code: "NOT_FOUND" }],
    ["POST", "/api/dashboard/getStats", 405, "application/json", { error: "method_not_allowed" }],
    ["GET", "/analytics/nope", 404, "application/json", { success: false, error: { code: "not_found" } }],
    ["GET", "/ingest/nope", 404, "application/problem+json", { status: 404, title: "Not Found" }],
    ["GET", "/nowhere", 404, "application/problem+json", { status: 404, title: "Not Found" }],
  ];
  it.each(cases)("%s %s answers %i in its module's format", (method, path, status, contentType, body) => {
    const match = matchRoute(document, method, path);
    if (match.kind === "operation") throw new Error("matched an operation");
    const response = routeErrorResponse(document, match, method, path);
    expect(response).toMatchObject({ status, contentType, body });
    if (status === 405) expect(response.headers.Allow).toMatch(/^[A-Z, ]+$/);
  });
});
