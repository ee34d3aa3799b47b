import type { Handlers } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { dashboardStats } from "../queries/dashboard.js";
import { DAY_MS, isCalendarDate, parseDateParam } from "../queries/time.js";

export const dashboardHandlers = {
  async getDashboardStats({ query }, { db, auth }, reply) {
    if (query.allInOrg && auth.role !== "admin") throw new HttpError(403, "allInOrg=true requires the org:admin role.");
    // The range is inclusive and instants are stored to the millisecond: [from, to] = [from, to + 1 ms).
    // A calendar-date `to` covers its whole UTC day. Its order is checked with the request (x-request-invariants).
    const start = parseDateParam(query.from);
    const end = isCalendarDate(query.to) ? parseDateParam(query.to) + DAY_MS : parseDateParam(query.to) + 1;
    // Without allInOrg the scope is the caller's own sessions, which `userId` can only narrow.
    const scope = {
      userId: query.allInOrg ? query.userId : auth.userId,
      alsoUserId: query.allInOrg ? undefined : query.userId,
      agentId: query.agentId,
      metadataKey: query.metadataKey,
      metadataValue: query.metadataValue,
    };
    return reply(200, await dashboardStats(db, auth.organizationId, start, end, scope));
  },
} satisfies Partial<Handlers>;
