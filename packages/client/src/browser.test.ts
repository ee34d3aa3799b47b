import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { SpawnedServer } from "@agent-analytics/test-support";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "./test/servers.js";

// The client as a browser gets it: bundled for the browser platform (a Node built-in would fail
// the build), served from one origin and calling the mock on another (CORS preflights included),
// in Debian's headless Chromium (apt-get install chromium; override with CHROMIUM_PATH).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let mock: SpawnedServer;
let page: Server;
let pageUrl: string;
let browser: Browser;
let bundleBytes = 0;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL("./index.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
  });
  const code = bundled.outputFiles[0]!.contents;
  bundleBytes = gzipSync(code).length;
  page = createServer((request, response) => {
    if (request.url === "/client.js") return response.writeHead(200, { "content-type": "text/javascript" }).end(code);
    const html = `<!doctype html><title>client</title><script type="module">import * as client from "/client.js"; window.agentAnalytics = client;</script>`;
    response.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  [mock, browser] = await Promise.all([
    startMock(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await mock?.stop();
  await new Promise<void>((resolve) => (page ? page.close(() => resolve()) : resolve()));
});

describe("in a browser", () => {
  it("calls every kind of path the client has: success, typed error, retry with Retry-After, abort, pages", async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => "agentAnalytics" in window);
    const outcome = await tab.evaluate(async (baseUrl) => {
      const { createClient } = (window as unknown as { agentAnalytics: typeof import("./index.js") }).agentAnalytics;
      const client = createClient({ baseUrl, apiKey: "browser-key", retry: { jitter: false, baseDelayMs: 5 } });
      const stats = await client.agents.getAgentStats({ agentId: "agent_support" });
      const denied = await createClient({ baseUrl }).analytics.getAnalyticsOverview();
      const limited = await client.agents.getAgentStats({ agentId: "agent_support" }, { headers: { Prefer: "code=429" } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const cancelled = await client.ingest.getIngestContext(undefined, { signal: controller.signal, headers: { Prefer: "delay=3000" } });
      let runs = 0;
      for await (const page of client.agents.listAgentRuns.pages({ agentId: "agent_support", limit: 5 })) {
        runs += page.items.length;
        if (page.offset >= 10) break;
      }
      const retryAfterSeen: number[] = [];
      const injected = createClient({ baseUrl, apiKey: "k", retry: { attempts: 1 } });
      for (let i = 0; i < 30 && retryAfterSeen.length === 0; i++) {
        const { error } = await injected.agents.getAgentStats({ agentId: "a" }, { headers: { Prefer: "fail-rate=1" } });
        if (error?.kind === "api" && error.status === 429 && error.retryAfterMs !== undefined) retryAfterSeen.push(error.retryAfterMs);
      }
      return {
        agentId: stats.data?.data.agentId,
        denied: denied.error?.kind === "api" ? [denied.error.status, denied.error.body.error.code] : denied.error?.message,
        limited: limited.error ? [limited.error.kind, limited.error.attempts] : null,
        cancelled: cancelled.error?.kind,
        runs,
        retryAfterSeen,
      };
    }, mock.url);

    expect(outcome).toEqual({
      agentId: "agent_support",
      denied: [401, "unauthorized"],
      limited: ["api", 3],
      cancelled: "cancelled",
      runs: 15,
      retryAfterSeen: [expect.any(Number)],
    });
    // Retry-After is readable cross-origin only because the mock exposes it (Access-Control-Expose-Headers).
    expect(outcome.retryAfterSeen[0]).toBeGreaterThanOrEqual(1000);
  });

  it("weighs little: the whole client, openapi-fetch included, under 10 KiB gzip", () => {
    expect(bundleBytes).toBeGreaterThan(1000);
    expect(bundleBytes).toBeLessThan(10 * 1024);
    console.log(`client bundle: ${(bundleBytes / 1024).toFixed(1)} KiB gzip`);
  });
});
