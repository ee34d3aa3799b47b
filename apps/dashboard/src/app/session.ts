import { createClient, type AgentAnalyticsClient } from "@agent-analytics/client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { DashboardConfig } from "./config-shape.js";
import type { Settings } from "./settings.js";

/** What every view needs: the client, made once from the settings, and where it points. */
export interface Session {
  client: AgentAnalyticsClient;
  settings: Settings;
  config: DashboardConfig;
}

/**
 * A waiting user is better served by an error that says when to try again than by a long spinner:
 * one retry of a 429 or 503, within 3 s of waiting, then the error (with the server's Retry-After).
 */
export function createSession(config: DashboardConfig, settings: Settings): Session {
  const client = createClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey || undefined,
    headers: settings.prefer ? { Prefer: settings.prefer } : {},
    retry: { attempts: 2, maxWaitMs: 3000 },
  });
  return { client, settings, config };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside the dashboard's SessionContext");
  return session;
}
