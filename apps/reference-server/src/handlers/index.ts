import type { Handler } from "../http/context.js";
import { agentosHandlers } from "./agentos.js";
import { agentsHandlers } from "./agents.js";
import { analyticsHandlers } from "./analytics.js";
import { dashboardHandlers } from "./dashboard.js";
import { ingestHandlers } from "./ingest.js";

/** One handler per operationId of the merged document (a test checks none is missing). */
export const handlers: Record<string, Handler> = {
  ...agentsHandlers,
  ...agentosHandlers,
  ...dashboardHandlers,
  ...analyticsHandlers,
  ...ingestHandlers,
};
