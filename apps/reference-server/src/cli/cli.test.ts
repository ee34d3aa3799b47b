import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { benchBatches } from "../bench/data.js";
import { openDatabase } from "../storage/engine.js";
import { randomSchema } from "../test/harness.js";
import { cli, exited, spawnServer } from "../test/process.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function get(url: string, key: string) {
  const r = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

describe("CLI on the embedded engine", () => {
  it("provisions an organisation and a key while stopped, then serves them; SIGTERM stops it cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aas-"));
    dirs.push(dir);
    const org = (await cli(["org", "create", "--name", "Acme", "--data-dir", dir])).trim();
    expect(org).toMatch(/^org_\w+$/);
    const key = await cli(["key", "create", "--org", org, "--user", "user_9", "--role", "member", "--data-dir", dir]);
    expect(key).toMatch(/^aak_[\w-]+$/);
    const server = await spawnServer(["--data-dir", dir]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${server.url}/ingest/context`, key.trim())).toEqual({ status: 200, body: { organizationId: org, userId: "user_9", role: "member" } });
    server.child.kill("SIGTERM");
    expect(await exited(server.child)).toBe(0);
  }, 120_000);

  it("finishes a request in flight when asked to stop", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aas-"));
    dirs.push(dir);
    const org = (await cli(["org", "create", "--name", "Drain", "--data-dir", dir])).trim();
    const key = (await cli(["key", "create", "--org", org, "--user", "u0", "--role", "admin", "--data-dir", dir])).trim();
    const server = await spawnServer(["--data-dir", dir]);
    const [directory, batch] = [...benchBatches(5500)];
    const post = (body: unknown) =>
      fetch(`${server.url}/ingest/batch`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(directory)).status).toBe(200);
    const inFlight = post(batch);
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.child.kill("SIGTERM");
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { accepted: { total: number } }).accepted.total).toBeGreaterThan(4000);
    expect(await exited(server.child)).toBe(0);
  }, 120_000);

  it("rejects a key for an unknown organisation", async () => {
    await expect(cli(["key", "create", "--org", "org_nope", "--user", "u", "--role", "admin", "--data-dir", "memory://"])).rejects.toThrow();
  }, 60_000);
});

const DATABASE_URL = process.env.DATABASE_URL;

describe.runIf(DATABASE_URL)("CLI on PostgreSQL", () => {
  it("keeps every acknowledged batch exactly once across a SIGKILL during a stream of ingest batches", async () => {
    const schema = randomSchema();
    const storage = ["--database-url", DATABASE_URL!, "--schema", schema];
    try {
      const org = (await cli(["org", "create", "--name", "Crash", ...storage])).trim();
      const key = (await cli(["key", "create", "--org", org, "--user", "u", "--role", "admin", ...storage])).trim();
      let server = await spawnServer(storage);
      const post = (url: string, body: unknown) =>
        fetch(`${url}/ingest/batch`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await post(server.url, { users: [{ id: "u" }], agents: [{ id: "a", name: "A", kind: "agent" }] })).status).toBe(200);
      const PER = 200;
      const batch = (i: number) => ({
        sessions: Array.from({ length: PER }, (_, j) => ({ id: `s${i}_${j}`, agentId: "a", userId: "u", createdAt: new Date(Date.UTC(2026, 0, 1 + (j % 28))).toISOString() })),
        messages: Array.from({ length: PER }, (_, j) => ({ id: `m${i}_${j}`, sessionId: `s${i}_${j}`, role: "user", createdAt: new Date(Date.UTC(2026, 0, 1 + (j % 28), 1)).toISOString() })),
      });
      const acknowledged: number[] = [];
      let sent = 0;
      // Three concurrent streams of batches; the server is killed while they are in flight.
      const stream = async () => {
        for (;;) {
          const i = sent++;
          try {
            const r = await post(server.url, batch(i));
            if (r.status !== 200) throw new Error(`batch ${i}: ${r.status}`);
            acknowledged.push(i);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith("batch")) throw error;
            return; // connection cut by the kill
          }
        }
      };
      const streams = [stream(), stream(), stream()];
      while (acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));
      server.child.kill("SIGKILL");
      await Promise.all(streams);
      await exited(server.child);

      server = await spawnServer(storage);
      // Every acknowledged batch is there: re-sending it is all duplicates.
      for (const i of acknowledged) {
        const r = (await (await post(server.url, batch(i))).json()) as { accepted: { total: number }; duplicates: { total: number } };
        expect(r).toMatchObject({ accepted: { total: 0 }, duplicates: { total: 2 * PER } });
      }
      // Nothing is counted twice, and a batch cut in flight is there entirely or not at all.
      const stats = await get(`${server.url}/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&allInOrg=true`, key);
      const conversations = stats.body.conversationCount as number;
      expect(conversations % PER).toBe(0);
      expect(conversations).toBeGreaterThanOrEqual(acknowledged.length * PER);
      expect(conversations).toBeLessThanOrEqual(sent * PER);
      expect(stats.body.messageCount).toBe(conversations);
      const db = await openDatabase({ databaseUrl: DATABASE_URL, schema, poolSize: 1 });
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions");
      await db.close();
      expect(row!.n).toBe(conversations);
      server.child.kill("SIGTERM");
      expect(await exited(server.child)).toBe(0);
    } finally {
      const db = await openDatabase({ databaseUrl: DATABASE_URL });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }, 180_000);
});
