import type { Cell, Event } from "../store/entries.js";
import type { DayCells } from "../store/day-cells.js";
import { Layer } from "../store/layer.js";
import { firstAtOrAfter } from "../store/sorted.js";
import type { View } from "../store/view.js";
import { ceilDay, DAY, floorDay } from "../time.js";

/**
 * The analytics events of a half-open window, as whole-day cells plus the events of the partial
 * days at its edges: every window is exact to the millisecond, and costs one visit per (agent,
 * user, day) of its whole days rather than one per event.
 */
export interface EventFilter {
  /** Agent index; `NONE` when the filter names an agent the organisation does not have. */
  agent?: number;
  /** User index, likewise. */
  user?: number;
}

/** An index no record has: a filter on an unknown id matches nothing. */
export const NONE = -2;

export interface Tally {
  incoming: number;
  outgoing: number;
  initiated: number;
  completed: number;
}

/** Called once per whole-day cell and once per edge event, with what it adds. */
export type Visit = (agent: number, user: number, add: Tally) => void;

const ONE: Record<Event["type"], Tally> = {
  incomingMessages: { incoming: 1, outgoing: 0, initiated: 0, completed: 0 },
  outgoingMessages: { incoming: 0, outgoing: 1, initiated: 0, completed: 0 },
  tasksInitiated: { incoming: 0, outgoing: 0, initiated: 1, completed: 0 },
  tasksCompleted: { incoming: 0, outgoing: 0, initiated: 0, completed: 1 },
};

/**
 * Visits the window's events: per whole day, its cells (the cells the filter can match, from the
 * day's index by user or by agent), or the day itself when `wholeDay` takes it; per partial day
 * at an edge, its events one by one.
 */
export function visitEvents(view: View, start: number, end: number, filter: EventFilter, visit: Visit, wholeDay?: (day: DayCells) => void): void {
  const wholeFrom = Math.min(ceilDay(start), Math.max(start, floorDay(end)));
  const wholeTo = Math.max(wholeFrom, floorDay(end));
  const matches = (agent: number, user: number) => (filter.agent === undefined || filter.agent === agent) && (filter.user === undefined || filter.user === user);
  for (const layer of view.layers) {
    visitEdge(layer, start, wholeFrom, filter, matches, visit);
    for (const day of Layer.daysBetween(layer.cells, wholeFrom / DAY, wholeTo / DAY)) {
      if (wholeDay) {
        wholeDay(day);
        continue;
      }
      const cells = filter.user !== undefined ? day.byUser.get(filter.user) : filter.agent !== undefined ? day.byAgent.get(filter.agent) : day.list;
      for (const c of cells ?? []) if (hasEvents(c) && matches(c.agent, c.user)) visit(c.agent, c.user, c);
    }
    visitEdge(layer, wholeTo, end, filter, matches, visit);
  }
}

const hasEvents = (c: Cell) => c.incoming + c.outgoing + c.initiated + c.completed > 0;

function visitEdge(layer: Layer, from: number, to: number, filter: EventFilter, matches: (a: number, u: number) => boolean, visit: Visit): void {
  if (from >= to) return;
  const list = eventIndex(layer, filter);
  for (let i = firstAtOrAfter(list, (e) => e.at, from); i < list.length && list[i]!.at < to; i++) {
    const e = list[i]!;
    if (matches(e.agent, e.user)) {
      const one = ONE[e.type];
      visit(e.agent, e.user, one);
    }
  }
}

/** The smallest event list holding every event the filter can match. */
export function eventIndex(layer: Layer, filter: EventFilter): readonly Event[] {
  if (filter.user !== undefined) return layer.eventsByUser.get(filter.user)?.items ?? [];
  if (filter.agent !== undefined) return layer.eventsByAgent.get(filter.agent)?.items ?? [];
  return layer.events.items;
}

export interface WindowFigures extends Tally {
  activeUsers: number;
}

/**
 * Event counts and active users (distinct users with an incoming message) of one window. Without a
 * filter, a whole day adds its totals and its users with an incoming message.
 */
export function windowFigures(view: View, start: number, end: number, filter: EventFilter): WindowFigures {
  const out: WindowFigures = { incoming: 0, outgoing: 0, initiated: 0, completed: 0, activeUsers: 0 };
  const seen = new Uint8Array(view.userCount);
  const active = (user: number) => {
    if (user >= 0 && seen[user] === 0) {
      seen[user] = 1;
      out.activeUsers++;
    }
  };
  const add = (t: Tally) => {
    out.incoming += t.incoming;
    out.outgoing += t.outgoing;
    out.initiated += t.initiated;
    out.completed += t.completed;
  };
  const unfiltered = filter.agent === undefined && filter.user === undefined;
  visitEvents(view, start, end, filter, (_agent, user, tally) => {
    add(tally);
    if (tally.incoming > 0) active(user);
  }, unfiltered ? (day) => {
    add(day.total);
    for (const user of day.incomingUsers) active(user);
  } : undefined);
  return out;
}

/**
 * Window figures per key (agent or user index), for the keys with at least one event. Tallies
 * live in arrays indexed by key; per agent, its active users in a bitmap of the organisation's users.
 */
export function groupedFigures(view: View, start: number, end: number, filter: EventFilter, by: "agent" | "user"): Map<number, WindowFigures> {
  const keys = by === "agent" ? view.agentCount : view.userCount;
  const tally = new Float64Array(keys * 4);
  const seen = new Uint8Array(keys);
  const users = by === "agent" ? new Uint8Array(keys * view.userCount) : undefined;
  const active = new Uint32Array(keys);
  visitEvents(view, start, end, filter, (agent, user, add) => {
    const key = by === "agent" ? agent : user;
    if (key < 0) return;
    const at = key * 4;
    tally[at] = tally[at]! + add.incoming;
    tally[at + 1] = tally[at + 1]! + add.outgoing;
    tally[at + 2] = tally[at + 2]! + add.initiated;
    tally[at + 3] = tally[at + 3]! + add.completed;
    seen[key] = 1;
    if (users && add.incoming > 0 && user >= 0 && users[key * view.userCount + user] === 0) {
      users[key * view.userCount + user] = 1;
      active[key]!++;
    }
  });
  const out = new Map<number, WindowFigures>();
  for (let key = 0; key < keys; key++) {
    if (seen[key] === 0) continue;
    const at = key * 4;
    out.set(key, { incoming: tally[at]!, outgoing: tally[at + 1]!, initiated: tally[at + 2]!, completed: tally[at + 3]!, activeUsers: active[key]! });
  }
  return out;
}
