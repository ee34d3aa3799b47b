import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type RetryEvent } from "./index.js";

// The mock answers an injected 503 (`Prefer: code=503`) with delay-seconds at most. A 503 with an HTTP-date is what a gateway in front of a server
// sends while it restarts: this is such a gateway, over real HTTP, answering the next requests in turn.
let server: Server;
let baseUrl: string;
const script: { status: number; headers?: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((_request, response) => {
    const next = script.shift() ?? { status: 500, body: "script exhausted" };
    response.writeHead(next.status, { "content-type": "application/json", ...next.headers }).end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const context = JSON.stringify({ organizationId: "org_1", userId: "user_1", role: "admin" });

describe("503 from a gateway", () => {
  it("waits until the HTTP-date Retry-After names, then succeeds", async () => {
    const inOneSecond = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toUTCString();
    script.push({ status: 503, headers: { "retry-after": inOneSecond }, body: "" }, { status: 200, body: context });
    const events: RetryEvent[] = [];
    const client = createClient({ baseUrl, apiKey: "k", retry: { onRetry: (e) => events.push(e) } });
    const started = Date.now();
    const result = await client.ingest.getIngestContext();

    expect(result.data).toEqual(JSON.parse(context));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 503, attempt: 1 });
    expect(events[0]!.delayMs).toBe(events[0]!.retryAfterMs);
    expect(events[0]!.delayMs).toBeGreaterThan(0);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(2000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(inOneSecond));
    expect(Date.now() - started).toBeGreaterThanOrEqual(events[0]!.delayMs);
  });

  it("returns the last 503, typed as unexpected with its raw body, once attempts run out", async () => {
    script.push(...[1, 2].map(() => ({ status: 503, headers: { "retry-after": "0" }, body: "<html>down</html>" })));
    const client = createClient({ baseUrl, apiKey: "k", retry: { attempts: 2 } });
    const { error } = await client.agents.getAgentStats({ agentId: "a" });
    expect(error).toMatchObject({ kind: "unexpected-response", status: 503, attempts: 2, text: "<html>down</html>", retryAfterMs: 0 });
    expect(script).toHaveLength(0);
  });

  it("takes a documented 200 whose body is not JSON as unexpected", async () => {
    script.push({ status: 200, body: "not json" });
    const { error } = await createClient({ baseUrl, apiKey: "k" }).ingest.getIngestContext();
    expect(error).toMatchObject({ kind: "unexpected-response", status: 200, text: "not json" });
  });
});
