import { describeProvenance, provenanceOf, type OpenApiDocument } from "@agent-analytics/contract";
import type { Outcome, Requirement } from "./requirement.js";
import type { ConformanceLevel, Failure, RequirementResult, RuleRef } from "./types.js";

type Judged = Pick<RequirementResult, "status" | "reason" | "failures" | "warnings">;

/**
 * A requirement's result at a level. Every failure is annotated with the provenance of the rules it
 * breaks (its own, or the requirement's). Under `source`, a failure whose rules are all decisions of
 * the contract becomes a warning naming them; a requirement left with warnings only is `warn`.
 */
export function judge(doc: OpenApiDocument, requirement: Requirement, outcome: Outcome, level: ConformanceLevel): Judged {
  if (outcome.status !== "fail") return { status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}), failures: [], warnings: [] };
  const classify = (rules: RuleRef[] | undefined) => {
    const refs = rules ?? requirement.rules ?? [];
    const provenances = refs.map((r) => provenanceOf(doc, r.module, r.address));
    const decisions = provenances.flatMap((p) => (p?.by === "contract" ? [p.decision.id] : []));
    const contractOnly = refs.length > 0 && decisions.length === refs.length;
    return { refs, provenances, decisions: [...new Set(decisions)], contractOnly };
  };
  const annotated = outcome.failures.map((failure) => {
    const c = classify(failure.rules);
    const note: Failure = { ...failure, ...(c.refs.length ? { rules: c.refs, provenance: [...new Set(c.provenances.map(describeProvenance))] } : {}) };
    return { failure: c.contractOnly ? { ...note, decisions: c.decisions } : note, contractOnly: c.contractOnly };
  });
  if (level === "contract") return { status: "fail", ...(outcome.reason ? { reason: outcome.reason } : {}), failures: annotated.map((a) => a.failure), warnings: [] };

  const failures = annotated.filter((a) => !a.contractOnly).map((a) => a.failure);
  const warnings = annotated.filter((a) => a.contractOnly).map((a) => a.failure);
  const unlistedSource = (outcome.unlisted ?? []).filter((rules) => !classify(rules).contractOnly).length;
  if (failures.length > 0) return { status: "fail", reason: summary(failures, unlistedSource), failures, warnings };
  if (unlistedSource > 0) {
    return { status: "fail", reason: `${unlistedSource} failure(s) of rules the source documents, past the ones listed`, failures, warnings };
  }
  const decisions = [...new Set(warnings.flatMap((w) => w.decisions ?? []))];
  return { status: "warn", reason: `only rules this contract decided fail (${decisions.join(", ")}): ${warnings[0]!.message}`, failures, warnings };
}

function summary(failures: Failure[], more: number): string {
  const others = failures.length - 1 + more;
  return `${failures[0]!.message}${others > 0 ? ` (and ${others} more)` : ""}`;
}
