import { fileURLToPath } from "node:url";
import { envWithout, REFERENCE_SERVER_ENV, spawnServer, startReferenceServer as startProvisioned, type ReferenceStorage } from "@agent-analytics/test-support";

/** Launchers of the workspace's servers, reached through this package's devDependencies (apps are not imported). */
export const REFERENCE_SERVER = fileURLToPath(new URL("../../node_modules/@agent-analytics/reference-server/bin/agent-analytics-server.js", import.meta.url));
export const MOCK_SERVER = fileURLToPath(new URL("../../node_modules/@agent-analytics/mock-server/bin/agent-analytics-mock.js", import.meta.url));

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export type Storage = ReferenceStorage;

/** Starts a server's CLI, without the storage settings of this environment, once it prints its listening line. */
export async function startServer(launcher: string, args: string[]): Promise<RunningServer> {
  const server = await spawnServer(launcher, args, { env: envWithout(REFERENCE_SERVER_ENV) });
  return { url: server.url, stop: async () => void (await server.stop()) };
}

/**
 * A reference server with two organisations, a key of `role` in each (the second key enables the
 * isolation class), and in each a key that may write (an admin's: the same key for admin runs).
 */
export async function startReferenceServer(storage: Storage, role: "admin" | "member" = "admin"): Promise<RunningServer & { token: string; tokenB: string; writeToken: string; writeTokenB: string }> {
  const tenants = (["a", "b"] as const).map((org) => ({ name: `Conformance ${org.toUpperCase()}`, user: `conformance_${role}_${org}`, role }));
  const server = await startProvisioned(REFERENCE_SERVER, storage, tenants);
  const [token, tokenB] = server.keys as [string, string];
  const [writeToken, writeTokenB] = server.writeKeys as [string, string];
  return { url: server.url, token, tokenB, writeToken, writeTokenB, stop: async () => void (await server.stop()) };
}
