import { epochMs as ms, type Records } from "@agent-analytics/contract";

export interface DashboardQuery {
  from: string;
  to: string;
  allInOrg?: boolean;
  agentId?: string;
  userId?: string;
  metadataKey?: string;
  metadataValue?: string;
}

const DAY = 86_400_000;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * `GET /api/dashboard/getStats` for the caller `callerUserId`, from docs/semantics.md. The range is
 * inclusive; a calendar-date `from` is its UTC midnight, a calendar-date `to` its day's last instant.
 * Without `allInOrg`, `userId` narrows the caller's own sessions.
 */
export function dashboardStats(records: Records, query: DashboardQuery, callerUserId: string) {
  const from = ms(isDate(query.from) ? `${query.from}T00:00:00.000Z` : query.from);
  const to = isDate(query.to) ? ms(`${query.to}T00:00:00.000Z`) + DAY - 1 : ms(query.to);
  const inRange = (iso: string) => ms(iso) >= from && ms(iso) <= to;
  const metadataOf = new Map(records.users.map((u) => [u.id, u.metadata]));
  const matchesMetadata = (userId: string | null) => {
    if (query.metadataKey === undefined && query.metadataValue === undefined) return true;
    if (userId === null) return false;
    const metadata = metadataOf.get(userId) ?? {};
    if (query.metadataKey !== undefined && query.metadataValue !== undefined) return metadata[query.metadataKey] === query.metadataValue;
    if (query.metadataKey !== undefined) return query.metadataKey in metadata;
    return Object.values(metadata).includes(query.metadataValue!);
  };
  const scope = records.sessions.filter(
    (s) =>
      (query.allInOrg ? true : s.userId === callerUserId) &&
      (query.agentId === undefined || s.agentId === query.agentId) &&
      (query.userId === undefined || s.userId === query.userId) &&
      matchesMetadata(s.userId),
  );
  const scopeIds = new Set(scope.map((s) => s.id));
  const conversations = scope.filter((s) => inRange(s.createdAt));
  const messages = records.messages.filter((m) => scopeIds.has(m.sessionId) && inRange(m.createdAt));
  const feedback = records.feedback.filter((f) => scopeIds.has(f.sessionId) && inRange(f.createdAt));
  const files = records.kbFiles.filter((k) => inRange(k.processedAt));
  const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((acc, x) => acc + f(x), 0);
  const inputTokens = sum(messages, (m) => m.inputTokens);
  const outputTokens = sum(messages, (m) => m.outputTokens);
  const kbIn = sum(files, (k) => k.extractInputTokens);
  const kbOut = sum(files, (k) => k.extractOutputTokens);
  return {
    conversationCount: conversations.length,
    uniqueUsers: new Set(conversations.map((s) => s.userId).filter((u) => u !== null)).size,
    uniqueAgents: new Set(conversations.map((s) => s.agentId)).size,
    messageCount: messages.length,
    toolCalls: sum(messages, (m) => m.toolCalls),
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    totalFeedback: feedback.length,
    totalHelpful: feedback.filter((f) => f.helpful).length,
    totalNotHelpful: feedback.filter((f) => !f.helpful).length,
    kbFileCount: files.length,
    kbCount: new Set(files.map((k) => k.knowledgeBaseId)).size,
    kbExtractInputTokens: kbIn,
    kbExtractOutputTokens: kbOut,
    kbExtractTotalTokens: kbIn + kbOut,
  };
}
