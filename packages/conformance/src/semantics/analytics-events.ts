import { epochMs as ms, type Records } from "@agent-analytics/contract";
import { rate4 } from "./rounding.js";

export const EVENT_TYPES = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface AnalyticsEvent {
  id: string;
  eventType: EventType;
  assistant: string;
  user: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** The events that follow from the records (docs/semantics.md, analytics module). */
export function eventsOf(records: Records): AnalyticsEvent[] {
  const sessions = new Map(records.sessions.map((s) => [s.id, s]));
  const events: AnalyticsEvent[] = [];
  for (const m of records.messages) {
    const session = sessions.get(m.sessionId)!;
    const eventType = m.role === "user" ? "incomingMessages" : "outgoingMessages";
    events.push({ id: `${m.id}:${eventType}`, eventType, assistant: session.agentId, user: session.userId, at: ms(m.createdAt) });
  }
  for (const r of records.runs) {
    events.push({ id: `${r.id}:tasksInitiated`, eventType: "tasksInitiated", assistant: r.agentId, user: r.userId, at: ms(r.startedAt) });
    if (r.status === "completed") {
      events.push({ id: `${r.id}:tasksCompleted`, eventType: "tasksCompleted", assistant: r.agentId, user: r.userId, at: ms(r.completedAt!) });
    }
  }
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface WindowFigures {
  incomingMessages: number;
  outgoingMessages: number;
  tasksInitiated: number;
  tasksCompleted: number;
  total: number;
  activeUsers: number;
  completionRate: number;
}

/** Counts of a half-open window `[start, end)`, optionally of one assistant. */
export function windowFigures(events: AnalyticsEvent[], start: number, end: number, assistant?: string): WindowFigures {
  const inWindow = events.filter((e) => e.at >= start && e.at < end && (assistant === undefined || e.assistant === assistant));
  const count = (t: EventType) => inWindow.filter((e) => e.eventType === t).length;
  const figures = {
    incomingMessages: count("incomingMessages"),
    outgoingMessages: count("outgoingMessages"),
    tasksInitiated: count("tasksInitiated"),
    tasksCompleted: count("tasksCompleted"),
  };
  return {
    ...figures,
    total: figures.incomingMessages + figures.outgoingMessages + figures.tasksInitiated + figures.tasksCompleted,
    activeUsers: new Set(inWindow.filter((e) => e.eventType === "incomingMessages" && e.user !== null).map((e) => e.user)).size,
    // What the source tells users to track: tasksCompleted / tasksInitiated of the same window.
    completionRate: rate4(figures.tasksCompleted, figures.tasksInitiated),
  };
}
