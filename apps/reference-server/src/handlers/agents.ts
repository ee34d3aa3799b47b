import type { SuccessBody } from "@agent-analytics/types";
import { ok, type Handler } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { agentExists, agentStats, getRun, listRuns } from "../queries/agents.js";

export const agentsHandlers: Record<string, Handler> = {
  async getAgentStats({ db, auth, request }) {
    const agentId = String(request.path.agentId);
    if (!(await agentExists(db, auth.organizationId, agentId))) throw new HttpError(404, "Agent not found.");
    const body: SuccessBody<"getAgentStats"> = { success: true, data: await agentStats(db, auth.organizationId, agentId) };
    return ok(body);
  },

  async listAgentRuns({ db, auth, request }) {
    const agentId = String(request.path.agentId);
    if (!(await agentExists(db, auth.organizationId, agentId))) throw new HttpError(404, "Agent not found.");
    const q = request.query as { limit: number; offset: number; status?: string };
    const data = await listRuns(db, auth.organizationId, agentId, { limit: q.limit, offset: q.offset, status: q.status });
    const body: SuccessBody<"listAgentRuns"> = { success: true, data };
    return ok(body);
  },

  async getAgentRun({ db, auth, request }) {
    const run = await getRun(db, auth.organizationId, String(request.path.agentId), String(request.path.runId));
    if (!run) throw new HttpError(404, "Run not found.");
    const body: SuccessBody<"getAgentRun"> = { success: true, data: run };
    return ok(body);
  },
};
