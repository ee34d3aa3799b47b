import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { document } from "@agent-analytics/contract";
import type { MockEngine } from "../engine.js";
import type { MockRequest, MockResponse } from "../http/request-parts.js";
import { TEST_NOW } from "../test-support/mock-fixture.js";
import { withWidgetsModule } from "../test-support/widgets-module.js";
import { corpusRequests } from "./request-corpus.js";

/**
 * This checkout's engine against the same engine at another git ref, side by side in one process,
 * on the same fresh requests (no body cache): every answer must be byte-identical, and the time to
 * answer them is compared. The check that a refactoring of the generator changed nothing, and cost
 * nothing. Both engines' sources are put under node_modules/.cache (the baseline's unpacked from
 * git, this checkout's copied), so they load the same way and resolve this checkout's dependencies
 * (the contract included: both engines serve the same document). `--baseline HEAD` on a clean tree
 * puts the same code in both slots: the ratio it prints is the noise (and any bias of the slots)
 * to read other ratios against.
 */
const usage = "usage: compare-engines [--baseline <git ref>] [--rounds <n>] [--samples <per operation>] [--seeds <n>]";
const { values } = parseArgs({
  options: {
    baseline: { type: "string", default: "main" },
    rounds: { type: "string", default: "8" },
    samples: { type: "string", default: "12" },
    seeds: { type: "string", default: "3" },
  },
});
const rounds = Number(values.rounds);
const samples = Number(values.samples);
const seeds = Number(values.seeds);
if (![rounds, samples, seeds].every((n) => Number.isInteger(n) && n > 0)) throw new Error(usage);

const app = fileURLToPath(new URL("../../", import.meta.url));

type EngineClass = typeof MockEngine;
const cache = `${app}node_modules/.cache/mock-compare`;

async function engineAt(dir: string): Promise<EngineClass> {
  return ((await import(`${dir}/src/engine.ts`)) as { MockEngine: EngineClass }).MockEngine;
}

/** This checkout's sources, copied beside the baseline's: both load the same way, from the same kind of place. */
async function currentEngine(): Promise<EngineClass> {
  const dir = `${cache}/current`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(`${app}src`, `${dir}/src`, { recursive: true });
  return engineAt(dir);
}

async function baselineEngine(ref: string): Promise<{ sha: string; Engine: EngineClass }> {
  const sha = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: app, encoding: "utf8" }).trim();
  const dir = `${cache}/${sha}`;
  if (!existsSync(`${dir}/src/engine.ts`)) {
    mkdirSync(dir, { recursive: true });
    const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: app, encoding: "utf8" }).trim();
    const prefix = execFileSync("git", ["rev-parse", "--show-prefix"], { cwd: app, encoding: "utf8" }).trim();
    const archive = execFileSync("git", ["archive", "--format=tar", `${sha}:${prefix}`, "src"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  }
  return { sha, Engine: await engineAt(dir) };
}

/**
 * CPU time of the process (user + system) rather than wall time: on a machine shared with other
 * work, time spent waiting for a core is not the engine's.
 */
function answerAll(engine: MockEngine, requests: MockRequest[]): { ms: number; responses: MockResponse[] } {
  const started = process.cpuUsage();
  const responses = requests.map((r) => engine.handle(r));
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, responses };
}

function differences(a: MockResponse[], b: MockResponse[], requests: MockRequest[]): string[] {
  const found: string[] = [];
  a.forEach((x, i) => {
    const y = b[i]!;
    if (x.status !== y.status || x.body !== y.body || JSON.stringify(x.headers) !== JSON.stringify(y.headers)) {
      found.push(`${requests[i]!.method} ${requests[i]!.url} (${JSON.stringify(requests[i]!.headers.prefer)}): ${x.status} vs ${y.status}`);
    }
  });
  return found;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { sha, Engine: Baseline } = await baselineEngine(values.baseline!);
  const Current = await currentEngine();
  const doc = withWidgetsModule(document);
  const options = { document: doc, now: TEST_NOW, cacheSize: 0 };
  const engines = { baseline: new Baseline(options), current: new Current(options) };
  const roundRequests = (round: number) => corpusRequests(doc, { samples, seeds, round });

  // Warm-up pass (compiles validators, fills per-schema caches), also the widest identity check.
  const warm = roundRequests(-1);
  const first = { baseline: answerAll(engines.baseline, warm), current: answerAll(engines.current, warm) };
  const mismatches = differences(first.baseline.responses, first.current.responses, warm);

  const times = { baseline: [] as number[], current: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const requests = roundRequests(round);
    // Alternate which engine goes first, so neither always runs on a warmer machine.
    const order = round % 2 === 0 ? (["baseline", "current"] as const) : (["current", "baseline"] as const);
    const results: Partial<Record<"baseline" | "current", MockResponse[]>> = {};
    for (const name of order) {
      const { ms, responses } = answerAll(engines[name], requests);
      times[name].push(ms);
      results[name] = responses;
    }
    mismatches.push(...differences(results.baseline!, results.current!, requests));
  }

  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const perRound = times.current.map((t, i) => t / times.baseline[i]!);
  const statuses = new Map<number, number>();
  for (const r of first.current.responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  console.log(`baseline ${values.baseline} (${sha.slice(0, 12)}) vs this checkout; Node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}`);
  console.log(`requests per round: ${warm.length} (statuses ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(", ")}), rounds: ${rounds}`);
  console.log(`CPU time, baseline: ${total(times.baseline).toFixed(0)} ms, current: ${total(times.current).toFixed(0)} ms`);
  console.log(
    `time ratio current / baseline: ${(total(times.current) / total(times.baseline)).toFixed(3)} overall, per round median ${median(perRound).toFixed(3)} (min ${Math.min(...perRound).toFixed(3)}, max ${Math.max(...perRound).toFixed(3)})`,
  );
  console.log(mismatches.length === 0 ? "bodies: byte-identical" : `bodies differ (${mismatches.length}):\n${mismatches.slice(0, 20).join("\n")}`);
  if (mismatches.length > 0) process.exitCode = 1;
}

await main();
