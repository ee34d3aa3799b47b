import type { components } from "@agent-analytics/types";
import { Figures } from "../components/Figures.js";
import { Show } from "../components/Status.js";
import { formatCount, formatDuration, formatInstant } from "../format.js";
import { AGENT_STATS_LABELS } from "../labels.js";
import { href, navigate, withParams, type Route } from "../route.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";

type RunStatus = components["schemas"]["AgentRunStatus"];
const STATUSES: RunStatus[] = ["completed", "failed", "running", "queued"];
export const PAGE_SIZE = 20;

const duration = (run: { startedAt: string; completedAt: string | null }) =>
  run.completedAt ? formatDuration(Date.parse(run.completedAt) - Date.parse(run.startedAt)) : "—";

/** One agent: its lifetime stats, and its runs a page at a time (newest first), by status. */
export function AgentDetail({ route, agentId }: { route: Route; agentId: string }) {
  const { client } = useConnection();
  const offset = Math.max(0, Math.floor(Number(route.params.get("offset")) || 0));
  const statusParam = route.params.get("status") as RunStatus | null;
  const status = statusParam && STATUSES.includes(statusParam) ? statusParam : undefined;
  const stats = useResult(agentId, (signal) => client.agents.getAgentStats({ agentId }, { signal }));
  const query = { agentId, limit: PAGE_SIZE, offset, ...(status ? { status } : {}) };
  const runs = useResult(JSON.stringify(query), (signal) => client.agents.listAgentRuns(query, { signal }));
  const go = (changes: Record<string, string | undefined>) => navigate(route.path, withParams(route.params, changes));

  return (
    <section aria-labelledby="agent-title">
      <p>
        <a href={href(["agents"], withParams(route.params, { offset: undefined, status: undefined }))}>← Agents</a>
      </p>
      <h2 id="agent-title">{agentId}</h2>
      <Show loaded={stats} what="the agent's stats">
        {(s) => (
          <Figures id="agent-stats" items={(Object.keys(AGENT_STATS_LABELS) as (keyof typeof AGENT_STATS_LABELS)[]).map((field) => ({
            field,
            label: AGENT_STATS_LABELS[field],
            value: s.data[field],
            format: field === "averageRunDurationMs" ? formatDuration : formatCount,
          }))} />
        )}
      </Show>
      <h3>Runs</h3>
      <div class="toolbar" role="group" aria-label="Run status">
        {[undefined, ...STATUSES].map((s) => (
          <button type="button" key={s ?? "all"} aria-pressed={s === status} onClick={() => go({ status: s, offset: undefined })}>
            {s ?? "all"}
          </button>
        ))}
      </div>
      <Show loaded={runs} what="runs" empty={(r) => (r.data.total === 0 ? `No ${status ?? ""} runs for this agent.`.replace("  ", " ") : undefined)}>
        {(r) => (
          <div data-view-ready="agent">
            <table data-table="runs" data-total={r.data.total}>
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Status</th>
                  <th>Started</th>
                  <th class="num">Duration</th>
                  <th class="num">Tokens</th>
                  <th class="num">Posts</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {r.data.runs.map((run) => (
                  <tr key={run.id} data-run={run.id}>
                    <td>
                      <a href={href(["agents", agentId, "runs", run.id], route.params)}>{run.id}</a>
                    </td>
                    <td class={`run-status ${run.status}`}>{run.status}</td>
                    <td>{formatInstant(run.startedAt)}</td>
                    <td class="num">{duration(run)}</td>
                    <td class="num" data-field="tokensUsed" data-value={String(run.tokensUsed)}>{formatCount(run.tokensUsed)}</td>
                    <td class="num">{formatCount(run.postsGenerated)}</td>
                    <td class="run-error">{run.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="pager">
              <button type="button" disabled={offset === 0} onClick={() => go({ offset: String(Math.max(0, offset - PAGE_SIZE)) })}>
                Newer
              </button>
              <span data-page>
                {formatCount(Math.min(offset + 1, r.data.total))}–{formatCount(Math.min(offset + PAGE_SIZE, r.data.total))} of {formatCount(r.data.total)}
              </span>
              <button type="button" disabled={offset + PAGE_SIZE >= r.data.total} onClick={() => go({ offset: String(offset + PAGE_SIZE) })}>
                Older
              </button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
