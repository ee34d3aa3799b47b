/**
 * The dashboard's benchmark: the production bundle's size (gzip), and the time to first meaningful
 * paint of the main view (the overview's figures on screen) against the mock and the reference
 * server with its demo data, each behind the dashboard's CLI, cold loads taking turns so both see
 * the same machine. Rewrites its section of docs/benchmarks.md (BENCH_WRITE=0 only prints).
 * BENCH_LOADS sets the loads per server (default 9).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { SpawnedServer } from "@agent-analytics/test-support";
import { launchBrowser } from "../test/browser.js";
import { DEMO_KEY, MOCK_KEY, startDashboard, startMock, startReference } from "../test/servers.js";
import { measureBundle } from "./bundle-size.js";
import { loadOverview, median, type PaintSample } from "./first-paint.js";

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const BUNDLE_TARGET_KIB = 250;
const PAINT_TARGET_MS = 1000;
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (n: number) => n.toFixed(0);

const bundle = measureBundle(fileURLToPath(new URL("../../dist/", import.meta.url)));
const gzipTotal = bundle.reduce((sum, f) => sum + f.gzipBytes, 0);
const loadStart = loadavg()[0]!;

const servers: SpawnedServer[] = [];
const samples: Record<"mock" | "reference", PaintSample[]> = { mock: [], reference: [] };
const browser = await launchBrowser();
try {
  const [mock, reference] = await Promise.all([startMock(), startReference()]);
  servers.push(mock, reference);
  const dashboards = {
    mock: await startDashboard(["--api-url", mock.url, "--api-key", MOCK_KEY]),
    reference: await startDashboard(["--api-url", reference.url, "--api-key", DEMO_KEY]),
  };
  servers.push(dashboards.mock, dashboards.reference);
  // One warm-up load each (the servers' first requests compile validators and fill caches), not counted.
  for (const name of ["mock", "reference"] as const) await loadOverview(browser, `${dashboards[name].url}/#/overview`);
  for (let i = 0; i < LOADS; i++) {
    for (const name of ["mock", "reference"] as const) samples[name].push(await loadOverview(browser, `${dashboards[name].url}/#/overview`));
  }
} finally {
  await browser.close();
  for (const server of servers.reverse()) await server.stop();
}

const row = (name: "mock" | "reference") => {
  const meaningful = samples[name].map((s) => s.meaningfulMs);
  const contentful = samples[name].map((s) => s.contentfulMs);
  return { name, meaningful: median(meaningful), worst: Math.max(...meaningful), contentful: median(contentful) };
};
const rows = [row("mock"), row("reference")];
const date = new Date().toISOString().slice(0, 10);
const section = [
  "## Dashboard",
  "",
  `Measured ${date} on Node ${process.version}, ${cpus().length} CPUs, 1-minute load average ${loadStart.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end, with:`,
  "",
  "```sh",
  "pnpm --filter @agent-analytics/dashboard bench   # vite build, then the measurements",
  "```",
  "",
  `**Production bundle**: ${kib(gzipTotal)} KiB gzip in all (target under ${BUNDLE_TARGET_KIB} KiB: ${gzipTotal / 1024 < BUNDLE_TARGET_KIB ? "met" : "missed"}), Preact, uPlot and the client included.`,
  "",
  "| file | raw | gzip -9 |",
  "|---|---:|---:|",
  ...bundle.map((f) => `| \`${f.file.replace(/-[\w-]{8}\./, "-[hash].")}\` | ${kib(f.bytes)} KiB | ${kib(f.gzipBytes)} KiB |`),
  "",
  `**Time to first meaningful paint of the main view** (the overview's figures for the last 30 days on screen, from navigation start, by the page's own clock), ${LOADS} cold loads per server (a fresh browser context each: empty cache), headless Chromium, the two servers taking turns after one warm-up load each; each server runs locally behind the dashboard's CLI (static files and the API proxy). Target: under ${PAINT_TARGET_MS} ms.`,
  "",
  "| server | first meaningful paint, median | slowest | first contentful paint, median | ratio to the mock |",
  "|---|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.name === "mock" ? "mock (default world)" : "reference (PGlite in memory, demo data)"} | ${ms(r.meaningful)} ms | ${ms(r.worst)} ms | ${ms(r.contentful)} ms | ${(r.meaningful / rows[0]!.meaningful).toFixed(2)} |`),
].join("\n");

console.log(section);
if (process.env.BENCH_WRITE !== "0") {
  const file = `${root}docs/benchmarks.md`;
  const start = "<!-- dashboard:start -->";
  const end = "<!-- dashboard:end -->";
  const text = readFileSync(file, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} ... ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`);
}
