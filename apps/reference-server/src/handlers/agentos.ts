import type { RefreshStarted, SuccessBody } from "@agent-analytics/types";
import { runRefresh } from "../ingest/refresh-job.js";
import { ok, type Handler, type HandlerContext } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { metricsRows, refreshStatus } from "../queries/agentos.js";

/** The only metrics store this server has; any other db_id or table is 404 (docs/semantics.md). */
function checkStore({ request }: HandlerContext) {
  const { db_id, table } = request.query as { db_id?: string | null; table?: string | null };
  if (db_id != null && db_id !== "default") throw new HttpError(404, `Unknown db_id '${db_id}'.`);
  if (table != null && table !== "metrics") throw new HttpError(404, `Unknown table '${table}'.`);
}

/** Runs a refresh in the background; resolves once it holds the lock (true) or found one running (false). */
function startRefresh(ctx: HandlerContext): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const job = runRefresh(ctx.db, ctx.auth.organizationId, { wait: false, started: () => resolve(true) });
    ctx.track(job.then((outcome) => resolve(outcome === "done"), (error: unknown) => {
      ctx.log.error({ err: error }, "metrics refresh failed");
      reject(error);
    }));
  });
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
    if ((ctx.request.query as { background?: boolean }).background === true) {
      if (!(await startRefresh(ctx))) return ok({ status: "already_running", message: "A metrics refresh is already running." } satisfies RefreshStarted, 202);
      return ok({ status: "started", message: "Metrics refresh started in the background." } satisfies RefreshStarted, 202);
    }
    // A synchronous refresh waits for one running elsewhere, then recomputes: its rows are exact.
    await runRefresh(ctx.db, orgId, { wait: true });
    return ok(await metricsRows(ctx.db, orgId, null, null));
  },

  async get_metrics_refresh_status(ctx) {
    checkStore(ctx);
    const body: SuccessBody<"get_metrics_refresh_status"> = await refreshStatus(ctx.db, ctx.auth.organizationId);
    return ok(body);
  },
};
