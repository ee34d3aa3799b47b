import { emptyRecords, type Agent, type Records } from "../records.js";
import { DAY } from "../time.js";
import { AGENTS, castOrganisation, type Organisation } from "./cast.js";
import { simulateDay } from "./day.js";
import { planIncidents, type Incident } from "./rhythm.js";

export interface SimulationOptions {
  seed: string;
  /** The world's "now" (epoch ms): its history ends here. */
  now: number;
  /** Days of history before now's day (default 90). */
  days?: number;
  /** Volume multiplier: users, conversations and scheduled work (default 1). */
  scale?: number;
}

export interface Simulation {
  records: Records;
  org: Organisation;
  incidents: Incident[];
  /** First day of the history, and the day after its last (epoch ms of UTC midnights). */
  from: number;
  to: number;
}

export const DEFAULT_DAYS = 90;

/**
 * The simulated organisation's history: its directory, then each UTC day from `days` days before
 * today up to `now` (today included, up to now), each a pure function of the seed and the day.
 */
export function simulate(options: SimulationOptions): Simulation {
  const days = options.days ?? DEFAULT_DAYS;
  const scale = options.scale ?? 1;
  const today = Math.floor(options.now / DAY);
  const firstDay = today - days;
  const org = castOrganisation(options.seed, firstDay, days, scale);
  const incidents = planIncidents(options.seed, firstDay, days);
  const records = emptyRecords();
  records.users = org.members.map((m) => m.user);
  records.agents = AGENTS.map((a): Agent => ({ id: a.id, name: a.name, kind: a.kind }));
  const horizon = { seed: options.seed, firstDay, days, now: options.now, scale, org, incidents };
  for (let day = firstDay; day <= today; day++) simulateDay(horizon, day, records);
  return { records, org, incidents, from: firstDay * DAY, to: (today + 1) * DAY };
}
