import { envWithout, REFERENCE_SERVER_ENV, resolveBin, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";

/** The reference server's demo organisation's admin key (public; see its README). */
export const DEMO_KEY = "aak_demo_admin_key";
export const MOCK_KEY = "mock_admin_key";

const env = envWithout(REFERENCE_SERVER_ENV);

/** The mock server's CLI on a free port. */
export function startMock(args: string[] = []): Promise<SpawnedServer> {
  return spawnServer(resolveBin("@agent-analytics/mock-server", import.meta.url), ["--port", "0", ...args], { env });
}

/** The reference server's CLI on a free port, in memory, with its demo organisation. */
export function startReference(): Promise<SpawnedServer> {
  const bin = resolveBin("@agent-analytics/reference-server", import.meta.url);
  return spawnServer(bin, ["serve", "--port", "0", "--data-dir", "memory://", "--demo", "--log-level", "warn"], { env });
}

/** The dashboard's own CLI on a free port: showing `apiUrl`, or starting its mock when none is given. */
export function startDashboard(args: string[]): Promise<SpawnedServer> {
  return spawnServer(new URL("../../bin/agent-analytics-dashboard.js", import.meta.url).pathname, ["--port", "0", ...args], { env });
}
