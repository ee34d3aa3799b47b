import type { RefreshStarted, SuccessBody } from "@agent-analytics/types";
import { rebuildRollups } from "../ingest/refresh.js";
import { ok, type Handler, type HandlerContext } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { claimRefresh, finishRefresh, metricsRows, refreshStatus } from "../queries/agentos.js";

/** The only metrics store this server has; any other db_id or table is 404 (docs/semantics.md). */
function checkStore({ request }: HandlerContext) {
  const { db_id, table } = request.query as { db_id?: string | null; table?: string | null };
  if (db_id != null && db_id !== "default") throw new HttpError(404, `Unknown db_id '${db_id}'.`);
  if (table != null && table !== "metrics") throw new HttpError(404, `Unknown table '${table}'.`);
}

async function refresh(ctx: HandlerContext): Promise<void> {
  const orgId = ctx.auth.organizationId;
  try {
    await ctx.db.transaction((tx) => rebuildRollups(tx, orgId));
    await finishRefresh(ctx.db, orgId, null);
  } catch (error) {
    ctx.log.error({ err: error }, "metrics refresh failed");
    await finishRefresh(ctx.db, orgId, "The refresh failed.").catch(() => {});
    throw error;
  }
}

export const agentosHandlers: Record<string, Handler> = {
  async get_metrics(ctx) {
    checkStore(ctx);
    const q = ctx.request.query as { starting_date?: string | null; ending_date?: string | null };
    const metrics = await metricsRows(ctx.db, ctx.auth.organizationId, q.starting_date ?? null, q.ending_date ?? null);
    const newest = metrics.reduce((max, m) => Math.max(max, m.updated_at), -1);
    const body: SuccessBody<"get_metrics"> = { metrics, updated_at: newest < 0 ? null : new Date(newest * 1000).toISOString() };
    return ok(body);
  },

  async refresh_metrics(ctx) {
    checkStore(ctx);
    const orgId = ctx.auth.organizationId;
    const background = (ctx.request.query as { background?: boolean }).background === true;
    if (!(await claimRefresh(ctx.db, orgId))) {
      if (background) return ok({ status: "already_running", message: "A metrics refresh is already running." } satisfies RefreshStarted, 202);
      // A synchronous refresh waits for nobody: it recomputes under the same lock, so its rows are exact.
      await ctx.db.transaction((tx) => rebuildRollups(tx, orgId));
      return ok(await metricsRows(ctx.db, orgId, null, null));
    }
    if (background) {
      ctx.track(refresh(ctx).catch(() => {}));
      return ok({ status: "started", message: "Metrics refresh started in the background." } satisfies RefreshStarted, 202);
    }
    await refresh(ctx);
    return ok(await metricsRows(ctx.db, orgId, null, null));
  },

  async get_metrics_refresh_status(ctx) {
    checkStore(ctx);
    const body: SuccessBody<"get_metrics_refresh_status"> = await refreshStatus(ctx.db, ctx.auth.organizationId);
    return ok(body);
  },
};
