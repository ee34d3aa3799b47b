import type { World } from "./index.js";
import type { AgentKind } from "./records.js";
import { DAY, dayString, iso } from "./time.js";

/** What the world holds, for the start banner and `GET /__mock/world`. */
export interface WorldSummary {
  organisation: string;
  seed: string;
  now: string;
  /** First day of the history and the instant it ends. */
  from: string;
  to: string;
  buildMs: number;
  records: Record<string, number>;
  agents: { id: string; name: string; kind: AgentKind; runs: number; failed: number }[];
  users: { count: number; ids: string[] };
  /** Who keys act for: every key is accepted, and is its own organisation. */
  keys: { admin: { userId: string; role: "admin" }; member: { userId: string; role: "member"; when: string } };
  incidents: string[];
  /** Ids that exist, for a first request. */
  examples: { agentId: string; runId: string; userId: string };
}

export function describeWorld(world: World): WorldSummary {
  const { simulation, base } = world;
  const runs = [...base.runs.values()];
  const agents = [...base.agents.values()].map(({ record, idx }) => {
    const stats = base.agentRuns.get(idx);
    return { id: record.id, name: record.name, kind: record.kind, runs: stats?.total ?? 0, failed: stats?.failed ?? 0 };
  });
  const example = base.agentRuns.get(base.agents.get("agent_support")?.idx ?? -1)?.runs.items.find((r) => r.record.status === "completed");
  return {
    organisation: simulation.org.name,
    seed: world.seed,
    now: iso(world.now),
    from: dayString(simulation.from),
    to: iso(world.now),
    buildMs: Math.round(world.buildMs),
    records: { ...base.size(), total: base.records },
    agents,
    users: { count: base.users.size, ids: [...base.users.keys()] },
    keys: {
      admin: { userId: simulation.org.admin, role: "admin" },
      member: { userId: simulation.org.member, role: "member", when: 'the key contains "member"; its organisation is that of the key with "member" written "admin"' },
    },
    incidents: simulation.incidents.map((incident) => {
      if (incident.kind === "launch") {
        const sessions = [...base.sessions.values()].filter((s) => Math.floor(s.record.createdAt / DAY) === incident.day).length;
        return `${dayString(incident.day * DAY)}: launch day, ${sessions} conversations (about ${incident.factor}x a usual weekday)`;
      }
      const hit = runs.filter((r) => r.record.model?.provider === incident.provider && r.record.startedAt >= incident.from && r.record.startedAt < incident.to);
      const failed = hit.filter((r) => r.record.status === "failed").length;
      return `${iso(incident.from).slice(0, 16)}Z to ${iso(incident.to).slice(11, 16)}Z: ${incident.provider} outage, ${failed} of ${hit.length} runs on its models failed`;
    }),
    examples: { agentId: "agent_support", runId: example?.record.id ?? runs[0]?.record.id ?? "", userId: simulation.org.member },
  };
}
