import type { Operation } from "@agent-analytics/contract";
import { Skip, Verdict, type Requirement } from "../requirement.js";
import type { FigureCheck } from "./figure-check.js";

/** A requirement that needs the loaded dataset (and, for isolation, the second key). */
export function semanticRequirement(cls: string, op: Operation, check: string, title: string, specRef: string, figures: FigureCheck): Requirement {
  return {
    id: `${cls}.${op.operationId}.${check}`,
    class: cls,
    operationId: op.operationId,
    title,
    specRef,
    phase: "semantics",
    ...(cls !== op.conformanceClass ? { module: op.conformanceClass } : {}),
    // Figures are checked over records loaded through the ingest module, which is this contract's own.
    rules: [{ module: "ingest", address: "#" }],
    async run(ctx) {
      if (cls === "isolation" && !ctx.clientB) throw new Skip("the isolation class needs --token-b, a key of another organisation");
      if (!ctx.semantics) {
        const unavailable = ctx.semanticsUnavailable ?? { reason: "the dataset was not loaded" };
        if (!unavailable.exchange) throw new Skip(unavailable.reason);
        const verdict = new Verdict();
        verdict.fail(unavailable.exchange, unavailable.reason, "the kit's dataset loaded into a quiet window");
        return verdict.outcome();
      }
      const verdict = new Verdict();
      const note = await figures(ctx, ctx.semantics, verdict);
      const outcome = verdict.outcome();
      return note && outcome.status === "pass" ? { status: "pass", reason: note } : outcome;
    },
  };
}
