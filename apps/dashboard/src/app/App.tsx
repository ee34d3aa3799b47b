import { Nav, VIEWS, type ViewPath } from "./components/Nav.js";
import { RangePicker } from "./components/RangePicker.js";
import { rangeFrom } from "./range.js";
import { useRoute } from "./route.js";
import { useConnection } from "./connection.js";
import type { Settings } from "./settings.js";
import { useResult } from "./use-result.js";
import { AgentDetail } from "./views/AgentDetail.js";
import { AgentOs } from "./views/AgentOs.js";
import { Agents } from "./views/Agents.js";
import { Overview } from "./views/Overview.js";
import { People } from "./views/People.js";
import { RunDetail } from "./views/RunDetail.js";
import { SettingsView } from "./views/SettingsView.js";
import { Trends } from "./views/Trends.js";

/** The page: who the key is, the views, the range they share, and the view the URL names. */
export function App({ defaults }: { defaults: Settings }) {
  const { client, config, settings } = useConnection();
  const route = useRoute();
  const range = rangeFrom(route.params);
  // Who the key acts for decides the default scope of the figures; the views do not wait for it.
  const who = useResult(settings.apiKey, (signal) => client.ingest.getIngestContext(undefined, { signal }));
  const role = who.state === "ready" ? who.data.role : undefined;
  const [first = "overview", second, third, fourth] = route.path;
  const current: ViewPath = VIEWS.some((v) => v.path === first) ? (first as ViewPath) : "overview";

  const view = (() => {
    if (current === "agents" && second && third === "runs" && fourth) return <RunDetail route={route} agentId={second} runId={fourth} />;
    if (current === "agents" && second) return <AgentDetail route={route} agentId={second} />;
    if (current === "agents") return <Agents route={route} range={range} />;
    if (current === "trends") return <Trends route={route} range={range} />;
    if (current === "agentos") return <AgentOs range={range} />;
    if (current === "people") return <People range={range} />;
    if (current === "settings") return <SettingsView defaults={defaults} />;
    return <Overview route={route} range={range} role={role} />;
  })();

  return (
    <>
      <header>
        <h1>Agent analytics</h1>
        <p class="server" data-server={config.server}>
          {config.mock ? "Mock server" : "Server"} {settings.baseUrl === defaults.baseUrl ? config.server : settings.baseUrl}
          {who.state === "ready" && ` · ${who.data.organizationId} · ${who.data.userId} (${who.data.role})`}
          {who.state === "error" && " · key not accepted"}
          {settings.prefer && ` · Prefer: ${settings.prefer}`}
        </p>
        <Nav route={route} current={current} />
        {current !== "settings" && !(current === "agents" && second) && <RangePicker route={route} range={range} />}
      </header>
      <main data-view={current}>{view}</main>
    </>
  );
}
