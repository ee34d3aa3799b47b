import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The reference server's CLI launcher, found through its package (apps are run, never imported). */
function launcher(): string {
  const pkgPath = createRequire(import.meta.url).resolve("@agent-analytics/reference-server/package.json");
  const pkg = createRequire(import.meta.url)(pkgPath) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin["agent-analytics-server"]!);
}

// The server reads DATABASE_URL from the environment; these servers use their own embedded database only.
function embeddedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

async function cli(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [launcher(), ...args], { timeout: 60_000, env: embeddedEnv() });
  return stdout.trim().split("\n").pop()!.trim();
}

export interface ReferenceServer {
  url: string;
  /** Admin keys of two different organisations. */
  tokenA: string;
  tokenB: string;
  stop(): Promise<void>;
}

/** A fresh reference server on an embedded database in a temporary directory, with two organisations. */
export async function startReferenceServer(): Promise<ReferenceServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "aa-selftest-"));
  const storage = ["--data-dir", dataDir];
  const orgA = await cli(["org", "create", "--name", "Selftest A", ...storage]);
  const tokenA = await cli(["key", "create", "--org", orgA, "--user", "user_a", "--role", "admin", ...storage]);
  const orgB = await cli(["org", "create", "--name", "Selftest B", ...storage]);
  const tokenB = await cli(["key", "create", "--org", orgB, "--user", "user_b", "--role", "admin", ...storage]);

  const child = spawn(process.execPath, [launcher(), "serve", "--port", "0", "--no-demo", "--log-level", "error", ...storage], {
    stdio: ["ignore", "pipe", "pipe"],
    env: embeddedEnv(),
  });
  const url = await listeningUrl(child);
  return {
    url,
    tokenA,
    tokenB,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Reference server listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code}:\n${output}`));
    });
  });
}
