import { execFile, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The servers read their storage from the environment when no flag names it: the children get
 * an environment without it, so the flags alone decide (a PGlite run stays on PGlite in CI).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["DATABASE_URL", "DATABASE_SCHEMA", "DATA_DIR", "PORT", "HOST"]) delete env[name];
  return env;
}

/** Launchers of the workspace's servers, reached through this package's devDependencies (apps are not imported). */
export const REFERENCE_SERVER = fileURLToPath(new URL("../../node_modules/@agent-analytics/reference-server/bin/agent-analytics-server.js", import.meta.url));
export const MOCK_SERVER = fileURLToPath(new URL("../../node_modules/@agent-analytics/mock-server/bin/agent-analytics-mock.js", import.meta.url));

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs a CLI to completion and returns its trimmed stdout (the id or key it prints). */
export async function runCli(launcher: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [launcher, ...args], { timeout: 60_000, env: childEnv() });
  return stdout.trim().split("\n").pop()!.trim();
}

/** Starts a server as a child process and resolves once it prints `... listening on http://HOST:PORT`. */
export function startServer(launcher: string, args: string[], timeoutMs = 60_000): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [launcher, ...args], { stdio: ["ignore", "pipe", "pipe"], env: childEnv() });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Storage flags: an embedded data directory, or a PostgreSQL URL with a schema of its own. */
export type Storage = { dataDir: string } | { databaseUrl: string; schema: string };

export function storageArgs(storage: Storage): string[] {
  return "dataDir" in storage ? ["--data-dir", storage.dataDir] : ["--database-url", storage.databaseUrl, "--schema", storage.schema];
}

/**
 * A reference server with two organisations, an admin key in each: the second key enables the
 * isolation class. Provisioning happens before `serve` (the embedded engine allows one process).
 */
export async function startReferenceServer(storage: Storage, role: "admin" | "member" = "admin"): Promise<RunningServer & { token: string; tokenB: string }> {
  const flags = storageArgs(storage);
  const orgA = await runCli(REFERENCE_SERVER, ["org", "create", "--name", "Conformance A", ...flags]);
  const token = await runCli(REFERENCE_SERVER, ["key", "create", "--org", orgA, "--user", `conformance_${role}_a`, "--role", role, ...flags]);
  const orgB = await runCli(REFERENCE_SERVER, ["org", "create", "--name", "Conformance B", ...flags]);
  const tokenB = await runCli(REFERENCE_SERVER, ["key", "create", "--org", orgB, "--user", `conformance_${role}_b`, "--role", role, ...flags]);
  const server = await startServer(REFERENCE_SERVER, ["serve", "--port", "0", "--no-demo", "--log-level", "warn", ...flags]);
  return { ...server, token, tokenB };
}
