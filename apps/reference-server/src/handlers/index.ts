import type { Handlers } from "../http/context.js";
import { agentosHandlers } from "./agentos.js";
import { agentsHandlers } from "./agents.js";
import { analyticsHandlers } from "./analytics.js";
import { dashboardHandlers } from "./dashboard.js";
import { ingestHandlers } from "./ingest.js";

/**
 * One handler per operationId of the contract, each typed by its operation (its request, its
 * success replies): the compiler rejects a missing, misspelt or mistyped one (handlers.test-d.ts).
 */
export const handlers: Handlers = {
  ...agentsHandlers,
  ...agentosHandlers,
  ...dashboardHandlers,
  ...analyticsHandlers,
  ...ingestHandlers,
};
