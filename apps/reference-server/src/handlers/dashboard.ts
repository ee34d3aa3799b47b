import type { QueryOf } from "@agent-analytics/types";
import { ok, type Handler } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { dashboardStats, type DashboardScope } from "../queries/dashboard.js";

export const dashboardHandlers: Record<string, Handler> = {
  async getDashboardStats({ db, auth, request }) {
    const q = request.query as QueryOf<"getDashboardStats"> & { allInOrg: boolean };
    if (q.allInOrg && auth.role !== "admin") throw new HttpError(403, "allInOrg=true requires the org:admin role.");
    if (q.userId !== undefined && !q.allInOrg) throw new HttpError(400, "userId requires allInOrg=true.");
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (from > to) throw new HttpError(400, "`from` must not be after `to`.");
    const scope: DashboardScope = {
      userId: q.allInOrg ? q.userId : auth.userId,
      agentId: q.agentId,
      metadataKey: q.metadataKey,
      metadataValue: q.metadataValue,
    };
    // The range is inclusive and instants are stored to the millisecond: [from, to] = [from, to + 1 ms).
    return ok(await dashboardStats(db, auth.organizationId, from, to + 1, scope));
  },
};
