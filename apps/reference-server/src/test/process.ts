import { fileURLToPath } from "node:url";
import { runCli, spawnServer as spawnCli, type SpawnedServer } from "@agent-analytics/test-support";

export { exited } from "@agent-analytics/test-support";

/** This package's own launcher (`bin/agent-analytics-server.js`). */
export const BIN = fileURLToPath(new URL("../../bin/agent-analytics-server.js", import.meta.url));

/** Runs a CLI command to completion and returns its trimmed stdout (the id or key it prints). */
export function cli(args: string[]): Promise<string> {
  return runCli(BIN, args, { env: { ...process.env, LOG_LEVEL: "warn" } });
}

/** `serve` in a child process without demo data, once it prints its listening line. SERVER_STDERR=1 shows its logs. */
export function spawnServer(args: string[]): Promise<SpawnedServer> {
  return spawnCli(BIN, ["serve", "--port", "0", "--no-demo", "--log-level", "warn", ...args], { echoStderr: Boolean(process.env.SERVER_STDERR) });
}
