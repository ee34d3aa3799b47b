import { document, listOperations, requestWithDefaults } from "@agent-analytics/spec";
import { planDocument } from "./solver/operation-plan.ts";
import { solveResponse } from "./solver/solve-response.ts";
import { generateValue } from "./generate/value-generator.ts";
import { seededRandom } from "./generate/random.ts";
import { schemaInvariantSites } from "./solver/schema-invariants.ts";
const plans = planDocument(document);
const now = Date.UTC(2026, 2, 1);
for (const [id, q] of [["listAgentRuns", { path: { agentId: "a" }, query: { limit: 20 } }], ["get_metrics", { query: { starting_date: "2026-02-01", ending_date: "2026-02-07" } }]] as const) {
  const op = listOperations(document).find((o) => o.operationId === id)!;
  const plan = plans.get(`${id} 200`)!;
  const req = requestWithDefaults(document, op, q as any);
  const gen = () => ({ doc: document, random: seededRandom(1), clock: { from: now - 30 * 864e5, to: now } });
  let t = performance.now();
  for (let i = 0; i < 200; i++) generateValue(gen(), plan.schema);
  console.log(id, "generate", ((performance.now() - t) / 200).toFixed(2));
  const body = generateValue(gen(), plan.schema);
  t = performance.now();
  for (let i = 0; i < 200; i++) schemaInvariantSites(document, plan.schema, body);
  console.log(id, "sites", ((performance.now() - t) / 200).toFixed(2));
  t = performance.now();
  let settled = 0;
  for (let i = 0; i < 200; i++) settled += solveResponse(document, plan, req, gen()).settled ? 1 : 0;
  console.log(id, "solve", ((performance.now() - t) / 200).toFixed(2), "settled", settled);
}
