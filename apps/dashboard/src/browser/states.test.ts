import type { SpawnedServer } from "@agent-analytics/test-support";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot } from "../test/browser.js";
import { MOCK_KEY, startDashboard, startMock } from "../test/servers.js";

// Loading, empty and error states as a user meets them: the mock's Prefer controls (set with
// `?prefer=` in the page's URL, as Settings does), a range before the mock's history, a member's
// key, and a server that is not there.
let mock: SpawnedServer;
let dashboard: SpawnedServer;
let nowhere: SpawnedServer;
let browser: Browser;

beforeAll(async () => {
  [mock, browser] = await Promise.all([startMock(), launchBrowser()]);
  [dashboard, nowhere] = await Promise.all([
    startDashboard(["--api-url", mock.url, "--api-key", MOCK_KEY]),
    // Port 1 on the loopback refuses connections: the proxy answers 502.
    startDashboard(["--api-url", "http://127.0.0.1:1", "--api-key", MOCK_KEY]),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([dashboard?.stop(), nowhere?.stop()]);
  await mock?.stop();
});

const VIEWS = ["overview", "trends", "agents", "agentos", "people"];
const BEFORE_HISTORY = "from=2020-01-01&to=2020-01-31";

describe("states a user understands", () => {
  it.each(VIEWS)("%s: an injected 500 is an error that says the server failed, with a way to try again", async (view) => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${dashboard.url}/?prefer=code%3D500#/${view}`);
    const alert = page.locator('[data-state="error"]').first();
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("The server failed to answer (HTTP 500).");
    expect(await alert.getAttribute("data-status")).toBe("500");
    expect(await alert.getByRole("button", { name: "Try again" }).count()).toBe(1);
    if (view === "overview") await screenshot(page, "state-error");
    expect(errors).toEqual([]);
  });

  it("a 429 (after the client's one retry) says the server is busy", async () => {
    const { page } = await openPage(browser);
    // The agents module documents 429 (an undocumented `code` is the mock's 422).
    await page.goto(`${dashboard.url}/?prefer=code%3D429#/agents/agent_support`);
    const alert = page.locator('[data-state="error"]').first();
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("The server is busy (too many requests).");
  });

  it("a slow server shows what is loading, then the figures", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${dashboard.url}/?prefer=delay%3D1500#/overview`);
    const loading = page.locator('[data-state="loading"]');
    await loading.waitFor({ timeout: 5_000 });
    expect(await loading.textContent()).toContain("Loading organisation figures");
    await screenshot(page, "state-loading");
    await page.waitForSelector('[data-view-ready="overview"]', { timeout: 10_000 });
    expect(await loading.count()).toBe(0);
  });

  it.each(VIEWS)("%s: a range without activity says there is nothing, not zeros or a blank", async (view) => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${dashboard.url}/#/${view}?${BEFORE_HISTORY}`);
    const empty = page.locator('[data-state="empty"]').first();
    await empty.waitFor({ timeout: 10_000 });
    expect(await empty.textContent()).toMatch(/^No |^Nothing happened/);
    expect(await page.locator('[data-state="error"]').count()).toBe(0);
    if (view === "agentos") await screenshot(page, "state-empty");
    expect(errors).toEqual([]);
  });

  it("a member's key, set in Settings, sees its own figures; the whole organisation is refused in words", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${dashboard.url}/#/settings`);
    await page.fill('input[name="apiKey"]', "mock_member_key");
    await screenshot(page, "settings");
    await page.getByRole("button", { name: "Save and reload" }).click();
    await page.waitForSelector("text=(member)");
    await page.goto(`${dashboard.url}/#/overview`);
    await page.waitForSelector('[data-view-ready="overview"]');
    expect(await page.isChecked('input[name="allInOrg"]')).toBe(false);
    await page.check('input[name="allInOrg"]');
    await page.getByRole("button", { name: "Apply" }).click();
    const alert = page.locator('[data-state="error"]');
    await alert.waitFor();
    expect(await alert.getAttribute("data-status")).toBe("403");
    expect(await alert.textContent()).toContain("organisation-wide figures need an admin key");
    await screenshot(page, "state-forbidden");
  });

  it("a server that cannot be reached is said so", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${nowhere.url}/#/overview`);
    const alert = page.locator('[data-state="error"]');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("The dashboard cannot reach the server.");
    expect(await alert.textContent()).toContain("127.0.0.1:1");
  });
});
