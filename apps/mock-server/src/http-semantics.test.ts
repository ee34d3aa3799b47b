import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());

const get = (path: string, headers: Record<string, string> = {}) => call(mock.url, path, { headers: { ...AUTH, ...headers } });

// The documents' x-error-template list 404 and 405: under a module's prefix, a request reaching
// no operation is answered in that module's format; outside every module, with a problem.
describe("routing outside the operations", () => {
  it.each([
    ["GET", "/no/such/thing", 404, "application/problem+json", { status: 404, title: "Not Found" }],
    ["GET", "/agents/a1/nothing", 404, "application/json", { success: false, error: "not_found" }],
    ["GET", "/api-proxy/agents", 404, "application/json", { success: false, error: "not_found" }],
    ["GET", "/metrics/daily", 404, "application/json", { error_code: "NOT_FOUND" }],
    ["GET", "/analytics/funnels", 404, "application/json", { success: false, error: { code: "not_found" } }],
    ["GET", "/api/dashboard/other", 404, "application/json", { error: "not_found" }],
  ])("answers %s %s with %i in its module's format", async (method, path, status, contentType, body) => {
    const reply = await call(mock.url, path, { method, headers: AUTH });
    expect(reply.status).toBe(status);
    expect(reply.headers.get("content-type")).toBe(contentType);
    expect(reply.json).toMatchObject(body);
  });

  it.each([
    ["DELETE", "/metrics", "GET", "application/json", { error_code: "METHOD_NOT_ALLOWED" }],
    ["POST", "/analytics/overview", "GET", "application/json", { success: false, error: { code: "method_not_allowed" } }],
    ["DELETE", "/api-proxy/agents/a1/stats", "GET", "application/json", { success: false, error: "method_not_allowed" }],
    ["POST", "/api/dashboard/getStats", "GET", "application/json", { error: "method_not_allowed" }],
    ["GET", "/ingest/batch", "POST", "application/problem+json", { status: 405 }],
    ["PUT", "/metrics/refresh", "POST", "application/json", { error_code: "METHOD_NOT_ALLOWED" }],
  ])("answers %s %s with a 405 allowing %s in its module's format", async (method, path, allow, contentType, body) => {
    const reply = await call(mock.url, path, { method, headers: AUTH });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe(allow);
    expect(reply.headers.get("content-type")).toBe(contentType);
    expect(reply.json).toMatchObject(body);
  });
});

describe("credentials", () => {
  it.each([
    ["agentos", "/metrics", {}, { detail: expect.any(String), error_code: "UNAUTHENTICATED" }],
    ["agents", "/agents/a1/stats", { authorization: "Basic abc" }, { success: false, error: "unauthorized", message: expect.any(String) }],
    ["analytics", "/analytics/overview", { authorization: "Bearer" }, { success: false, error: { code: "unauthorized", message: expect.any(String) } }],
    ["dashboard", "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", {}, { error: "unauthorized", message: expect.any(String) }],
    ["ingest", "/ingest/context", { "x-api-key": " " }, { status: 401, type: expect.any(String) }],
  ])("missing or malformed credentials get the %s module's 401", async (_module, path, headers, body) => {
    const reply = await call(mock.url, path, { headers });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual(expect.objectContaining(body as object));
  });

  it.each<Record<string, string>>([{ authorization: "Bearer t" }, { "x-api-key": "k" }])("accepts either documented credential on agents: %j", async (headers) => {
    expect((await call(mock.url, "/agents/agent_support/stats", { headers })).status).toBe(200);
  });
});

describe("request validation in each module's format", () => {
  it.each([
    ["agentos", "/metrics?starting_date=yesterday", 422, { error_code: "VALIDATION_ERROR" }],
    ["agents", "/agents/a1/runs?limit=0", 400, { success: false, error: "bad_request" }],
    ["agents", "/agents/a1/runs?status=paused", 400, { success: false, error: "bad_request" }],
    ["analytics", "/analytics/metrics?startDate=2026-01-01&endDate=2026-01-08", 400, { success: false, error: { code: "bad_request" } }],
    ["analytics", "/analytics/events?startDate=2026-01-01&endDate=2026-01-08&limit=0", 400, { success: false }],
    ["analytics", "/analytics/users/top?startDate=2026-01-01&endDate=2026-01-08&limit=-1", 400, { success: false }],
    ["analytics", "/analytics/users/top?startDate=2026-01-01&endDate=2026-01-08&limit=many", 400, { success: false }],
    ["dashboard", "/api/dashboard/getStats?from=notadate&to=2026-02-01T00:00:00Z", 400, { error: "bad_request" }],
  ])("%s: %s -> %i", async (_module, path, status, body) => {
    const reply = await get(path);
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject(body);
  });

  it.each([
    ["not JSON", "{nope", 400],
    ["a wrong shape", JSON.stringify({ users: [{ name: "no id" }] }), 400],
    ["a non-object", "[]", 400],
  ])("ingest answers a body that is %s with its problem format", async (_what, body, status) => {
    const reply = await call(mock.url, "/ingest/batch", { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body });
    expect(reply.status).toBe(status);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    expect(reply.json).toMatchObject({ status });
  });
});

describe("Prefer and its query forms", () => {
  const runs = "/agents/agent_support/runs?limit=2";

  it("code= picks a documented status and answers it in the module's format", async () => {
    const reply = await get(runs, { prefer: "code=404" });
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ success: false, error: "not_found" });
  });

  it("code= for an error is served even without credentials", async () => {
    expect((await call(mock.url, runs, { headers: { prefer: "code=500" } })).status).toBe(500);
  });

  it("code= for an undocumented status is a 422 problem", async () => {
    const reply = await get(runs, { prefer: "code=418" });
    expect(reply.status).toBe(422);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
  });

  it("code=202 serves the other success response", async () => {
    const reply = await call(mock.url, "/metrics/refresh", { method: "POST", headers: { ...AUTH, prefer: "code=202" } });
    expect(reply.status).toBe(202);
    expect(reply.json).toMatchObject({ status: expect.stringMatching(/started|already_running/) });
  });

  it("example= serves that example verbatim (static)", async () => {
    const reply = await get("/metrics", { prefer: "example=empty" });
    expect(reply.json).toEqual({ metrics: [], updated_at: null });
  });

  it("example= naming no example is a 422 problem listing the examples", async () => {
    const reply = await get("/metrics", { prefer: "example=nope" });
    expect(reply.status).toBe(422);
    expect(reply.text).toContain("seed, empty");
  });

  it("dynamic=false serves the first example; dynamic=true generates", async () => {
    const fixed = await get("/agents/a1/stats", { prefer: "dynamic=false" });
    expect(fixed.json).toMatchObject({ data: { agentId: "agent_01HXYZ", totalRuns: 30 } });
    const generated = await get("/agents/a1/stats", { prefer: "dynamic=true" });
    expect(generated.json).toMatchObject({ data: { agentId: "a1" } });
  });

  it("seed= changes generated data, and the same seed repeats it", async () => {
    // An agent the world does not hold, with generated data asked for: the solver answers.
    const generated = "/agents/a1/runs?limit=2";
    const a = await get(generated, { prefer: "dynamic=true, seed=1" });
    const b = await get(generated, { prefer: "dynamic=true, seed=2" });
    const again = await get(generated, { prefer: "dynamic=true, seed=1" });
    expect(a.status).toBe(200);
    expect(a.text).not.toBe(b.text);
    expect(again.text).toBe(a.text);
  });

  it("seed= leaves the world's answers alone: the world is the server's seed", async () => {
    const a = await get(runs, { prefer: "seed=1" });
    expect((await get(runs, { prefer: "seed=2" })).text).toBe(a.text);
    expect((await get(runs)).text).toBe(a.text);
  });

  it("delay= holds the answer back", async () => {
    const started = performance.now();
    await get(runs, { prefer: "delay=150" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("fail-rate=1 injects a 500 or a 429 with Retry-After, in the module's format", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const reply = await get("/analytics/overview", { prefer: "fail-rate=1" });
      statuses.add(reply.status);
      expect(reply.json).toMatchObject({ success: false, error: { code: expect.any(String) } });
      if (reply.status === 429) expect(Number(reply.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect([...statuses].sort()).toEqual([429, 500]);
  });

  it.each([
    ["__code=404", 404],
    ["__example=empty", 200],
    ["__dynamic=false", 200],
    ["__seed=5", 200],
    ["__code=abc", 422],
    ["__unknown=1", 422],
  ])("query form %s -> %i", async (query, status) => {
    expect((await get(`/metrics?${query}`)).status).toBe(status);
  });

  it("query forms are ignored when a Prefer header is present", async () => {
    expect((await get("/metrics?__code=404", { prefer: "seed=1" })).status).toBe(200);
  });

  it.each(["code=abc", "dynamic=maybe", "colour=red", "code=200 example=x"])("malformed Prefer %s is a 422 problem", async (prefer) => {
    const reply = await get(runs, { prefer });
    expect(reply.status).toBe(422);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("CORS", () => {
  it("answers a preflight with the methods and the requested headers", async () => {
    const reply = await call(mock.url, "/analytics/overview", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "GET", "access-control-request-headers": "authorization, prefer" },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(reply.headers.get("access-control-allow-methods")).toContain("GET");
    expect(reply.headers.get("access-control-allow-headers")).toBe("authorization, prefer");
  });

  it.each([
    ["/analytics/overview", 200],
    ["/nope", 404],
    ["/analytics/overview?period=year", 400],
  ])("sends CORS headers on %s (%i)", async (path, status) => {
    const reply = await get(path, { origin: "https://app.example" });
    expect(reply.status).toBe(status);
    expect(reply.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });

  it("can be turned off", async () => {
    const quiet = await startTestMock({ cors: false });
    try {
      const reply = await call(quiet.url, "/analytics/overview", { headers: { ...AUTH, origin: "https://app.example" } });
      expect(reply.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await quiet.close();
    }
  });
});

describe("server-wide modes", () => {
  it("--static serves examples by default; Prefer dynamic=true still generates", async () => {
    const fixed = await startTestMock({ dynamic: false });
    try {
      const reply = await call(fixed.url, "/agents/a1/stats", { headers: AUTH });
      expect(reply.json).toMatchObject({ data: { agentId: "agent_01HXYZ" } });
      const generated = await call(fixed.url, "/agents/a1/stats", { headers: { ...AUTH, prefer: "dynamic=true" } });
      expect(generated.json).toMatchObject({ data: { agentId: "a1" } });
    } finally {
      await fixed.close();
    }
  });

  it("a server-wide fail rate and delay apply to every request", async () => {
    const flaky = await startTestMock({ failRate: 1, delay: { min: 50, max: 60 } });
    try {
      const started = performance.now();
      const reply = await call(flaky.url, "/ingest/context", { headers: AUTH });
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      expect([429, 500]).toContain(reply.status);
      expect(reply.headers.get("content-type")).toBe("application/problem+json");
    } finally {
      await flaky.close();
    }
  });

  it("HEAD the contract does not document is 405 with the methods it documents (Prism's habit)", async () => {
    const reply = await call(mock.url, "/ingest/context", { method: "HEAD", headers: AUTH });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET");
    expect(reply.text).toBe("");
    expect((await call(mock.url, "/metrics", { method: "HEAD", headers: AUTH })).headers.get("allow")).toBe("GET");
  });

  it("an Accept that no documented media type satisfies is 406 in the module's format; one that does is served", async () => {
    const refused = await call(mock.url, "/agents/agent_support/stats", { headers: { ...AUTH, accept: "text/csv" } });
    expect(refused.status).toBe(406);
    expect(refused.json).toMatchObject({ success: false });
    for (const accept of ["application/json", "application/*", "*/*", "text/html, */*;q=0.1"]) {
      expect((await call(mock.url, "/agents/agent_support/stats", { headers: { ...AUTH, accept } })).status, accept).toBe(200);
    }
    // An error forced with Prefer is negotiated against its own media type (ingest errors are problem+json).
    const problem = await call(mock.url, "/ingest/context", { headers: { ...AUTH, accept: "application/json", prefer: "code=401" } });
    expect(problem.status).toBe(406);
  });

  it("a status forced with Prefer: code= carries the headers its response documents (Retry-After on 429)", async () => {
    const reply = await call(mock.url, "/agents/agent_support/stats", { headers: { ...AUTH, prefer: "code=429" } });
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(reply.json).toMatchObject({ success: false });
  });
});
