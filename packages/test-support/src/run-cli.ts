import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `node <launcher> ...args` to completion and returns its trimmed stdout; rejects on a non-zero exit. */
export async function runCli(launcher: string, args: string[], options: RunCliOptions = {}): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [launcher, ...args], {
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 60_000,
  });
  return stdout.trim();
}

export interface CliExit {
  /** The exit code; null when a signal (the timeout's) ended it. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <launcher> ...args` to completion, whatever its exit code: for tests of a CLI's refusals. */
export function runCliToExit(launcher: string, args: string[], options: RunCliOptions = {}): Promise<CliExit> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...args], { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
