import { HttpError } from "../http/errors.js";
import type { Handlers } from "../http/context.js";
import { agentExists, agentStats, getRun, listRuns } from "../queries/agents.js";

export const agentsHandlers = {
  async getAgentStats({ path }, { db, auth }, reply) {
    if (!(await agentExists(db, auth.organizationId, path.agentId))) throw new HttpError(404, "Agent not found.");
    return reply(200, { success: true, data: await agentStats(db, auth.organizationId, path.agentId) });
  },

  async listAgentRuns({ path, query }, { db, auth }, reply) {
    if (!(await agentExists(db, auth.organizationId, path.agentId))) throw new HttpError(404, "Agent not found.");
    const data = await listRuns(db, auth.organizationId, path.agentId, { limit: query.limit, offset: query.offset, status: query.status });
    return reply(200, { success: true, data });
  },

  async getAgentRun({ path }, { db, auth }, reply) {
    const run = await getRun(db, auth.organizationId, path.agentId, path.runId);
    if (!run) throw new HttpError(404, "Run not found.");
    return reply(200, { success: true, data: run });
  },
} satisfies Partial<Handlers>;
