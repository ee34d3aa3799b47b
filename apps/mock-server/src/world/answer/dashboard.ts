import type { QueryOf, SuccessBody } from "@agent-analytics/types";
import type { Cell, FeedbackEntry, MessageEntry, SessionEntry } from "../store/entries.js";
import { Layer } from "../store/layer.js";
import { firstAtOrAfter } from "../store/sorted.js";
import type { View } from "../store/view.js";
import { ceilDay, DAY, floorDay, instantOf, isCalendarDate } from "../time.js";
import { failure, ok, type Answer, type Asked } from "./answer.js";

type Stats = SuccessBody<"getDashboardStats">;

/**
 * docs/semantics.md, dashboard module. The scope is a predicate on a session's (agent, user): the
 * caller's own sessions unless `allInOrg`, narrowed by agent, user and the user's metadata. Whole
 * days come from the (agent, user, day) cells, the partial first and last days from the records.
 */
export function dashboardStats({ org, query: q }: Asked<"getDashboardStats">): Answer<Stats> {
  if (q.allInOrg && org.caller.role !== "admin") return failure(403, "allInOrg=true requires the org:admin role.");
  // The range is inclusive: [from, to] = [from, to + 1 ms), a calendar-date `to` covering its whole day.
  const start = instantOf(q.from);
  const end = isCalendarDate(q.to) ? instantOf(q.to) + DAY : instantOf(q.to) + 1;
  const view = org.view;
  const { inScope, users: scopeUsers, agent: scopeAgent } = scope(view, q, org.caller.userId);

  const t = { conversations: 0, messages: 0, toolCalls: 0, input: 0, output: 0, feedback: 0, helpful: 0 };
  const users = new Uint8Array(view.userCount);
  const agents = new Uint8Array(view.agentCount);
  let uniqueUsers = 0;
  let uniqueAgents = 0;
  const conversation = (agent: number, user: number) => {
    if (user >= 0 && users[user] === 0) {
      users[user] = 1;
      uniqueUsers++;
    }
    if (agents[agent] === 0) {
      agents[agent] = 1;
      uniqueAgents++;
    }
  };
  const wholeFrom = Math.min(ceilDay(start), Math.max(start, floorDay(end)));
  const wholeTo = Math.max(wholeFrom, floorDay(end));
  for (const layer of view.layers) {
    for (const day of Layer.daysBetween(layer.cells, wholeFrom / DAY, wholeTo / DAY)) {
      if (scopeUsers === undefined) {
        // Organisation-wide: the day's (or the agent's) totals, and the pairs of its conversations.
        const totals = scopeAgent === undefined ? day.total : day.agentTotals.get(scopeAgent);
        if (totals) addCell(t, totals);
        for (const c of day.conversing) if (scopeAgent === undefined || c.agent === scopeAgent) conversation(c.agent, c.user);
        continue;
      }
      for (const user of scopeUsers) {
        for (const c of day.byUser.get(user) ?? []) {
          if (!inScope(c.agent, c.user)) continue;
          addCell(t, c);
          if (c.sessions > 0) conversation(c.agent, c.user);
        }
      }
    }
    for (const [from, to] of [[start, wholeFrom], [wholeTo, end]] as const) {
      if (from >= to) continue;
      const sessions = layer.sessionsByTime.items;
      for (let i = firstCreated(sessions, from); i < sessions.length && sessions[i]!.record.createdAt < to; i++) {
        const s = sessions[i]!;
        if (!inScope(s.agent, s.user)) continue;
        t.conversations++;
        conversation(s.agent, s.user);
      }
      const messages = layer.messagesByTime.items;
      for (let i = firstCreated(messages, from); i < messages.length && messages[i]!.record.createdAt < to; i++) {
        const m = messages[i]!;
        if (inScope(m.agent, m.user)) addMessage(t, m);
      }
      const feedback = layer.feedbackByTime.items;
      for (let i = firstCreated(feedback, from); i < feedback.length && feedback[i]!.record.createdAt < to; i++) {
        const f = feedback[i]!;
        if (!inScope(f.agent, f.user)) continue;
        t.feedback++;
        if (f.record.helpful) t.helpful++;
      }
    }
  }
  const kb = knowledgeBases(view, start, end, wholeFrom, wholeTo);
  return ok({
    conversationCount: t.conversations,
    messageCount: t.messages,
    toolCalls: t.toolCalls,
    totalTokens: t.input + t.output,
    inputTokens: t.input,
    outputTokens: t.output,
    uniqueUsers,
    uniqueAgents,
    totalFeedback: t.feedback,
    totalHelpful: t.helpful,
    totalNotHelpful: t.feedback - t.helpful,
    kbFileCount: kb.files,
    kbCount: kb.bases.size,
    kbExtractTotalTokens: kb.input + kb.output,
    kbExtractInputTokens: kb.input,
    kbExtractOutputTokens: kb.output,
  });
}

type Totals = { conversations: number; messages: number; toolCalls: number; input: number; output: number; feedback: number; helpful: number };

function addCell(t: Totals, c: Cell): void {
  t.conversations += c.sessions;
  t.messages += c.incoming + c.outgoing;
  t.toolCalls += c.toolCalls;
  t.input += c.inputTokens;
  t.output += c.outputTokens;
  t.feedback += c.feedback;
  t.helpful += c.helpful;
}

function addMessage(t: Totals, m: MessageEntry): void {
  t.messages++;
  t.toolCalls += m.record.toolCalls;
  t.input += m.record.inputTokens;
  t.output += m.record.outputTokens;
}

interface Scope {
  /** Which sessions count, as a predicate on their agent and user indexes. */
  inScope: (agent: number, user: number) => boolean;
  /** The only users whose sessions can count (undefined: any user, and sessions without one). */
  users?: number[];
  /** The only agent whose sessions can count. */
  agent?: number;
}

function scope(view: View, q: QueryOf<"getDashboardStats">, callerUserId: string): Scope {
  const idx = (id: string) => view.user(id)?.idx ?? -2;
  // Without allInOrg the scope is the caller's own sessions, which a `userId` filter can only narrow.
  const own = q.allInOrg ? undefined : idx(callerUserId);
  const userFilter = q.userId === undefined ? undefined : idx(q.userId);
  const agentFilter = q.agentId === undefined ? undefined : (view.agent(q.agentId)?.idx ?? -2);
  let metadataMatch: Uint8Array | undefined;
  if (q.metadataKey !== undefined || q.metadataValue !== undefined) {
    metadataMatch = new Uint8Array(view.userCount);
    for (const u of view.allUsers()) {
      const m = u.record.metadata;
      const hit =
        q.metadataKey !== undefined && q.metadataValue !== undefined
          ? Object.hasOwn(m, q.metadataKey) && m[q.metadataKey] === q.metadataValue
          : q.metadataKey !== undefined
            ? Object.hasOwn(m, q.metadataKey)
            : Object.values(m).includes(q.metadataValue!);
      if (hit) metadataMatch[u.idx] = 1;
    }
  }
  const inScope = (agent: number, user: number) =>
    (own === undefined || user === own) &&
    (userFilter === undefined || user === userFilter) &&
    (agentFilter === undefined || agent === agentFilter) &&
    // Sessions without a user never match a metadata filter.
    (metadataMatch === undefined || (user >= 0 && metadataMatch[user] === 1));
  const named = own ?? userFilter;
  const users = named !== undefined ? [named] : metadataMatch ? [...metadataMatch.keys()].filter((u) => metadataMatch[u] === 1) : undefined;
  return { inScope, users, agent: agentFilter };
}

/** Knowledge-base files processed in range, organisation-wide (no filter applies). */
function knowledgeBases(view: View, start: number, end: number, wholeFrom: number, wholeTo: number) {
  const out = { files: 0, input: 0, output: 0, bases: new Set<string>() };
  for (const layer of view.layers) {
    for (const d of Layer.daysBetween(layer.kbDays, wholeFrom / DAY, wholeTo / DAY)) {
      out.files += d.files;
      out.input += d.input;
      out.output += d.output;
      for (const b of d.bases) out.bases.add(b);
    }
    for (const [from, to] of [[start, wholeFrom], [wholeTo, end]] as const) {
      const list = layer.kbByTime.items;
      for (let i = firstAtOrAfter(list, (k) => k.processedAt, from); i < list.length && list[i]!.processedAt < to; i++) {
        const k = list[i]!;
        out.files++;
        out.input += k.extractInputTokens;
        out.output += k.extractOutputTokens;
        out.bases.add(k.knowledgeBaseId);
      }
    }
  }
  return out;
}

/** The first index of a time-ordered list created at or after `t`. */
function firstCreated(list: readonly (SessionEntry | MessageEntry | FeedbackEntry)[], t: number): number {
  return firstAtOrAfter(list, (e) => e.record.createdAt, t);
}
