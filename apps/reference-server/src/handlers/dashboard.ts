import type { QueryOf } from "@agent-analytics/types";
import { ok, type Handler } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { dashboardStats, type DashboardScope } from "../queries/dashboard.js";
import { DAY_MS, isCalendarDate, parseDateParam } from "../queries/time.js";

export const dashboardHandlers: Record<string, Handler> = {
  async getDashboardStats({ db, auth, request }) {
    const q = request.query as QueryOf<"getDashboardStats"> & { allInOrg: boolean };
    if (q.allInOrg && auth.role !== "admin") throw new HttpError(403, "allInOrg=true requires the org:admin role.");
    // The range is inclusive and instants are stored to the millisecond: [from, to] = [from, to + 1 ms).
    // A calendar-date `to` covers its whole UTC day.
    const start = parseDateParam(q.from);
    const end = isCalendarDate(q.to) ? parseDateParam(q.to) + DAY_MS : Date.parse(q.to) + 1;
    if (start >= end) throw new HttpError(400, "`from` must not be after `to`.");
    // Without allInOrg the scope is the caller's own sessions, which `userId` can only narrow.
    const scope: DashboardScope = {
      userId: q.allInOrg ? q.userId : auth.userId,
      alsoUserId: q.allInOrg ? undefined : q.userId,
      agentId: q.agentId,
      metadataKey: q.metadataKey,
      metadataValue: q.metadataValue,
    };
    return ok(await dashboardStats(db, auth.organizationId, start, end, scope));
  },
};
