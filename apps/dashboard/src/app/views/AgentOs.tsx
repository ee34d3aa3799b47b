import type { SuccessData } from "@agent-analytics/client";
import type { Bar } from "../components/BarList.js";
import { BarList } from "../components/BarList.js";
import { LineChart } from "../components/LineChart.js";
import { Show } from "../components/Status.js";
import { fillDays } from "../fill-days.js";
import { AGENTOS_KINDS, TOKEN_LABELS } from "../labels.js";
import { agentOsWindow, daysOf, type DayRange } from "../range.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";
import { RefreshPanel } from "./RefreshPanel.js";

type Row = SuccessData<"get_metrics">["metrics"][number];
const KIND_COLORS = ["#2563eb", "#9333ea", "#ea580c"];
const TOKEN_COLORS = ["#2563eb", "#16a34a", "#64748b", "#9333ea", "#0891b2"];

/** Models by number of runs over the whole range, most used first (the contract's order within a day). */
export function modelMix(rows: readonly Row[]): Bar[] {
  const counts = new Map<string, Bar>();
  for (const row of rows) {
    for (const m of row.model_metrics) {
      const key = `${m.model_provider}/${m.model_id}`;
      const bar = counts.get(key) ?? { label: m.model_id, detail: m.model_provider, value: 0 };
      bar.value += m.count;
      counts.set(key, bar);
    }
  }
  return [...counts.values()].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** AgentOS's per-day metrics over the range: sessions and runs by kind, tokens, model mix; and its refresh. */
export function AgentOs({ range }: { range: DayRange }) {
  const { client } = useConnection();
  const query = agentOsWindow(range);
  const metrics = useResult(JSON.stringify(query), (signal) => client.agentos.get_metrics(query, { signal }));

  return (
    <section aria-labelledby="agentos-title">
      <h2 id="agentos-title">AgentOS</h2>
      <RefreshPanel onCompleted={metrics.reload} />
      <Show loaded={metrics} what="AgentOS metrics" empty={(m) => (m.metrics.length === 0 ? "No sessions or runs in this range." : undefined)}>
        {(m) => {
          const days = daysOf(range);
          const rows = fillDays(days, m.metrics, (row) => row.date);
          const byKind = (suffix: "runs_count" | "sessions_count") =>
            AGENTOS_KINDS.map((kind, i) => ({ label: kind, values: rows.map((r) => (r ? r[`${kind}_${suffix}`] : 0)), color: KIND_COLORS[i]! }));
          const tokens = (Object.keys(TOKEN_LABELS) as (keyof typeof TOKEN_LABELS)[]).map((field, i) => ({
            label: TOKEN_LABELS[field]!,
            values: rows.map((r) => Number(r?.token_metrics[field] ?? 0)),
            color: TOKEN_COLORS[i]!,
          }));
          return (
            <div class="charts" data-view-ready="agentos">
              <p class="note">Updated {m.updated_at ? m.updated_at.replace("T", " ").slice(0, 19) + " UTC" : "never"}; days without a row had no activity.</p>
              <LineChart id="sessions" title="Sessions per day, by kind" periods={days} series={byKind("sessions_count")} />
              <LineChart id="runs" title="Runs per day, by kind" periods={days} series={byKind("runs_count")} />
              <LineChart id="tokens" title="Tokens per day" periods={days} series={tokens} />
              <BarList id="models" title="Model mix (runs)" bars={modelMix(m.metrics)} />
            </div>
          );
        }}
      </Show>
    </section>
  );
}
