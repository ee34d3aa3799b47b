import { spawn, type ChildProcess } from "node:child_process";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "agent-analytics-server.js");

/** Runs a CLI command to completion and returns its stdout (`bin`: another build's, for comparisons). */
export async function cli(args: string[], bin = BIN): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: "warn" } });
  return stdout;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

/** Starts `serve` in a child process and resolves once it prints its listening line. */
export function spawnServer(args: string[], bin = BIN): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--no-demo", "--log-level", "warn", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    if (process.env.SERVER_STDERR) child.stderr!.pipe(process.stderr);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /^Reference server listening on (http:\/\/\S+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stdout: () => out });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
}
