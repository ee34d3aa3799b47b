import type { SpawnedServer } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type AgentAnalyticsClient, type ClientError, type RetryEvent } from "./index.js";
import { recordingFetch, startMock } from "./test/servers.js";

// Real HTTP against the mock server's CLI; its Prefer header injects latency and failures. Its
// simulated organisation's history ends on its "now": January 2026 is in it.
let mock: SpawnedServer;
let client: AgentAnalyticsClient;
const noJitter = { jitter: false, baseDelayMs: 10 } as const;

beforeAll(async () => {
  mock = await startMock(["--now", "2026-02-01"]);
  client = createClient({ baseUrl: mock.url, apiKey: "any-key", retry: noJitter });
});
afterAll(() => mock?.stop());

const range = { from: "2026-01-01T00:00:00.000Z", to: "2026-01-31T23:59:59.999Z" };
const days = { startDate: "2026-01-01", endDate: "2026-01-15" };

describe("every module, typed", () => {
  it("answers each module's success body", async () => {
    const stats = await client.agents.getAgentStats({ agentId: "agent_support" });
    expect(stats.data?.data.agentId).toBe("agent_support");
    const metrics = await client.agentos.get_metrics({ starting_date: "2026-01-01", ending_date: "2026-01-07" });
    expect(metrics.data?.metrics.every((row) => row.date >= "2026-01-01")).toBe(true);
    const dashboard = await client.dashboard.getDashboardStats(range);
    expect(dashboard.data!.totalTokens).toBe(dashboard.data!.inputTokens + dashboard.data!.outputTokens);
    const rolling = await client.analytics.getAnalyticsRolling({ window: 7 });
    expect(rolling.data?.data.window).toBe(7);
    const context = await client.ingest.getIngestContext();
    expect(["admin", "member"]).toContain(context.data?.role);
    const byId = await client.call("getAnalyticsMetrics", { period: "week", ...days });
    expect(byId.status).toBe(200);
    expect(byId.data?.data.every((bucket) => bucket.period === "week")).toBe(true);
  });

  it("tells a 202 from a 200 where an operation has both", async () => {
    const started = await client.agentos.refresh_metrics({ background: true }, { headers: { Prefer: "code=202" } });
    expect(started.status).toBe(202);
    if (started.status === 202) expect(["started", "already_running"]).toContain(started.data.status);
  });
});

// One case per module: the call, and the body the module's own error format gives.
const anonymous = () => createClient({ baseUrl: mock.url, retry: false });
const unauthorized: [string, (c: AgentAnalyticsClient) => Promise<{ error?: ClientError }>, unknown][] = [
  ["agents", (c) => c.agents.getAgentStats({ agentId: "agent_1" }), { success: false, error: "unauthorized", message: expect.any(String) }],
  ["agentos", (c) => c.agentos.get_metrics(), { detail: expect.any(String), error_code: "UNAUTHENTICATED" }],
  ["dashboard", (c) => c.dashboard.getDashboardStats(range), { error: "unauthorized", message: expect.any(String) }],
  ["analytics", (c) => c.analytics.getAnalyticsOverview(), { success: false, error: { code: "unauthorized", message: expect.any(String) } }],
  ["ingest", (c) => c.ingest.getIngestContext(), expect.objectContaining({ status: 401, title: "Unauthorized", detail: expect.any(String) })],
];

describe("typed errors in each module's format", () => {
  it.each(unauthorized)("%s: 401 without a key", async (module, send, body) => {
    const { error } = await send(anonymous());
    expect(error).toMatchObject({ kind: "api", module, status: 401, attempts: 1 });
    if (error?.kind !== "api") throw new Error("expected an ApiError");
    expect(error.body).toEqual(body);
    expect(error.message).toMatch(/^A valid API key is required/);
  });

  it("agents: 400 with its code and message", async () => {
    const { error } = await client.agents.listAgentRuns({ agentId: "agent_1", limit: 0 });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body.success).toBe(false);
    expect(error.code).toBe(error.body.error);
    expect(error.message).toBe(error.body.message);
    expect(error.message).toMatch(/limit/);
  });

  it("agentos: 422, its validation status, with detail and error_code", async () => {
    const { error } = await client.agentos.get_metrics({ starting_date: "not-a-date" });
    if (error?.kind !== "api" || error.status !== 422) throw new Error(`expected a 422, got ${error?.message}`);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.message).toBe(error.body.detail);
  });

  it("dashboard: 400 with error and message", async () => {
    const { error } = await client.call("getDashboardStats", { from: "yesterday", to: range.to });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body).toEqual({ error: "bad_request", message: error.message });
  });

  it("analytics: 400 with error.code and error.message", async () => {
    const { error } = await client.analytics.getAnalyticsRolling({ window: 1000 });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.body.error.code).toBe("bad_request");
    expect(error.message).toBe(error.body.error.message);
  });

  it("ingest: 400 as an RFC 9457 problem", async () => {
    const { error } = await client.ingest.ingestBatch({ body: { runs: [{ id: "r" } as never] } });
    if (error?.kind !== "api" || error.status !== 400) throw new Error(`expected a 400, got ${error?.message}`);
    expect(error.response.headers.get("content-type")).toMatch(/problem\+json/);
    expect(error.body).toMatchObject({ status: 400, title: "Bad Request" });
    expect(error.message).toBe(error.body.detail);
  });

  it("a status the operation does not document is an UnexpectedResponseError with the raw body", async () => {
    // 404 on a path no operation has: reached through a base URL with an extra segment.
    const elsewhere = createClient({ baseUrl: `${mock.url}/nowhere`, apiKey: "k" });
    const { error } = await elsewhere.ingest.getIngestContext();
    if (error?.kind !== "unexpected-response") throw new Error(`expected an unexpected response, got ${error?.kind}`);
    expect(error.status).toBe(404);
    expect(JSON.parse(error.text)).toMatchObject({ status: 404 });
  });

  it("a refused connection is a NetworkError", async () => {
    const closed = await startMock();
    const url = closed.url;
    await closed.stop();
    const { error } = await createClient({ baseUrl: url, apiKey: "k" }).agents.getAgentStats({ agentId: "a" });
    expect(error).toMatchObject({ kind: "network", attempts: 1, module: "agents" });
    expect(error?.message).toMatch(/ECONNREFUSED/);
  });
});

describe("retries", () => {
  it("retries a 429 up to the attempts allowed, backing off when there is no Retry-After", async () => {
    const events: RetryEvent[] = [];
    const recorder = recordingFetch();
    // The mock's 429 carries the Retry-After its contract documents: taken off here, as a server might leave it out.
    const withoutRetryAfter = async (request: Request) => {
      const response = await recorder.fetch(request);
      const headers = new Headers(response.headers);
      headers.delete("retry-after");
      return new Response(response.body, { status: response.status, headers });
    };
    const c = createClient({ baseUrl: mock.url, apiKey: "k", fetch: withoutRetryAfter, retry: { ...noJitter, attempts: 3, onRetry: (e) => events.push(e) } });
    const { error } = await c.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=429" } });
    expect(error).toMatchObject({ kind: "api", status: 429, attempts: 3, code: "rate_limited" });
    expect(recorder.requests).toHaveLength(3);
    expect(events.map((e) => [e.attempt, e.status, e.delayMs, e.retryAfterMs])).toEqual([
      [1, 429, 10, undefined],
      [2, 429, 20, undefined],
    ]);
  });

  it("waits the Retry-After a 429 forced with Prefer carries (the header its response documents)", async () => {
    const events: RetryEvent[] = [];
    const c = createClient({ baseUrl: mock.url, apiKey: "k", retry: { ...noJitter, attempts: 2, onRetry: (e) => events.push(e) } });
    const { error } = await c.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=429" } });
    expect(error).toMatchObject({ kind: "api", status: 429, attempts: 2, retryAfterMs: 1000 });
    expect(events.map((e) => [e.attempt, e.delayMs, e.retryAfterMs])).toEqual([[1, 1000, 1000]]);
  });

  it("sends one request when retries are off, for the client or for one call", async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: mock.url, apiKey: "k", fetch: recorder.fetch, retry: false });
    expect((await c.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=429" } })).error?.attempts).toBe(1);
    expect((await client.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=429" }, retry: false })).error?.attempts).toBe(1);
    expect(recorder.requests).toHaveLength(1);
  });

  it("retries the 503 every operation documents (the server sheds load or lost its database)", async () => {
    const { error } = await client.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=503" } });
    expect(error).toMatchObject({ kind: "api", status: 503, attempts: 3 });
  });

  it("does not retry a 500", async () => {
    const { error } = await client.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "code=500" } });
    expect(error).toMatchObject({ kind: "api", status: 500, attempts: 1 });
  });

  // fail-rate answers 500 or 429 (Retry-After 1 to 5 s) at random: ask until a 429 shows up.
  async function untilRateLimited(send: () => Promise<{ error?: ClientError }>, seen: () => boolean): Promise<void> {
    for (let i = 0; i < 30 && !seen(); i++) await send();
    if (!seen()) throw new Error("the mock injected no 429 in 30 requests");
  }

  it("waits exactly the Retry-After the mock's injected 429 asks for", async () => {
    const events: RetryEvent[] = [];
    const c = createClient({ baseUrl: mock.url, apiKey: "k", retry: { attempts: 2, maxWaitMs: 6000, onRetry: (e) => events.push(e) } });
    let elapsed = 0;
    await untilRateLimited(async () => {
      const started = performance.now();
      const result = await c.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "fail-rate=1" } });
      elapsed = performance.now() - started;
      return result;
    }, () => events.length > 0);
    const [event] = events;
    expect(event!.status).toBe(429);
    expect([1000, 2000, 3000, 4000, 5000]).toContain(event!.retryAfterMs);
    expect(event!.delayMs).toBe(event!.retryAfterMs);
    expect(elapsed).toBeGreaterThanOrEqual(event!.delayMs - 5);
  }, 30_000);

  it("gives up at once when Retry-After exceeds the wait budget, and says how long the server asked for", async () => {
    const c = createClient({ baseUrl: mock.url, apiKey: "k", retry: { maxWaitMs: 500 } });
    let last: ClientError | undefined;
    await untilRateLimited(async () => {
      const result = await c.analytics.getAnalyticsOverview({}, { headers: { Prefer: "fail-rate=1" } });
      last = result.error;
      return result;
    }, () => last !== undefined && "status" in last && last.status === 429);
    // analytics does not document 429: the error is typed as unexpected, with the raw body kept.
    expect(last).toMatchObject({ kind: "unexpected-response", status: 429, attempts: 1 });
    expect(last?.kind === "unexpected-response" && last.retryAfterMs).toBeGreaterThanOrEqual(1000);
  });
});

describe("cancellation", () => {
  it("aborts the request in flight", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const { error } = await client.dashboard.getDashboardStats(range, { signal: controller.signal, headers: { Prefer: "delay=5000" } });
    expect(error).toMatchObject({ kind: "cancelled", attempts: 1 });
    expect(error?.kind === "cancelled" && (error.reason as Error).name).toBe("AbortError");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("aborts the wait before a retry", async () => {
    const controller = new AbortController();
    const c = createClient({ baseUrl: mock.url, apiKey: "k", retry: { baseDelayMs: 10_000, jitter: false, onRetry: () => setTimeout(() => controller.abort("user left"), 50) } });
    const started = performance.now();
    const { error } = await c.agents.getAgentStats({ agentId: "a" }, { signal: controller.signal, headers: { Prefer: "code=429" } });
    expect(error).toMatchObject({ kind: "cancelled", attempts: 1, reason: "user left" });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("sends nothing when the signal has already fired", async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: mock.url, apiKey: "k", fetch: recorder.fetch });
    const { error } = await c.ingest.getIngestContext(undefined, { signal: AbortSignal.abort() });
    expect(error).toMatchObject({ kind: "cancelled", attempts: 0 });
    expect(recorder.requests).toHaveLength(0);
  });

  it("stops an iteration mid-way", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const iterate = async () => {
      for await (const run of client.agents.listAgentRuns.items({ agentId: "agent_support", limit: 5 }, { signal: controller.signal })) {
        seen.push(run.id);
        if (seen.length === 7) controller.abort();
      }
    };
    await expect(iterate()).rejects.toMatchObject({ kind: "cancelled" });
    expect(seen).toHaveLength(10); // the second page was already in hand
  });
});

describe("page iteration", () => {
  // The mock answers every page from the same records: the pages add up to the total exactly.
  const cases = [
    { operationId: "listAgentRuns", params: { agentId: "workflow_digest", limit: 2 }, offset: "offset" },
    { operationId: "listAnalyticsEvents", params: { ...days, limit: 100 }, offset: "skip" },
  ] as const;

  it.each(cases)("$operationId: one request per page, offsets following the items received", async ({ operationId, params, offset }) => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: mock.url, apiKey: "k", fetch: recorder.fetch });
    const sizes: number[] = [];
    let total = -1;
    for await (const page of c.pages(operationId, params as never)) {
      total = page.total;
      expect(page.offset).toBe(sizes.reduce((a, b) => a + b, 0));
      sizes.push(page.items.length);
    }
    const count = sizes.reduce((a, b) => a + b, 0);
    expect(sizes.length).toBeGreaterThan(1);
    expect(count).toBe(total);
    const offsets = recorder.requests.map((url) => Number(url.searchParams.get(offset)));
    expect(offsets).toEqual(sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0)));
    expect(offsets.every((o) => o < total)).toBe(true);
  });

  it("sends no more requests once the loop breaks", async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: mock.url, apiKey: "k", fetch: recorder.fetch });
    for await (const event of c.analytics.listAnalyticsEvents.items({ ...days, limit: 10 })) {
      expect(event.timestamp >= days.startDate).toBe(true);
      break;
    }
    expect(recorder.requests).toHaveLength(1);
  });

  it("throws the page's typed error", async () => {
    const pages = client.analytics.listAnalyticsEvents.pages({ ...days, limit: 0 });
    await expect(pages.next()).rejects.toMatchObject({ kind: "api", status: 400, module: "analytics" });
  });
});
