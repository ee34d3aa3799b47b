import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface StartedServer {
  name: string;
  child: ChildProcess;
  url: string;
  /** Spawn to the "listening" line, in milliseconds. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Spawns a server and waits for the line announcing its address (`ready` extracts it). */
export function startServer(name: string, command: string, args: string[], ready: RegExp, cwd: string): Promise<StartedServer> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stderr!.off("data", onData);
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({
        name,
        child,
        url: match[1]!,
        startupMs: performance.now() - started,
        stop: () =>
          new Promise<void>((done) => {
            // Exited already (by itself, or by a signal: then exitCode stays null).
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}
