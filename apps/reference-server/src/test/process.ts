import { fileURLToPath } from "node:url";
import { runCli, spawnServer as spawnCli, type SpawnedServer } from "@agent-analytics/test-support";

export { exited } from "@agent-analytics/test-support";
export type { SpawnedServer as ServerProcess } from "@agent-analytics/test-support";

/** This package's own launcher (`bin/agent-analytics-server.js`). */
export const BIN = fileURLToPath(new URL("../../bin/agent-analytics-server.js", import.meta.url));

/** Runs a CLI command to completion and returns its trimmed stdout (`bin`: another build's, for comparisons). */
export function cli(args: string[], bin = BIN): Promise<string> {
  return runCli(bin, args, { env: { ...process.env, LOG_LEVEL: "warn" } });
}

/** `serve` in a child process without demo data, once it prints its listening line. SERVER_STDERR=1 shows its logs. */
export function spawnServer(args: string[], bin = BIN): Promise<SpawnedServer> {
  return spawnCli(bin, ["serve", "--port", "0", "--no-demo", "--log-level", "warn", ...args], { echoStderr: Boolean(process.env.SERVER_STDERR) });
}
