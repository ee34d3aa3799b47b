import { describe, expect, it } from "vitest";
import { startDashboard } from "../test/servers.js";

describe("agent-analytics-dashboard", () => {
  it("without --api-url starts the mock, shows it through its proxy, and stops it when stopped", async () => {
    const dashboard = await startDashboard([]);
    const mockUrl = /Showing the mock server at (\S+)/.exec(dashboard.output())?.[1];
    try {
      expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const config = (await (await fetch(`${dashboard.url}/config.json`)).json()) as { apiKey: string; server: string; mock: boolean };
      expect(config).toMatchObject({ server: mockUrl, mock: true, apiKey: "mock_admin_key" });
      const stats = await fetch(`${dashboard.url}/api/agents/agent_support/stats`, { headers: { authorization: `Bearer ${config.apiKey}` } });
      expect(((await stats.json()) as { data: { agentId: string } }).data.agentId).toBe("agent_support");
      expect(await (await fetch(`${dashboard.url}/`)).text()).toContain('<div id="app">');
    } finally {
      expect(await dashboard.stop()).toBe(0);
    }
    await expect(fetch(`${mockUrl}/__mock/world`)).rejects.toThrow();
  });
});
