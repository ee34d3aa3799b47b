import { createClient, unwrap, type AgentAnalyticsClient } from "@agent-analytics/client";
import type { SpawnedServer } from "@agent-analytics/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount } from "../app/format.js";
import { modelMix } from "../app/views/AgentOs.js";
import { PAGE_SIZE } from "../app/views/AgentDetail.js";
import { analyticsWindow, dayCount, daysOf, lastDays } from "../app/range.js";
import { launchBrowser, openPage, readFigures, screenshot } from "./browser.js";
import { expectedPeriods } from "./expected-periods.js";
import { startDashboard } from "./servers.js";

interface Target {
  /** "mock" or "reference": names the screenshots. */
  name: string;
  start: () => Promise<SpawnedServer>;
  apiKey: string;
}

/**
 * Every view in a real browser against a real server, through the dashboard's CLI: each figure on
 * the page is compared with what the same call returns to the client in this process.
 */
export function checkViews({ name, start, apiKey }: Target): void {
  let upstream: SpawnedServer;
  let dashboard: SpawnedServer;
  let browser: Browser;
  let client: AgentAnalyticsClient;
  const range = lastDays(30);
  const rangeQuery = `from=${range.from}&to=${range.to}`;
  const window = analyticsWindow(range);

  beforeAll(async () => {
    [upstream, browser] = await Promise.all([start(), launchBrowser()]);
    dashboard = await startDashboard(["--api-url", upstream.url, "--api-key", apiKey]);
    client = createClient({ baseUrl: upstream.url, apiKey, retry: false });
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    await upstream?.stop();
  });

  async function open(hash: string, ready: string): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(browser);
    await opened.page.goto(`${dashboard.url}/#/${hash}`);
    await opened.page.waitForSelector(`[data-view-ready="${ready}"]`, { timeout: 15_000 });
    return opened;
  }

  describe(`every view against the ${name} server`, () => {
    it.each([
      ["the whole organisation", "", { allInOrg: true }],
      ["one agent", "&agentId=agent_support", { allInOrg: true, agentId: "agent_support" }],
      ["the caller's own conversations", "&allInOrg=false", { allInOrg: false }],
      ["the users of one plan", "&metadataKey=plan&metadataValue=enterprise", { allInOrg: true, metadataKey: "plan", metadataValue: "enterprise" }],
    ] as const)("overview: the figures of %s equal getDashboardStats", async (what, query, filters) => {
      const { page, errors } = await open(`overview?${rangeQuery}${query}`, "overview");
      const expected = unwrap(await client.dashboard.getDashboardStats({ from: range.from, to: range.to, ...filters }));
      const shown = await readFigures(page, '[data-view-ready="overview"]');
      expect(Object.fromEntries(shown.map((f) => [f.field, f.value]))).toEqual(expected);
      for (const figure of shown) expect(figure.text).toBe(formatCount(expected[figure.field as keyof typeof expected]));
      expect(expected.conversationCount).toBeGreaterThan(0);
      if (what === "the whole organisation") {
        await screenshot(page, `${name}-overview`);
      }
      expect(errors).toEqual([]);
    });

    it.each(["day", "week", "month"] as const)("trends by %s: one point per period of the range, the API's numbers", async (period) => {
      const { page, errors } = await open(`trends?${rangeQuery}&period=${period}`, "trends");
      const buckets = unwrap(await client.analytics.getAnalyticsMetrics({ period, ...window })).data;
      expect(buckets).toHaveLength(expectedPeriods(range, period));
      for (const chart of ["messages", "tasks", "active-users"]) {
        expect(await page.getAttribute(`[data-chart="${chart}"]`, "data-points")).toBe(String(buckets.length));
        expect(await page.locator(`[data-chart="${chart}"] canvas`).count()).toBeGreaterThan(0);
      }
      const rows = await page.$$eval('[data-chart="tasks"] details tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      expect(rows).toEqual(buckets.map((b) => [b.startDate.slice(0, 10), formatCount(b.tasksInitiated), formatCount(b.tasksCompleted)]));
      if (period === "day") {
        await page.waitForSelector('[data-view-ready="rolling"]');
        const rolling = unwrap(await client.analytics.getAnalyticsRolling({ window: 7 })).data;
        const shown = Object.fromEntries((await readFigures(page, '[data-view-ready="rolling"]')).map((f) => [f.field, f.value]));
        expect(shown).toEqual({ activeUsers: rolling.activeUsers, completionRate: rolling.completionRate, ...rolling.events });
        await screenshot(page, `${name}-trends`);
      }
      expect(errors).toEqual([]);
    });

    it("agents: each agent active in the range with its stats; runs a page at a time; one run", async () => {
      const { page, errors } = await open(`agents?${rangeQuery}`, "agents");
      const assistants = unwrap(await client.analytics.getAnalyticsAssistants(window)).data;
      const rows = await page.$$eval("[data-agent]", (trs) => trs.map((tr) => (tr as HTMLElement).dataset.agent));
      expect(rows).toEqual(assistants.map((a) => a.assistant));
      expect(rows).toContain("agent_support");
      for (const agentId of rows) {
        const stats = unwrap(await client.agents.getAgentStats({ agentId: agentId! })).data;
        const shown = await readFigures(page, `[data-agent="${agentId}"]`);
        const { agentId: _id, ...figures } = stats;
        expect(Object.fromEntries(shown.filter((f) => f.field !== "tasksInitiated").map((f) => [f.field, f.value]))).toEqual(figures);
      }
      await screenshot(page, `${name}-agents`);

      await page.click('[data-agent="agent_support"] a');
      await page.waitForSelector('[data-view-ready="agent"]');
      const first = unwrap(await client.agents.listAgentRuns({ agentId: "agent_support", limit: PAGE_SIZE })).data;
      expect(first.total).toBeGreaterThan(PAGE_SIZE);
      expect(await page.getAttribute('[data-table="runs"]', "data-total")).toBe(String(first.total));
      expect(await page.$$eval("[data-run]", (trs) => trs.map((tr) => (tr as HTMLElement).dataset.run))).toEqual(first.runs.map((r) => r.id));
      await screenshot(page, `${name}-agent-runs`);

      await page.getByRole("button", { name: "Older" }).click();
      const second = unwrap(await client.agents.listAgentRuns({ agentId: "agent_support", limit: PAGE_SIZE, offset: PAGE_SIZE })).data;
      await page.waitForSelector(`[data-run="${second.runs[0]!.id}"]`);
      expect(await page.$$eval("[data-run]", (trs) => trs.map((tr) => (tr as HTMLElement).dataset.run))).toEqual(second.runs.map((r) => r.id));

      const run = second.runs[0]!;
      await page.click(`[data-run="${run.id}"] a`);
      await page.waitForSelector('[data-view-ready="run"]');
      const detail = unwrap(await client.agents.getAgentRun({ agentId: "agent_support", runId: run.id })).data;
      expect(await page.getAttribute('[data-view-ready="run"] [data-field="tokensUsed"]', "data-value")).toBe(String(detail.tokensUsed));
      expect(await page.textContent('[data-view-ready="run"] [data-field="status"]')).toBe(detail.status);
      await screenshot(page, `${name}-run`);
      expect(errors).toEqual([]);
    });

    it("agentos: a point per day of the range, each day's counts; the model mix; a refresh to completion", async () => {
      const { page, errors } = await open(`agentos?${rangeQuery}`, "agentos");
      const rows = unwrap(await client.agentos.get_metrics({ starting_date: range.from, ending_date: range.to })).metrics;
      expect(rows.length).toBeGreaterThan(0);
      for (const chart of ["sessions", "runs", "tokens"]) {
        expect(await page.getAttribute(`[data-chart="${chart}"]`, "data-points")).toBe(String(dayCount(range)));
      }
      const shownRuns = await page.$$eval('[data-chart="runs"] details tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      const byDay = new Map(rows.map((r) => [r.date.slice(0, 10), r]));
      expect(shownRuns).toEqual(
        daysOf(range).map((day) => {
          const r = byDay.get(day);
          return [day, ...[r?.agent_runs_count, r?.team_runs_count, r?.workflow_runs_count].map((n) => formatCount(n ?? 0))];
        }),
      );
      const bars = await page.$$eval('[data-chart="models"] li', (lis) => lis.map((li) => [(li as HTMLElement).dataset.label, Number((li as HTMLElement).dataset.value)]));
      expect(bars).toEqual(modelMix(rows).map((b) => [b.label, b.value]));
      const modelRuns = rows.reduce((sum, r) => sum + r.model_metrics.reduce((s, m) => s + m.count, 0), 0);
      expect(bars.reduce((sum, [, value]) => sum + Number(value), 0)).toBe(modelRuns);
      await screenshot(page, `${name}-agentos`);

      await page.getByRole("button", { name: "Refresh metrics" }).click();
      await page.waitForSelector('[data-refresh="completed"]', { timeout: 15_000 });
      expect(unwrap(await client.agentos.get_metrics_refresh_status()).status).toBe("completed");
      expect(await page.textContent('[data-refresh-status="completed"]')).toMatch(/Last refresh completed/);
      expect(errors).toEqual([]);
    });

    it("users and assistants: the top users and every assistant of the range, as the API ranks them", async () => {
      const { page, errors } = await open(`people?${rangeQuery}`, "users");
      await page.waitForSelector('[data-view-ready="assistants"]');
      const users = unwrap(await client.analytics.getAnalyticsTopUsers({ ...window, limit: 10 })).data;
      const assistants = unwrap(await client.analytics.getAnalyticsAssistants(window)).data;
      const table = (name: string, fields: string[]) =>
        page.$$eval(
          `[data-table="${name}"] [data-row]`,
          (trs, fields) => trs.map((tr) => [(tr as HTMLElement).dataset.row, ...fields.map((f) => Number((tr.querySelector(`[data-field="${f}"]`) as HTMLElement).dataset.value))]),
          fields,
        );
      expect(users.length).toBeGreaterThan(0);
      expect(await table("users", ["incomingMessages", "tasksInitiated", "total"])).toEqual(users.map((u) => [u.user, u.incomingMessages, u.tasksInitiated, u.total]));
      expect(await table("assistants", ["activeUsers", "outgoingMessages", "completionRate"])).toEqual(
        assistants.map((a) => [a.assistant, a.activeUsers, a.outgoingMessages, a.completionRate]),
      );
      await screenshot(page, `${name}-people`);
      expect(errors).toEqual([]);
    });
  });
}
