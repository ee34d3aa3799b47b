import type { Measure, Run, Settings, Step } from "./procedure.js";

export interface Conditions { command: string; date: string; cores: number; node: string; loadBefore: number; loadAfter: number; seconds: number }

const n = (v: number) => Math.round(v).toLocaleString("en");
const ms = (v: number) => v.toFixed(1);
const size = (records: number) => (records >= 1e6 ? `${(records / 1e6).toLocaleString("en")}M` : `${(records / 1e3).toLocaleString("en")}k`);
const perSecond = (m?: Measure) => (m && m.ingest.seconds > 0 ? m.ingest.records / m.ingest.seconds : 0);
const rate = (m?: Measure) => (m ? n(perSecond(m)) : "—");
const both = (s: Step) => {
  const parts = [s.one, s.all].filter((m): m is Measure => m !== undefined);
  const records = parts.reduce((a, m) => a + m.ingest.records, 0);
  const seconds = parts.reduce((a, m) => a + m.ingest.seconds, 0);
  return n(records / seconds);
};
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;

/** The benchmark's section of docs/benchmarks.md. */
export function report(runs: Run[], settings: Settings, c: Conditions): string {
  const pg = runs.find((r) => r.engine === "postgres");
  const lines = [
    "## Reference server",
    "",
    `Command: \`${c.command}\` (measured ${c.date}, ${n(c.seconds)} s in all).`,
    "",
    `Records are loaded through \`POST /ingest/batch\` in batches of 5,000 by ${settings.ingestConcurrency} concurrent clients (one organisation, 20 agents, 500 users, 90 days); the dataset grows size by size, each addition spread over the same 90 days. At each size every read is requested ${settings.readRequests} times by ${settings.readConcurrency} concurrent clients over HTTP right after the load (no VACUUM: the rollups still hold the dead row versions the load left). Figures measured side by side (one instance, ${pg?.instances ?? 1} instances, a baseline build) take turns: ingest in chunks of ${n(settings.chunk)} records, reads operation by operation. Targets at 10M records on PostgreSQL: ingest ≥ 50,000 records/s, every read p50 ≤ 20 ms and p99 ≤ 100 ms.`,
    "",
    `Machine: ${c.cores} cores, Node ${c.node}; 1-minute load average ${c.loadBefore.toFixed(1)} when the run started and ${c.loadAfter.toFixed(1)} when it ended (the benchmark's own load included; a start above 1 means other work shared the machine).`,
    "",
    "### Ingest (records/s)",
    "",
    "| engine | records | all chunks | one instance | two instances | rollup row versions live / dead after the load |",
    "|---|---:|---:|---:|---:|---:|",
    ...runs.flatMap((r) => r.steps.map((s) => `| ${r.engine} | ${n(s.records)} | ${both(s)} | ${rate(s.one)} | ${rate(s.all)} | ${s.rollups ? `${n(s.rollups.live)} / ${n(s.rollups.dead)}` : "—"} |`)),
    "",
    "### Reads on one instance (p50 / p99 ms)",
    "",
    `| read operation | ${runs.flatMap((r) => r.steps.map((s) => `${r.engine} ${size(s.records)}`)).join(" | ")} |`,
    `|---|${runs.flatMap((r) => r.steps.map(() => "---:")).join("|")}|`,
    ...(runs[0]?.steps[0]?.one.reads ?? []).map((read, i) =>
      `| \`${read.op}\` | ${runs.flatMap((r) => r.steps.map((s) => `${ms(s.one.reads[i]!.p50)} / ${ms(s.one.reads[i]!.p99)}`)).join(" | ")} |`),
  ];
  if (pg && pg.instances > 1) {
    const cpu = (m: Measure) => (m.cpu ? `${m.cpu.server.toFixed(2)} / ${m.cpu.database.toFixed(2)}` : "—");
    lines.push(
      "",
      `### One instance and ${pg.instances} instances on one PostgreSQL`,
      "",
      `Every read's answer is compared between the instances at every size; the benchmark fails on any difference. Capacity: every read from ${settings.capacityConcurrency} clients, sent to one instance, then round-robin to ${pg.instances} (requests per second, mean over the reads). Latency: the same ${settings.readConcurrency} clients as above (p50, mean over the reads). CPU: milliseconds per read request used by the instances and by their database backends, from /proc (the database runs on the same machine).`,
      "",
      "| records | capacity, one instance (req/s) | capacity, two instances (req/s) | ratio | p50 one / two (ms) | CPU per request, one instance: server / database (ms) | two instances | every figure identical |",
      "|---:|---:|---:|---:|---:|---:|---:|---|",
      ...pg.steps.map((s) => {
        const [one, two] = [s.one.capacity ?? 0, s.all!.capacity ?? 0];
        return `| ${n(s.records)} | ${n(one)} | ${n(two)} | ${(two / one).toFixed(2)}x | ${ms(mean(s.one.reads.map((r) => r.p50)))} / ${ms(mean(s.all!.reads.map((r) => r.p50)))} | ${cpu(s.one)} | ${cpu(s.all!)} | yes |`;
      }),
    );
  }
  for (const r of pg?.refreshes ?? []) {
    lines.push("", `Refresh at ${n(r.records)} records: \`POST /metrics/refresh?background=true\` on one instance rebuilt every rollup from the records in ${r.seconds.toFixed(1)} s; the other instance, asked meanwhile, answered \`${r.otherInstance}\`; every figure was identical before and after (the rollups ingest kept equal those recomputed).`);
  }
  if (pg?.refreshSkipped) lines.push("", `**Not refreshed** at ${n(pg.refreshSkipped.records)} records (${pg.refreshSkipped.reason}).`);
  for (const r of runs) for (const miss of r.notReached) lines.push("", `**Not loaded** on ${r.engine}: ${n(miss.records)} records (${miss.reason}).`);
  const first = pg?.steps[0];
  if (first?.baseline) lines.push("", ...comparison(first));
  const plans = pg?.steps.filter((s) => s.plans);
  if (plans?.length) {
    lines.push("", "### Plans of `getAnalyticsTopUsers` (30-day window), right after each load", "");
    for (const s of plans) lines.push(`<details><summary>${n(s.records)} records</summary>`, "", "```", ...s.plans!, "```", "", "</details>", "");
  }
  return lines.join("\n").trimEnd();
}

/** Before and after: the baseline build against this one, side by side at the first size. */
function comparison(s: Step): string[] {
  const [b, c] = [s.baseline!, s.one];
  const ratio = (before: number, after: number) => `${(before / after).toFixed(2)}x`;
  return [
    `### Before and after (BENCH_BASELINE_BIN's build against this one, ${n(s.records)} records, one instance each)`,
    "",
    "Ratios above 1 favour this build.",
    "",
    "| measure | before | after | ratio |",
    "|---|---:|---:|---:|",
    `| ingest records/s | ${rate(b)} | ${rate(c)} | ${ratio(perSecond(c), perSecond(b))} |`,
    ...b.reads.map((r, i) => `| \`${r.op}\` p50 / p99 ms | ${ms(r.p50)} / ${ms(r.p99)} | ${ms(c.reads[i]!.p50)} / ${ms(c.reads[i]!.p99)} | ${ratio(r.p50, c.reads[i]!.p50)} |`),
  ];
}
