import { operationPointer, type Operation } from "@agent-analytics/contract";
import { Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { expectError } from "./error-format.js";

/** Query parameters naming a store: unknown values are 404 (agentos `db_id`, `table`). */
const STORE_PARAMETERS = ["db_id", "table"];

/** `not-found`: unknown path ids (and unknown stores) answer the module's 404, where documented. */
export function notFoundRequirement(operation: Operation): Requirement | undefined {
  if (!operation.responses["404"]) return undefined;
  const stores = operation.parameters.filter((p) => p.in === "query" && STORE_PARAMETERS.includes(p.name)).map((p) => p.name);
  if (operation.pathParameterNames.length === 0 && stores.length === 0) return undefined;
  return {
    id: `${operation.conformanceClass}.${operation.operationId}.not-found`,
    class: operation.conformanceClass,
    operationId: operation.operationId,
    title: `${operation.operationId} answers 404 in the module's error format for unknown ids`,
    specRef: `${operationPointer(operation)}/responses/404`,
    phase: "probe",
    async run(ctx: RunContext) {
      const verdict = new Verdict();
      const unknown = `${ctx.prefix}_unknown`;
      const sample = ctx.sampleCall(operation);
      const known = typeof sample === "string" ? undefined : sample;
      let sent = 0;
      // Each path parameter unknown in turn, the others known; the first one also alone.
      for (const [i, name] of operation.pathParameterNames.entries()) {
        if (i > 0 && !known) continue;
        const path = { ...(known?.path ?? {}), [name]: unknown };
        if (i === 0) for (const other of operation.pathParameterNames.slice(1)) path[other] = `${unknown}_${other}`;
        const ex = await ctx.client.call(operation, { ...(known ?? {}), path });
        expectError(ctx, operation, ex, 404, `unknown ${name}`, verdict);
        sent++;
      }
      // A run that exists but belongs to another agent is unknown to that agent.
      if (operation.pathParameterNames.includes("runId") && ctx.semantics) {
        const other = ctx.semantics.runOfAnotherAgent();
        if (other) {
          const ex = await ctx.client.call(operation, { path: { agentId: other.agentId, runId: other.runId } });
          expectError(ctx, operation, ex, 404, "run of another agent", verdict);
          sent++;
        }
      }
      for (const name of stores) {
        if (!known) break;
        const ex = await ctx.client.call(operation, { ...known, query: { ...known.query, [name]: unknown } });
        expectError(ctx, operation, ex, 404, `unknown ${name}`, verdict);
        sent++;
      }
      if (sent === 0) throw new Skip(typeof sample === "string" ? sample : "nothing to probe");
      return verdict.outcome();
    },
  };
}
