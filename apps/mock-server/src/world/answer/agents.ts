import { roundDiv } from "@agent-analytics/contract";
import type { AgentRun, SuccessBody } from "@agent-analytics/types";
import { byRun, type RunEntry } from "../store/entries.js";
import { mergedPage } from "../store/sorted.js";
import { iso } from "../time.js";
import { notFound, ok, type Answer, type Asked } from "./answer.js";

/** docs/semantics.md, agents module: lifetime figures and runs of one agent of the organisation. */
export function agentStats({ org, path }: Asked<"getAgentStats">): Answer<SuccessBody<"getAgentStats">> {
  const agent = org.view.agent(path.agentId);
  if (!agent) return notFound("Agent not found.");
  const t = { total: 0, completed: 0, failed: 0, generated: 0, published: 0, finished: 0, duration: 0 };
  for (const layer of org.view.layers) {
    const s = layer.agentRuns.get(agent.idx);
    if (!s) continue;
    t.total += s.total;
    t.completed += s.completed;
    t.failed += s.failed;
    t.generated += s.postsGenerated;
    t.published += s.postsPublished;
    t.finished += s.finished;
    t.duration += s.durationMs;
  }
  return ok({
    success: true,
    data: {
      agentId: path.agentId,
      totalRuns: t.total,
      successfulRuns: t.completed,
      failedRuns: t.failed,
      totalPostsGenerated: t.generated,
      totalPostsPublished: t.published,
      averageRunDurationMs: t.finished > 0 ? roundDiv(t.duration, t.finished) : 0,
    },
  });
}

export function agentRuns({ org, path, query }: Asked<"listAgentRuns">): Answer<SuccessBody<"listAgentRuns">> {
  const agent = org.view.agent(path.agentId);
  if (!agent) return notFound("Agent not found.");
  const lists = org.view.layers.map((layer) => {
    const s = layer.agentRuns.get(agent.idx);
    return (query.status === undefined ? s?.runs : s?.byStatus.get(query.status))?.items ?? [];
  });
  const total = lists.reduce((n, l) => n + l.length, 0);
  const page = mergedPage(lists, byRun, query.offset, query.limit);
  return ok({ success: true, data: { runs: page.map(present), total } });
}

export function agentRun({ org, path }: Asked<"getAgentRun">): Answer<SuccessBody<"getAgentRun">> {
  const run = org.view.run(path.runId);
  if (!run || run.record.agentId !== path.agentId) return notFound("Run not found.");
  return ok({ success: true, data: present(run) });
}

/** A run as the agents module presents it. */
function present({ record: r }: RunEntry): AgentRun {
  return {
    id: r.id,
    agentId: r.agentId,
    status: r.status,
    postsGenerated: r.postsGenerated,
    tokensUsed: r.tokens.input + r.tokens.output,
    error: r.error,
    startedAt: iso(r.startedAt),
    completedAt: r.completedAt === null ? null : iso(r.completedAt),
  };
}

