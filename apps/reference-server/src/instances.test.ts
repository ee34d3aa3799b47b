import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./server.js";
import { openDatabase } from "./storage/engine.js";
import { createKey, createOrganization } from "./storage/keys.js";
import { INGEST_LOCK, lockArgs } from "./storage/locks.js";
import { FIXTURE } from "./test/fixture.js";
import { call, randomSchema } from "./test/harness.js";

/**
 * Several instances on one PostgreSQL schema, as deployed behind a load balancer. (The embedded
 * engine allows one process per data directory, so this is PostgreSQL only; CI sets DATABASE_URL.)
 */
const DATABASE_URL = process.env.DATABASE_URL;

describe.runIf(DATABASE_URL)("instances sharing one PostgreSQL", () => {
  const schemas: string[] = [];
  const servers: RunningServer[] = [];
  const start = (schema: string) =>
    startServer({ databaseUrl: DATABASE_URL, schema, port: 0, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) }).then((s) => {
      servers.push(s);
      return s;
    });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    const admin = await openDatabase({ databaseUrl: DATABASE_URL, poolSize: 1 });
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it("start at once on a fresh schema: each migration applied once, and both serve the same figures", async () => {
    for (let round = 0; round < 3; round++) {
      const schema = randomSchema();
      schemas.push(schema);
      const [a, b] = await Promise.all([start(schema), start(schema)]);
      const applied = await a.db.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
      expect(applied.map((r) => r.name)).toEqual(["001_init.sql", "002_scale.sql"]);
      if (round > 0) continue;
      const orgId = await createOrganization(a.db, "Two instances");
      const key = await createKey(a.db, { organizationId: orgId, userId: "user_1", role: "admin" });
      expect((await call(a, "POST", "/ingest/batch", { key, body: FIXTURE })).status).toBe(200);
      for (const path of ["/analytics/users/top?startDate=2026-02-22&endDate=2026-03-03", "/metrics", "/api/dashboard/getStats?from=2026-02-01T00:00:00Z&to=2026-03-31T00:00:00Z&allInOrg=true"]) {
        expect((await call(b, "GET", path, { key })).body).toEqual((await call(a, "GET", path, { key })).body);
      }
    }
  });

  it("run one refresh at a time across instances, and free it when the refreshing connection dies", async () => {
    const schema = randomSchema();
    schemas.push(schema);
    const [a, b] = await Promise.all([start(schema), start(schema)]);
    const orgId = await createOrganization(a.db, "Refresh");
    const key = await createKey(a.db, { organizationId: orgId, userId: "user_1", role: "admin" });
    expect((await call(a, "POST", "/ingest/batch", { key, body: FIXTURE })).status).toBe(200);
    const status = async (s: RunningServer) => (await call(s, "GET", "/metrics/refresh/status", { key })).body.status;
    const burst = () => Promise.all(Array.from({ length: 8 }, (_, i) => call(i % 2 ? b : a, "POST", "/metrics/refresh?background=true", { key })));

    // Holding the ingest lock keeps the first refresh waiting inside its transaction (refresh lock held).
    const blocker = await holdIngestLock(schema, orgId);
    const first = await burst();
    expect(first.map((r) => r.status)).toEqual(Array(8).fill(202));
    const answers = first.map((r) => r.body.status as string);
    expect(answers.filter((s) => s === "started")).toHaveLength(1);
    expect(answers.filter((s) => s === "already_running")).toHaveLength(7);
    expect([await status(a), await status(b)]).toEqual(["running", "running"]);
    await blocker.release();
    await until(async () => (await status(a)) === "completed");
    expect(await status(b)).toBe("completed");

    // A refresh whose connection dies rolls back and frees the lock: the next one starts at once.
    const again = await holdIngestLock(schema, orgId);
    expect((await call(b, "POST", "/metrics/refresh?background=true", { key })).body.status).toBe("started");
    const killed = await again.db.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`,
    );
    expect(killed[0]!.n).toBe(1);
    await again.release();
    await until(async () => (await status(b)) === "failed");
    expect((await call(a, "POST", "/metrics/refresh?background=true", { key })).body.status).toBe("started");
    await until(async () => (await status(a)) === "completed");
    expect((await call(a, "GET", "/agents/agent_a/stats", { key })).body.data.totalRuns).toBe(4);
  });
});

/** Holds an organisation's ingest lock exclusively (as a refresh would) until released. */
async function holdIngestLock(schema: string, orgId: string) {
  const db = await openDatabase({ databaseUrl: DATABASE_URL, schema, poolSize: 2 });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${lockArgs(INGEST_LOCK)})::text`, [orgId]);
    locked();
    await held;
  });
  await isLocked;
  return {
    db,
    async release() {
      release();
      await holding;
      await db.close();
    },
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
