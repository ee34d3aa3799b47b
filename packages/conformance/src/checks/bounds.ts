import { checkResponse, operationPointer, requestWithDefaults, validationStatus, type Operation } from "@agent-analytics/contract";
import type { Call, Exchange } from "../http.js";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { boundProbes, type BoundProbe } from "./bound-probes.js";

/** `<class>.<op>.bounds`: documented bounds accepted on the inside, rejected on the outside. */
export function boundsRequirement(doc: RunContext["doc"], operation: Operation): Requirement | undefined {
  if (boundProbes(doc, operation, { firstDay: "2024-01-01", endDay: "2024-02-01" }).length === 0) return undefined;
  return {
    id: `${operation.conformanceClass}.${operation.operationId}.bounds`,
    class: operation.conformanceClass,
    operationId: operation.operationId,
    title: `${operation.operationId} accepts values inside every documented bound and rejects those outside with ${validationStatus(operation)}`,
    specRef: `${operationPointer(operation)}/parameters`,
    phase: "probe",
    async run(ctx) {
      const sample = ctx.sampleCall(operation);
      if (typeof sample === "string") throw new Skip(sample);
      const verdict = new Verdict();
      for (const probe of boundProbes(ctx.doc, operation, ctx.window)) {
        const exchange = await ctx.client.call(operation, applyProbe(ctx, sample, probe));
        judgeProbe(ctx, operation, probe, exchange, verdict);
      }
      return verdict.outcome();
    },
  };
}

function applyProbe(ctx: RunContext, sample: Call, probe: BoundProbe): Call {
  const query: Record<string, string | undefined> = { ...(sample.query as Record<string, string>) };
  for (const [name, value] of Object.entries(probe.query ?? {})) query[name] = value === null ? undefined : value;
  const call: Call = { ...sample, query };
  if (probe.body === "absent") delete call.body;
  else if (probe.body) call.body = probe.body.value;
  else if (sample.body !== undefined) call.body = { users: [{ id: ctx.freshId("probe_user") }] };
  return call;
}

function judgeProbe(ctx: RunContext, operation: Operation, probe: BoundProbe, ex: Exchange, verdict: Verdict) {
  const status = ex.response?.status;
  if (probe.expect === "accept") {
    verdict.check(status !== undefined && status >= 200 && status < 300, ex, `${probe.label}: answered ${describeResponse(ex)}`, "a 2xx: the value is inside the documented bounds", [probe.rule]);
    return;
  }
  if (probe.expect === "empty-list") {
    const body = ex.response?.body as { metrics?: unknown[] } | undefined;
    verdict.check(status === 200 && Array.isArray(body?.metrics) && body.metrics.length === 0, ex, `${probe.label}: answered ${describeResponse(ex)}`, "200 with an empty list: a reversed range matches no day", [probe.rule]);
    return;
  }
  const wanted = validationStatus(operation);
  if (!verdict.check(status === wanted, ex, `${probe.label}: answered ${describeResponse(ex)}`, `${wanted} in the module's error format`, [probe.rule])) return;
  const check = checkResponse(ctx.doc, ctx.validator, operation, requestWithDefaults(ctx.doc, operation, {}), {
    status: wanted,
    contentType: ex.response!.headers["content-type"],
    body: ex.response!.body,
  });
  const rules = check.schemaIssues.length ? check.schemaIssues.flatMap((i) => (i.rule ? [i.rule] : [])) : [`${operationPointer(operation)}/responses/${wanted}`];
  verdict.check(check.contentTypeDocumented && check.schemaIssues.length === 0, ex, `${probe.label}: the ${wanted} body is not in the module's error format`, `a body valid against the documented ${wanted} schema`, rules);
}
