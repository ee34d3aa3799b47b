import { checkInvariant, type Operation } from "@agent-analytics/contract";
import type { Exchange } from "../http.js";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { fillToken, relationsOf, type Relation } from "./declared.js";

const DAY = 86_400_000;
const utcMidnight = (t: number) => Math.floor(t / DAY) * DAY;

/**
 * `relations`: every relation the operation declares (`x-relations`) holds between the reads it
 * names, on whatever data the server holds: no quiet window needed. Reads are repeated once if
 * the UTC day changed while they were made, since their windows would then differ.
 */
export function relationsRequirement(op: Operation): Requirement | undefined {
  const declared = relationsOf(op);
  if (declared.length === 0) return undefined;
  return {
    id: `${op.conformanceClass}.${op.operationId}.relations`,
    class: op.conformanceClass,
    operationId: op.operationId,
    title: `what ${op.operationId} reports agrees with the other operations its relations name (${declared.map((d) => d.relation.id).join(", ")})`,
    specRef: `${declared[0]!.pointer.replace(/\/\d+$/, "")}`,
    phase: "relations",
    async run(ctx) {
      const verdict = new Verdict();
      const unclaimed: string[] = [];
      for (const { relation, pointer } of declared) {
        const modules = [...new Set(Object.values(relation.reads).map((r) => ctx.op(r.operationId).conformanceClass))];
        const missing = modules.filter((m) => !ctx.claimed.has(m));
        if (missing.length) {
          unclaimed.push(`${relation.id} (reads ${missing.join(", ")}, not claimed)`);
          continue;
        }
        await checkRelation(ctx, relation, pointer, verdict);
      }
      const outcome = verdict.outcome();
      if (outcome.status === "pass" && unclaimed.length) return { status: "pass", reason: `outside the claim, not checked: ${unclaimed.join("; ")}` };
      return outcome;
    },
  };
}

async function checkRelation(ctx: RunContext, relation: Relation, pointer: string, verdict: Verdict): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const today = utcMidnight(Date.now());
    const bodies: Record<string, unknown> = {};
    let last: Exchange | undefined;
    for (const [name, read] of Object.entries(relation.reads)) {
      const path: Record<string, string> = {};
      const query: Record<string, string> = {};
      for (const [target, values] of [[path, read.path], [query, read.query]] as const) {
        for (const [key, raw] of Object.entries(values ?? {})) {
          const value = fillToken(String(raw), today, ctx.ids);
          if (value === undefined) throw new Skip(`${relation.id}: ${raw} names an id the kit does not know (claim ingest so it loads one, or pass it as an option)`);
          target[key] = value;
        }
      }
      const ex = await ctx.client.call(ctx.op(read.operationId), { path, query });
      last = ex;
      if (!verdict.check(ex.response?.status === 200, ex, `${relation.id}: the read "${name}" answered ${describeResponse(ex)}`, "200", [pointer])) return;
      bodies[name] = ex.response!.body;
    }
    if (utcMidnight(Date.now()) !== today && attempt === 0) continue;
    const outcome = checkInvariant({ id: relation.id, expr: relation.expr }, bodies);
    if (!outcome.ok) {
      const shown = Object.entries(bodies).map(([k, v]) => `${k}: ${truncate(JSON.stringify(v))}`).join("; ");
      verdict.fail(last!, `${outcome.reason} (${shown})`, relation.description ?? relation.expr, [pointer]);
    }
    return;
  }
}

function truncate(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
