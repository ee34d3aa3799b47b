/** What the test writes into the empty folder: an ESM script importing every entry point, and a small typed client. */

/** Imports each entry point and prints its export names; JSON entries use the import attribute and are saved for comparison. */
export function importScript(packages: { name: string; subpaths: string[] }[]): string {
  const lines = ['import { writeFileSync } from "node:fs";', "const exported = {};"];
  let n = 0;
  for (const { name, subpaths } of packages) {
    for (const subpath of subpaths) {
      const specifier = `${name}${subpath.slice(1)}`;
      if (specifier.endsWith(".json")) {
        lines.unshift(`import json${n} from ${JSON.stringify(specifier)} with { type: "json" };`);
        lines.push(`exported[${JSON.stringify(specifier)}] = Object.keys(json${n});`, `writeFileSync("document.json", JSON.stringify(json${n}));`);
        n++;
      } else {
        lines.push(`exported[${JSON.stringify(specifier)}] = Object.keys(await import(${JSON.stringify(specifier)})).sort();`);
      }
    }
  }
  lines.push("console.log(JSON.stringify(exported));");
  return `${lines.join("\n")}\n`;
}

/** A client of the agents module written against the published types; the @ts-expect-error lines must be errors. */
export const CLIENT_SOURCE = `import type { AgentRun, OperationId, QueryOf, SuccessBody, paths } from "@agent-analytics/types";
import { document, matchRoute } from "@agent-analytics/contract";
import contract from "@agent-analytics/contract/openapi.json" with { type: "json" };

export async function listRuns(baseUrl: string, agentId: string, query: QueryOf<"listAgentRuns">): Promise<SuccessBody<"listAgentRuns">> {
  const url = new URL(\`/agents/\${encodeURIComponent(agentId)}/runs\`, baseUrl);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  const response = await fetch(url, { headers: { authorization: "Bearer key" } });
  return (await response.json()) as SuccessBody<"listAgentRuns">;
}

export const failed = (runs: AgentRun[]): number => runs.filter((run) => run.status === "failed").length;
export type StatsResponse = paths["/agents/{agentId}/stats"]["get"]["responses"][200]["content"]["application/json"];
export const total = (stats: StatsResponse): number => stats.data.totalRuns;
export const operation: OperationId = "getAgentStats";
export const routed = matchRoute(document, "GET", "/agents/agent_1/stats").kind;
export const title: string = contract.info.title;

// @ts-expect-error limit is a number
export const wrongQuery: QueryOf<"listAgentRuns"> = { limit: "10" };
// @ts-expect-error not a status of a run
export const wrongStatus = (run: AgentRun) => run.status === "cancelled";
// @ts-expect-error not an operation of the contract
export const wrongOperation: OperationId = "getAgentStatistics";
// @ts-expect-error not a field of the stats
export const wrongField = (stats: StatsResponse) => stats.data.totalRunz;
`;

export const CLIENT_TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    resolveJsonModule: true,
    skipLibCheck: false,
    types: [],
  },
  files: ["client.ts"],
});
