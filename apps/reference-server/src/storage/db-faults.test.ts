import { randomBytes } from "node:crypto";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../server.js";
import { call, type Reply } from "../test/harness.js";
import { createKey, createOrganization } from "./keys.js";

const DATABASE_URL = process.env.DATABASE_URL;
/** How long the faults go on, and how often every connection of the server is cut. */
const FAULT_MS = 4_000;
const KILL_EVERY_MS = 250;

/** A batch of its own records (ids unique to `n`), so that re-sending it shows whether it was stored whole. */
function batch(n: number) {
  const at = (i: number) => new Date(Date.UTC(2026, 1, 1) + n * 60_000 + i * 1000).toISOString();
  return {
    agents: [{ id: `a_${n}`, name: `Agent ${n}`, kind: "agent" }],
    sessions: [{ id: `s_${n}`, agentId: `a_${n}`, createdAt: at(0) }],
    runs: Array.from({ length: 10 }, (_, i) => ({ id: `r_${n}_${i}`, agentId: `a_${n}`, sessionId: `s_${n}`, status: "completed", startedAt: at(i), completedAt: at(i + 1) })),
    messages: Array.from({ length: 10 }, (_, i) => ({ id: `m_${n}_${i}`, sessionId: `s_${n}`, role: i % 2 ? "assistant" : "user", createdAt: at(i) })),
  };
}

// Cuts connections, so it runs in a database of its own (created and dropped here), never a shared one.
describe.skipIf(!DATABASE_URL)("lost database connections on PostgreSQL", () => {
  const name = `aak_faults_${randomBytes(5).toString("hex")}`;
  let admin: pg.Client;
  let server: RunningServer;
  let key: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(DATABASE_URL!);
    url.pathname = `/${name}`;
    server = await startServer({ databaseUrl: url.toString(), port: 0, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) });
    key = await createKey(server.db, { organizationId: await createOrganization(server.db, "Faults"), userId: "user_1", role: "admin" });
  });
  afterAll(async () => {
    await server?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  const terminate = () => admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);

  it("answers 200 or the module's 503 with Retry-After while its connections are cut, stores batches whole, and recovers", async () => {
    const replies: Reply[] = [];
    const sent: { n: number; status: number }[] = [];
    let next = 0;
    let faulting = true;
    const killer = (async () => {
      let killed = 0;
      while (faulting) {
        killed += (await terminate()).rows[0].n;
        await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
      }
      return killed;
    })();
    const ingest = async () => {
      while (faulting) {
        const n = next++;
        const reply = await call(server, "POST", "/ingest/batch", { key, body: batch(n) });
        replies.push(reply);
        sent.push({ n, status: reply.status });
      }
    };
    const read = async () => {
      while (faulting) {
        replies.push(await call(server, "GET", "/api/dashboard/getStats?from=2026-02-01&to=2026-02-28&allInOrg=true", { key }));
        replies.push(await call(server, "GET", "/metrics", { key }));
      }
    };
    const clients = Promise.all([ingest(), ingest(), ingest(), ingest(), read(), read()]);
    await new Promise((r) => setTimeout(r, FAULT_MS));
    faulting = false;
    await clients;
    const killed = await killer;

    // Cuts happened, and each request got an answer in the contract's terms (call() checks schema and Retry-After).
    expect(killed).toBeGreaterThan(0);
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(200);
    // Some requests were in flight when their connection was cut (else the test proves nothing).
    expect(statuses).toContain(503);
    for (const r of replies.filter((reply) => reply.status === 503)) expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    // The pool recovers: the next requests succeed without a restart.
    expect((await call(server, "GET", "/metrics", { key })).status).toBe(200);
    expect((await call(server, "POST", "/ingest/batch", { key, body: batch(next++) })).status).toBe(200);

    // Nothing half-written: every batch re-sent is all duplicates (it was stored) or all new (it was not);
    // one acknowledged with 200 is all duplicates.
    for (const { n, status } of sent) {
      const again = await call(server, "POST", "/ingest/batch", { key, body: batch(n) });
      expect(again.status).toBe(200);
      const { accepted, duplicates } = again.body;
      expect([accepted.total, duplicates.total], `batch ${n}`).toContain(0);
      if (status === 200) expect(accepted.total, `batch ${n} was acknowledged`).toBe(0);
    }
  }, 60_000);
});
