import { saveSettings, type Settings } from "../settings.js";
import { useConnection } from "../connection.js";

/** Which server and key the dashboard uses, and the mock's Prefer controls; kept in this browser. */
export function SettingsView({ defaults }: { defaults: Settings }) {
  const { settings, config } = useConnection();
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next: Settings = {
      baseUrl: String(form.get("baseUrl") ?? "").trim().replace(/\/+$/, "") || defaults.baseUrl,
      apiKey: String(form.get("apiKey") ?? "").trim(),
      prefer: String(form.get("prefer") ?? "").trim(),
    };
    saveSettings(next, defaults, localStorage);
    location.reload();
  };
  const reset = () => {
    saveSettings(defaults, defaults, localStorage);
    location.reload();
  };
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form class="settings" onSubmit={submit}>
        <label>
          API base URL
          <input name="baseUrl" value={settings.baseUrl} size={50} />
          <small>
            {defaults.baseUrl} is this dashboard's proxy to {config.server}. Another URL is called from the browser directly, so that server must
            allow this page's origin (CORS), as the mock does.
          </small>
        </label>
        <label>
          API key
          <input name="apiKey" value={settings.apiKey} size={40} autocomplete="off" />
          <small>A key containing "member" makes the mock answer as a member, who sees only their own conversations.</small>
        </label>
        <label>
          Prefer header (mock only)
          <input name="prefer" value={settings.prefer} placeholder="delay=1500, fail-rate=0.3" size={40} />
          <small>The mock's latency and failure injection: delay=1500 shows loading states, code=500 or fail-rate=0.5 error states.</small>
        </label>
        <div>
          <button type="submit">Save and reload</button> <button type="button" onClick={reset}>Back to the server's defaults</button>
        </div>
      </form>
    </section>
  );
}
