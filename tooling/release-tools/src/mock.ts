import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** Starts apps/mock-server's CLI on a free port; resolves with its URL once it listens. */
export function startMock(root: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, "apps/mock-server/bin/agent-analytics-mock.js"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, process: child });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the mock server exited (${code}) before listening:\n${output}`)));
  });
}
