import { runRefresh } from "../ingest/refresh-job.js";
import type { HandlerContext, Handlers } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { metricsRows, refreshStatus } from "../queries/agentos.js";

/** The only metrics store this server has; any other db_id or table is 404 (docs/semantics.md). */
function checkStore(query: { db_id?: string | null; table?: string | null }) {
  if (query.db_id != null && query.db_id !== "default") throw new HttpError(404, `Unknown db_id '${query.db_id}'.`);
  if (query.table != null && query.table !== "metrics") throw new HttpError(404, `Unknown table '${query.table}'.`);
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

export const agentosHandlers = {
  async get_metrics({ query }, { db, auth }, reply) {
    checkStore(query);
    const metrics = await metricsRows(db, auth.organizationId, query.starting_date ?? null, query.ending_date ?? null);
    const newest = metrics.reduce((max, m) => Math.max(max, m.updated_at), -1);
    return reply(200, { metrics, updated_at: newest < 0 ? null : new Date(newest * 1000).toISOString() });
  },

  async refresh_metrics({ query }, ctx, reply) {
    checkStore(query);
    const orgId = ctx.auth.organizationId;
    if (query.background) {
      if (!(await startRefresh(ctx))) return reply(202, { status: "already_running", message: "A metrics refresh is already running." });
      return reply(202, { status: "started", message: "Metrics refresh started in the background." });
    }
    // A synchronous refresh waits for one running elsewhere, then recomputes: its rows are exact.
    await runRefresh(ctx.db, orgId, { wait: true });
    return reply(200, await metricsRows(ctx.db, orgId, null, null));
  },

  async get_metrics_refresh_status({ query }, { db, auth }, reply) {
    checkStore(query);
    return reply(200, await refreshStatus(db, auth.organizationId));
  },
} satisfies Partial<Handlers>;
