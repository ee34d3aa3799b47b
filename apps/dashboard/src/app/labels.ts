import type { components } from "@agent-analytics/types";

type Schemas = components["schemas"];

// Labels keyed by the contract's own field names: a field added to or removed from the contract
// fails the typecheck here, so no figure is shown under a name the contract no longer has.

export const DASHBOARD_LABELS: Record<keyof Schemas["DashboardStats"], string> = {
  conversationCount: "Conversations",
  messageCount: "Messages",
  toolCalls: "Tool calls",
  totalTokens: "Tokens",
  inputTokens: "Input tokens",
  outputTokens: "Output tokens",
  uniqueUsers: "Users",
  uniqueAgents: "Agents",
  totalFeedback: "Feedback",
  totalHelpful: "Helpful",
  totalNotHelpful: "Not helpful",
  kbFileCount: "Knowledge-base files",
  kbCount: "Knowledge bases",
  kbExtractTotalTokens: "Extraction tokens",
  kbExtractInputTokens: "Extraction input tokens",
  kbExtractOutputTokens: "Extraction output tokens",
};

export const EVENT_LABELS: Record<keyof Schemas["AnalyticsEventCounts"], string> = {
  incomingMessages: "Incoming messages",
  outgoingMessages: "Outgoing messages",
  tasksInitiated: "Tasks initiated",
  tasksCompleted: "Tasks completed",
  total: "Events",
};

export const AGENT_STATS_LABELS: Record<Exclude<keyof Schemas["AgentStats"], "agentId">, string> = {
  totalRuns: "Runs",
  successfulRuns: "Successful",
  failedRuns: "Failed",
  totalPostsGenerated: "Posts generated",
  totalPostsPublished: "Posts published",
  averageRunDurationMs: "Average duration",
};

/** The three kinds AgentOS counts sessions and runs by (its `<kind>_runs_count` fields). */
export const AGENTOS_KINDS = ["agent", "team", "workflow"] as const satisfies readonly (Schemas["IngestAgent"]["kind"])[];

export const TOKEN_LABELS: Partial<Record<keyof Schemas["TokenMetrics"], string>> = {
  input_tokens: "Input",
  output_tokens: "Output",
  cached_tokens: "Cached",
  reasoning_tokens: "Reasoning",
  audio_tokens: "Audio",
};
