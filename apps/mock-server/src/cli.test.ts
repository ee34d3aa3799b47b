import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startCli } from "./test-support/cli-process.js";

const BIN = fileURLToPath(new URL("../bin/agent-analytics-mock.js", import.meta.url));

describe("agent-analytics-mock", () => {
  it("announces the real address when asked for port 0, and serves the contract", async () => {
    const cli = await startCli(["--port", "0", "--seed", "cli"]);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.url).not.toMatch(/:0$/);
      const reply = await fetch(`${cli.url}/ingest/context`, { headers: { "x-api-key": "k" } });
      expect(reply.status).toBe(200);
    } finally {
      await cli.stop();
    }
  });

  it("prints usage for --help and refuses unknown options", () => {
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--fail-rate");
    const wrong = spawnSync(process.execPath, [BIN, "--bogus"], { encoding: "utf8" });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("unknown option");
  });

  it("exits with an error when the port is taken", async () => {
    const first = await startCli(["--port", "0"]);
    try {
      const port = new URL(first.url).port;
      const second = spawnSync(process.execPath, [BIN, "--port", port], { encoding: "utf8", timeout: 15_000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("EADDRINUSE");
    } finally {
      await first.stop();
    }
  });
});
