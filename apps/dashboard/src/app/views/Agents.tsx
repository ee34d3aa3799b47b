import type { SuccessData } from "@agent-analytics/client";
import { Show } from "../components/Status.js";
import { formatCount, formatDuration } from "../format.js";
import { AGENT_STATS_LABELS } from "../labels.js";
import { analyticsWindow, type DayRange } from "../range.js";
import { href, navigate, type Route } from "../route.js";
import { useConnection } from "../connection.js";
import { all, useResult } from "../use-result.js";

type Activity = SuccessData<"getAnalyticsAssistants">["data"][number];
type Stats = SuccessData<"getAgentStats">["data"];
const COLUMNS = Object.keys(AGENT_STATS_LABELS) as (keyof typeof AGENT_STATS_LABELS)[];

/**
 * Every agent with activity in the range, with its lifetime stats. The contract has no list of
 * agents: the analytics assistants of the range name them, and any other agent opens by its id.
 */
export function Agents({ route, range }: { route: Route; range: DayRange }) {
  const { client } = useConnection();
  const window = analyticsWindow(range);
  const agents = useResult(JSON.stringify(window), async (signal) => {
    const activity = await client.analytics.getAnalyticsAssistants(window, { signal });
    if (activity.error) return activity;
    const stats = await all(activity.data.data.map((a) => client.agents.getAgentStats({ agentId: a.assistant }, { signal })));
    if (stats.error) return stats;
    return { data: activity.data.data.map((a, i) => ({ activity: a, stats: stats.data[i]!.data })), error: undefined };
  });

  const open = (event: Event) => {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget as HTMLFormElement).get("agentId") ?? "").trim();
    if (id) navigate(["agents", id], route.params);
  };

  return (
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">Agents</h2>
      <form class="filters" onSubmit={open}>
        <label>
          Open an agent by id <input name="agentId" placeholder="agent_support" required />
        </label>
        <button type="submit">Open</button>
      </form>
      <Show loaded={agents} what="agents" empty={(rows) => (rows.length === 0 ? "No agent had any activity in this range." : undefined)}>
        {(rows) => <AgentTable rows={rows} route={route} />}
      </Show>
    </section>
  );
}

function AgentTable({ rows, route }: { rows: { activity: Activity; stats: Stats }[]; route: Route }) {
  return (
    <table data-table="agents" data-view-ready="agents">
      <caption>Runs and posts are each agent's lifetime figures; tasks are the range's.</caption>
      <thead>
        <tr>
          <th>Agent</th>
          <th class="num">Tasks in range</th>
          {COLUMNS.map((c) => (
            <th class="num" key={c}>{AGENT_STATS_LABELS[c]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ activity, stats }) => (
          <tr key={stats.agentId} data-agent={stats.agentId}>
            <td>
              <a href={href(["agents", stats.agentId], route.params)}>{stats.agentId}</a>
            </td>
            <td class="num" data-field="tasksInitiated" data-value={String(activity.tasksInitiated)}>{formatCount(activity.tasksInitiated)}</td>
            {COLUMNS.map((c) => (
              <td class="num" key={c} data-field={c} data-value={String(stats[c])}>
                {c === "averageRunDurationMs" ? formatDuration(stats[c]) : formatCount(stats[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
