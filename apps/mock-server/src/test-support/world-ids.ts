import type { World } from "../world/index.js";

/** Ids the world holds: agents, runs per agent (newest first), users. */
export interface KnownIds {
  agents: string[];
  runs: Map<string, string[]>;
  users: string[];
}

export function knownIds(world: World): KnownIds {
  const { base } = world;
  const agents = [...base.agents.keys()];
  const runs = new Map(agents.map((id) => [id, (base.agentRuns.get(base.agents.get(id)!.idx)?.runs.items ?? []).map((r) => r.record.id)]));
  return { agents: agents.filter((id) => runs.get(id)!.length > 0), runs, users: [...base.users.keys()] };
}
