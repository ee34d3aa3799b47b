import { deref, listOperations, operationPointer, type Operation, type ResponseObject } from "@agent-analytics/contract";
import type { Call, Exchange } from "../http.js";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { evaluateExpression, type LinkScope } from "./expression.js";

/** An OpenAPI link, with the `x-each` extension: follow it once per item of a list. */
interface Link {
  operationId: string;
  description?: string;
  parameters?: Record<string, string>;
  "x-each"?: string;
}

/** Items followed per link: enough to see a broken one, bounded on a large page or batch. */
const MAX_FOLLOWED = 20;

function linksOf(op: Operation, doc: RunContext["doc"]): [string, Link][] {
  const ok = op.responses["200"];
  if (!ok) return [];
  const links = (deref<ResponseObject>(doc, ok) as ResponseObject & { links?: Record<string, Link> }).links ?? {};
  return Object.entries(links);
}

/**
 * `links`: every link the operation's 200 response declares leads somewhere: each target read
 * with the values the link names (per item of its `x-each` list) answers 200. A stateful
 * sequence the contract states, walked on the kit's own data.
 */
export function linksRequirement(doc: RunContext["doc"], op: Operation): Requirement | undefined {
  const links = linksOf(op, doc);
  if (links.length === 0) return undefined;
  return {
    id: `${op.conformanceClass}.${op.operationId}.links`,
    class: op.conformanceClass,
    operationId: op.operationId,
    title: `every link of ${op.operationId}'s answer (${links.map(([name]) => name).join(", ")}) leads to a readable record`,
    specRef: `${operationPointer(op)}/responses/200/links`,
    phase: "relations",
    async run(ctx) {
      const source = await sourceExchange(ctx, op);
      if (source.response?.status !== 200) throw new Skip(`the source request answered ${describeResponse(source)}, not 200`);
      const scope: LinkScope = {
        request: { path: pathOf(source), query: source.parsed?.query ?? {}, body: source.request.body },
        response: { body: source.response.body },
      };
      const verdict = new Verdict();
      let followed = 0;
      const outside: string[] = [];
      for (const [name, link] of links) {
        const target = listOperations(ctx.doc).find((o) => o.operationId === link.operationId);
        if (!target) throw new Error(`link ${name} names an unknown operation ${link.operationId}`);
        if (!ctx.claimed.has(target.conformanceClass)) {
          outside.push(`${name} (${target.conformanceClass} not claimed)`);
          continue;
        }
        const items = link["x-each"] === undefined ? [undefined] : evaluateExpression(link["x-each"], scope);
        if (!Array.isArray(items)) {
          verdict.fail(source, `link ${name}: x-each ${link["x-each"]} is not a list in this exchange`, "a list to follow");
          continue;
        }
        for (const item of items.slice(0, MAX_FOLLOWED)) {
          const call: Call = { path: {}, query: {} };
          for (const [param, expression] of Object.entries(link.parameters ?? {})) {
            const value = evaluateExpression(expression, { ...scope, each: item });
            const where = target.parameters.find((p) => p.name === param)?.in === "path" ? call.path! : call.query!;
            if (value !== undefined) where[param] = String(value);
          }
          const ex = await ctx.client.call(target, call);
          followed++;
          verdict.check(ex.response?.status === 200, ex, `link ${name} to ${link.operationId}: answered ${describeResponse(ex)}`, `200: ${link.description ?? "the linked record"}`, [`${operationPointer(op)}/responses/200/links/${name}`]);
        }
      }
      const outcome = verdict.outcome();
      const note = outside.length ? `; outside the claim, not followed: ${outside.join(", ")}` : "";
      if (outcome.status === "pass" && followed === 0 && outside.length === 0) throw new Skip("no link could be followed: the source answer held nothing to follow");
      return outcome.status === "pass" ? { status: "pass", reason: `${followed} link(s) followed${note}` } : outcome;
    },
  };
}

/** The request whose answer the links start from: the dataset's batch re-sent, or the sample request. */
async function sourceExchange(ctx: RunContext, op: Operation): Promise<Exchange> {
  if (op.requestBody) {
    if (!ctx.semantics) throw new Skip(`the links of ${op.operationId} start from the kit's dataset, which was not loaded (${ctx.semanticsUnavailable?.reason ?? "no reason"})`);
    // Re-sending the loaded batch is idempotent (all duplicates) and names every record it holds.
    return ctx.client.call(op, { body: ctx.semantics.dataset.batch });
  }
  const sample = ctx.sampleCall(op);
  if (typeof sample === "string") throw new Skip(sample);
  return ctx.client.call(op, sample);
}

function pathOf(ex: Exchange): Record<string, string> {
  return Object.fromEntries(Object.entries(ex.parsed?.path ?? {}).map(([k, v]) => [k, String(v)]));
}
