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
