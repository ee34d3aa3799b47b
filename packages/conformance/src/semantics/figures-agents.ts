import { agentRuns, agentStats, presentRun } from "./oracle-agents.js";
import { data, expectFigures } from "./expect-figures.js";
import type { FigureCheck } from "./figure-check.js";
import { QueryGenerator, RANDOM_QUERIES } from "./random-queries.js";

export const AGENTS_FIGURES: Record<string, FigureCheck> = {
  async getAgentStats(ctx, sem, v) {
    for (const agent of sem.records.agents) {
      await expectFigures(ctx, v, "getAgentStats", { path: { agentId: agent.id } }, agentStats(sem.records, agent.id), data);
    }
  },
  async listAgentRuns(ctx, sem, v) {
    const [first, , , fourth] = sem.records.agents;
    const pages: [string, { status?: string; limit?: number; offset?: number }][] = [
      [first!.id, {}],
      [first!.id, { status: "completed" }],
      [first!.id, { status: "queued", limit: 1 }],
      [first!.id, { limit: 2, offset: 1 }],
      [first!.id, { offset: 100 }],
      [fourth!.id, { status: "failed" }],
      [fourth!.id, { limit: 100 }],
    ];
    const gen = new QueryGenerator(sem, 1);
    for (let i = 0; i < RANDOM_QUERIES; i++) {
      pages.push([gen.pick(sem.records.agents).id, { status: gen.maybe(gen.pick(["queued", "running", "completed", "failed"])), limit: gen.int(1, 8), offset: gen.int(0, 8) }]);
    }
    for (const [agentId, q] of pages) {
      const expected = agentRuns(sem.records, agentId, { status: q.status, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      await expectFigures(ctx, v, "listAgentRuns", { path: { agentId }, query: { status: q.status, limit: q.limit, offset: q.offset } }, expected, data);
    }
  },
  async getAgentRun(ctx, sem, v) {
    for (const run of sem.records.runs) {
      await expectFigures(ctx, v, "getAgentRun", { path: { agentId: run.agentId, runId: run.id } }, presentRun(run), data);
    }
  },
};
