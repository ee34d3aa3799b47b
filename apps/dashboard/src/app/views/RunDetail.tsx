import { Show } from "../components/Status.js";
import { formatCount, formatDuration, formatInstant } from "../format.js";
import { href, withParams, type Route } from "../route.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";

/** One run of one agent, every field of it. */
export function RunDetail({ route, agentId, runId }: { route: Route; agentId: string; runId: string }) {
  const { client } = useConnection();
  const run = useResult(`${agentId}/${runId}`, (signal) => client.agents.getAgentRun({ agentId, runId }, { signal }));
  return (
    <section aria-labelledby="run-title">
      <p>
        <a href={href(["agents", agentId], withParams(route.params, {}))}>← {agentId}</a>
      </p>
      <h2 id="run-title">Run {runId}</h2>
      <Show loaded={run} what="the run">
        {({ data: r }) => (
          <dl class="record" data-view-ready="run" data-run={r.id}>
            <dt>Status</dt>
            <dd class={`run-status ${r.status}`} data-field="status">{r.status}</dd>
            <dt>Started</dt>
            <dd data-field="startedAt">{formatInstant(r.startedAt)}</dd>
            <dt>Completed</dt>
            <dd data-field="completedAt">{formatInstant(r.completedAt)}</dd>
            <dt>Duration</dt>
            <dd>{r.completedAt ? formatDuration(Date.parse(r.completedAt) - Date.parse(r.startedAt)) : "still going"}</dd>
            <dt>Tokens used</dt>
            <dd data-field="tokensUsed" data-value={String(r.tokensUsed)}>{formatCount(r.tokensUsed)}</dd>
            <dt>Posts generated</dt>
            <dd data-field="postsGenerated" data-value={String(r.postsGenerated)}>{formatCount(r.postsGenerated)}</dd>
            <dt>Error</dt>
            <dd data-field="error">{r.error ?? "none"}</dd>
          </dl>
        )}
      </Show>
    </section>
  );
}
