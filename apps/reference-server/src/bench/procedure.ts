import type { IngestBatch } from "@agent-analytics/types";
import { cpuSnapshot, cpuUsed, type Cpu } from "./cpu.js";
import { deploy, type Deployment } from "./deployment.js";
import { rollupTuples, topUsersPlans } from "./explain.js";
import { ingestChunk, type IngestTally } from "./ingest.js";
import { answers, differences, get, measureRead, readOps, type ReadOp, type ReadResult } from "./reads.js";

export interface Settings {
  ingestConcurrency: number;
  readRequests: number;
  readConcurrency: number;
  /** Clients of the capacity comparison (one instance against all of them, every read). */
  capacityConcurrency: number;
  /** Records per ingest chunk; chunks rotate between the lanes measured side by side. */
  chunk: number;
  /** Wall-time budget (s): a size whose projected load and reads would overrun it is not loaded. */
  budgetSeconds: number;
}

/** What one lane (a deployment, and the instances its requests go to) measured at one size. */
export interface Measure {
  ingest: IngestTally;
  reads: ReadResult[];
  /** CPU per read request (ms), of the instances and of their database backends. */
  cpu?: Cpu;
  /** Requests per second with capacityConcurrency clients, mean over the reads. */
  capacity?: number;
}

export interface Step {
  records: number;
  /** One instance. */
  one: Measure;
  /** Every instance, behind a round-robin client. */
  all?: Measure;
  /** The baseline build (first size only). */
  baseline?: Measure;
  rollups?: { live: number; dead: number };
  plans?: string[];
}

export interface Run {
  engine: "postgres" | "pglite";
  instances: number;
  steps: Step[];
  notReached: { records: number; reason: string }[];
  /** Background refreshes across the instances: after the first size, and after the last when the budget allows. */
  refreshes: { records: number; seconds: number; otherInstance: string }[];
  refreshSkipped?: { records: number; reason: string };
}

interface Lane { name: "one" | "all" | "baseline"; deployment: Deployment; urls: string[] }

const log = (line: string) => process.stderr.write(`  ${line}\n`);

/**
 * Grows a deployment size by size within the time budget; at each size, the lanes load in
 * rotating chunks and each read is measured on every lane back to back, so that side-by-side
 * figures share the machine's conditions. Every instance must answer every read identically.
 */
export async function runSizes(engine: "postgres" | "pglite", sizes: number[], instances: number, settings: Settings, baselineBin?: string): Promise<Run> {
  const current = await deploy(engine, engine, instances);
  let baseline = baselineBin ? await deploy("baseline", engine, 1, baselineBin) : undefined;
  const run: Run = { engine, instances, steps: [], notReached: [], refreshes: [] };
  const started = performance.now();
  try {
    let secondsPerRecord = 0;
    let readSeconds = 0;
    for (const size of sizes) {
      const elapsed = (performance.now() - started) / 1000;
      const projected = elapsed + (size - current.loaded) * secondsPerRecord + readSeconds;
      if (run.steps.length > 0 && projected > settings.budgetSeconds) {
        run.notReached.push({ records: size, reason: `projected ${Math.round(projected)} s > budget ${settings.budgetSeconds} s` });
        continue;
      }
      const lanes: Lane[] = [{ name: "one", deployment: current, urls: current.urls.slice(0, 1) }];
      if (instances > 1) lanes.push({ name: "all", deployment: current, urls: current.urls });
      if (baseline) lanes.push({ name: "baseline", deployment: baseline, urls: baseline.urls });
      const loadStarted = performance.now();
      const ingest = await load(lanes, size, settings);
      secondsPerRecord = (performance.now() - loadStarted) / 1000 / (size - (run.steps.at(-1)?.records ?? 0));
      const readsStarted = performance.now();
      const reads = await measureReads(lanes, settings);
      const step: Step = { records: size, one: { ingest: ingest.get("one")!, ...reads.get("one")! } };
      if (instances > 1) {
        step.all = { ingest: ingest.get("all")!, ...reads.get("all")! };
        await sameAnswers(current, await opsOf(current));
      }
      if (baseline) {
        step.baseline = { ingest: ingest.get("baseline")!, ...reads.get("baseline")! };
        await baseline.close();
        baseline = undefined;
      }
      if (current.db) {
        step.rollups = await rollupTuples(current.db);
        step.plans = await topUsersPlans(current.db, current.orgId);
      }
      readSeconds = (performance.now() - readsStarted) / 1000;
      run.steps.push(step);
      if (instances > 1 && run.steps.length === 1) run.refreshes.push({ records: size, ...(await refreshAcross(current, await opsOf(current))) });
    }
    const last = run.steps.at(-1);
    if (instances > 1 && last && run.steps.length > 1) {
      const first = run.refreshes[0]!;
      const projected = (performance.now() - started) / 1000 + (first.seconds / first.records) * last.records;
      if (projected > settings.budgetSeconds) run.refreshSkipped = { records: last.records, reason: `projected ${Math.round(projected)} s > budget ${settings.budgetSeconds} s` };
      else run.refreshes.push({ records: last.records, ...(await refreshAcross(current, await opsOf(current))) });
    }
    return run;
  } finally {
    await baseline?.close();
    await current.close();
  }
}

/** Loads every lane's deployment to `size`, the lanes taking turns chunk by chunk. */
async function load(lanes: Lane[], size: number, settings: Settings): Promise<Map<Lane["name"], IngestTally>> {
  const batches = new Map<Deployment, Iterator<IngestBatch>>();
  for (const lane of lanes) if (!batches.has(lane.deployment)) batches.set(lane.deployment, await lane.deployment.growTo(size));
  const tallies = new Map(lanes.map((lane) => [lane.name, { records: 0, seconds: 0 }]));
  let active = lanes;
  for (let turn = 0; active.length > 0; turn++) {
    const lane = active[turn % active.length]!;
    const chunk = await ingestChunk(batches.get(lane.deployment)!, lane.urls, lane.deployment.headers, { concurrency: settings.ingestConcurrency, chunk: settings.chunk });
    const tally = tallies.get(lane.name)!;
    tally.records += chunk.records;
    tally.seconds += chunk.seconds;
    if (chunk.done) active = active.filter((l) => l.deployment !== lane.deployment);
    log(`${lane.deployment.label} ${lane.name}: ${tally.records} records at ${Math.round(tally.records / tally.seconds)}/s`);
  }
  return tallies;
}

async function opsOf(deployment: Deployment): Promise<ReadOp[]> {
  await deployment.db?.query("ANALYZE");
  const page = JSON.parse(await get(deployment.urls[0]!, deployment.headers, "/agents/a3/runs?limit=1")) as { data: { runs: { id: string }[] } };
  return readOps(page.data.runs[0]!.id);
}

/**
 * Each read on every lane back to back, with the lane's CPU per request; then, where a deployment
 * has several instances, its capacity: every read from more clients, on one instance and on all.
 */
async function measureReads(lanes: Lane[], settings: Settings): Promise<Map<Lane["name"], Omit<Measure, "ingest">>> {
  const ops = new Map<Deployment, ReadOp[]>();
  for (const lane of lanes) if (!ops.has(lane.deployment)) ops.set(lane.deployment, await opsOf(lane.deployment));
  const results = new Map<Lane["name"], { reads: ReadResult[]; cpu?: Cpu; capacity?: number }>(lanes.map((lane) => [lane.name, { reads: [] }]));
  const opCount = ops.get(lanes[0]!.deployment)!.length;
  for (let i = 0; i < opCount; i++) {
    for (const lane of lanes) {
      const before = await cpuSnapshot(lane.deployment);
      const r = await measureRead(lane.urls, lane.deployment.headers, ops.get(lane.deployment)![i]!, settings.readRequests, settings.readConcurrency);
      const after = await cpuSnapshot(lane.deployment);
      const result = results.get(lane.name)!;
      result.reads.push(r);
      if (before && after) {
        const used = cpuUsed(before, after);
        result.cpu = { server: (result.cpu?.server ?? 0) + used.server, database: (result.cpu?.database ?? 0) + used.database };
      }
      log(`${lane.deployment.label} ${lane.deployment.loaded} ${lane.name} ${r.op}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
    }
  }
  for (const result of results.values()) {
    const requests = result.reads.reduce((a, r) => a + r.sent, 0);
    if (result.cpu) result.cpu = { server: (result.cpu.server * 1000) / requests, database: (result.cpu.database * 1000) / requests };
  }
  const scaled = lanes.filter((lane) => lane.name === "one" || lane.name === "all");
  if (scaled.length > 1) {
    const sums = new Map<Lane["name"], number>();
    for (let i = 0; i < opCount; i++) {
      for (const lane of scaled) {
        const r = await measureRead(lane.urls, lane.deployment.headers, ops.get(lane.deployment)![i]!, settings.readRequests, settings.capacityConcurrency);
        sums.set(lane.name, (sums.get(lane.name) ?? 0) + r.perSecond);
      }
    }
    for (const lane of scaled) results.get(lane.name)!.capacity = sums.get(lane.name)! / opCount;
  }
  return results;
}

/** Every instance must answer every read with the same figures; the benchmark fails otherwise. */
async function sameAnswers(deployment: Deployment, ops: ReadOp[]): Promise<void> {
  const first = await answers(deployment.urls[0]!, deployment.headers, ops);
  for (const url of deployment.urls.slice(1)) {
    const differ = differences(first, await answers(url, deployment.headers, ops));
    if (differ.length > 0) throw new Error(`instances answer differently: ${differ.join(", ")}`);
  }
}

/**
 * A background refresh started on one instance while another is asked for one too (it must not
 * start a second), timed to completion; every figure must be the same afterwards (the rollups
 * ingest kept equal those recomputed from the records).
 */
async function refreshAcross({ urls, headers }: Deployment, ops: ReadOp[]): Promise<{ seconds: number; otherInstance: string }> {
  const before = await answers(urls[0]!, headers, ops);
  const start = async (url: string) => (await (await fetch(`${url}/metrics/refresh?background=true`, { method: "POST", headers })).json()) as { status: string };
  const t0 = performance.now();
  const first = await start(urls[0]!);
  if (first.status !== "started") throw new Error(`background refresh answered ${first.status}`);
  const other = await start(urls[1]!);
  if (other.status !== "already_running") throw new Error(`a second refresh answered ${other.status}`);
  for (;;) {
    const status = (JSON.parse(await get(urls[1]!, headers, "/metrics/refresh/status")) as { status: string }).status;
    if (status === "completed") break;
    if (status === "failed") throw new Error("refresh failed");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  const differ = differences(before, await answers(urls[1]!, headers, ops));
  if (differ.length > 0) throw new Error(`figures changed by the refresh: ${differ.join(", ")}`);
  return { seconds, otherInstance: other.status };
}
