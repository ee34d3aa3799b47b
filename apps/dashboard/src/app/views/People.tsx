import type { SuccessData } from "@agent-analytics/client";
import { Show } from "../components/Status.js";
import { formatCount, formatRate } from "../format.js";
import { EVENT_LABELS } from "../labels.js";
import { analyticsWindow, type DayRange } from "../range.js";
import { useConnection } from "../connection.js";
import { useResult } from "../use-result.js";

export const TOP_USERS = 10;
type TopUser = SuccessData<"getAnalyticsTopUsers">["data"][number];
type Assistant = SuccessData<"getAnalyticsAssistants">["data"][number];
const EVENTS = ["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"] as const satisfies readonly (keyof TopUser & keyof Assistant)[];

const cell = (field: string, value: number, format = formatCount) => (
  <td class="num" data-field={field} data-value={String(value)}>
    {format(value)}
  </td>
);

/** The most active users and every assistant of the range (analytics users/top and assistants). */
export function People({ range }: { range: DayRange }) {
  const { client } = useConnection();
  const window = analyticsWindow(range);
  const key = JSON.stringify(window);
  const users = useResult(key, (signal) => client.analytics.getAnalyticsTopUsers({ ...window, limit: TOP_USERS }, { signal }));
  const assistants = useResult(key, (signal) => client.analytics.getAnalyticsAssistants(window, { signal }));

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">Top users</h2>
      <Show loaded={users} what="top users" empty={(u) => (u.data.length === 0 ? "No user was active in this range." : undefined)}>
        {(u) => (
          <table data-table="users" data-view-ready="users">
            <thead>
              <tr>
                <th>User</th>
                {EVENTS.map((e) => <th class="num" key={e}>{EVENT_LABELS[e]}</th>)}
                <th class="num">{EVENT_LABELS.total}</th>
              </tr>
            </thead>
            <tbody>
              {u.data.map((row) => (
                <tr key={row.user} data-row={row.user}>
                  <td>{row.user}</td>
                  {EVENTS.map((e) => cell(e, row[e]))}
                  {cell("total", row.total)}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
      <h2>Assistants</h2>
      <Show loaded={assistants} what="assistants" empty={(a) => (a.data.length === 0 ? "No assistant had activity in this range." : undefined)}>
        {(a) => (
          <table data-table="assistants" data-view-ready="assistants">
            <thead>
              <tr>
                <th>Assistant</th>
                <th class="num">Active users</th>
                {EVENTS.map((e) => <th class="num" key={e}>{EVENT_LABELS[e]}</th>)}
                <th class="num">Completion rate</th>
              </tr>
            </thead>
            <tbody>
              {a.data.map((row) => (
                <tr key={row.assistant} data-row={row.assistant}>
                  <td>{row.assistant}</td>
                  {cell("activeUsers", row.activeUsers)}
                  {EVENTS.map((e) => cell(e, row[e]))}
                  {cell("completionRate", row.completionRate, formatRate)}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
    </section>
  );
}
