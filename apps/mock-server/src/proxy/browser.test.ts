import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestLog } from "../log/request-log.js";
import type { RunningMock } from "../server.js";
import { startTestMock } from "../test-support/mock-fixture.js";
import { startProxyServer, type RunningProxy } from "./proxy-server.js";

// Debian's Chromium (`apt-get install chromium`). Override with CHROMIUM_PATH.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A dashboard served from an origin of its own (another port), as an integrator's would be. */
async function startPage(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>dashboard</title><p>dashboard</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("the mock and the proxy from a page of another origin, in a real browser", () => {
  let mock: RunningMock;
  let proxy: RunningProxy;
  let page: { server: Server; url: string };
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    mock = await startTestMock();
    proxy = await startProxyServer({ upstream: mock.url, port: 0, log: new RequestLog("silent") });
    page = await startPage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await mock?.close();
    await new Promise((resolve) => page?.server.close(resolve));
  });

  it("reads JSON, error statuses and exposed headers across origins (a preflight for the bearer key)", async () => {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    // fetch() in the page: an Authorization header makes the browser send a CORS preflight first.
    const results = await tab.evaluate(
      async ({ targets }) => {
        const out: Record<string, unknown>[] = [];
        for (const base of targets) {
          const ok = await fetch(`${base}/agents/agent_support/stats`, { headers: { Authorization: "Bearer mock_admin_key" } });
          const body = (await ok.json()) as { success?: boolean };
          const refused = await fetch(`${base}/analytics/overview?period=fortnight`, { headers: { Authorization: "Bearer mock_admin_key" } });
          const limited = await fetch(`${base}/agents/agent_support/stats`, { headers: { Authorization: "Bearer mock_admin_key", Prefer: "code=429" } });
          out.push({ base, status: ok.status, success: body.success, refused: refused.status, retryAfter: limited.headers.get("retry-after") });
        }
        return out;
      },
      { targets: [mock.url, proxy.url] },
    );
    expect(results).toEqual([
      { base: mock.url, status: 200, success: true, refused: 400, retryAfter: "1" },
      { base: proxy.url, status: 200, success: true, refused: 400, retryAfter: "1" },
    ]);
    await tab.close();
  }, 60_000);

  it("lets the page read the proxy's sl-violations header", async () => {
    // The mock as upstream breaks nothing the page asks for, except one thing: its 406 for an
    // Accept nothing satisfies is a status the operation does not document (as Prism's is).
    const tab = await browser.newPage();
    await tab.goto(page.url);
    const header = await tab.evaluate(async (base) => {
      const reply = await fetch(`${base}/agents/agent_support/stats`, { headers: { Authorization: "Bearer mock_admin_key", Accept: "text/csv" } });
      return { status: reply.status, violations: reply.headers.get("sl-violations") };
    }, proxy.url);
    expect(header.status).toBe(406);
    expect(JSON.parse(header.violations ?? "[]")).toContainEqual(expect.objectContaining({ code: "status-code", operation: "getAgentStats" }));
    await tab.close();
  }, 60_000);
});
