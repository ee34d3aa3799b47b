/** What the dashboard's server tells the page at /config.json. */
export interface DashboardConfig {
  /** Where API calls go: the dashboard's own origin, proxied to `server`. */
  apiBase: string;
  /** The key the server was started with ("" when none was given). */
  apiKey: string;
  /** The server shown, for the header. */
  server: string;
  /** Whether that server is the mock the dashboard started. */
  mock: boolean;
}
