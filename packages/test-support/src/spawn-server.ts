import { spawn, type ChildProcess } from "node:child_process";

export interface SpawnServerOptions {
  /** Environment of the child (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
  /** Working directory of the child (defaults to this process's). */
  cwd?: string;
  /** The line that says the server accepts requests; its first group is the URL. */
  ready?: RegExp;
  /** How long to wait for that line before killing the child. */
  timeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Also copy the child's stderr to this process's (a benchmark's server logs). */
  echoStderr?: boolean;
}

export interface SpawnedServer {
  /** The URL the server announced (with the real port when started on port 0). */
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the listening line. */
  startupMs: number;
  /** Everything the child wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `Mock server listening on http://127.0.0.1:4010`, `Reference server listening on http://...`, Prism's `Prism is listening on http://...`. */
export const LISTENING_LINE = /listening on (https?:\/\/\S+)/;

/** Resolves with the child's exit code once it has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Runs `node <launcher> ...args` and resolves once it prints its listening line. The child is
 * killed if it does not announce itself in time, and the rejection carries what it printed.
 */
export function spawnServer(launcher: string, args: string[], options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  return spawnCommand(process.execPath, [launcher, ...args], options);
}

/** `spawnServer` for any program (Prism's CLI, a shell script): `command` is run as it is. */
export function spawnCommand(command: string, args: string[], options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  const { env = process.env, cwd, ready = LISTENING_LINE, timeoutMs = 60_000, stopTimeoutMs = 10_000, echoStderr = false } = options;
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env, cwd });
  if (echoStderr) child.stderr!.pipe(process.stderr);
  let output = "";
  const exit = exited(child);

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    const code = await exit;
    clearTimeout(timer);
    return code;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} did not print its listening line within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stderr!.off("data", onData);
      // Keep draining so a chatty child never blocks on a full pipe.
      child.stdout!.on("data", (more: Buffer) => (output += more.toString()));
      child.stderr!.on("data", (more: Buffer) => (output += more.toString()));
      resolve({ url: match[1]!, child, startupMs: performance.now() - started, output: () => output, stop });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited with ${code} before listening:\n${output}`));
    });
  });
}
