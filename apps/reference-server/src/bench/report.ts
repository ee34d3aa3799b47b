import type { Run, Settings, Step } from "./procedure.js";

export interface Conditions { command: string; date: string; cores: number; node: string; loadBefore: number; loadAfter: number; seconds: number }

const n = (v: number) => Math.round(v).toLocaleString("en");
const ms = (v: number) => v.toFixed(1);
const size = (records: number) => (records >= 1e6 ? `${(records / 1e6).toLocaleString("en")}M` : `${(records / 1e3).toLocaleString("en")}k`);
const rate = (t: { records: number; seconds: number }) => (t.seconds > 0 ? n(t.records / t.seconds) : "—");
const total = (s: Step) => ({ records: s.one.records + s.all.records, seconds: s.one.seconds + s.all.seconds });
const throughput = (reads: { perSecond: number }[]) => reads.reduce((a, r) => a + r.perSecond, 0) / reads.length;

/** The benchmark's section of docs/benchmarks.md. */
export function report(runs: Run[], settings: Settings, c: Conditions): string {
  const main = runs.filter((r) => !r.label.startsWith("baseline"));
  const pg = main.find((r) => r.engine === "postgres");
  const lines = [
    "## Reference server",
    "",
    `Command: \`${c.command}\` (measured ${c.date}, ${Math.round(c.seconds)} s in all).`,
    "",
    `Records are loaded through \`POST /ingest/batch\` in batches of 5,000 by ${settings.ingestConcurrency} concurrent clients (one organisation, 20 agents, 500 users, 90 days); the dataset grows size by size, each addition spread over the same 90 days. At each size every read is requested ${settings.readRequests} times by ${settings.readConcurrency} concurrent clients over HTTP, right after the load (rollups full of dead row versions, no VACUUM). Targets at 10M records on PostgreSQL: ingest ≥ 50,000 records/s, every read p50 ≤ 20 ms and p99 ≤ 100 ms.`,
    "",
    `Machine: ${c.cores} cores, Node ${c.node}; 1-minute load average ${c.loadBefore.toFixed(1)} when the run started and ${c.loadAfter.toFixed(1)} when it ended (the benchmark's own load included; a start above 1 means other work shared the machine).`,
    "",
    "### Ingest",
    "",
    `Chunks of ${n(settings.chunk)} records alternate between one instance and ${pg?.instances ?? 1} instances behind a round-robin client, on the same growing data.`,
    "",
    "| engine | records | ingest records/s | one instance | two instances | rollup rows live / dead after the load |",
    "|---|---:|---:|---:|---:|---:|",
    ...main.flatMap((r) => r.steps.map((s) => `| ${r.engine} | ${n(s.records)} | ${rate(total(s))} | ${rate(s.one)} | ${rate(s.all)} | ${s.rollups ? `${n(s.rollups.live)} / ${n(s.rollups.dead)}` : "—"} |`)),
    "",
    "### Reads, one instance (p50 / p99 ms)",
    "",
    `| read operation | ${main.flatMap((r) => r.steps.map((s) => `${r.engine} ${size(s.records)}`)).join(" | ")} |`,
    `|---|${main.flatMap((r) => r.steps.map(() => "---:")).join("|")}|`,
    ...(main[0]?.steps[0]?.reads ?? []).map((read, i) =>
      `| \`${read.op}\` | ${main.flatMap((r) => r.steps.map((s) => `${ms(s.reads[i]!.p50)} / ${ms(s.reads[i]!.p99)}`)).join(" | ")} |`),
  ];
  if (pg && pg.instances > 1) {
    lines.push(
      "",
      `### One instance and ${pg.instances} instances on one PostgreSQL`,
      "",
      `The same reads with the same ${settings.readConcurrency} clients, sent to one instance, then round-robin to ${pg.instances}; every read's answer is compared between the instances at every size (the benchmark fails on any difference). Requests per second are the mean over the read operations.`,
      "",
      "| records | one instance req/s | two instances req/s | ratio | p50 one / two (ms, mean over reads) | every figure identical |",
      "|---:|---:|---:|---:|---:|---|",
      ...pg.steps.map((s) => {
        const [one, two] = [throughput(s.reads), throughput(s.readsAll!)];
        const p50 = (list: { p50: number }[]) => list.reduce((a, r) => a + r.p50, 0) / list.length;
        return `| ${n(s.records)} | ${n(one)} | ${n(two)} | ${(two / one).toFixed(2)}x | ${ms(p50(s.reads))} / ${ms(p50(s.readsAll!))} | yes |`;
      }),
    );
  }
  if (pg?.refresh) {
    lines.push("", `Refresh at ${n(pg.steps.at(-1)!.records)} records: \`POST /metrics/refresh?background=true\` on one instance rebuilt every rollup in ${pg.refresh.seconds.toFixed(1)} s; the other instance, asked meanwhile, answered \`${pg.refresh.otherInstance}\`; every figure was identical before and after.`);
  }
  for (const r of main) for (const miss of r.notReached) lines.push("", `Not loaded on ${r.engine}: ${n(miss.records)} records (${miss.reason}).`);
  const baseline = runs.find((r) => r.label.startsWith("baseline"));
  if (baseline && pg) lines.push("", ...comparison(baseline, pg));
  const plans = pg?.steps.filter((s) => s.plans);
  if (plans?.length) {
    lines.push("", "### Plans of `getAnalyticsTopUsers` (30-day window)", "");
    for (const s of plans) lines.push(`<details><summary>${n(s.records)} records</summary>`, "", "```", ...s.plans!, "```", "", "</details>", "");
  }
  return lines.join("\n").trimEnd();
}

/** Before and after, side by side in one run: the baseline build against this one, at the first size. */
function comparison(baseline: Run, current: Run): string[] {
  const [b, c] = [baseline.steps[0]!, current.steps[0]!];
  const ratio = (before: number, after: number) => `${(before / after).toFixed(2)}x`;
  return [
    `### Before and after (the build BENCH_BASELINE_BIN names, e.g. a checkout of main, in the same run: ${n(b.records)} records, one instance)`,
    "",
    `| measure | before | after | ratio |`,
    "|---|---:|---:|---:|",
    `| ingest records/s | ${rate(total(b))} | ${rate(c.one)} | ${ratio(c.one.records / c.one.seconds, total(b).records / total(b).seconds)} |`,
    ...b.reads.map((r, i) => `| \`${r.op}\` p50 / p99 ms | ${ms(r.p50)} / ${ms(r.p99)} | ${ms(c.reads[i]!.p50)} / ${ms(c.reads[i]!.p99)} | ${ratio(r.p50, c.reads[i]!.p50)} |`),
  ];
}
