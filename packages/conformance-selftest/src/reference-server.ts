import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveBin, startReferenceServer as startProvisioned } from "@agent-analytics/test-support";

export interface ReferenceServer {
  url: string;
  /** Admin keys of two different organisations. */
  tokenA: string;
  tokenB: string;
  /** When asked for: a member key of a third organisation, and an admin key of that organisation (for its writes). */
  member?: { token: string; writeToken: string };
  stop(): Promise<void>;
}

/**
 * A fresh reference server on an embedded database in a temporary directory, with two
 * organisations, and a third with a member key when `withMember` (only the runs that need it pay
 * for its keys).
 */
export async function startReferenceServer(withMember = false): Promise<ReferenceServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "aa-selftest-"));
  // The reference server's CLI, found through this package's dependencies (apps are run, never imported).
  const launcher = resolveBin("@agent-analytics/reference-server", import.meta.url);
  const server = await startProvisioned(launcher, { dataDir }, [
    { name: "Selftest A", user: "user_a", role: "admin" },
    { name: "Selftest B", user: "user_b", role: "admin" },
    ...(withMember ? [{ name: "Selftest M", user: "user_m", role: "member" as const }] : []),
  ], { logLevel: "error" });
  const [tokenA, tokenB] = server.keys as [string, string];
  return {
    url: server.url,
    tokenA,
    tokenB,
    ...(withMember ? { member: { token: server.keys[2]!, writeToken: server.writeKeys[2]! } } : {}),
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
