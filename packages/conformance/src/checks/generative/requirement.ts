import { operationPointer, type Operation } from "@agent-analytics/contract";
import fc from "fast-check";
import type { Exchange } from "../../http.js";
import { Skip, Verdict, type Requirement } from "../../requirement.js";
import type { RunContext } from "../../run-context.js";
import { casesFor, type Case, type CaseKind } from "./cases.js";
import { problemWith, type Problem } from "./judge.js";

/** Requests a failure may cost beyond the generated cases while it is shrunk: a run stays bounded. */
export const SHRINK_BUDGET = 60;

const KINDS: { kind: CaseKind; check: string; title: string; ref: string }[] = [
  { kind: "valid", check: "generated-valid", title: "serves requests generated from every parameter's schema, format edges included, and never fails on them", ref: "parameters" },
  { kind: "invalid", check: "generated-invalid", title: "refuses each generated violation (type, bound, format, enum, missing, malformed or mistyped body) with the documented status in the module's format", ref: "responses" },
  { kind: "hostile", check: "hostile-input", title: "never answers a server error to hostile strings (NUL, lone surrogates, path and SQL metacharacters) in any parameter or body field", ref: "responses" },
];

/** A different, reproducible seed for each requirement, so that a narrowed run replays the same cases. */
function seedFor(seed: number, id: string): number {
  let h = seed | 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return h;
}

/** Property-based requirements of one operation, one per kind of generated request. */
export function generativeRequirements(op: Operation): Requirement[] {
  return KINDS.map(({ kind, check, title, ref }) => {
    const id = `${op.conformanceClass}.${op.operationId}.${check}`;
    return {
      id,
      class: op.conformanceClass,
      operationId: op.operationId,
      title: `${op.operationId} ${title}`,
      specRef: `${operationPointer(op)}/${ref === "parameters" && !op.object.parameters?.length ? "requestBody" : ref}`,
      phase: "probe" as const,
      async run(ctx: RunContext) {
        const cases = casesFor(ctx, op, kind);
        if (!cases) return { status: "pass" as const, reason: "nothing to generate: the operation takes no such input" };
        if (ctx.maxExamples === 0) throw new Skip("--max-examples 0: no case generated");
        return runProperty(ctx, op, kind, cases.arbitrary, cases.always, seedFor(ctx.seed, id));
      },
    };
  });
}

async function runProperty(ctx: RunContext, op: Operation, kind: CaseKind, cases: fc.Arbitrary<Case>, always: Case[], seed: number) {
  const seen = new WeakMap<Case, { ex: Exchange; problem: Problem }>();
  let sent = 0;
  const property = fc.asyncProperty(cases, async (c) => {
    // Past the budget, further shrink candidates count as passing: the last failure found stands.
    if (sent >= always.length + ctx.maxExamples + SHRINK_BUDGET) return true;
    sent++;
    const ex = await ctx.client.call(op, c.call);
    const problem = problemWith(ctx, op, kind, c, ex);
    if (problem) seen.set(c, { ex, problem });
    return problem === undefined;
  });
  const details = await fc.check(property, { seed, numRuns: always.length + ctx.maxExamples, examples: always.map((c) => [c] as [Case]) });
  const verdict = new Verdict();
  if (details.failed && details.counterexample) {
    const found = seen.get(details.counterexample[0]);
    if (found) {
      const how = `shrunk in ${details.numShrinks} step(s) from case ${details.numRuns} of ${always.length} listed + ${ctx.maxExamples} generated; replay with --seed ${ctx.seed} --operation ${op.operationId}`;
      verdict.fail(found.ex, `${found.problem.message} (${how})`, found.problem.expected, found.problem.rules);
    } else if (details.errorInstance) {
      throw details.errorInstance;
    }
  }
  const outcome = verdict.outcome();
  return outcome.status === "pass" ? { status: "pass" as const, reason: `${details.numRuns} case(s) (${always.length} listed, the rest generated), seed ${seed}` } : outcome;
}
