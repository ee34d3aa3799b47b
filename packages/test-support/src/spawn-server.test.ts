import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { envWithout, resolveBin } from "./bin.js";
import { storageArgs } from "./reference-server.js";
import { runCli, runCliToExit } from "./run-cli.js";
import { exited, spawnCommand, spawnServer } from "./spawn-server.js";

// Real child processes: tiny scripts that behave like the workspace's CLIs, good and bad.
const dir = mkdtempSync(join(tmpdir(), "test-support-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const server = script(
  "server.mjs",
  `import { createServer } from "node:http";
   const s = createServer((_q, r) => r.end(process.env.GREETING ?? "hello"));
   s.listen(0, "127.0.0.1", () => { console.error("starting"); console.log("Test server listening on http://127.0.0.1:" + s.address().port); });
   process.on("SIGTERM", () => s.close(() => process.exit(0)));`,
);

describe("spawnServer", () => {
  it("resolves with the announced URL, serves, and stops with SIGTERM", async () => {
    const running = await spawnServer(server, [], { env: { ...process.env, GREETING: "hi" } });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.startupMs).toBeGreaterThan(0);
    expect(await (await fetch(running.url)).text()).toBe("hi");
    expect(running.output()).toContain("starting");
    expect(await running.stop()).toBe(0);
    expect(await running.stop()).toBe(0); // idempotent
  });

  it("rejects with the child's output when it exits before listening", async () => {
    const failing = script("fails.mjs", `console.error("no database"); process.exit(3);`);
    await expect(spawnServer(failing, [])).rejects.toThrow(/exited with 3 before listening:\nno database/);
  });

  it("kills a child that never announces itself", async () => {
    const silent = script("silent.mjs", `setInterval(() => {}, 1000);`);
    await expect(spawnServer(silent, [], { timeoutMs: 300 })).rejects.toThrow(/did not print its listening line within 300 ms/);
  });

  it("escalates to SIGKILL when SIGTERM is ignored", async () => {
    const stubborn = script(
      "stubborn.mjs",
      `process.on("SIGTERM", () => {}); console.log("listening on http://127.0.0.1:1"); setInterval(() => {}, 1000);`,
    );
    const running = await spawnServer(stubborn, [], { stopTimeoutMs: 200 });
    await running.stop();
    expect(running.child.signalCode).toBe("SIGKILL");
  });
});

describe("spawnCommand", () => {
  it("runs a program that is not node, in the given directory, and says when it exited", async () => {
    const running = await spawnCommand("/bin/sh", ["-c", 'echo "Prism is listening on http://127.0.0.1:1 from $(pwd)"; exec sleep 30'], { cwd: dir });
    expect(running.url).toBe("http://127.0.0.1:1");
    expect(running.output()).toContain(`from ${dir}`);
    running.child.kill("SIGKILL");
    expect(await exited(running.child)).toBeNull();
    expect(running.child.signalCode).toBe("SIGKILL");
  });
});

describe("runCli", () => {
  it("returns trimmed stdout, and rejects on a non-zero exit", async () => {
    const echo = script("echo.mjs", `console.log("  " + process.argv.slice(2).join(" ") + "\\n");`);
    expect(await runCli(echo, ["a", "b"])).toBe("a b");
    const failing = script("exit.mjs", `process.exit(2);`);
    await expect(runCli(failing, [])).rejects.toThrow();
  });

  it("runCliToExit gives the exit code and both streams, whatever the code", async () => {
    const refusing = script("refuse.mjs", `console.log("out"); console.error("unknown option --x"); process.exit(2);`);
    expect(await runCliToExit(refusing, [])).toEqual({ code: 2, stdout: "out\n", stderr: "unknown option --x\n" });
    const where = script("where.mjs", `console.log(process.cwd(), process.execArgv.join(" "));`);
    expect((await runCliToExit(where, [], { cwd: tmpdir(), nodeArgs: ["--no-warnings"] })).stdout).toBe(`${tmpdir()} --no-warnings\n`);
    const hanging = script("hang.mjs", `setInterval(() => {}, 1000);`);
    expect((await runCliToExit(hanging, [], { timeoutMs: 300 })).code).toBeNull();
  });
});

describe("resolveBin and envWithout", () => {
  it("finds a dependency's launcher, and names the bins when the one asked for is missing", () => {
    expect(resolveBin("vitest", import.meta.url)).toMatch(/vitest\.mjs$/);
    expect(() => resolveBin("vitest", import.meta.url, "nope")).toThrow(/has no bin nope/);
  });

  it("drops only the named variables", () => {
    expect(envWithout(["A"], { A: "1", B: "2" })).toEqual({ B: "2" });
  });

  it("gives the reference server's storage flags", () => {
    expect(storageArgs({ dataDir: "/d" })).toEqual(["--data-dir", "/d"]);
    expect(storageArgs({ databaseUrl: "postgres://x", schema: "s" })).toEqual(["--database-url", "postgres://x", "--schema", "s"]);
  });
});
