import { shiftDay } from "../checks/bound-probes.js";
import { expectError } from "../checks/error-format.js";
import { dashboardStats, type DashboardQuery } from "./oracle-dashboard.js";
import { expectFigures } from "./expect-figures.js";
import type { FigureCheck } from "./figure-check.js";
import { iso, QueryGenerator, RANDOM_QUERIES } from "./random-queries.js";

export const DASHBOARD_FIGURES: Record<string, FigureCheck> = {
  async getDashboardStats(ctx, sem, v) {
    const { firstDay, endDay, metadata } = sem.dataset;
    const full = { from: `${firstDay}T00:00:00.000Z`, to: `${shiftDay(endDay, -1)}T23:59:59.999Z` };
    const sessions = sem.records.sessions;
    // Inclusive at both ends: a range starting and ending exactly on records.
    const exact = { from: new Date(sessions[1]!.createdAt).toISOString(), to: new Date(sessions[7]!.createdAt).toISOString() };
    const part = { from: `${shiftDay(firstDay, 3)}T00:00:00.000Z`, to: `${shiftDay(firstDay, 6)}T23:59:59.999Z` };
    const [a1, a2] = sem.records.agents;
    const [u1] = sem.records.users;
    const own = sem.caller.userId;
    // Calendar dates (ISO 8601): `from` is its UTC midnight, `to` covers its whole UTC day. `userId`
    // without allInOrg narrows the caller's own sessions (to theirs, or to none for another user).
    const dates = { from: firstDay, to: shiftDay(endDay, -1) };
    const queries: DashboardQuery[] = [
      full, exact, part, { ...full, agentId: a2!.id }, { ...full, metadataKey: metadata.planKey },
      dates, { from: `${shiftDay(firstDay, 3)}T12:00:00.000Z`, to: shiftDay(firstDay, 3) },
      { ...full, userId: own }, { ...full, userId: u1!.id }, { ...dates, userId: own, agentId: a1!.id },
    ];
    const admin = sem.caller.role === "admin";
    if (admin) {
      queries.push(
        { ...full, allInOrg: true },
        { ...exact, allInOrg: true },
        { ...part, allInOrg: true, agentId: a1!.id },
        { ...full, allInOrg: true, userId: u1!.id },
        { ...full, allInOrg: true, metadataKey: metadata.planKey, metadataValue: metadata.pro },
        { ...full, allInOrg: true, metadataValue: metadata.eu },
        { ...full, allInOrg: true, metadataKey: metadata.regionKey },
        { ...full, allInOrg: true, metadataKey: metadata.planKey, metadataValue: metadata.eu },
        { ...dates, allInOrg: true },
        { ...dates, allInOrg: true, userId: u1!.id },
      );
    }
    const gen = new QueryGenerator(sem, 3);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      const [from, to] = gen.range();
      const allInOrg = admin ? gen.maybe(true) : undefined;
      queries.push({
        from: iso(from),
        to: iso(to),
        ...(allInOrg ? { allInOrg } : {}),
        ...(gen.maybe(true) ? { agentId: gen.pick(sem.records.agents).id } : {}),
        ...(gen.maybe(true) ? { userId: gen.pick([own, ...sem.records.users.map((u) => u.id)]) } : {}),
        ...(gen.maybe(true) ? { metadataKey: gen.pick([metadata.planKey, metadata.regionKey, metadata.zoneKey]) } : {}),
        ...(gen.maybe(true) ? { metadataValue: gen.pick([metadata.pro, metadata.free, metadata.eu]) } : {}),
      });
    }
    for (const q of queries) {
      const query = { ...q, allInOrg: q.allInOrg === undefined ? undefined : String(q.allInOrg) };
      await expectFigures(ctx, v, "getDashboardStats", { query }, dashboardStats(sem.records, q, sem.caller.userId));
    }
    if (!admin) {
      // A member asking for the whole organisation is refused, whatever else is asked.
      const ex = await ctx.client.call(ctx.op("getDashboardStats"), { query: { ...full, allInOrg: "true" } });
      expectError(ctx, ctx.op("getDashboardStats"), ex, 403, "allInOrg=true with a member key", v);
      return "allInOrg figures and the organisation-wide metadata filters were not checked: the key's role is member (its 403 was)";
    }
  },
};
