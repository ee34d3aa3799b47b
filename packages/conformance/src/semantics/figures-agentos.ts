import { describeResponse, Skip } from "../requirement.js";
import { shiftDay } from "../checks/bound-probes.js";
import { agentosRows } from "./oracle-agentos.js";
import { expectFigures } from "./expect-figures.js";
import type { FigureCheck } from "./figure-check.js";
import { QueryGenerator, RANDOM_QUERIES } from "./random-queries.js";

type Row = { date: string };
type RefreshStatus = { status?: string; finished_at?: string | null };
const BACKGROUND_WAIT_MS = 10_000;
const dayOf = (row: Row) => String(row.date).slice(0, 10);

export const AGENTOS_FIGURES: Record<string, FigureCheck> = {
  async get_metrics(ctx, sem, v) {
    const { firstDay, endDay } = sem.dataset;
    const lastDay = shiftDay(endDay, -1);
    const ranges: [string, string][] = [[firstDay, lastDay], [shiftDay(firstDay, 2), shiftDay(firstDay, 5)], [shiftDay(firstDay, -30), shiftDay(firstDay, 1)]];
    const gen = new QueryGenerator(sem, 2);
    for (let i = 0; i < RANDOM_QUERIES; i++) ranges.push(gen.dayRange(sem));
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
  async get_metrics_refresh_status(ctx, sem, v) {
    // After a refresh that answered 200 the latest refresh is complete.
    const refresh = await ctx.client.call(ctx.op("refresh_metrics"));
    if (refresh.response?.status !== 200) throw new Skip(`the refresh answered ${refresh.response?.status ?? "nothing"}, not 200`);
    const ex = await ctx.client.call(ctx.op("get_metrics_refresh_status"));
    const body = ex.response?.body as RefreshStatus | undefined;
    v.check(ex.response?.status === 200 && body?.status === "completed" && !!body.finished_at, ex, `after a completed refresh, status is ${JSON.stringify(body?.status)}`, 'status "completed" with finished_at');
    // A background refresh answers 202 at once; its progress is read from the status, and it
    // recomputes the same figures.
    const background = await ctx.client.call(ctx.op("refresh_metrics"), { query: { background: "true" } });
    const started = (background.response?.body as { status?: string } | undefined)?.status;
    if (!v.check(background.response?.status === 202 && (started === "started" || started === "already_running"), background, `background=true answered ${describeResponse(background)}`, '202 with status "started" or "already_running"')) return;
    const deadline = Date.now() + BACKGROUND_WAIT_MS;
    let last: RefreshStatus | undefined;
    let poll;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      poll = await ctx.client.call(ctx.op("get_metrics_refresh_status"));
      last = poll.response?.body as RefreshStatus | undefined;
    } while (poll.response?.status === 200 && (last?.status === "running" || last?.status === "idle") && Date.now() < deadline);
    if (last?.status === "running") return `the background refresh was still running after ${BACKGROUND_WAIT_MS / 1000} s; its outcome was not checked`;
    v.check(poll.response?.status === 200 && last?.status === "completed", poll, `the background refresh ended as ${JSON.stringify(last?.status)}`, 'status "completed"');
    const { firstDay, endDay } = sem.dataset;
    const lastDay = shiftDay(endDay, -1);
    await expectFigures(ctx, v, "get_metrics", { query: { starting_date: firstDay, ending_date: lastDay } }, agentosRows(sem.records, firstDay, lastDay), (b) => (b as { metrics: unknown }).metrics);
  },
};
