import { Skip } from "../requirement.js";
import { shiftDay } from "../checks/bound-probes.js";
import { agentosRows } from "./oracle-agentos.js";
import { expectFigures } from "./expect-figures.js";
import type { FigureCheck } from "./figure-check.js";

type Row = { date: string };
const dayOf = (row: Row) => String(row.date).slice(0, 10);

export const AGENTOS_FIGURES: Record<string, FigureCheck> = {
  async get_metrics(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    const lastDay = shiftDay(endDay, -1);
    const ranges: [string, string][] = [[firstDay, lastDay], [shiftDay(firstDay, 2), shiftDay(firstDay, 5)], [shiftDay(firstDay, -30), shiftDay(firstDay, 1)]];
    for (const [from, to] of ranges) {
      await expectFigures(ctx, v, "get_metrics", { query: { starting_date: from, ending_date: to } }, agentosRows(sem.records, from, to), (b) => (b as { metrics: unknown }).metrics);
    }
  },
  async refresh_metrics(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    const lastDay = shiftDay(endDay, -1);
    // Every row is returned; the kit knows only those of its own quiet window.
    const ex = await expectFigures(ctx, v, "refresh_metrics", {}, agentosRows(sem.records, firstDay, lastDay), (b) =>
      (b as Row[]).filter((row) => dayOf(row) >= firstDay && dayOf(row) <= lastDay),
    );
    if (ex.response?.status === 202) throw new Skip("the server refreshed in the background (202); the rows were not returned to compare");
    // The refresh recomputes from the records: the stored rows must still be exact afterwards.
    await expectFigures(ctx, v, "get_metrics", { query: { starting_date: firstDay, ending_date: lastDay } }, agentosRows(sem.records, firstDay, lastDay), (b) => (b as { metrics: unknown }).metrics);
  },
  async get_metrics_refresh_status(ctx, _sem, v) {
    // After a refresh that answered 200 the latest refresh is complete.
    const refresh = await ctx.client.call(ctx.op("refresh_metrics"));
    if (refresh.response?.status !== 200) throw new Skip(`the refresh answered ${refresh.response?.status ?? "nothing"}, not 200`);
    const ex = await ctx.client.call(ctx.op("get_metrics_refresh_status"));
    const body = ex.response?.body as { status?: string; finished_at?: string | null } | undefined;
    v.check(ex.response?.status === 200 && body?.status === "completed" && !!body.finished_at, ex, `after a completed refresh, status is ${JSON.stringify(body?.status)}`, 'status "completed" with finished_at');
  },
};
