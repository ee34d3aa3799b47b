import type { Agent, Feedback, KbFile, Message, Run, Session, Tokens, User } from "../records.js";

/**
 * What a layer keeps per record: the canonical record, plus the agent and user it counts for as
 * indexes (the agent and user of its session for messages and feedback). User index -1 is "no user".
 */
export interface UserEntry { record: User; idx: number }
export interface AgentEntry { record: Agent; idx: number }
export interface SessionEntry { record: Session; agent: number; user: number }
export interface RunEntry { record: Run; agent: number; user: number }
export interface MessageEntry { record: Message; agent: number; user: number }
export interface FeedbackEntry { record: Feedback; agent: number; user: number }

export const EVENT_TYPES = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An analytics event (docs/semantics.md, analytics module), as it follows from one record. */
export interface Event { id: string; type: EventType; agent: number; user: number; at: number }

/**
 * One day's activity of one (agent, user) pair: every count the dashboard and analytics modules
 * sum over whole days. Sessions and messages count on their own day, tasks on the day of their start
 * (initiated) or completion (completed), all for the agent and user the semantics assign them.
 */
export interface Cell {
  agent: number;
  user: number;
  sessions: number;
  incoming: number;
  outgoing: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  feedback: number;
  helpful: number;
  initiated: number;
  completed: number;
}

/** One day's runs by their start: token sums and counts per model (agentos `token_metrics`, `model_metrics`). */
export interface RunDay {
  tokens: Tokens;
  models: Map<string, { id: string; provider: string; count: number }>;
}

/** One day's knowledge-base files by their processing time. */
export interface KbDay { files: number; input: number; output: number; bases: Set<string> }

export type Timed = SessionEntry | MessageEntry | FeedbackEntry;
export const createdAt = (e: Timed): number => e.record.createdAt;
export const processedAt = (k: KbFile): number => k.processedAt;
export const eventAt = (e: Event): number => e.at;

export const byTime = (a: Timed, b: Timed): number => a.record.createdAt - b.record.createdAt;
export const byProcessed = (a: KbFile, b: KbFile): number => a.processedAt - b.processedAt;
/** Events by timestamp, then id (the analytics order). */
export const byEvent = (a: Event, b: Event): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Runs newest first, then by id (the agents module's order). */
export const byRun = (a: RunEntry, b: RunEntry): number =>
  b.record.startedAt - a.record.startedAt || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);

export const zeroTokens = (): Tokens => ({ input: 0, output: 0, cached: 0, cacheWrite: 0, reasoning: 0, audioInput: 0, audioOutput: 0 });
