/**
 * `pnpm bench`: one full conformance run (every class, isolation included) against a locally
 * started reference server on embedded PGlite, at the default --max-examples and a fixed seed,
 * then the time the generated cases take to find and shrink a planted defect. Writes the
 * conformance section of docs/benchmarks.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MAX_EXAMPLES } from "../meta.js";
import { runConformance } from "../runner.js";
import { startReferenceServer } from "../test-support/child-server.js";
import { startPlantedProxy } from "./planted.js";

const BENCHMARKS = fileURLToPath(new URL("../../../../docs/benchmarks.md", import.meta.url));
const START = "<!-- conformance:start -->";
const END = "<!-- conformance:end -->";
const SEED = 1;

const dir = mkdtempSync(join(tmpdir(), "conformance-bench-"));
const server = await startReferenceServer({ dataDir: dir });
const proxy = await startPlantedProxy(server.url);
let full;
let planted;
let plantedFailure;
try {
  full = await runConformance({ baseUrl: server.url, token: server.token, tokenB: server.tokenB, seed: SEED, timeoutMs: 4_000 });
  process.stderr.write(`full run: ${full.durationMs} ms, ${full.requestCount} requests\n`);
  planted = await runConformance({ baseUrl: proxy.url, token: server.token, seed: SEED, classes: ["analytics"], operations: ["getAnalyticsRolling"], checks: ["generated-valid"] });
  plantedFailure = planted.classes.flatMap((c) => c.requirements).find((r) => r.id === "analytics.getAnalyticsRolling.generated-valid");
  process.stderr.write(`planted defect: ${planted.durationMs} ms, ${plantedFailure?.status}: ${plantedFailure?.reason}\n`);
} finally {
  await proxy.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const all = full.classes.flatMap((c) => c.requirements);
const failed = all.filter((r) => r.status === "fail").length;
const found = plantedFailure?.status === "fail" ? plantedFailure.failures[0] : undefined;
const section = `${START}
## Conformance kit

One full run of every class (agents, agentos, analytics, dashboard, ingest, figures, isolation; ${all.length}
requirements) at the default \`--max-examples ${DEFAULT_MAX_EXAMPLES}\` and \`--seed ${SEED}\`, against a reference
server on embedded PGlite started locally on a fresh data directory; then a narrowed run
(\`--operation getAnalyticsRolling --check generated-valid\`) against the same server behind a proxy that
plants one defect (\`/analytics/rolling\` answers 500 when \`window\` is between 40 and 60: no listed edge
hits it, drawn cases must find it and shrinking must reduce it).

| run | duration | requests | requests per second | result |
|---|---|---|---|---|
| full | ${(full.durationMs / 1000).toFixed(1)} s | ${full.requestCount} | ${Math.round(full.requestCount / (full.durationMs / 1000))} | ${failed === 0 ? "every requirement passed" : `${failed} requirement(s) failed: ${all.filter((r) => r.status === "fail").map((r) => r.id).join(", ")}`} |
| find and shrink the planted defect | ${(planted.durationMs / 1000).toFixed(2)} s | ${planted.requestCount} | ${Math.round(planted.requestCount / (planted.durationMs / 1000))} | ${found ? `found, ${/shrunk in \d+ step\(s\)/.exec(found.message)?.[0] ?? "shrunk"} to \`${found.request.url.replace(/^https?:\/\/[^/]+/, "")}\`` : "NOT FOUND"} |

Ratio: finding and shrinking one defect costs ${((planted.durationMs / full.durationMs) * 100).toFixed(1)} % of a full run. Target: a full run under 60 s.
Measured on ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, with:

\`\`\`sh
pnpm --filter @agent-analytics/conformance bench   # or: pnpm bench (every benchmark)
\`\`\`
${END}`;

const doc = readFileSync(BENCHMARKS, "utf8");
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < 0) throw new Error(`docs/benchmarks.md has no ${START} ... ${END} section`);
writeFileSync(BENCHMARKS, doc.slice(0, from) + section + doc.slice(to + END.length));
process.stdout.write(`${section}\n`);
if (!found || full.durationMs >= 60_000) process.exitCode = 1;
