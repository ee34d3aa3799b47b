import { rebuildRollups } from "../ingest/refresh.js";
import type { HandlerContext, Handlers } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { claimRefresh, finishRefresh, metricsRows, refreshStatus } from "../queries/agentos.js";

/** The only metrics store this server has; any other db_id or table is 404 (docs/semantics.md). */
function checkStore(query: { db_id?: string | null; table?: string | null }) {
  if (query.db_id != null && query.db_id !== "default") throw new HttpError(404, `Unknown db_id '${query.db_id}'.`);
  if (query.table != null && query.table !== "metrics") throw new HttpError(404, `Unknown table '${query.table}'.`);
}

async function refresh({ db, auth, log }: HandlerContext): Promise<void> {
  const orgId = auth.organizationId;
  try {
    await db.transaction((tx) => rebuildRollups(tx, orgId));
    await finishRefresh(db, orgId, null);
  } catch (error) {
    log.error({ err: error }, "metrics refresh failed");
    await finishRefresh(db, orgId, "The refresh failed.").catch(() => {});
    throw error;
  }
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
    const { db, auth } = ctx;
    const orgId = auth.organizationId;
    if (!(await claimRefresh(db, orgId))) {
      if (query.background) return reply(202, { status: "already_running", message: "A metrics refresh is already running." });
      // A synchronous refresh waits for nobody: it recomputes under the same lock, so its rows are exact.
      await db.transaction((tx) => rebuildRollups(tx, orgId));
      return reply(200, await metricsRows(db, orgId, null, null));
    }
    if (query.background) {
      ctx.track(refresh(ctx).catch(() => {}));
      return reply(202, { status: "started", message: "Metrics refresh started in the background." });
    }
    await refresh(ctx);
    return reply(200, await metricsRows(db, orgId, null, null));
  },

  async get_metrics_refresh_status({ query }, { db, auth }, reply) {
    checkStore(query);
    return reply(200, await refreshStatus(db, auth.organizationId));
  },
} satisfies Partial<Handlers>;
