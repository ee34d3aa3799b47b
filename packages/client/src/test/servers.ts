import { envWithout, resolveBin, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";

/** The demo organisation's admin key (public; see the reference server's README). */
export const DEMO_KEY = "aak_demo_admin_key";

// The servers read storage settings from the environment: the children must not inherit CI's.
const env = envWithout(["DATABASE_URL", "DATABASE_SCHEMA", "DATA_DIR", "PORT", "HOST"]);

/** The mock server's CLI on a free port. */
export function startMock(args: string[] = []): Promise<SpawnedServer> {
  return spawnServer(resolveBin("@agent-analytics/mock-server", import.meta.url), ["--port", "0", ...args], { env });
}

/** The reference server's CLI on a free port, in memory, with its demo organisation. */
export function startReference(): Promise<SpawnedServer> {
  const bin = resolveBin("@agent-analytics/reference-server", import.meta.url);
  return spawnServer(bin, ["serve", "--port", "0", "--data-dir", "memory://", "--demo", "--log-level", "warn"], { env });
}

/** A fetch that counts and records what it sends, then sends it for real. */
export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; requests: URL[] } {
  const requests: URL[] = [];
  return {
    requests,
    fetch: (request) => {
      requests.push(new URL(request.url));
      return globalThis.fetch(request);
    },
  };
}
