import type { DashboardConfig } from "./config-shape.js";

/** What the client is created with; the server's defaults, changed in Settings and kept in this browser. */
export interface Settings {
  /** The API's base URL: the dashboard's proxy by default, or a server called directly (it must send CORS headers). */
  baseUrl: string;
  apiKey: string;
  /** A `Prefer` header sent with every call: the mock's delay and failure injection (`delay=1500`, `code=500`). */
  prefer: string;
}

const STORAGE_KEY = "agent-analytics-dashboard:settings";

export function defaultSettings(config: DashboardConfig, origin: string): Settings {
  return { baseUrl: new URL(config.apiBase, origin).href.replace(/\/$/, ""), apiKey: config.apiKey, prefer: "" };
}

/** The stored settings over the defaults; `?prefer=` in the page's URL sets the Prefer header for this visit. */
export function loadSettings(defaults: Settings, storage: Pick<Storage, "getItem">, search: URLSearchParams): Settings {
  let stored: Partial<Settings> = {};
  try {
    stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? "{}") as Partial<Settings>;
  } catch {
    // A damaged entry is ignored: the server's defaults apply.
  }
  const settings: Settings = { ...defaults };
  for (const key of ["baseUrl", "apiKey", "prefer"] as const) if (typeof stored[key] === "string") settings[key] = stored[key];
  const prefer = search.get("prefer");
  if (prefer !== null) settings.prefer = prefer;
  return settings;
}

export function saveSettings(settings: Settings, defaults: Settings, storage: Pick<Storage, "setItem" | "removeItem">): void {
  const changed = JSON.stringify(settings) !== JSON.stringify(defaults);
  if (changed) storage.setItem(STORAGE_KEY, JSON.stringify(settings));
  else storage.removeItem(STORAGE_KEY);
}
