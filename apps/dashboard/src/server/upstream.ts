import { envWithout, resolveBin, spawnServer } from "@agent-analytics/test-support";

export interface StartedMock {
  url: string;
  stop(): Promise<unknown>;
}

/**
 * The mock server's CLI as a child process on a free port (apps do not import each other: the
 * dashboard only runs the mock's published command). Its output is kept, not echoed.
 */
export async function startMockProcess(args: string[]): Promise<StartedMock> {
  const bin = resolveBin("@agent-analytics/mock-server", import.meta.url);
  const mock = await spawnServer(bin, ["--port", "0", ...args], { env: envWithout(["PORT", "HOST"]) });
  return { url: mock.url, stop: () => mock.stop() };
}
