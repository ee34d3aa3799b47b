import type { SuccessData } from "@agent-analytics/client";
import { useEffect } from "preact/hooks";
import { Figures } from "../components/Figures.js";
import { Show } from "../components/Status.js";
import { formatCount } from "../format.js";
import { DASHBOARD_LABELS } from "../labels.js";
import { dashboardWindow, type DayRange } from "../range.js";
import { navigate, withParams, type Route } from "../route.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";
import { OverviewFilters, filtersFrom } from "./OverviewFilters.js";

type Stats = SuccessData<"getDashboardStats">;

const GROUPS: { title: string; fields: (keyof Stats)[] }[] = [
  { title: "Conversations", fields: ["conversationCount", "uniqueUsers", "uniqueAgents", "messageCount", "toolCalls"] },
  { title: "Tokens", fields: ["totalTokens", "inputTokens", "outputTokens"] },
  { title: "Feedback", fields: ["totalFeedback", "totalHelpful", "totalNotHelpful"] },
  { title: "Knowledge bases (whole organisation)", fields: ["kbFileCount", "kbCount", "kbExtractTotalTokens", "kbExtractInputTokens", "kbExtractOutputTokens"] },
];

const isEmpty = (s: Stats) => s.conversationCount === 0 && s.messageCount === 0 && s.totalFeedback === 0 && s.kbFileCount === 0;

/** The organisation's figures for the range (the dashboard module's getStats), with its filters. */
export function Overview({ route, range, role }: { route: Route; range: DayRange; role: string | undefined }) {
  const { client } = useConnection();
  const filters = filtersFrom(route.params, role);
  const query = { ...dashboardWindow(range), ...filters };
  const stats = useResult(JSON.stringify(query), (signal) => client.dashboard.getDashboardStats(query, { signal }));

  // The figures are on screen: the mark the benchmark measures first meaningful paint by.
  useEffect(() => {
    if (stats.state === "ready") requestAnimationFrame(() => performance.mark("dashboard:overview-ready"));
  }, [stats.state]);

  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Organisation figures</h2>
      <OverviewFilters filters={filters} role={role} onChange={(next) => navigate(route.path, withParams(route.params, next))} />
      <Show loaded={stats} what="organisation figures" empty={(s) => (isEmpty(s) ? "Nothing happened in this range for these filters: no conversations, messages, feedback or knowledge-base files." : undefined)}>
        {(s) => (
          <div data-view-ready="overview">
            {GROUPS.map((group) => (
              <div class="group" key={group.title}>
                <h3>{group.title}</h3>
                <Figures id={group.title} items={group.fields.map((field) => ({ field, label: DASHBOARD_LABELS[field], value: s[field], format: formatCount }))} />
              </div>
            ))}
          </div>
        )}
      </Show>
    </section>
  );
}
