import { checkResponse, operationPointer, requestWithDefaults, type Operation } from "@agent-analytics/contract";
import { mediaTypeOf, type Exchange } from "../http.js";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { envelopeIssues } from "./envelope.js";

type Judge = (ctx: RunContext, exchange: Exchange, verdict: Verdict) => void;

/**
 * Checks judged on every response of the operation the run received, whichever requirement
 * provoked it (valid samples, bound probes, auth probes, semantics reads, isolation reads).
 */
const OBSERVED: { check: string; title: string; ref: (op: Operation) => string; judge: Judge }[] = [
  {
    check: "status-code",
    title: "answers only with documented statuses",
    ref: (op) => `${operationPointer(op)}/responses`,
    judge: (ctx, ex, v) => {
      const check = result(ctx, ex);
      v.check(check.statusDocumented, ex, `status ${ex.response!.status} is not documented`, `one of ${Object.keys(ex.operation.responses).join(", ")}`, [`${operationPointer(ex.operation)}/responses`]);
    },
  },
  {
    check: "content-type",
    title: "uses the documented content type",
    ref: (op) => `${operationPointer(op)}/responses`,
    judge: (ctx, ex, v) => {
      const check = result(ctx, ex);
      if (!check.statusDocumented) return;
      const documented = Object.keys(ex.operation.responses[String(ex.response!.status)]?.content ?? {});
      const rule = `${operationPointer(ex.operation)}/responses/${ex.response!.status}`;
      v.check(check.contentTypeDocumented, ex, `content type ${mediaTypeOf(ex.response) ?? "(none)"} is not documented for ${ex.response!.status}`, documented.join(" or "), [rule]);
    },
  },
  {
    check: "response-schema",
    title: "bodies match the documented schema",
    ref: (op) => `${operationPointer(op)}/responses`,
    judge: (ctx, ex, v) => {
      const issues = result(ctx, ex).schemaIssues;
      if (issues.length === 0) return;
      const text = issues.slice(0, 5).map((i) => `${i.pointer || "/"} ${i.message}`).join("; ");
      v.fail(ex, `the ${ex.response!.status} body does not match its schema: ${text}`, `a body valid against the schema of ${ex.response!.status}`, issues.flatMap((i) => (i.rule ? [i.rule] : [])));
    },
  },
  {
    check: "envelope",
    title: "bodies have the module's top-level shape (success envelope or error format)",
    ref: (op) => `${operationPointer(op)}/responses`,
    judge: (ctx, ex, v) => {
      const { status, body } = ex.response!;
      const issues = envelopeIssues(ctx.doc, ex.operation, status, mediaTypeOf(ex.response), body);
      const expected = status < 400 ? "the documented success envelope" : "the module's error format";
      if (issues.length) v.fail(ex, `${status} body: ${issues.map((i) => i.message).join("; ")}`, expected, issues.map((i) => i.rule));
    },
  },
  {
    check: "invariants",
    title: "every declared invariant (and declared header value) holds on every response",
    ref: (op) => `${operationPointer(op)}/responses (x-invariants)`,
    judge: (ctx, ex, v) => {
      // Relations involving the request only mean something for a request the contract accepts.
      if (!ex.parsed && ex.response!.status < 400) return;
      const check = result(ctx, ex);
      for (const failure of check.invariantFailures) {
        v.fail(ex, `${failure.invariant.id} (${failure.declaredOn}${failure.pointer ? ` at ${failure.pointer}` : ""}) fails: ${failure.reason}`, failure.invariant.expr, [failure.rule]);
      }
      // A header whose value the contract declares from the request (the `limit` applied) is a relation too.
      for (const issue of check.headerIssues) v.fail(ex, issue.message, `the header the contract declares for this request`, [issue.rule]);
    },
  },
  {
    check: "not-a-server-error",
    title: "never answers with a server error",
    ref: (op) => `${operationPointer(op)}/responses`,
    judge: (_ctx, ex, v) => {
      v.check(!!ex.response && ex.response.status < 500, ex, `answered ${describeResponse(ex)}`, "a response below 500");
    },
  },
];

const cache = new WeakMap<Exchange, ReturnType<typeof checkResponse>>();

function result(ctx: RunContext, ex: Exchange) {
  let found = cache.get(ex);
  if (!found) {
    const request = ex.parsed ?? requestWithDefaults(ctx.doc, ex.operation, {});
    const { status, body } = ex.response!;
    const headers = ex.parsed ? ex.response!.headers : undefined;
    found = checkResponse(ctx.doc, ctx.validator, ex.operation, request, { status, contentType: ex.response!.headers["content-type"], body, headers });
    cache.set(ex, found);
  }
  return found;
}

export function observedRequirements(operation: Operation): Requirement[] {
  return OBSERVED.map(({ check, title, ref, judge }) => ({
    id: `${operation.conformanceClass}.${operation.operationId}.${check}`,
    class: operation.conformanceClass,
    operationId: operation.operationId,
    title: `${operation.operationId} ${title}`,
    specRef: ref(operation),
    phase: "observe" as const,
    async run(ctx: RunContext) {
      const seen = ctx.client.exchanges.concat(ctx.clientB?.exchanges ?? []).filter((ex) => ex.operation === operation);
      const considered = check === "not-a-server-error" ? seen : seen.filter((ex) => ex.response);
      if (considered.length === 0) throw new Skip("no response of this operation was observed");
      const verdict = new Verdict();
      for (const ex of considered) judge(ctx, ex, verdict);
      return verdict.outcome();
    },
  }));
}
