import { document, listOperations } from "@agent-analytics/contract";
import type { OperationId } from "@agent-analytics/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";

/** A request for every operation (the compiler checks none is missing) that is valid apart from its credentials. */
const REQUESTS: Record<OperationId, [string, string, unknown?]> = {
  getAgentStats: ["GET", "/agents/a/stats"],
  listAgentRuns: ["GET", "/agents/a/runs"],
  getAgentRun: ["GET", "/agents/a/runs/r"],
  get_metrics: ["GET", "/metrics"],
  refresh_metrics: ["POST", "/metrics/refresh"],
  get_metrics_refresh_status: ["GET", "/metrics/refresh/status"],
  getDashboardStats: ["GET", "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"],
  getAnalyticsOverview: ["GET", "/analytics/overview"],
  getAnalyticsMetrics: ["GET", "/analytics/metrics?period=day&startDate=2026-01-01&endDate=2026-01-03"],
  getAnalyticsRolling: ["GET", "/analytics/rolling"],
  listAnalyticsEvents: ["GET", "/analytics/events?startDate=2026-01-01&endDate=2026-01-03"],
  getAnalyticsAssistants: ["GET", "/analytics/assistants?startDate=2026-01-01&endDate=2026-01-03"],
  getAnalyticsTopUsers: ["GET", "/analytics/users/top?startDate=2026-01-01&endDate=2026-01-03"],
  getAnalyticsSnapshots: ["GET", "/analytics/snapshots?startDate=2026-01-01&endDate=2026-01-03"],
  ingestBatch: ["POST", "/ingest/batch", { agents: [{ id: "a", name: "A", kind: "agent" }] }],
  getIngestContext: ["GET", "/ingest/context"],
};

const operations = listOperations(document);

describeEachEngine("auth and tenancy on $name", (engine) => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    key = (await server.tenant("user_1", "admin")).key;
  });
  afterAll(() => server?.stop());

  const cases = operations.map((op) => [op.operationId, op] as const);

  it.each(cases)("%s: 401 without a key, with a wrong key; 2xx with the key", async (operationId, op) => {
    const [method, path, body] = REQUESTS[operationId as OperationId];
    for (const presented of [undefined, "aak_wrong", `${key}x`]) {
      const r = await call(server, method, path, { key: presented, body });
      expect(r.status).toBe(401);
    }
    const ok = await call(server, method, path, { key, body });
    expect(ok.status === 404 ? op.conformanceClass : ok.status).toSatisfy((s: unknown) => s === "agents" || (typeof s === "number" && s < 300));
  });

  it.each(cases)("%s: x-api-key accepted exactly where the module allows it", async (operationId, op) => {
    const [method, path, body] = REQUESTS[operationId as OperationId];
    const allowsHeader = op.security.some((alt) => Object.keys(alt).some((name) => document.components.securitySchemes?.[name]?.type === "apiKey"));
    const r = await call(server, method, path, { key, body, apiKeyHeader: true });
    if (allowsHeader) expect(r.status).not.toBe(401);
    else expect(r.status).toBe(401);
  });

  it("returns the key's context", async () => {
    const r = await call(server, "GET", "/ingest/context", { key });
    expect(r.body).toEqual({ organizationId: expect.stringMatching(/^org_/), userId: "user_1", role: "admin" });
  });

  it.each([
    ["agents", "/agents/a/stats", { success: false, error: "unauthorized", message: expect.any(String) }],
    ["agentos", "/metrics", { detail: expect.any(String), error_code: "UNAUTHENTICATED" }],
    ["dashboard", "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", { error: "unauthorized", message: expect.any(String) }],
    ["analytics", "/analytics/overview", { success: false, error: { code: "unauthorized", message: expect.any(String) } }],
    ["ingest", "/ingest/context", { type: "https://agent-analytics.dev/problems/unauthorized", title: expect.any(String), status: 401, detail: expect.any(String) }],
  ])("401 in the %s module's own format", async (_module, path, body) => {
    const r = await call(server, "GET", path);
    expect(r.body).toEqual(body);
  });

  // The documents' x-error-template list 404 and 405: a request under a module's prefix that
  // reaches no operation is answered in that module's format; elsewhere, a problem.
  it.each([
    ["an unknown path outside every module", "GET", "/nowhere", 404, "application/problem+json", { status: 404, title: "Not Found" }, undefined],
    ["an unknown agents path", "GET", "/agents/a/nothing", 404, "application/json", { success: false, error: "not_found" }, undefined],
    ["an unknown path under the agents base path", "GET", "/api-proxy/agents", 404, "application/json", { success: false, error: "not_found" }, undefined],
    ["a wrong method on agents", "DELETE", "/api-proxy/agents/a/stats", 405, "application/json", { success: false, error: "method_not_allowed" }, "GET"],
    ["a wrong method on agentos", "DELETE", "/metrics", 405, "application/json", { error_code: "METHOD_NOT_ALLOWED" }, "GET"],
    ["an unknown agentos path", "GET", "/metrics/daily", 404, "application/json", { error_code: "NOT_FOUND" }, undefined],
    ["a wrong method on the dashboard", "POST", "/api/dashboard/getStats", 405, "application/json", { error: "method_not_allowed" }, "GET"],
    ["an unknown analytics path", "GET", "/analytics/funnels", 404, "application/json", { success: false, error: { code: "not_found" } }, undefined],
    ["a wrong method on ingest", "GET", "/ingest/batch", 405, "application/problem+json", { status: 405 }, "POST"],
  ])("answers %s in the right format", async (_name, method, path, status, contentType, body, allow) => {
    const r = await call(server, method, path, { key, unchecked: true });
    expect(r.status).toBe(status);
    expect(r.contentType).toContain(contentType);
    expect(r.body).toMatchObject(body);
    expect(r.headers.get("allow") ?? undefined).toBe(allow);
  });

  it("serves /healthz without auth, /openapi.json and /docs; echoes x-request-id", async () => {
    const health = await call(server, "GET", "/healthz", { headers: { "x-request-id": "req-123" } });
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toBe("req-123");
    const spec = await call(server, "GET", "/openapi.json");
    expect(spec.body.openapi).toBe("3.1.0");
    const docs = await fetch(`${server.url}/docs`);
    expect(await docs.text()).toContain("/docs/standalone.js");
    const script = await fetch(`${server.url}/docs/standalone.js`);
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const generated = await call(server, "GET", "/ingest/context", { key });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
