import { checkResponse, requestWithDefaults, type Operation } from "@agent-analytics/contract";
import type { Exchange } from "../http.js";
import { describeResponse, type Verdict } from "../requirement.js";
import type { RunContext } from "../run-context.js";

/** Expects exactly `status`, with a body valid against the schema the operation documents for it. */
export function expectError(ctx: RunContext, operation: Operation, ex: Exchange, status: number, what: string, verdict: Verdict): boolean {
  if (!verdict.check(ex.response?.status === status, ex, `${what}: answered ${describeResponse(ex)}`, `${status} in the module's error format`)) return false;
  const check = checkResponse(ctx.doc, ctx.validator, operation, requestWithDefaults(ctx.doc, operation, {}), {
    status,
    contentType: ex.response!.headers["content-type"],
    body: ex.response!.body,
  });
  const issues = check.schemaIssues.map((i) => `${i.pointer || "/"} ${i.message}`).join("; ");
  return verdict.check(
    check.contentTypeDocumented && check.schemaIssues.length === 0,
    ex,
    `${what}: the ${status} body is not in the module's error format${issues ? ` (${issues})` : ""}`,
    `a body valid against the documented ${status} schema`,
  );
}
