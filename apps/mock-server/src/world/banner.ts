import type { WorldSummary } from "./summary.js";

/** What the CLI prints after its listening line: the world, the keys' callers, first requests to try. */
export function worldBanner(url: string, w: WorldSummary): string {
  const auth = `-H "Authorization: Bearer mock_admin_key"`;
  const today = w.now.slice(0, 10);
  const monthAgo = new Date(Date.parse(today) - 30 * 86_400_000).toISOString().slice(0, 10);
  const counts = Object.entries(w.records).filter(([k]) => k !== "total").map(([k, n]) => `${n} ${k}`).join(", ");
  return `
Simulated organisation "${w.organisation}" (seed ${w.seed}), ${w.from} to ${w.to}: ${counts}; built in ${w.buildMs} ms
  agents: ${w.agents.map((a) => `${a.id} (${a.kind})`).join(", ")}
  users:  ${w.users.ids.slice(0, 6).join(", ")}, ... (${w.users.count})
  incidents: ${w.incidents.join("; ") || "none"}
Keys: any key is accepted and is its own organisation (the world, plus what that key ingests).
  a key containing "member" acts as ${w.keys.member.userId} (member, may not write) of the key with "admin" for "member"; any other key as ${w.keys.admin.userId} (admin)
  reset what a key ingested: curl -X POST ${auth} ${url}/__mock/reset    the world: curl ${url}/__mock/world

Try:
  curl ${auth} ${url}/agents/${w.examples.agentId}/stats
  curl ${auth} "${url}/agents/${w.examples.agentId}/runs?limit=5"
  curl ${auth} ${url}/agents/${w.examples.agentId}/runs/${w.examples.runId}
  curl ${auth} "${url}/analytics/overview?period=week"
  curl ${auth} "${url}/analytics/metrics?period=day&startDate=${monthAgo}&endDate=${today}"
  curl ${auth} "${url}/api/dashboard/getStats?from=${monthAgo}&to=${today}&allInOrg=true"
  curl ${auth} "${url}/metrics?starting_date=${monthAgo}"
`;
}
