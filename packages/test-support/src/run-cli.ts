import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** Options for node itself, before the launcher (`["--import", "tsx"]` for a TypeScript entry point). */
  nodeArgs?: string[];
}

const nodeArgv = (launcher: string, args: string[], options: RunCliOptions) => [...(options.nodeArgs ?? []), launcher, ...args];
const execOptions = (options: RunCliOptions) => ({ env: options.env ?? process.env, cwd: options.cwd, timeout: options.timeoutMs ?? 60_000 });

/** Runs `node <launcher> ...args` to completion and returns its trimmed stdout; rejects on a non-zero exit. */
export async function runCli(launcher: string, args: string[], options: RunCliOptions = {}): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, nodeArgv(launcher, args, options), execOptions(options));
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
    execFile(process.execPath, nodeArgv(launcher, args, options), execOptions(options), (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
