import { render } from "preact";
import { App } from "./App.js";
import type { DashboardConfig } from "./config-shape.js";
import { createConnection, ConnectionContext } from "./connection.js";
import { defaultSettings, loadSettings } from "./settings.js";
import "./styles.css";

// The server says where the API is and which key it was given; the browser's own settings win.
const root = document.getElementById("app")!;
try {
  const response = await fetch("config.json");
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as DashboardConfig;
  const defaults = defaultSettings(config, location.origin);
  const settings = loadSettings(defaults, localStorage, new URLSearchParams(location.search));
  // The static "loading" line is replaced, not kept beside the app (render appends to what is there).
  root.textContent = "";
  render(
    <ConnectionContext.Provider value={createConnection(config, settings)}>
      <App defaults={defaults} />
    </ConnectionContext.Provider>,
    root,
  );
} catch (error) {
  root.innerHTML = "";
  const message = document.createElement("p");
  message.className = "status error";
  message.textContent = `The dashboard could not start: ${(error as Error).message}. Start it with pnpm dashboard.`;
  root.append(message);
}
