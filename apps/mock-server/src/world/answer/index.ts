import type { OperationId } from "@agent-analytics/types";
import * as agentos from "./agentos.js";
import * as agents from "./agents.js";
import * as analytics from "./analytics.js";
import type { Answer, Asked } from "./answer.js";
import { dashboardStats } from "./dashboard.js";
import { ingestBatch, ingestContext } from "./ingest.js";

/** What the world answers from its records: every operation of the four source modules and ingest. */
export type WorldOperationId = OperationId;
export type Handlers = { [Id in WorldOperationId]: (asked: Asked<Id>) => Answer<unknown> };

/** Where each operation lives, so that a document that moved or reshaped one is served by the solver instead. */
export const ROUTES: { [Id in WorldOperationId]: string } = {
  getAgentStats: "GET /agents/{agentId}/stats",
  listAgentRuns: "GET /agents/{agentId}/runs",
  getAgentRun: "GET /agents/{agentId}/runs/{runId}",
  get_metrics: "GET /metrics",
  refresh_metrics: "POST /metrics/refresh",
  get_metrics_refresh_status: "GET /metrics/refresh/status",
  getDashboardStats: "GET /api/dashboard/getStats",
  getAnalyticsOverview: "GET /analytics/overview",
  getAnalyticsMetrics: "GET /analytics/metrics",
  getAnalyticsRolling: "GET /analytics/rolling",
  listAnalyticsEvents: "GET /analytics/events",
  getAnalyticsAssistants: "GET /analytics/assistants",
  getAnalyticsTopUsers: "GET /analytics/users/top",
  getAnalyticsSnapshots: "GET /analytics/snapshots",
  ingestBatch: "POST /ingest/batch",
  getIngestContext: "GET /ingest/context",
};

/** One handler per operation of the contract: the compiler lists any operation left out. */
export const HANDLERS: Handlers = {
  getAgentStats: agents.agentStats,
  listAgentRuns: agents.agentRuns,
  getAgentRun: agents.agentRun,
  get_metrics: agentos.metrics,
  refresh_metrics: agentos.refresh,
  get_metrics_refresh_status: agentos.refreshStatus,
  getDashboardStats: dashboardStats,
  getAnalyticsOverview: analytics.overview,
  getAnalyticsMetrics: analytics.metrics,
  getAnalyticsRolling: analytics.rolling,
  listAnalyticsEvents: analytics.events,
  getAnalyticsAssistants: analytics.assistants,
  getAnalyticsTopUsers: analytics.topUsers,
  getAnalyticsSnapshots: analytics.snapshots,
  ingestBatch,
  getIngestContext: ingestContext,
};
