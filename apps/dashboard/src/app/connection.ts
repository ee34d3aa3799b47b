import { createClient, type AgentAnalyticsClient } from "@agent-analytics/client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { DashboardConfig } from "./config-shape.js";
import type { Settings } from "./settings.js";

/** What every view needs: the client, made once from the settings, and where it points. */
export interface Connection {
  client: AgentAnalyticsClient;
  settings: Settings;
  config: DashboardConfig;
}

/**
 * A waiting user is better served by an error that says when to try again than by a long spinner:
 * one retry of a 429 or 503, within 3 s of waiting, then the error (with the server's Retry-After).
 */
export function createConnection(config: DashboardConfig, settings: Settings): Connection {
  const client = createClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey || undefined,
    headers: settings.prefer ? { Prefer: settings.prefer } : {},
    retry: { attempts: 2, maxWaitMs: 3000 },
  });
  return { client, settings, config };
}

export const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error("useConnection outside the dashboard's ConnectionContext");
  return connection;
}
