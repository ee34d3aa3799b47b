import type { Feedback, KbFile, Message, Run, Session, User } from "../world/records.js";
import type { View } from "../world/store/view.js";

/**
 * docs/semantics.md computed the slow way, by scanning every record of an organisation: what the
 * world's indexes and rollups must agree with, to the unit, in the tests.
 */
export interface Flat {
  users: User[];
  sessions: Session[];
  runs: Run[];
  messages: Message[];
  feedback: Feedback[];
  kbFiles: KbFile[];
}

export function flatten(view: View): Flat {
  const all = <T>(pick: (layer: View["world"]) => Iterable<T>) => view.layers.flatMap((l) => [...pick(l)]);
  return {
    users: all((l) => [...l.users.values()].map((e) => e.record)),
    sessions: all((l) => [...l.sessions.values()].map((e) => e.record)),
    runs: all((l) => [...l.runs.values()].map((e) => e.record)),
    messages: all((l) => [...l.messages.values()].map((e) => e.record)),
    feedback: all((l) => [...l.feedback.values()].map((e) => e.record)),
    kbFiles: all((l) => l.kbFiles.values()),
  };
}

export interface NaiveEvent { id: string; eventType: string; assistant: string; user: string | null; at: number }

export function naiveEvents(f: Flat): NaiveEvent[] {
  const sessions = new Map(f.sessions.map((s) => [s.id, s]));
  const out: NaiveEvent[] = [];
  for (const m of f.messages) {
    const s = sessions.get(m.sessionId)!;
    const eventType = m.role === "user" ? "incomingMessages" : "outgoingMessages";
    out.push({ id: `${m.id}:${eventType}`, eventType, assistant: s.agentId, user: s.userId, at: m.createdAt });
  }
  for (const r of f.runs) {
    out.push({ id: `${r.id}:tasksInitiated`, eventType: "tasksInitiated", assistant: r.agentId, user: r.userId, at: r.startedAt });
    if (r.status === "completed") out.push({ id: `${r.id}:tasksCompleted`, eventType: "tasksCompleted", assistant: r.agentId, user: r.userId, at: r.completedAt! });
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function naiveWindow(events: NaiveEvent[], start: number, end: number, assistant?: string, user?: string) {
  const inside = events.filter((e) => e.at >= start && e.at < end && (assistant === undefined || e.assistant === assistant) && (user === undefined || e.user === user));
  const n = (t: string) => inside.filter((e) => e.eventType === t).length;
  return {
    incomingMessages: n("incomingMessages"),
    outgoingMessages: n("outgoingMessages"),
    tasksInitiated: n("tasksInitiated"),
    tasksCompleted: n("tasksCompleted"),
    activeUsers: new Set(inside.filter((e) => e.eventType === "incomingMessages" && e.user !== null).map((e) => e.user)).size,
    events: inside,
  };
}

export interface DashboardAsk { start: number; end: number; own?: string; agentId?: string; userId?: string; metadataKey?: string; metadataValue?: string }

export function naiveDashboard(f: Flat, q: DashboardAsk) {
  const metadata = new Map(f.users.map((u) => [u.id, u.metadata]));
  const matches = (userId: string | null) => {
    if (q.metadataKey === undefined && q.metadataValue === undefined) return true;
    const m = userId === null ? undefined : metadata.get(userId);
    if (!m) return false;
    if (q.metadataKey !== undefined && q.metadataValue !== undefined) return Object.hasOwn(m, q.metadataKey) && m[q.metadataKey] === q.metadataValue;
    return q.metadataKey !== undefined ? Object.hasOwn(m, q.metadataKey) : Object.values(m).includes(q.metadataValue!);
  };
  const scope = new Map(
    f.sessions
      .filter((s) => (q.own === undefined || s.userId === q.own) && (q.agentId === undefined || s.agentId === q.agentId) && (q.userId === undefined || s.userId === q.userId) && matches(s.userId))
      .map((s) => [s.id, s]),
  );
  const inRange = (t: number) => t >= q.start && t < q.end;
  const conversations = [...scope.values()].filter((s) => inRange(s.createdAt));
  const messages = f.messages.filter((m) => scope.has(m.sessionId) && inRange(m.createdAt));
  const feedback = f.feedback.filter((x) => scope.has(x.sessionId) && inRange(x.createdAt));
  const files = f.kbFiles.filter((k) => inRange(k.processedAt));
  const sum = <T>(list: T[], v: (x: T) => number) => list.reduce((a, x) => a + v(x), 0);
  const input = sum(messages, (m) => m.inputTokens);
  const output = sum(messages, (m) => m.outputTokens);
  const kbIn = sum(files, (k) => k.extractInputTokens);
  const kbOut = sum(files, (k) => k.extractOutputTokens);
  return {
    conversationCount: conversations.length,
    messageCount: messages.length,
    toolCalls: sum(messages, (m) => m.toolCalls),
    totalTokens: input + output,
    inputTokens: input,
    outputTokens: output,
    uniqueUsers: new Set(conversations.map((s) => s.userId).filter((u) => u !== null)).size,
    uniqueAgents: new Set(conversations.map((s) => s.agentId)).size,
    totalFeedback: feedback.length,
    totalHelpful: feedback.filter((x) => x.helpful).length,
    totalNotHelpful: feedback.filter((x) => !x.helpful).length,
    kbFileCount: files.length,
    kbCount: new Set(files.map((k) => k.knowledgeBaseId)).size,
    kbExtractTotalTokens: kbIn + kbOut,
    kbExtractInputTokens: kbIn,
    kbExtractOutputTokens: kbOut,
  };
}

/** An agent's runs in the agents module's order: newest first, then by id. */
export function naiveRuns(f: Flat, agentId: string, status?: string): Run[] {
  return f.runs
    .filter((r) => r.agentId === agentId && (status === undefined || r.status === status))
    .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
}
