/**
 * `pnpm --filter @agent-analytics/conformance prism`: runs the kit against Stoplight Prism mocking
 * the merged contract, statically (examples) and dynamically (generated), and prints, per mode,
 * which requirements fail, grouped by check. The README records the outcome and why.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runConformance } from "../runner.js";
import type { ConformanceResult } from "../types.js";

const PRISM = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));
const CONTRACT = fileURLToPath(new URL("../../../../specs/dist/openapi.json", import.meta.url));

async function withPrism(dynamic: boolean, port: number, fn: (url: string) => Promise<void>) {
  const child = spawn(PRISM, ["mock", ...(dynamic ? ["-d"] : []), "-p", String(port), CONTRACT], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
  try {
    await fn(`http://127.0.0.1:${port}`);
  } finally {
    child.kill("SIGTERM");
  }
}

function summarize(mode: string, result: ConformanceResult) {
  const failed = result.classes.flatMap((c) => (c.claimed ? c.requirements : [])).filter((r) => r.status === "fail");
  const byCheck = new Map<string, string[]>();
  for (const r of failed) {
    const check = r.id.split(".").pop()!;
    byCheck.set(check, [...(byCheck.get(check) ?? []), r.operationId ?? r.id]);
  }
  const total = result.classes.reduce((n, c) => n + (c.claimed ? c.requirements.length : 0), 0);
  process.stdout.write(`\n## Prism ${mode}: ${failed.length} of ${total} claimed requirements fail\n`);
  for (const [check, ops] of byCheck) process.stdout.write(`- ${check} (${ops.length}): ${ops.join(", ")}\n`);
  const skipped = result.classes.flatMap((c) => (c.claimed ? c.requirements : [])).filter((r) => r.status === "skip");
  const reasons = [...new Set(skipped.map((r) => r.reason))];
  process.stdout.write(`- skipped ${skipped.length}: ${reasons.join("; ")}\n`);
}

for (const [mode, dynamic, port] of [["static", false, 45201], ["dynamic", true, 45202]] as const) {
  await withPrism(dynamic, port, async (url) => {
    const result = await runConformance({ baseUrl: url, token: "any-key", agentId: "agent_01HXYZ", runId: "run_01HXYZ", timeoutMs: 20_000 });
    summarize(mode, result);
  });
}
