import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { envWithout, REFERENCE_SERVER_ENV, startReferenceServer, type ProvisionedServer, type ReferenceStorage } from "@agent-analytics/test-support";
import autocannon from "autocannon";
import { FIXTURE } from "../test/fixture.js";
import { openDatabase } from "../storage/engine.js";

/**
 * `pnpm --filter @agent-analytics/reference-server bench:overload`: one bounded overload run per
 * engine, against a server process of its own, on a read (the dashboard) and on ingest: PostgreSQL
 * (DATABASE_URL) with OVERLOAD_PG_CONNECTIONS (2,000) and PGlite with OVERLOAD_PGLITE_CONNECTIONS
 * (200), each OVERLOAD_SECONDS (20) long. Prints, next to the unloaded figures: 500s, shed 503s,
 * p99 latency, /livez p99 during the run, and RSS before and 15 s after.
 */
const LAUNCHER = fileURLToPath(new URL("../../bin/agent-analytics-server.js", import.meta.url));
const SECONDS = Number(process.env.OVERLOAD_SECONDS ?? 20);
const REST_MS = 15_000;

const rssMb = (pid: number | undefined) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const p99 = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Target { name: string; path: string; method: "GET" | "POST"; body?: string }

async function unloaded(url: string, target: Target, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const r = await fetch(`${url}${target.path}`, { method: target.method, headers, body: target.body });
    await r.text();
    times.push(performance.now() - start);
  }
  return p99(times);
}

async function overload(server: ProvisionedServer, target: Target, headers: Record<string, string>, connections: number) {
  const pid = server.child.pid!;
  const rssBefore = rssMb(pid);
  const livez: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const start = performance.now();
      try {
        await (await fetch(`${server.url}/livez`, { signal: AbortSignal.timeout(10_000) })).text();
        livez.push(performance.now() - start);
      } catch {
        livez.push(10_000);
      }
      await sleep(50);
    }
  })();
  const result = await autocannon({ url: `${server.url}${target.path}`, method: target.method, headers, body: target.body, connections, duration: SECONDS, timeout: 10 });
  probing = false;
  await probe;
  const peak = rssMb(pid);
  await sleep(REST_MS);
  const codes = result.statusCodeStats as Record<string, { count: number }>;
  const count = (code: string) => codes[code]?.count ?? 0;
  return {
    requests: result.requests.total,
    ok: count("200"),
    shed: count("503") + count("429"),
    s500: count("500"),
    timeouts: result.timeouts,
    errors: result.errors,
    p99: result.latency.p99,
    livezP99: p99(livez),
    rssBefore,
    peak,
    rssAfter: rssMb(pid),
  };
}

async function engineRun(engine: "postgres" | "pglite", connections: number): Promise<string[]> {
  const storage: ReferenceStorage = engine === "postgres" ? { databaseUrl: process.env.DATABASE_URL!, schema: `bench_${randomBytes(6).toString("hex")}` } : { dataDir: mkdtempSync(join(tmpdir(), "aas-overload-")) };
  const server = await startReferenceServer(LAUNCHER, storage, [{ name: "Overload", user: "user_1", role: "admin" }], { env: envWithout(REFERENCE_SERVER_ENV) });
  const headers = { authorization: `Bearer ${server.keys[0]}`, "content-type": "application/json" };
  const rows: string[] = [];
  try {
    await fetch(`${server.url}/ingest/batch`, { method: "POST", headers, body: JSON.stringify(FIXTURE) });
    const targets: Target[] = [
      { name: "read (dashboard)", path: "/api/dashboard/getStats?from=2026-02-01&to=2026-03-31&allInOrg=true", method: "GET" },
      // Re-sent batch: idempotent, so every request does the whole work of a batch and changes nothing.
      { name: "ingest (18-record batch)", path: "/ingest/batch", method: "POST", body: JSON.stringify({ users: FIXTURE.users, agents: FIXTURE.agents, sessions: FIXTURE.sessions, runs: FIXTURE.runs }) },
    ];
    for (const target of targets) {
      const base = await unloaded(server.url, target, headers);
      const baseLivez = await unloaded(server.url, { name: "livez", path: "/livez", method: "GET" }, {});
      const r = await overload(server, target, headers, connections);
      const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "—");
      rows.push(
        `| ${engine} | ${target.name} | ${connections} | ${r.requests} | ${r.ok} | ${r.shed} | ${r.s500} | ${r.timeouts} / ${r.errors} | ${fmt(base)} → ${fmt(r.p99)} | ${fmt(baseLivez)} → ${fmt(r.livezP99)} | ${r.rssBefore.toFixed(0)} → ${r.peak.toFixed(0)} → ${r.rssAfter.toFixed(0)} (${((r.rssAfter / r.rssBefore) * 100).toFixed(0)}%) |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  } finally {
    await server.stop();
    if ("dataDir" in storage) rmSync(storage.dataDir, { recursive: true, force: true });
    else {
      const admin = await openDatabase({ databaseUrl: storage.databaseUrl, poolSize: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${storage.schema} CASCADE`);
      await admin.close();
    }
  }
  return rows;
}

const rows: string[] = [];
if (process.env.DATABASE_URL) rows.push(...(await engineRun("postgres", Number(process.env.OVERLOAD_PG_CONNECTIONS ?? 2000))));
rows.push(...(await engineRun("pglite", Number(process.env.OVERLOAD_PGLITE_CONNECTIONS ?? 200))));
process.stdout.write(
  [
    "| engine | target | connections | requests | 200 | shed 503 | 500 | timeouts / errors | p99 ms unloaded → loaded | /livez p99 ms unloaded → loaded | RSS MB start → end of run → 15 s later |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n") + "\n",
);
