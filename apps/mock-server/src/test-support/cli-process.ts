import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/agent-analytics-mock.js", import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "listening" line. */
  startupMs: number;
  /** Everything printed on stdout so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the real executable and waits for its one-line announcement. */
export function startCli(args: string[]): Promise<CliProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`no announcement after 15s: ${out}${err}`)), 15_000);
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /Mock server listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1]!,
        startupMs: performance.now() - started,
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${err}`));
    });
  });
}
