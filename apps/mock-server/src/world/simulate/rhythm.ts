import { DAY, HOUR } from "../time.js";
import type { Region } from "./cast.js";
import { Random } from "./random.js";

/**
 * When the organisation works: fewer conversations at weekends, more as it grows, working hours
 * that follow each user's region, and the incidents of its recent history.
 */
export type Incident =
  | { kind: "outage"; day: number; from: number; to: number; provider: string }
  | { kind: "launch"; day: number; factor: number };

/** Sunday first, as `getUTCDay` numbers the days. */
const WEEKDAY = [0.24, 1, 1.08, 1.06, 1, 0.82, 0.3];
/** Conversations per day at the start of the horizon, per unit of scale, on an average weekday. */
const BASE_SESSIONS = 60;

const weekday = (day: number) => new Date(day * DAY).getUTCDay();
export const isWeekend = (day: number): boolean => weekday(day) === 0 || weekday(day) === 6;

/**
 * A provider outage of a few hours on a weekday afternoon (UTC) in the second half of the horizon, and a launch day that
 * nearly doubles the conversations, each on a day of its own (none in a horizon under two weeks).
 */
export function planIncidents(seed: string, firstDay: number, days: number): Incident[] {
  if (days < 14) return [];
  const random = new Random(seed, "incidents");
  const weekdayIn = (from: number, to: number, not?: number) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const day = random.int(from, to);
      if (!isWeekend(day) && day !== not) return day;
    }
    return from;
  };
  const last = firstDay + days - 1;
  const outageDay = weekdayIn(firstDay + Math.floor(days * 0.45), last - 3);
  const from = outageDay * DAY + random.int(12, 15) * HOUR + random.int(0, 59) * 60_000;
  const outage: Incident = { kind: "outage", day: outageDay, from, to: from + random.int(240, 420) * 60_000, provider: random.weighted([["Anthropic", 0.7], ["OpenAI", 0.3]]) };
  const launchDay = weekdayIn(firstDay + Math.floor(days * 0.3), last - 2, outageDay);
  const launch: Incident = { kind: "launch", day: launchDay, factor: 1.9 };
  return [outage, launch].sort((a, b) => a.day - b.day);
}

/** Conversations expected on a day: weekday, growth along the horizon, launch days and noise. */
export function sessionsOn(random: Random, day: number, firstDay: number, days: number, scale: number, incidents: Incident[]): number {
  const progress = days > 1 ? (day - firstDay) / (days - 1) : 1;
  const growth = 0.7 + 0.6 * progress;
  let factor = 1;
  for (const incident of incidents) {
    if (incident.kind !== "launch") continue;
    if (day === incident.day) factor *= incident.factor;
    if (day === incident.day + 1) factor *= 1 + (incident.factor - 1) / 2.5;
  }
  const expected = BASE_SESSIONS * scale * WEEKDAY[weekday(day)]! * growth * factor;
  return Math.max(0, Math.round(expected * (1 + 0.12 * random.gauss())));
}

/** Centre of the working day (UTC hours) per region. */
const CENTRE: Record<Region, number> = { eu: 11.5, us: 17.5, apac: 4 };

/** Milliseconds after midnight when someone of the region starts a conversation. */
export function timeOfDay(random: Random, region: Region | undefined, weekend: boolean): number {
  if (region === undefined || random.chance(0.1)) return Math.floor(random.next() * DAY);
  const spread = weekend ? 4.5 : 2.6;
  const hour = (((CENTRE[region] + random.gauss() * spread) % 24) + 24) % 24;
  return Math.floor(hour * HOUR);
}

/** The outage a run started at `at` with a model of `provider` falls into, if any. */
export function outageAt(incidents: Incident[], provider: string, at: number): Incident | undefined {
  return incidents.find((i) => i.kind === "outage" && i.provider === provider && at >= i.from && at < i.to);
}
