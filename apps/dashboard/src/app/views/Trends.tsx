import type { SuccessData } from "@agent-analytics/client";
import type { components } from "@agent-analytics/types";
import { Figures } from "../components/Figures.js";
import { LineChart } from "../components/LineChart.js";
import { Show } from "../components/Status.js";
import { formatRate } from "../format.js";
import { EVENT_LABELS } from "../labels.js";
import { analyticsWindow, type DayRange } from "../range.js";
import { navigate, withParams, type Route } from "../route.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";

type Period = components["schemas"]["AnalyticsPeriod"];
type Buckets = SuccessData<"getAnalyticsMetrics">["data"];
const PERIODS: Period[] = ["day", "week", "month"];
const WINDOWS = [1, 7, 30, 90];

const eventTotal = (b: Buckets[number]) => b.incomingMessages + b.outgoingMessages + b.tasksInitiated + b.tasksCompleted;

/** Activity per day, week or month of the range (analytics metrics), and the rolling window. */
export function Trends({ route, range }: { route: Route; range: DayRange }) {
  const { client } = useConnection();
  const period = (PERIODS as string[]).includes(route.params.get("period") ?? "") ? (route.params.get("period") as Period) : "day";
  const window = WINDOWS.includes(Number(route.params.get("window"))) ? Number(route.params.get("window")) : 7;
  const query = { period, ...analyticsWindow(range) };
  const metrics = useResult(JSON.stringify(query), (signal) => client.analytics.getAnalyticsMetrics(query, { signal }));
  const rolling = useResult(String(window), (signal) => client.analytics.getAnalyticsRolling({ window }, { signal }));
  const set = (changes: Record<string, string>) => navigate(route.path, withParams(route.params, changes));

  return (
    <section aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      <div class="toolbar" role="group" aria-label="Period">
        {PERIODS.map((p) => (
          <button type="button" key={p} aria-pressed={p === period} onClick={() => set({ period: p })}>
            By {p}
          </button>
        ))}
      </div>
      <Show loaded={metrics} what="activity" empty={(m) => (m.data.every((b) => eventTotal(b) === 0) ? "No messages or tasks in this range." : undefined)}>
        {(m) => {
          const periods = m.data.map((b) => b.startDate.slice(0, 10));
          const column = (field: keyof Buckets[number]) => m.data.map((b) => Number(b[field]));
          return (
            <div class="charts" data-view-ready="trends">
              <LineChart id="messages" title={`Messages per ${period}`} periods={periods} series={[
                { label: EVENT_LABELS.incomingMessages, values: column("incomingMessages"), color: "#2563eb" },
                { label: EVENT_LABELS.outgoingMessages, values: column("outgoingMessages"), color: "#16a34a" },
              ]} />
              <LineChart id="tasks" title={`Tasks per ${period}`} periods={periods} series={[
                { label: EVENT_LABELS.tasksInitiated, values: column("tasksInitiated"), color: "#9333ea" },
                { label: EVENT_LABELS.tasksCompleted, values: column("tasksCompleted"), color: "#ea580c" },
              ]} />
              <LineChart id="active-users" title={`Active users per ${period}`} periods={periods} series={[
                { label: "Active users", values: column("activeUsers"), color: "#0891b2" },
              ]} />
            </div>
          );
        }}
      </Show>
      <h3>Rolling window</h3>
      <div class="toolbar" role="group" aria-label="Rolling window">
        {WINDOWS.map((w) => (
          <button type="button" key={w} aria-pressed={w === window} onClick={() => set({ window: String(w) })}>
            {w} {w === 1 ? "day" : "days"}
          </button>
        ))}
      </div>
      <Show loaded={rolling} what="the rolling window">
        {(r) => (
          <div data-view-ready="rolling">
            <p class="note">
              The {r.data.window} days from {r.data.startDate.slice(0, 10)} to {r.data.endDate.slice(0, 10)} (exclusive), whatever the range above.
            </p>
            <Figures id="rolling" items={[
              { field: "activeUsers", label: "Active users", value: r.data.activeUsers },
              ...(Object.keys(EVENT_LABELS) as (keyof typeof EVENT_LABELS)[]).map((field) => ({ field, label: EVENT_LABELS[field], value: r.data.events[field] })),
              { field: "completionRate", label: "Completion rate", value: r.data.completionRate, format: formatRate },
            ]} />
          </div>
        )}
      </Show>
    </section>
  );
}
