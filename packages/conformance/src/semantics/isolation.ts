import { shiftDay } from "../checks/bound-probes.js";
import { expectError } from "../checks/error-format.js";
import { differences } from "../compare.js";
import { describeResponse, Skip } from "../requirement.js";
import type { FigureCheck } from "./figure-check.js";
import { data, expectFigures } from "./expect-figures.js";
import { AnalyticsOracle } from "./oracle-analytics.js";
import { dashboardStats } from "./oracle-dashboard.js";
import { emptyRecords } from "@agent-analytics/contract";
import { relativeDeltas } from "./relative.js";

const t = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
/** What the other organisation must see of the quiet window: nothing, as the oracle computes it. */
const nothing = new AnalyticsOracle(emptyRecords());

/** `isolation.<operationId>.no-leak`: under the second key, none of the first key's records show. */
export const ISOLATION_CHECKS: Record<string, FigureCheck> = {
  async getAgentStats(ctx, sem, v) {
    const ex = await ctx.clientB!.call(ctx.op("getAgentStats"), { path: { agentId: sem.records.agents[0]!.id } });
    expectError(ctx, ctx.op("getAgentStats"), ex, 404, "another organisation's agent", v);
  },
  async listAgentRuns(ctx, sem, v) {
    const ex = await ctx.clientB!.call(ctx.op("listAgentRuns"), { path: { agentId: sem.records.agents[0]!.id } });
    expectError(ctx, ctx.op("listAgentRuns"), ex, 404, "another organisation's agent", v);
  },
  async getAgentRun(ctx, sem, v) {
    const run = sem.records.runs[0]!;
    const ex = await ctx.clientB!.call(ctx.op("getAgentRun"), { path: { agentId: run.agentId, runId: run.id } });
    expectError(ctx, ctx.op("getAgentRun"), ex, 404, "another organisation's run", v);
  },
  async get_metrics(ctx, sem, v) {
    const query = { starting_date: sem.dataset.firstDay, ending_date: shiftDay(sem.dataset.endDay, -1) };
    await expectFigures(ctx, v, "get_metrics", { query }, [], (b) => (b as { metrics: unknown }).metrics, ctx.clientB);
  },
  async refresh_metrics(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    const ex = await expectFigures(ctx, v, "refresh_metrics", {}, [], (b) => (b as { date: string }[]).filter((r) => r.date.slice(0, 10) >= firstDay && r.date.slice(0, 10) < endDay), ctx.clientB);
    if (ex.response?.status === 202) throw new Skip("the refresh ran in the background (202): no rows to compare");
  },
  async getDashboardStats(ctx, sem, v) {
    const q = { from: `${sem.dataset.firstDay}T00:00:00.000Z`, to: `${shiftDay(sem.dataset.endDay, -1)}T23:59:59.999Z` };
    await expectFigures(ctx, v, "getDashboardStats", { query: q }, dashboardStats(emptyRecords(), q, ""), undefined, ctx.clientB);
    const all = await ctx.clientB!.call(ctx.op("getDashboardStats"), { query: { ...q, allInOrg: "true" } });
    if (all.response?.status === 403) return "allInOrg not checked: the second key is not an admin";
    const diffs = differences(dashboardStats(emptyRecords(), q, ""), all.response?.body);
    v.check(all.response?.status === 200 && diffs.length === 0, all, `allInOrg: ${describeResponse(all)} ${diffs.join("; ")}`, "zero figures: the records belong to another organisation");
  },
  async getAnalyticsOverview(ctx, sem, v) {
    relativeDeltas(sem, "getAnalyticsOverview", v, sem.relativeB, true);
  },
  async getAnalyticsRolling(ctx, sem, v) {
    relativeDeltas(sem, "getAnalyticsRolling", v, sem.relativeB, true);
  },
  async getAnalyticsMetrics(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "getAnalyticsMetrics", { query: { period: "day", startDate: firstDay, endDate: endDay } }, nothing.metrics("day", t(firstDay), t(endDay)), data, ctx.clientB);
  },
  async listAnalyticsEvents(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "listAnalyticsEvents", { query: { startDate: firstDay, endDate: endDay } }, nothing.eventPage(t(firstDay), t(endDay), { limit: 50, skip: 0 }), data, ctx.clientB);
  },
  async getAnalyticsAssistants(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "getAnalyticsAssistants", { query: { startDate: firstDay, endDate: endDay } }, [], data, ctx.clientB);
  },
  async getAnalyticsTopUsers(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "getAnalyticsTopUsers", { query: { startDate: firstDay, endDate: endDay } }, [], data, ctx.clientB);
  },
  async getAnalyticsSnapshots(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    await expectFigures(ctx, v, "getAnalyticsSnapshots", { query: { startDate: firstDay, endDate: endDay } }, nothing.snapshots(t(firstDay), t(endDay)), data, ctx.clientB);
  },
  async ingestBatch(ctx, sem, v) {
    // Ids are unique per organisation: the other organisation may reuse one with other content.
    const agent = { ...sem.dataset.batch.agents![0]!, name: "Another organisation's agent" };
    const ex = await ctx.clientB!.call(ctx.op("ingestBatch"), { body: { agents: [agent] } });
    v.check(ex.response?.status === 200, ex, `reusing another organisation's agent id answered ${describeResponse(ex)}`, "200: ids are unique per organisation, not across them");
  },
  async getIngestContext(ctx, sem, v) {
    const ex = await ctx.clientB!.call(ctx.op("getIngestContext"));
    const org = (ex.response?.body as { organizationId?: string } | undefined)?.organizationId;
    v.check(ex.response?.status === 200 && org !== sem.caller.organizationId, ex, `the second key's organisation is ${JSON.stringify(org)}`, `an organisation other than ${sem.caller.organizationId}`);
  },
};
