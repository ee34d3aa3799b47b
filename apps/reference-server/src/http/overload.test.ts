import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { envWithout, REFERENCE_SERVER_ENV, startReferenceServer, type ProvisionedServer, type ReferenceStorage } from "@agent-analytics/test-support";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FIXTURE } from "../test/fixture.js";
import { describeEachEngine, randomSchema } from "../test/harness.js";
import { openDatabase } from "../storage/engine.js";
import { LIMIT_ENV, type ServerLimits } from "./limits.js";

const LAUNCHER = fileURLToPath(new URL("../../bin/agent-analytics-server.js", import.meta.url));

/** Concurrent requests of the overload run: far more than the server lets wait. */
const CONCURRENT = 300;
const LIMITS: ServerLimits = { dbConcurrency: 2, maxWaiting: 8, maxWaitMs: 300, headersTimeoutMs: 5_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 1_000 };

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; retryAfter: string | null; body: string }> {
  const start = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, ms: performance.now() - start, retryAfter: response.headers.get("retry-after"), body };
}

// The server runs in a process of its own, as deployed: a client in the same event loop would hold
// its own requests back and never overload it.
describeEachEngine("overload on $name", (engine) => {
  let server: ProvisionedServer & { port: number };
  let key: string;
  let storage: ReferenceStorage;
  beforeAll(async () => {
    storage = engine.databaseUrl ? { databaseUrl: engine.databaseUrl, schema: randomSchema() } : { dataDir: mkdtempSync(join(tmpdir(), "aas-overload-")) };
    const limits = Object.fromEntries(Object.entries(LIMITS).map(([name, value]) => [LIMIT_ENV[name as keyof ServerLimits], String(value)]));
    const started = await startReferenceServer(LAUNCHER, storage, [{ name: "Overload", user: "user_1", role: "admin" }], { env: { ...envWithout(REFERENCE_SERVER_ENV), ...limits } });
    server = { ...started, port: Number(new URL(started.url).port) };
    key = started.keys[0]!;
    const loaded = await fetch(`${server.url}/ingest/batch`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(FIXTURE) });
    expect(loaded.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    if ("dataDir" in storage) rmSync(storage.dataDir, { recursive: true, force: true });
    else {
      const admin = await openDatabase({ databaseUrl: storage.databaseUrl, poolSize: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${storage.schema} CASCADE`);
      await admin.close();
    }
  });

  // The embedded engine holds the server's thread while a query runs, so under this load Node may
  // cut a client whose headers it could not read in time (408, before any handler): a 4xx, never a 5xx.
  const ALLOWED = engine.name === "postgres" ? [200, 503] : [200, 503, 408];

  it(`sheds ${CONCURRENT} concurrent reads and ingests with 503 and Retry-After, never 500, while /livez stays fast`, async () => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const livez: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const probed = await timed(`${server.url}/livez`);
        expect(ALLOWED).toContain(probed.status);
        livez.push(probed.ms);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const load = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        i % 3 === 0
          ? timed(`${server.url}/ingest/batch`, { method: "POST", headers, body: JSON.stringify({ users: [{ id: `u_${i}` }] }) })
          : timed(`${server.url}/api/dashboard/getStats?from=2026-02-01&to=2026-03-31&allInOrg=true`, { headers }),
      ),
    );
    running = false;
    await probe;

    const statuses = load.map((r) => r.status);
    const others = statuses.filter((s) => !ALLOWED.includes(s));
    expect(others, JSON.stringify(load.filter((r) => !ALLOWED.includes(r.status)).slice(0, 3))).toEqual([]);
    expect(statuses).toContain(200);
    // On PostgreSQL the line overflows and is shed. The embedded engine's requests reach the line a
    // few at a time (its queries hold the thread), so there shedding is possible but not certain.
    if (engine.name === "postgres") expect(statuses).toContain(503);
    for (const shed of load.filter((r) => r.status === 503)) {
      expect(shed.retryAfter).toBe("1");
      expect(shed.body).toMatch(/capacity/);
    }
    expect(livez.length).toBeGreaterThan(0);
    // PostgreSQL runs beside the process, so /livez is answered between requests: generous for a
    // shared CI machine, the benchmark measures the real figure. The embedded engine runs its
    // queries on the server's own thread, so there /livez waits for the query running (README,
    // Operations): it is only required to answer.
    // The bound is loose (a shared CI machine measured 865 ms at p50 once): what it rules out is
    // /livez waiting behind the database, as /healthz did for 8-10 s before.
    if (engine.name === "postgres") expect(percentile(livez, 50)).toBeLessThan(2_000);
    // Readiness says no while shedding, or yes once the load is gone: never a 500.
    expect([200, 503]).toContain((await timed(`${server.url}/readyz`)).status);
    expect((await timed(`${server.url}/readyz`)).status).toBe(200);
    expect((await timed(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("cuts a client that drips its headers", async () => {
    const socket = connect(server.port, "127.0.0.1");
    const start = performance.now();
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(performance.now() - start)));
    socket.on("error", () => {});
    socket.write("GET /livez HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 100);
    const ms = await closed;
    clearInterval(drip);
    // headersTimeout 5 s, checked every second: cut long before a drip that would go on for ever.
    expect(ms).toBeLessThan(8_000);
  }, 15_000);
});
