import { runCliToExit, spawnServer } from "@agent-analytics/test-support";
import { describe, expect, it } from "vitest";
import { MOCK_BIN as BIN } from "./test-support/mock-fixture.js";

describe("agent-analytics-mock", () => {
  it("announces the real address when asked for port 0, and serves the contract", async () => {
    const cli = await spawnServer(BIN, ["--port", "0", "--seed", "cli"]);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.url).not.toMatch(/:0$/);
      const reply = await fetch(`${cli.url}/ingest/context`, { headers: { "x-api-key": "k" } });
      expect(reply.status).toBe(200);
    } finally {
      await cli.stop();
    }
  });

  it("prints the world it serves, who keys act for, and first requests whose ids exist", async () => {
    const cli = await spawnServer(BIN, ["--port", "0", "--now", "2026-03-01", "--world-days", "30"]);
    try {
      // The banner ends with the agentos request.
      await until(() => /metrics\?starting_date=\S+\n/.test(cli.output()));
      const banner = cli.output();
      expect(banner).toContain("agent_support (agent)");
      expect(banner).toContain("team_research (team)");
      expect(banner).toContain("workflow_digest (workflow)");
      expect(banner).toMatch(/user_001, user_002/);
      expect(banner).toMatch(/acts as user_002 \(member, may not write\) of the key with "admin" for "member"; any other key as user_001 \(admin\)/);
      const tries = [...banner.matchAll(/curl -H "Authorization: Bearer (\S+)" "?(http\S+?)"?$/gm)];
      expect(tries.length).toBeGreaterThanOrEqual(6);
      for (const [, key, url] of tries) {
        const reply = await fetch(url!, { headers: { authorization: `Bearer ${key}` } });
        expect(reply.status, url).toBe(200);
      }
    } finally {
      await cli.stop();
    }
  });

  it("prints usage for --help and refuses unknown options", async () => {
    const help = await runCliToExit(BIN, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--fail-rate");
    const wrong = await runCliToExit(BIN, ["--bogus"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown option --bogus");
  });

  it("logs a line per request (JSON with --log-format json), none at --log-level warn", async () => {
    const json = await spawnServer(BIN, ["--port", "0", "--log-format", "json"]);
    const quiet = await spawnServer(BIN, ["--port", "0", "--log-level", "warn"]);
    try {
      await fetch(`${json.url}/analytics/overview?period=fortnight`, { headers: { authorization: "Bearer k" } });
      await until(() => json.output().includes('"msg":"request"'));
      const line = json.output().split("\n").find((l) => l.includes('"msg":"request"'))!;
      expect(JSON.parse(line)).toMatchObject({ level: "info", method: "GET", path: "/analytics/overview", status: 400, reason: expect.stringContaining("period") });
      const before = quiet.output();
      expect((await fetch(`${quiet.url}/ingest/context`, { headers: { "x-api-key": "k" } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(quiet.output()).toBe(before);
    } finally {
      await json.stop();
      await quiet.stop();
    }
  }, 30_000);

  it("runs the validating proxy as `proxy <upstream>`, logging each request it forwards", async () => {
    const upstream = await spawnServer(BIN, ["--port", "0", "--log-level", "silent"]);
    const proxy = await spawnServer(BIN, ["proxy", upstream.url, "--port", "0"]);
    try {
      expect(proxy.output()).toMatch(/Proxy listening on http:\/\/127\.0\.0\.1:\d+ forwarding to/);
      expect((await fetch(`${proxy.url}/ingest/context`, { headers: { "x-api-key": "k" } })).status).toBe(200);
      await until(() => /GET \/ingest\/context 200 [\d.]+ms/.test(proxy.output()));
      const refused = await runCliToExit(BIN, ["proxy"]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("exactly one upstream URL");
    } finally {
      await proxy.stop();
      await upstream.stop();
    }
  }, 30_000);

  it("exits with an error when the port is taken", async () => {
    const first = await spawnServer(BIN, ["--port", "0"]);
    try {
      const port = new URL(first.url).port;
      const second = await runCliToExit(BIN, ["--port", port], { timeoutMs: 15_000 });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("EADDRINUSE");
    } finally {
      await first.stop();
    }
  }, 30_000); // two mock processes each build their world before the second one fails
});

async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
