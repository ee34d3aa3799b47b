import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/harness.js";

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Override with CHROMIUM_PATH.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("/docs in a real browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    }
    server = await startTestServer({ name: "pglite" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders the API reference of every module from the merged document, with no request leaving the machine", async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http")) external.push(request.url());
    });
    page.on("pageerror", (error) => errors.push(error.message));

    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).toBe(200);
    // Scalar renders each operation's summary; these come from four different modules.
    for (const summary of ["Get agent statistics", "Get AgentOS Metrics", "Get dashboard statistics", "Ingest a batch of records"]) {
      await expect.poll(() => page.getByText(summary, { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    expect(await page.title()).not.toBe("");
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);

  it("sends the page's \"Test request\" to the running server on its real port", async () => {
    const page = await browser.newPage();
    const sent: string[] = [];
    page.on("request", (request) => {
      if (!/\/(docs|openapi\.json)/.test(new URL(request.url()).pathname)) sent.push(request.url());
    });
    await page.goto(`${server.url}/docs`);
    await page.getByRole("button", { name: /test request/i }).first().waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: /test request/i }).first().click();
    const answered = page.waitForResponse((response) => response.url().startsWith(`${server.url}/`) && !/\/(docs|openapi\.json)/.test(new URL(response.url()).pathname), { timeout: 20_000 });
    await page.getByRole("button", { name: /^send/i }).first().click();
    const response = await answered;
    // No key was given: the running server's own 401 in its module's format.
    expect(response.status()).toBe(401);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((url) => url.startsWith(`${server.url}/`)), sent.join(", ")).toBe(true);
    await page.close();
  }, 60_000);
});
